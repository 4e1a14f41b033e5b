package world

import (
	"sort"
	"sync"
)

// Memory is a Store that keeps its records in memory: the world of
// `iamlab serve` without --state, of tests, and of the page's WebAssembly.
// A World opened again on the same Memory finds what the last one
// committed, as it would on disk.
type Memory struct {
	mu   sync.Mutex
	recs map[string]map[string][]byte
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{recs: map[string]map[string][]byte{}} }

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
			if err := fn(ns, k, m.recs[ns][k]); err != nil {
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
		if op.Val == nil {
			delete(b, op.Key)
			continue
		}
		if b == nil {
			b = map[string][]byte{}
			m.recs[op.NS] = b
		}
		b[op.Key] = op.Val
	}
	return nil
}

// Close implements Store.
func (m *Memory) Close() error { return nil }
