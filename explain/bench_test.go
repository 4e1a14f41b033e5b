package explain

import (
	"testing"

	"github.com/iamlab/iamlab/internal/samples"
	"github.com/iamlab/iamlab/scenario"
)

// BenchmarkReport measures the explanation of a decision, what the page
// asks for after each edit: the report with every statement's details,
// the headline and what would change a deny, per sample scenario.
func BenchmarkReport(b *testing.B) {
	srcs := samples.Load(b, "../testdata/sample")
	var scs []*scenario.Scenario
	for _, src := range srcs {
		s, err := scenario.Parse(src, scenario.Options{})
		if err != nil {
			b.Fatal(err)
		}
		scs = append(scs, s)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := scs[i%len(scs)].Evaluate()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := JSON(r); err != nil {
			b.Fatal(err)
		}
	}
}
