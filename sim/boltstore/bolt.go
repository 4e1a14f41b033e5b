// Package boltstore keeps a simulated AWS's world in a bbolt file
// (`iamlab serve --state PATH`). It is a package of its own because bbolt
// does not build for WebAssembly, where the world lives in memory.
package boltstore

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/iamlab/iamlab/sim/world"
)

// boltOpenTimeout bounds the wait for the file lock that another process
// holding the same state file keeps.
const boltOpenTimeout = 2 * time.Second

// Bolt is a world.Store in a bbolt file (`iamlab serve --state PATH`): one bucket
// per namespace. bbolt syncs the file at every commit, so a batch is on
// disk when Commit returns.
type Bolt struct{ db *bolt.DB }

// Open opens (or creates) the state file at path.
func Open(path string) (*Bolt, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: boltOpenTimeout})
	if err != nil {
		return nil, fmt.Errorf("state %s: %w", path, err)
	}
	return &Bolt{db: db}, nil
}

// Load implements world.Store.
func (b *Bolt) Load(fn func(ns, key string, val []byte) error) error {
	return b.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			ns := string(name)
			return bk.ForEach(func(k, v []byte) error {
				// bbolt's bytes live only as long as the transaction.
				return fn(ns, string(k), append([]byte(nil), v...))
			})
		})
	})
}

// Commit implements world.Store: one bbolt transaction, synced before it returns.
func (b *Bolt) Commit(ops []world.Op) error {
	return b.db.Update(func(tx *bolt.Tx) error {
		for _, op := range ops {
			if op.Val == nil {
				if bk := tx.Bucket([]byte(op.NS)); bk != nil {
					if err := bk.Delete([]byte(op.Key)); err != nil {
						return err
					}
				}
				continue
			}
			bk, err := tx.CreateBucketIfNotExists([]byte(op.NS))
			if err != nil {
				return err
			}
			if err := bk.Put([]byte(op.Key), op.Val); err != nil {
				return err
			}
		}
		return nil
	})
}

// Close implements world.Store.
func (b *Bolt) Close() error { return b.db.Close() }
