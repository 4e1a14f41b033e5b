package scenario

import (
	"testing"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/samples"
)

func loadSamples(tb testing.TB) []string { return samples.Load(tb, "../testdata/sample") }

// BenchmarkParseEvaluate measures what iamlab test --bench reports: parsing
// a scenario from its text and deciding it, per scenario.
func BenchmarkParseEvaluate(b *testing.B) {
	srcs := loadSamples(b)
	var p Parser
	var ev authz.Evaluator
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := p.Parse(srcs[i%len(srcs)], Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ev.Evaluate(&s.Input); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseEvaluateFresh is the same with new memory for every
// scenario, as Parse and Scenario.Evaluate do.
func BenchmarkParseEvaluateFresh(b *testing.B) {
	srcs := loadSamples(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Parse(srcs[i%len(srcs)], Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Evaluate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	srcs := loadSamples(b)
	var p Parser
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Parse(srcs[i%len(srcs)], Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
