//go:build js && wasm

package main

import (
	"github.com/iamlab/iamlab/api"
	"io/fs"
	"slices"
	"sync"
	"testing/fstest"

	"github.com/iamlab/iamlab/catalog"
)

// MaxFileBytes bounds one catalog file handed over by the page (the largest
// service file is well under 1 MiB).
const MaxFileBytes = 8 << 20

// fetchedFiles is the catalog as far as the page has fetched it. Opening a
// file that is not there yet records its path, so that the entry point can
// answer {"needs": [...]} and the page can fetch it and ask again.
type fetchedFiles struct {
	mu      sync.Mutex
	files   fstest.MapFS
	missing map[string]bool
	stale   bool // the catalog cached a failed read: make a new one
	cat     *catalog.Catalog
}

var files = &fetchedFiles{files: fstest.MapFS{}, missing: map[string]bool{}}

func (f *fetchedFiles) Open(name string) (fs.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.files[name]; !ok {
		f.missing[name] = true
		f.stale = true
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f.files.Open(name)
}

// catalog returns the catalog over the fetched files.
func (f *fetchedFiles) catalog() *catalog.Catalog {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cat == nil || f.stale {
		f.cat, f.stale = catalog.New(f), false
	}
	return f.cat
}

func (f *fetchedFiles) startCall() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.missing)
}

// missed lists the files the last call wanted and did not find.
func (f *fetchedFiles) missed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, 0, len(f.missing))
	for p := range f.missing {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// add stores a fetched file.
func (f *fetchedFiles) add(path, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[path] = &fstest.MapFile{Data: []byte(text)}
}

// addFile(path, text) stores a catalog file the page fetched.
func addFile(args []string) any {
	path, text := arg(args, 0), arg(args, 1)
	switch {
	case !fs.ValidPath(path) || path == ".":
		return api.Fail("file.path", "not a catalog file path: "+path)
	case len(text) > MaxFileBytes:
		return api.Fail("file.size", "catalog file too large: "+path)
	}
	files.add(path, text)
	return map[string]any{"ok": true}
}

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}
