package jsonpos

import (
	"testing"

	"github.com/iamlab/iamlab/internal/samples"
)

// BenchmarkSkip is the floor for reading a scenario: every byte decoded,
// nothing built.
func BenchmarkSkip(b *testing.B) {
	srcs := loadSamples(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := NewDecoder(srcs[i%len(srcs)])
		if err := d.Skip(); err != nil {
			b.Fatal(err)
		}
	}
}

// loadSamples loads the samples and reports their mean size, so that the
// benchmarks give MB/s.
func loadSamples(b *testing.B) []string {
	srcs := samples.Load(b, "../../testdata/sample")
	total := 0
	for _, s := range srcs {
		total += len(s)
	}
	b.SetBytes(int64(total / len(srcs)))
	return srcs
}

// BenchmarkTokenize is the scan alone.
func BenchmarkTokenize(b *testing.B) {
	srcs := loadSamples(b)
	var d Decoder
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Reset(srcs[i%len(srcs)])
	}
}
