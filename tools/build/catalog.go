package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/iamlab/iamlab/catalog/embedded"
)

// bundledFolders are the catalog folders that also go out as one file
// ({path: text}): some lint checks read every service or every AWS managed
// policy, and the worker fetches the bundle rather than each file.
var bundledFolders = map[string]string{
	"services":         "services.bundle.json",
	"managed/policies": "managed/policies.bundle.json",
}

// copyCatalog writes the catalog files where the page's worker fetches
// them one at a time (index.json, services/<prefix>.json, managed/...),
// and the bundles.
func copyCatalog(dir string) error {
	src := embedded.FS()
	bundles := map[string]map[string]string{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if name, ok := bundledFolders[path.Dir(p)]; ok {
			if bundles[name] == nil {
				bundles[name] = map[string]string{}
			}
			bundles[name][p] = string(b)
		}
		return writeFile(filepath.Join(dir, filepath.FromSlash(p)), b)
	})
	if err != nil {
		return err
	}
	for name, files := range bundles {
		b, err := json.Marshal(files)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), b); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(to string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
