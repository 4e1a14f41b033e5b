package boltstore

import (
	"path/filepath"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/sim/world"

	_ "github.com/iamlab/iamlab/sim" // the services whose sections the seed has
)

type note struct {
	Text string `json:"text"`
}

var notes = world.NewKind[note]("test/note")

// A world reopened on the same state file finds what was committed and
// not what was deleted; the seed's policies are parsed back.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	open := func() *world.World {
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		w, err := world.Open(st, world.Options{Managed: embedded.Catalog().ManagedText})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	w := open()
	if err := w.Apply(world.SeedFile().WithoutSections()); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"a", "b"} {
		if err := w.Update(func(tx *world.Tx) error { return notes.Put(tx, k, &note{k}) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Update(func(tx *world.Tx) error { return notes.Delete(tx, "b") }); err != nil {
		t.Fatal(err)
	}
	w.Close()
	w = open()
	defer w.Close()
	_ = w.View(func(tx *world.Tx) error {
		if n, ok := notes.Get(tx, "a"); !ok || n.Text != "a" {
			t.Errorf("a = %v", n)
		}
		if _, ok := notes.Get(tx, "b"); ok {
			t.Error("b was deleted")
		}
		r, ok := world.Roles.Get(tx, world.NameKey("123456789012", "XX-s3-upload-role"))
		if !ok || r.Trust.Policy == nil || len(r.Trust.Policy.Statements) != 1 {
			t.Errorf("role %+v", r)
		}
		return nil
	})
	// A second process cannot open the file while this one holds it.
	if _, err := Open(path); err == nil {
		t.Error("the state file opened twice")
	}
}
