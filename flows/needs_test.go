package flows

import (
	"context"
	"io/fs"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
)

// NeededFiles runs a flow as a page does, fetching the catalog files each
// run misses, and returns them.
func neededFiles(t testing.TB, name string) []string {
	cat := NewFetched(InScope)
	f, _ := Get(name)
	var all []string
	for round := 0; round < 4; round++ {
		res, err := RunFlow(context.Background(), f, Options{Catalog: cat.Catalog(), Seed: 1})
		n := cat.Missed()
		if len(n) == 0 {
			if err != nil || res.Setup != nil {
				t.Fatalf("%s: %v %v", name, err, res.Setup)
			}
			return all
		}
		for _, p := range n {
			if !InScope(p) {
				t.Errorf("%s: needs %s, out of scope", name, p)
			}
			b, err := fs.ReadFile(embedded.FS(), p)
			if err != nil {
				t.Fatal(err)
			}
			cat.Add(p, string(b))
		}
		all = append(all, n...)
	}
	t.Fatalf("%s: still missing files after 4 rounds", name)
	return nil
}

// A page's first run fetches a few catalog files, in scope, and then
// runs; the files a flow needs are what the page preloads.
func TestCatalogFilesOfAPage(t *testing.T) {
	for _, name := range Names() {
		files := neededFiles(t, name)
		if len(files) == 0 || len(files) > 20 {
			t.Errorf("%s: needs %d files: %v", name, len(files), files)
		}
		pre, err := CatalogFiles(name, embedded.FS())
		if err != nil || len(pre) != len(files) {
			t.Errorf("%s: CatalogFiles %v %v, a page fetched %v", name, pre, err, files)
		}
	}
}

func BenchmarkRunFlow(b *testing.B) {
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			f, _ := Get(name)
			cat := embedded.Catalog()
			for b.Loop() {
				if _, err := RunFlow(context.Background(), f, Options{Catalog: cat, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
