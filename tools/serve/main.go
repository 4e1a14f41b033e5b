// Command serve serves the built playground and tutorials (dist/) on
// localhost:
//
//	go run ./tools/serve [-dir dist] [-addr 127.0.0.1:8080]
//
// The module is served as application/wasm so that browsers compile it
// while it downloads (WebAssembly.instantiateStreaming); text and the
// module are compressed when the browser accepts it, each file once per
// encoding; a missing path gets dist/404.html (written by tools/site) with
// status 404; methods other than GET and HEAD get 405.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// contentSecurityPolicy lets the page run only its own scripts (and
// compile WebAssembly); CodeMirror inserts <style> elements.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

func main() {
	dir := flag.String("dir", "dist", "folder to serve")
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	if _, err := os.Stat(path.Join(*dir, "index.html")); err != nil {
		log.Fatalf("serve: %v (run go run ./tools/build first)", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	// Tests start the server on port 0 and read the address from this line.
	fmt.Printf("IAM Lab at http://%s/\n", ln.Addr())
	srv := newServer(handler(*dir, newCompressedCache()), timeouts{readHeaderTimeout, readTimeout, idleTimeout})
	log.Fatal(srv.Serve(ln))
}

// How long a connection may take: to send a request's headers, to send the
// whole request (headers and body), and to send the next request on a kept-
// alive connection. A static site's requests are a few lines of headers
// and no body, so a client that takes longer is stuck or hostile; without
// these limits each such connection is held open for good.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	idleTimeout       = 2 * time.Minute
)

type timeouts struct{ header, read, idle time.Duration }

func newServer(h http.Handler, t timeouts) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: t.header, ReadTimeout: t.read, IdleTimeout: t.idle}
}

func handler(dir string, cache *compressedCache) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Referrer-Policy", "no-referrer")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// A static site is only read (RFC 9110, 15.5.6: the origin
			// server "MUST generate an Allow header field" with a 405).
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, ok := resolve(dir, r.URL.Path)
		switch {
		case !ok:
			notFound(w, r, dir, cache)
		case name == "": // a folder without its slash: FileServer redirects
			files.ServeHTTP(w, r)
		default:
			serveFile(w, r, name, http.StatusOK, cache)
		}
	})
}

// resolve maps a URL path to a file under dir: a folder path ending in "/"
// to its index.html. ok is false when there is no such file; name is ""
// for a folder asked without its trailing slash.
func resolve(dir, urlPath string) (name string, ok bool) {
	clean := path.Clean("/" + urlPath)
	if strings.Contains(clean, "\x00") {
		return "", false
	}
	name = filepath.Join(dir, filepath.FromSlash(clean))
	fi, err := os.Stat(name)
	if err != nil {
		return "", false
	}
	if fi.IsDir() {
		if !strings.HasSuffix(urlPath, "/") {
			return "", true
		}
		name = filepath.Join(name, "index.html")
		if fi, err := os.Stat(name); err != nil || fi.IsDir() {
			return "", false
		}
	}
	return name, true
}

// notFound answers 404 with the nearest 404.html: in the folder of the
// missing path or the closest folder above it (dist/en/404.html for
// /en/missing/, in English), as Cloudflare's static assets do with
// not_found_handling = "404-page".
func notFound(w http.ResponseWriter, r *http.Request, dir string, cache *compressedCache) {
	for p := path.Dir(path.Clean("/" + r.URL.Path + "x")); ; p = path.Dir(p) {
		page := filepath.Join(dir, filepath.FromSlash(p), "404.html")
		if fi, err := os.Stat(page); err == nil && fi.Mode().IsRegular() {
			serveFile(w, r, page, http.StatusNotFound, cache)
			return
		}
		if p == "/" {
			break
		}
	}
	http.NotFound(w, r)
}
