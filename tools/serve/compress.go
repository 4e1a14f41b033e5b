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
// changes: the module is compressed once, not on every load.
type compressedCache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	mod  time.Time
	size int64
	body []byte
}

func newCompressedCache() *compressedCache {
	return &compressedCache{entries: map[string]cacheEntry{}}
}

func (c *compressedCache) get(name string, mod time.Time, size int64, enc string) ([]byte, error) {
	key := enc + ":" + name
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.mod.Equal(mod) && e.size == size {
		return e.body, nil
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	body, err := compress(raw, enc)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries[key] = cacheEntry{mod, size, body}
	c.mu.Unlock()
	return body, nil
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
