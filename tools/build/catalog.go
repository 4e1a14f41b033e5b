package main

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/iamlab/iamlab/catalog/embedded"
)

// copyCatalog writes the catalog files where the page's worker fetches
// them one at a time (index.json, services/<prefix>.json, managed/...).
func copyCatalog(dir string) error {
	src := embedded.FS()
	return fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		to := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := fs.ReadFile(src, path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
}
