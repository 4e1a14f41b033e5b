package flows

import (
	"context"
	"io/fs"
	"runtime"
	"testing"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/catalog/embedded"
)

// BenchmarkStep times one step of the Cognito flow again and again, the
// earlier steps run once before: what the page's "one simulated call"
// reads (the step's Ms), and its checks apart.
func BenchmarkStep(b *testing.B) {
	f, _ := Get("cognito-identity-pool")
	// A run first, as the page's benchmark does: WebAssembly's code is
	// compiled again, optimized, once it has run.
	if _, err := RunFlow(context.Background(), f, Options{Catalog: pageCatalog(b, f.Name), Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for _, id := range []string{"get-id", "get-credentials", "who-am-i", "put-own", "put-other", "guest-get-id", "guest-credentials", "guest-call", "sign-in"} {
		b.Run(id, func(b *testing.B) {
			r, serr, err := start(f, Options{Catalog: pageCatalog(b, f.Name), Seed: 1})
			if err != nil || serr != nil {
				b.Fatal(err, serr)
			}
			defer r.World.Close()
			ctx := context.Background()
			var s *Step
			for i := range f.Steps {
				var tm Timing
				if f.Steps[i].ID == id {
					s = &f.Steps[i]
					break
				}
				r.step(ctx, &f.Steps[i], &tm)
			}
			b.ReportAllocs()
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			c0 := cpuMicros()
			for b.Loop() {
				r.rec.take()
				if err := s.Run(ctx, r); err != nil && s.Expect == OK {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuMicros()-c0)/float64(b.N), "cpu-µs/op")
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(m0.HeapAlloc>>10), "live-KB")
			b.ReportMetric(float64(m1.NumGC-m0.NumGC)/float64(b.N), "gc/op")
		})
	}
}

// pageCatalog is the catalog as a flow page has it: the files it fetched.
func pageCatalog(b *testing.B, name string) *catalog.Catalog {
	files, err := CatalogFiles(name, embedded.FS())
	if err != nil {
		b.Fatal(err)
	}
	cat := NewFetched(InScope)
	for _, p := range files {
		text, err := fs.ReadFile(embedded.FS(), p)
		if err != nil {
			b.Fatal(err)
		}
		cat.Add(p, string(text))
	}
	return cat.Catalog()
}
