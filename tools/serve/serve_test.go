package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// site writes a small dist/ and serves it.
func site(t *testing.T, with404 bool) *httptest.Server {
	t.Helper()
	files := map[string]string{
		"index.html":    "<!doctype html><title>lab</title>",
		"app.js":        strings.Repeat("console.log('iamlab');\n", 200),
		"iamlab.wasm":   "\x00asm\x01\x00\x00\x00" + strings.Repeat("\x00", 4000),
		"en/index.html": "<!doctype html><title>en</title>",
	}
	if with404 {
		files["404.html"] = "<!doctype html><title>Not found</title>"
	}
	srv, _, _ := serveFiles(t, files)
	return srv
}

// serveFiles writes files into a new folder and serves it; the cache is
// the server's, dir the folder.
func serveFiles(t *testing.T, files map[string]string) (srv *httptest.Server, cache *compressedCache, dir string) {
	t.Helper()
	dir = t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache = newCompressedCache()
	srv = httptest.NewServer(handler(dir, cache))
	t.Cleanup(srv.Close)
	return srv, cache, dir
}

// get asks for path with Accept-Encoding and returns the response with its
// body decoded as the Content-Encoding says.
func get(t *testing.T, srv *httptest.Server, path, accept string) (*http.Response, string) {
	t.Helper()
	res, body, err := fetch(srv, path, accept)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// fetch is get for other goroutines than the test's.
func fetch(srv *httptest.Server, path, accept string) (*http.Response, string, error) {
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	req.Header.Set("Accept-Encoding", accept) // set: the transport then does not decode
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	var r io.Reader = res.Body
	switch res.Header.Get("Content-Encoding") {
	case "gzip":
		if r, err = gzip.NewReader(res.Body); err != nil {
			return nil, "", err
		}
	case "br":
		r = brotli.NewReader(res.Body)
	}
	b, err := io.ReadAll(r)
	return res, string(b), err
}

func TestCompression(t *testing.T) {
	srv := site(t, false)
	for _, tc := range []struct{ path, accept, enc, ctype string }{
		{"/iamlab.wasm", "gzip, deflate, br", "br", "application/wasm"},
		{"/iamlab.wasm", "gzip", "gzip", "application/wasm"},
		{"/iamlab.wasm", "", "", "application/wasm"},
		{"/app.js", "br;q=0, gzip", "gzip", "text/javascript; charset=utf-8"},
		{"/", "br", "br", "text/html; charset=utf-8"},
		{"/en/", "identity", "", "text/html; charset=utf-8"},
	} {
		res, body := get(t, srv, tc.path, tc.accept)
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != tc.enc || res.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s (Accept-Encoding %q): %d, encoding %q, type %q; want encoding %q, type %q", tc.path, tc.accept,
				res.StatusCode, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"), tc.enc, tc.ctype)
		}
		if res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Vary = %q", tc.path, res.Header.Get("Vary"))
		}
		if tc.path == "/iamlab.wasm" && !strings.HasPrefix(body, "\x00asm") {
			t.Errorf("%s (%s): body does not decode to the module", tc.path, tc.enc)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no Content-Security-Policy", tc.path)
		}
	}
}

