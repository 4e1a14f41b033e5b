// Command serve serves the built playground (dist/) on localhost:
//
//	go run ./tools/serve [-dir dist] [-addr 127.0.0.1:8080]
//
// The module is served as application/wasm so that browsers compile it
// while it downloads (WebAssembly.instantiateStreaming).
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path"
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
	srv := &http.Server{Handler: handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}

func handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Referrer-Policy", "no-referrer")
		if path.Ext(r.URL.Path) == ".wasm" {
			h.Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
}
