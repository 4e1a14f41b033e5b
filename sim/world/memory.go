package world

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// Memory is a Store that keeps its records in memory: the world of
// `iamlab serve` without --state, of tests, and of the page's WebAssembly.
// A World opened again on the same Memory finds what the last one
// committed, as it would on disk. It keeps the records themselves (a
// RecordKeeper), written as JSON only when loaded again.
type Memory struct {
	mu   sync.Mutex
	recs map[string]map[string]any // a record, or its JSON ([]byte)
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{recs: map[string]map[string]any{}} }

// KeepsRecords implements RecordKeeper.
func (m *Memory) KeepsRecords() {}

// Load implements Store, in the order of namespaces and keys.
func (m *Memory) Load(fn func(ns, key string, val []byte) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	nss := make([]string, 0, len(m.recs))
	for ns := range m.recs {
		nss = append(nss, ns)
	}
	sort.Strings(nss)
	for _, ns := range nss {
		keys := make([]string, 0, len(m.recs[ns]))
		for k := range m.recs[ns] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			val, ok := m.recs[ns][k].([]byte)
			if !ok {
				b, err := json.Marshal(m.recs[ns][k])
				if err != nil {
					return fmt.Errorf("world: %s %s: %w", ns, k, err)
				}
				val = b
			}
			if err := fn(ns, k, val); err != nil {
				return err
			}
		}
	}
	return nil
}

// Commit implements Store.
func (m *Memory) Commit(ops []Op) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, op := range ops {
		b := m.recs[op.NS]
		if op.Deleted() {
			delete(b, op.Key)
			continue
		}
		if b == nil {
			b = map[string]any{}
			m.recs[op.NS] = b
		}
		if op.Rec != nil {
			b[op.Key] = op.Rec
		} else {
			b[op.Key] = op.Val
		}
	}
	return nil
}

// Close implements Store.
func (m *Memory) Close() error { return nil }
