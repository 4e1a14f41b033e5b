// Package samples loads the sample scenarios (testdata/sample) for the
// benchmarks of the packages that read them.
package samples

import (
	"os"
	"path/filepath"
	"testing"
)

// Load returns the text of every sample in dir, a path to testdata/sample
// from the calling package's folder.
func Load(tb testing.TB, dir string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no samples in %s: %v", dir, err)
	}
	srcs := make([]string, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		srcs[i] = string(b)
	}
	return srcs
}
