package jsonpos

import (
	"os"
	"path/filepath"
	"testing"
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

func loadSamples(b *testing.B) []string {
	files, _ := filepath.Glob("../../testdata/sample/*.json")
	var srcs []string
	total := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, string(d))
		total += len(d)
	}
	if len(srcs) == 0 {
		b.Skip("no samples")
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
