package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamlab/iamlab/catalog"
)

// managedEntry is an entry of managed/index.json; it mirrors the type of
// the same name in package catalog.
type managedEntry struct {
	Name    string `json:"n"`
	Path    string `json:"p,omitempty"` // omitted for "/"
	Version string `json:"v"`
}

// generated lists the files this tool writes in the output directory, as
// glob patterns; old ones are removed first so that a service or policy
// that AWS dropped does not linger. Nothing else there is touched.
var generated = []string{
	"index.json",
	"services/*.json",
	"managed/index.json",
	"managed/policies/*.json",
	"licenses/*.txt",
}

func write(out string, idx *indexFile, services []*catalog.Service, policies []managedPolicy, packages []string) error {
	for _, pattern := range generated {
		old, _ := filepath.Glob(filepath.Join(out, pattern))
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	if err := writeJSON(filepath.Join(out, "index.json"), idx); err != nil {
		return err
	}
	for _, s := range services {
		if err := writeJSON(filepath.Join(out, "services", s.Prefix+".json"), s); err != nil {
			return err
		}
	}
	entries := make([]managedEntry, len(policies))
	for i, p := range policies {
		entries[i] = managedEntry{Name: p.Name, Path: p.Path, Version: p.Version}
		if p.Path == "/" {
			entries[i].Path = ""
		}
		if err := writeFile(filepath.Join(out, "managed", "policies", p.Name+".json"), p.Document); err != nil {
			return err
		}
	}
	if err := writeJSON(filepath.Join(out, "managed", "index.json"), entries); err != nil {
		return err
	}
	return copyLicenses(out, packages)
}

// copyLicenses keeps each source package's MIT license next to the data
// derived from it, as the license asks.
func copyLicenses(out string, packages []string) error {
	for _, dir := range packages {
		name, _, err := packageVersion(dir)
		if err != nil {
			return err
		}
		licenses, _ := filepath.Glob(filepath.Join(dir, "LICENSE*"))
		if len(licenses) != 1 {
			return fmt.Errorf("%s: want one LICENSE file, found %d", dir, len(licenses))
		}
		text, err := os.ReadFile(licenses[0])
		if err != nil {
			return err
		}
		file := strings.NewReplacer("@", "", "/", "-").Replace(name) + ".txt"
		if err := writeFile(filepath.Join(out, "licenses", file), text); err != nil {
			return err
		}
	}
	return nil
}

// writeJSON writes v as compact JSON. HTML escaping is off so that keys
// such as s3:ExistingObjectTag/<key> stay readable.
func writeJSON(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeFile(path, buf.Bytes())
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
