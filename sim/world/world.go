// Package world is the simulated AWS's state: accounts and their
// organization, IAM (users, groups, roles, policies, access keys) and STS
// sessions, and the records that each service package owns (declared with
// NewKind). Reads see committed state; writes go through Update, which
// commits them to the Store before it returns.
//
// The clock and the randomness are inputs (Options), so that the same world
// runs natively, in the page's WebAssembly and in tests.
package world

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/iamlab/iamlab/catalog"
)

// Options are a world's inputs.
type Options struct {
	// Clock gives the time; nil means time.Now.
	Clock func() time.Time
	// Rand is the source of identifiers and secrets; nil means crypto/rand.
	Rand io.Reader
	// Managed resolves an AWS managed policy's ARN to its document (the
	// catalog's); nil knows none.
	Managed func(arn string) (text string, ok bool)
	// Catalog is AWS's service data, for the save-time checks that need
	// it; nil skips them.
	Catalog *catalog.Catalog
	// RSAKey makes the RSA keys that sign tokens (Cognito, the lab's
	// OIDC issuers); nil generates them with crypto/rsa. Since Go 1.26
	// rsa.GenerateKey ignores the Rand above, and a 2048-bit key takes
	// tenths of a second natively and more in WebAssembly, so tests and
	// the page inject keys made beforehand.
	RSAKey func(bits int) (*rsa.PrivateKey, error)
}

// World holds the state of the simulated AWS.
type World struct {
	store Store
	clock func() time.Time
	randM sync.Mutex
	rand  io.Reader

	rsaKey  func(int) (*rsa.PrivateKey, error)
	managed func(string) (string, bool)
	catalog *catalog.Catalog
	awsDocs sync.Map // AWS managed policy ARN → *Doc, parsed once

	// keepsRecords: the store keeps records, Put marshals none.
	keepsRecords bool

	wmu  sync.Mutex   // one Update at a time
	mu   sync.RWMutex // guards recs against the commit of an Update
	recs map[string]map[string]any
}

// Open reads every record of the store into a new World.
func Open(s Store, opt Options) (*World, error) {
	w := &World{store: s, clock: opt.Clock, rand: opt.Rand, rsaKey: opt.RSAKey, managed: opt.Managed, catalog: opt.Catalog, recs: map[string]map[string]any{}}
	_, w.keepsRecords = s.(RecordKeeper)
	if w.clock == nil {
		w.clock = time.Now
	}
	if w.rand == nil {
		w.rand = rand.Reader
	}
	err := s.Load(func(ns, key string, val []byte) error {
		dec := decoder(ns)
		if dec == nil {
			return nil // a namespace no package of this build declares: left in the store
		}
		v, err := dec(val)
		if err != nil {
			return fmt.Errorf("world: record %s %s: %w", ns, key, err)
		}
		w.set(ns, key, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// Close closes the store.
func (w *World) Close() error {
	w.wmu.Lock()
	defer w.wmu.Unlock()
	return w.store.Close()
}

// NewRSAKey returns a new RSA private key of the given size, from the
// injected source (Options.RSAKey) or crypto/rsa.
func (w *World) NewRSAKey(bits int) (*rsa.PrivateKey, error) {
	if w.rsaKey != nil {
		return w.rsaKey(bits)
	}
	return rsa.GenerateKey(rand.Reader, bits)
}

// Now is the world's clock.
func (w *World) Now() time.Time { return w.clock() }

func (w *World) set(ns, key string, v any) {
	m := w.recs[ns]
	if m == nil {
		m = map[string]any{}
		w.recs[ns] = m
	}
	if v == nil {
		delete(m, key)
		return
	}
	m[key] = v
}

// View runs fn on the committed state.
func (w *World) View(fn func(tx *Tx) error) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return fn(&Tx{w: w})
}

// Update runs fn and commits its writes, durably, before it returns; if
// fn fails nothing is written. Updates run one at a time.
func (w *World) Update(fn func(tx *Tx) error) error {
	w.wmu.Lock()
	defer w.wmu.Unlock()
	// Only Updates change recs, and this one holds wmu: its reads need no
	// read lock.
	tx := &Tx{w: w, write: true}
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.batch) == 0 {
		return nil
	}
	if err := w.store.Commit(tx.batch); err != nil {
		return fmt.Errorf("world: commit: %w", err)
	}
	w.mu.Lock()
	for ns, m := range tx.pending {
		for k, v := range m {
			w.set(ns, k, v)
		}
	}
	w.mu.Unlock()
	return nil
}
