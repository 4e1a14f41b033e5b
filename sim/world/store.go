package world

// Store keeps a world's records durably. Every record lives in a namespace
// (one per kind of resource, such as "iam/user" or "s3/bucket") under a
// key; values are opaque bytes (the world writes JSON).
//
// Commit must make a batch durable before it returns: the handler answers a
// call only after the call's changes are committed, so that a crash loses
// nothing a client saw acknowledged.
type Store interface {
	// Load calls fn for every record, namespace by namespace.
	Load(fn func(ns, key string, val []byte) error) error
	// Commit writes a batch atomically and durably: all of it or none.
	Commit(ops []Op) error
	Close() error
}

// Op is one write of a batch: Val is the record's JSON, nil to delete it.
// Rec is the record itself (nil to delete): a store that keeps records
// (RecordKeeper) gets Rec alone, and no JSON.
type Op struct {
	NS, Key string
	Val     []byte
	Rec     any
}

// Deleted reports whether the op deletes its record.
func (op *Op) Deleted() bool { return op.Val == nil && op.Rec == nil }

// A RecordKeeper is a Store that keeps the records themselves rather
// than their bytes (Memory): the world then marshals a record only when
// the store is loaded again, not on every write. Records never change
// once stored.
type RecordKeeper interface {
	Store
	KeepsRecords()
}
