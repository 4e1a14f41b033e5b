package world

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// A Kind is one kind of record that a package owns (IAM users, S3 buckets,
// KMS keys...), persisted in its own namespace of the Store as JSON. Each
// service package declares its kinds once, at init:
//
//	var buckets = world.NewKind[Bucket]("s3/bucket")
//
// and reads and writes them inside World.View and World.Update. A record a
// Tx returns is shared by every reader: treat it as immutable and Put a
// changed copy instead. Whatever a record's UnmarshalJSON derives (parsed
// policies) is thus derived once, when it is saved or loaded.
type Kind[T any] struct{ ns string }

// kinds maps a namespace to the decoder of its records.
var kinds = struct {
	sync.Mutex
	m map[string]func([]byte) (any, error)
}{m: map[string]func([]byte) (any, error){}}

// NewKind declares the kind of record stored in namespace ns. Namespaces
// are "SERVICE/THING"; declaring one twice panics (two packages would
// overwrite each other's records).
func NewKind[T any](ns string) Kind[T] {
	kinds.Lock()
	defer kinds.Unlock()
	if _, dup := kinds.m[ns]; dup {
		panic("world: namespace " + ns + " declared twice")
	}
	kinds.m[ns] = func(b []byte) (any, error) {
		v := new(T)
		if err := json.Unmarshal(b, v); err != nil {
			return nil, err
		}
		return v, nil
	}
	return Kind[T]{ns: ns}
}

func decoder(ns string) func([]byte) (any, error) {
	kinds.Lock()
	defer kinds.Unlock()
	return kinds.m[ns]
}

// NS is the kind's namespace.
func (k Kind[T]) NS() string { return k.ns }

// Get returns the record stored under key.
func (k Kind[T]) Get(tx *Tx, key string) (*T, bool) {
	v, ok := tx.get(k.ns, key)
	if !ok {
		return nil, false
	}
	return v.(*T), true
}

// Put stores v under key; the Tx must be an Update's. v must not change
// afterwards: readers get this very value (and a RecordKeeper store).
func (k Kind[T]) Put(tx *Tx, key string, v *T) error {
	var b []byte
	if !tx.w.keepsRecords {
		var err error
		if b, err = json.Marshal(v); err != nil {
			return fmt.Errorf("world: %s %s: %w", k.ns, key, err)
		}
	}
	return tx.put(k.ns, key, v, b)
}

// Delete removes the record under key, if any; the Tx must be an Update's.
func (k Kind[T]) Delete(tx *Tx, key string) error { return tx.put(k.ns, key, nil, nil) }

// List returns the records whose keys start with prefix, in key order.
func (k Kind[T]) List(tx *Tx, prefix string) []*T {
	var out []*T
	tx.scan(k.ns, prefix, func(_ string, v any) { out = append(out, v.(*T)) })
	return out
}

// Len is the number of committed records of the kind (an Update's own
// writes not counted).
func (k Kind[T]) Len(tx *Tx) int { return len(tx.w.recs[k.ns]) }

// Each calls fn for every record, in no particular order, until fn
// returns false: a sweep that needs no order (PruneSessions) is spared
// List's sort.
func (k Kind[T]) Each(tx *Tx, fn func(key string, v *T) bool) {
	for key, v := range tx.w.recs[k.ns] {
		if _, shadowed := tx.pending[k.ns][key]; shadowed {
			continue
		}
		if !fn(key, v.(*T)) {
			return
		}
	}
	for key, v := range tx.pending[k.ns] {
		if v != nil && !fn(key, v.(*T)) {
			return
		}
	}
}

// Tx is a view of the world inside View or Update. An Update's writes are
// seen by its own reads at once and by everyone else once committed.
type Tx struct {
	w     *World
	write bool
	// pending holds the Update's writes: ns → key → record (nil: deleted).
	pending map[string]map[string]any
	batch   []Op
}

func (tx *Tx) get(ns, key string) (any, bool) {
	if p, ok := tx.pending[ns][key]; ok {
		return p, p != nil
	}
	v, ok := tx.w.recs[ns][key]
	return v, ok
}

func (tx *Tx) put(ns, key string, v any, b []byte) error {
	if !tx.write {
		return fmt.Errorf("world: write of %s %s outside an Update", ns, key)
	}
	if tx.pending == nil {
		tx.pending = map[string]map[string]any{}
	}
	m := tx.pending[ns]
	if m == nil {
		m = map[string]any{}
		tx.pending[ns] = m
	}
	if v == nil {
		m[key] = nil
		tx.batch = append(tx.batch, Op{NS: ns, Key: key})
		return nil
	}
	m[key] = v
	tx.batch = append(tx.batch, Op{NS: ns, Key: key, Val: b, Rec: v})
	return nil
}

func (tx *Tx) scan(ns, prefix string, fn func(string, any)) {
	var keys []string
	for k := range tx.w.recs[ns] {
		if strings.HasPrefix(k, prefix) {
			if _, shadowed := tx.pending[ns][k]; !shadowed {
				keys = append(keys, k)
			}
		}
	}
	for k, v := range tx.pending[ns] {
		if v != nil && strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, _ := tx.get(ns, k)
		fn(k, v)
	}
}