func TestNotFound(t *testing.T) {
	res, body := get(t, site(t, true), "/no/such/page", "gzip")
	if res.StatusCode != 404 || !strings.Contains(body, "Not found") || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("missing path with 404.html: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	res, _ = get(t, site(t, false), "/no/such/page", "")
	if res.StatusCode != 404 {
		t.Errorf("missing path without 404.html: %d", res.StatusCode)
	}
	res, _ = get(t, site(t, true), "/../../etc/passwd", "")
	if res.StatusCode != 404 {
		t.Errorf("path outside dir: %d", res.StatusCode)
	}
}

func TestFolderRedirectAndConditional(t *testing.T) {
	srv := site(t, true)
	res, _ := get(t, srv, "/en", "")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "en/" {
		t.Errorf("/en: %d %q, want a redirect to en/", res.StatusCode, res.Header.Get("Location"))
	}
	first, _ := get(t, srv, "/app.js", "gzip")
	req, _ := http.NewRequest("GET", srv.URL+"/app.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("If-None-Match", first.Header.Get("ETag"))
	again, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	again.Body.Close()
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", again.StatusCode)
	}
}

// RFC 9110 12.5.3: a qvalue of 0 means "not acceptable", however it is
// written; the parameter name is case-insensitive; "*" stands for any
// coding the header does not name; the higher qvalue wins.
func TestPickEncoding(t *testing.T) {
	for _, tc := range []struct{ accept, want string }{
		{"", ""},
		{"identity", ""},
		{"gzip, deflate, br", "br"},
		{"gzip", "gzip"},
		{"BR", "br"},
		{"br;q=0, gzip", "gzip"},
		{"br;q=0.0, gzip", "gzip"},
		{"br;q=0.000, gzip", "gzip"},
		{"br;Q=0, gzip", "gzip"},
		{"br ; q = 0 , gzip", "gzip"},
		{"br;q=0., gzip", "gzip"},
		{"br;q=0.001, gzip;q=0", "br"},
		{"br;q=0.5, gzip", "gzip"},
		{"br;q=1.000, gzip;q=1", "br"},
		{"gzip;q=0.0, br;q=0.00", ""},
		{"*", "br"},
		{"*;q=0", ""},
		{"br;q=0, *", "gzip"},
		{"gzip;q=0.2, *;q=0.1", "gzip"},
		{"br;q=bogus, gzip", "gzip"},  // an unreadable qvalue does not accept
		{"br;q=1.5, gzip", "gzip"},    // above 1: not a qvalue
		{"br;q=0.0001, gzip", "gzip"}, // more than three decimals: not a qvalue
		{"br;level=3, gzip;q=0", "br"},
	} {
		if got := pickEncoding(tc.accept); got != tc.want {
			t.Errorf("Accept-Encoding %q: %q, want %q", tc.accept, got, tc.want)
		}
	}
}

// Only GET and HEAD read a static site; everything else is 405 with Allow.
func TestMethods(t *testing.T) {
	srv := site(t, true)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/app.js", 200},
		{"HEAD", "/app.js", 200},
		{"HEAD", "/missing", 404},
		{"POST", "/app.js", 405},
		{"PUT", "/app.js", 405},
		{"DELETE", "/", 405},
		{"OPTIONS", "/", 405},
		{"PATCH", "/missing", 405},
		{"TRACE", "/", 405},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(""))
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, res.StatusCode, tc.status)
		}
		if tc.status == 405 && res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q", tc.method, tc.path, res.Header.Get("Allow"))
		}
	}
}

