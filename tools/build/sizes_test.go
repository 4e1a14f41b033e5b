package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file over the limit, at any depth, fails the build and is named; files
// at the limit pass.
func TestCheckAssetSizes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]int
		want  string // "" when the check passes, else a part of its error
	}{
		{"all under", map[string]int{"a.js": 10, "flows/flows.wasm": 99}, ""},
		{"at the limit", map[string]int{"flows/flows.wasm": 100}, ""},
		{"one over, nested", map[string]int{"a.js": 10, "flows/flows.wasm": 101}, "flows/flows.wasm is 101 bytes"},
		{"one over, top", map[string]int{"iamlab.wasm": 1000}, "iamlab.wasm is 1000 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, size := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := checkAssetSizes(dir, 100)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
