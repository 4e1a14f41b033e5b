//go:build js && wasm

package main

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/iamlab/iamlab/api"
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
	files   map[string]string
	missing map[string]bool
	stale   bool // the catalog cached a failed read: make a new one
	cat     *catalog.Catalog
}

var files = &fetchedFiles{files: map[string]string{}, missing: map[string]bool{}}

func (f *fetchedFiles) Open(name string) (fs.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	text, ok := f.files[name]
	if !ok {
		f.missing[name] = true
		f.stale = true
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &openFile{name: name, r: strings.NewReader(text)}, nil
}

// openFile is a fetched file being read (the catalog reads each file once,
// whole); a small type of its own rather than testing/fstest, which would
// bring the testing packages into the module.
type openFile struct {
	name string
	r    *strings.Reader
}

func (o *openFile) Read(b []byte) (int, error) { return o.r.Read(b) }
func (o *openFile) Close() error               { return nil }
func (o *openFile) Stat() (fs.FileInfo, error) { return fileInfo{o}, nil }

type fileInfo struct{ f *openFile }

func (i fileInfo) Name() string       { return path.Base(i.f.name) }
func (i fileInfo) Size() int64        { return i.f.r.Size() }
func (i fileInfo) Mode() fs.FileMode  { return 0o444 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

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
	f.files[path] = text
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
