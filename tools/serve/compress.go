package main

import (
	"bytes"
	"compress/gzip"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
)

// compressible are the types worth compressing: text, and the module (4–5
// MB raw, about a fifth of that in brotli).
var compressible = map[string]bool{
	".html": true, ".js": true, ".mjs": true, ".css": true, ".json": true, ".wasm": true,
	".svg": true, ".txt": true, ".xml": true, ".map": true,
}

// contentType names the type of a file by its extension; the module must
// be application/wasm for streaming compilation.
func contentType(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".wasm":
		return "application/wasm"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serveFile writes a file with its type, compressed when the client
// accepts it and the type is worth it.
func serveFile(w http.ResponseWriter, r *http.Request, name string, status int, cache *compressedCache) {
	fi, err := os.Stat(name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	enc := ""
	if compressible[strings.ToLower(filepath.Ext(name))] {
		h.Add("Vary", "Accept-Encoding")
		enc = pickEncoding(r.Header.Get("Accept-Encoding"))
	}
	body, err := cache.get(name, fi.ModTime(), fi.Size(), enc)
	if err != nil {
		http.Error(w, "cannot read "+filepath.Base(name), http.StatusInternalServerError)
		return
	}
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	// ServeContent answers conditional requests; the ETag changes with
	// the encoding so that caches keep the variants apart.
	h.Set("ETag", `"`+fi.ModTime().UTC().Format("20060102150405.000000000")+"-"+enc+`"`)
	http.ServeContent(w, r, "", fi.ModTime(), bytes.NewReader(body))
}

// compressedCache keeps each file's bytes per encoding until the file
// changes. The first request for a file compresses it; the requests that
// come while it works wait for its result rather than compress the file
// again each: compressing the module takes much memory and time, and a
// cold cache under parallel requests would otherwise hold as many copies
// of that work as there are requests.
type compressedCache struct {
	mu      sync.Mutex
	entries map[cacheKey]*cacheEntry
	encodes atomic.Int64 // files read and encoded, for tests to count
}

type cacheKey struct{ name, enc string }

// cacheEntry is one file in one encoding, as it was when mod and size were
// read. body and err are set once, before done is closed.
type cacheEntry struct {
	mod  time.Time
	size int64
	done chan struct{}
	body []byte
	err  error
}

func newCompressedCache() *compressedCache {
	return &compressedCache{entries: map[cacheKey]*cacheEntry{}}
}

// get returns the file's bytes in enc, encoding them once per version of
// the file (its modification time and size).
func (c *compressedCache) get(name string, mod time.Time, size int64, enc string) ([]byte, error) {
	key := cacheKey{name, enc}
	c.mu.Lock()
	e := c.entries[key]
	if e != nil && e.mod.Equal(mod) && e.size == size {
		c.mu.Unlock()
		<-e.done
		return e.body, e.err
	}
	e = &cacheEntry{mod: mod, size: size, done: make(chan struct{})}
	c.entries[key] = e
	c.mu.Unlock()
	c.fill(key, e)
	return e.body, e.err
}

// fill reads and encodes the file. A failure is given to the requests
// waiting for it, then forgotten, so that a later request tries again.
func (c *compressedCache) fill(key cacheKey, e *cacheEntry) {
	defer close(e.done)
	c.encodes.Add(1)
	if body, ok := precompressed(key.name, key.enc, e.mod); ok {
		e.body = body
		return
	}
	raw, err := os.ReadFile(key.name)
	if err == nil {
		e.body, err = compress(raw, key.enc)
	}
	if err != nil {
		e.err = err
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}
}

// precompressed returns NAME.br, which the build writes at brotli's best
// level (tools/build: the module), when the client takes brotli and the
// file is not older than NAME: what the build measures is then what is
// served, rather than this server's quicker level.
func precompressed(name, enc string, mod time.Time) ([]byte, bool) {
	if enc != "br" {
		return nil, false
	}
	fi, err := os.Stat(name + ".br")
	if err != nil || fi.ModTime().Before(mod) {
		return nil, false
	}
	body, err := os.ReadFile(name + ".br")
	return body, err == nil
}

func compress(raw []byte, enc string) ([]byte, error) {
	var buf bytes.Buffer
	var w interface {
		Write([]byte) (int, error)
		Close() error
	}
	switch enc {
	case "br":
		w = brotli.NewWriterLevel(&buf, 6)
	case "gzip":
		w, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
	default:
		return raw, nil
	}
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