// A cold cache compresses a file once per encoding, however many requests
// ask for it at the same time, and again only when the file changes.
func TestCompressOnce(t *testing.T) {
	// Words in random order: large enough that brotli takes a while, so
	// the requests overlap with its work.
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"Allow", "Deny", "s3:GetObject", "arn:aws:iam::111122223333:role/a", "Principal", "Condition"}
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(words[rng.IntN(len(words))])
		b.WriteByte(' ')
	}
	module := "\x00asm" + b.String()
	srv, cache, dir := serveFiles(t, map[string]string{"index.html": "lab", "iamlab.wasm": module})
	const parallel = 40
	fetchAll := func(want string) {
		t.Helper()
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, 2*parallel)
		for i := range 2 * parallel {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				enc := []string{"br", "gzip"}[i%2]
				res, body, err := fetch(srv, "/iamlab.wasm", enc)
				if err != nil {
					errs <- err
				} else if res.Header.Get("Content-Encoding") != enc || body != want {
					errs <- fmt.Errorf("%s: encoding %q, %d bytes, want %d", enc, res.Header.Get("Content-Encoding"), len(body), len(want))
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
	fetchAll(module)
	if n := cache.encodes.Load(); n != 2 {
		t.Errorf("%d parallel requests in brotli and as many in gzip encoded the file %d times, want 2", parallel, n)
	}
	fetchAll(module)
	if n := cache.encodes.Load(); n != 2 {
		t.Errorf("a warm cache encoded again: %d encodings, want 2", n)
	}
	changed := module + "changed"
	later := time.Now().Add(time.Second)
	if err := os.WriteFile(filepath.Join(dir, "iamlab.wasm"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(dir, "iamlab.wasm"), later, later)
	fetchAll(changed)
	if n := cache.encodes.Load(); n != 4 {
		t.Errorf("after the file changed: %d encodings, want 4", n)
	}
}

// A connection that sends nothing more, or a body slower than the read
// timeout, is closed by the server.
func TestTimeouts(t *testing.T) {
	if !(0 < readHeaderTimeout && readHeaderTimeout <= readTimeout && 0 < idleTimeout) {
		t.Errorf("timeouts: header %v, read %v, idle %v", readHeaderTimeout, readTimeout, idleTimeout)
	}
	const short = 200 * time.Millisecond
	srv := newServer(handler(t.TempDir(), newCompressedCache()), timeouts{short, short, short})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	for _, tc := range []struct{ name, send string }{
		{"idle keep-alive", "GET / HTTP/1.1\r\nHost: lab\r\n\r\n"},
		{"slow body", "GET / HTTP/1.1\r\nHost: lab\r\nContent-Length: 100\r\n\r\n{\"a\""},
		{"slow headers", "GET / HTTP/1.1\r\nHost: lab\r\n"},
	} {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(conn, tc.send); err != nil {
			t.Fatal(err)
		}
		// The server answers what it can, then must close the connection:
		// reading to the end ends in EOF, long before the deadline.
		conn.SetReadDeadline(time.Now().Add(20 * short))
		start := time.Now()
		_, err = io.Copy(io.Discard, conn)
		if err != nil {
			t.Errorf("%s: still open after %v: %v", tc.name, time.Since(start).Round(time.Millisecond), err)
		}
		conn.Close()
	}
}

// The playground and the tutorial pages carry the same policy in a meta
// tag, so that any static host applies it; this server sends it as a
// header too, with frame-ancestors, which a meta tag cannot carry (CSP 3,
// 4.2: "frame-ancestors ... are not supported inside a meta element").
func TestPagePolicies(t *testing.T) {
	meta := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	var policies []string
	for _, page := range []string{"../../index.html", "../../site/docs/templates/layout.html"} {
		src, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		m := meta.FindAllSubmatch(src, -1)
		if len(m) != 1 {
			t.Errorf("%s: %d Content-Security-Policy meta tags, want 1", page, len(m))
			continue
		}
		// The policy covers only what follows the tag: it must come before
		// any script or style.
		if at, first := bytes.Index(src, m[0][0]), regexp.MustCompile(`<script|<link|<style`).FindIndex(src); first != nil && first[0] < at {
			t.Errorf("%s: the policy comes after %q", page, src[first[0]:first[1]])
		}
		policies = append(policies, string(m[0][1]))
	}
	if len(policies) == 2 && policies[0] != policies[1] {
		t.Errorf("the tutorial pages' policy differs from the playground's:\n%s\n%s", policies[1], policies[0])
	}
	if len(policies) > 0 && contentSecurityPolicy != policies[0]+"; frame-ancestors 'none'" {
		t.Errorf("the server's policy is not the pages' with frame-ancestors:\n%s\n%s", contentSecurityPolicy, policies[0])
	}
}

// A file's NAME.br, written by the build at brotli's best level, is what a
// brotli client gets (the build's size is the size served); an older one
// is ignored, and gzip clients get the file compressed here.
func TestPrecompressed(t *testing.T) {
	var best bytes.Buffer
	w := brotli.NewWriterLevel(&best, brotli.BestCompression)
	w.Write([]byte("the build's module"))
	w.Close()
	srv, _, dir := serveFiles(t, map[string]string{"iamlab.wasm": "the build's module", "iamlab.wasm.br": best.String()})
	res, body := get(t, srv, "/iamlab.wasm", "br")
	if res.Header.Get("Content-Encoding") != "br" || body != "the build's module" || res.ContentLength != int64(best.Len()) {
		t.Fatalf("br: %q, %d bytes (precompressed: %d)", body, res.ContentLength, best.Len())
	}
	if _, body := get(t, srv, "/iamlab.wasm", "gzip"); body != "the build's module" {
		t.Fatalf("gzip: %q", body)
	}
	// A module newer than its .br: compressed here, never the stale .br.
	later := time.Now().Add(time.Hour)
	os.WriteFile(filepath.Join(dir, "iamlab.wasm"), []byte("a newer module"), 0o644)
	os.Chtimes(filepath.Join(dir, "iamlab.wasm"), later, later)
	if _, body := get(t, srv, "/iamlab.wasm", "br"); body != "a newer module" {
		t.Fatalf("stale .br served: %q", body)
	}
}

// A missing page gets the nearest 404.html: the language's own under its
// folder (English for /en/..., at any depth), the root one elsewhere.
func TestNotFoundNearest(t *testing.T) {
	srv, _, _ := serveFiles(t, map[string]string{
		"404.html":    "<!doctype html><title>root</title>",
		"en/404.html": "<!doctype html><title>english</title>",
		"ja/404.html": "<!doctype html><title>japanese</title>",
	})
	for path, want := range map[string]string{
		"/en/missing/": "english", "/en/a/b/c": "english", "/en/x.html": "english",
		"/ja/missing/": "japanese", "/missing": "root", "/enx/missing": "root", "/../en/../../missing": "root",
	} {
		res, body := get(t, srv, path, "")
		if res.StatusCode != 404 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %q, want the %s 404 page", path, res.StatusCode, body, want)
		}
	}
}
