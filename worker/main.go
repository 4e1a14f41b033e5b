//go:build js && wasm

// Command worker is IAM Lab's Cloudflare Worker: Workers static assets
// serve the built site (dist/), and this program answers /relay/, where
// package relay forwards the page's signed AWS calls. It is built with
// GOOS=js GOARCH=wasm and github.com/syumai/workers (see the README's
// "The Worker" section); it imports neither the engine nor the AWS SDK.
//
// Its bindings and variables (wrangler.toml):
//   - RELAY_LIMIT: a Workers rate-limiting binding, counting calls per
//     client address; without it the relay refuses every call.
//   - RELAY_ORIGINS: origins besides the Worker's own whose pages may call
//     the relay, separated by commas (optional).
//   - RELAY_TEST_UPSTREAM: a loopback http origin that relayed calls go to
//     instead of AWS; honored only by the test build (-tags relaytest).
package main

import (
	"fmt"
	"net/http"
	"strings"
	"syscall/js"

	"github.com/iamlab/iamlab/worker/relay"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
)

func main() {
	http.HandleFunc(relay.Prefix, serveRelay)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// Static assets answer every other path before the Worker runs
		// (run_worker_first is /relay/* only); this is a safety net.
		http.NotFound(w, r)
	})
	workers.Serve(nil)
}

// serveRelay builds the relay from this request's environment (a new Go
// instance runs per request, so nothing is kept between requests) and
// relays.
func serveRelay(w http.ResponseWriter, r *http.Request) {
	// A panic would show only as "the Worker's code had hung".
	defer func() {
		if p := recover(); p != nil {
			fmt.Println("relay panic:", p)
			http.Error(w, "relay failed", http.StatusInternalServerError)
		}
	}()
	relay.JoinSplitValues(r.Header)
	if r.Method == http.MethodHead {
		w = headOnly(w)
	}
	rl, err := relay.New(relay.Config{
		Transport:    fetchTransport{},
		Limiter:      bindingLimiter{binding: cloudflare.GetBinding("RELAY_LIMIT")},
		Origins:      splitList(cloudflare.Getenv("RELAY_ORIGINS")),
		Log:          func(e relay.Entry) { fmt.Println(e) },
		TestUpstream: cloudflare.Getenv("RELAY_TEST_UPSTREAM"),
	})
	if err != nil {
		fmt.Println(err)
		http.Error(w, "relay misconfigured", http.StatusInternalServerError)
		return
	}
	rl.ServeHTTP(w, r)
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// headOnly answers a HEAD request with a null body, so that the
// Content-Length AWS gave (S3's HeadObject size) reaches the client:
// syumai's writer would otherwise send a stream of that length, with no
// bytes in it, which workerd refuses.
func headOnly(w http.ResponseWriter) http.ResponseWriter {
	raw, ok := w.(interface{ WriteRawJSBody(js.Value) })
	if !ok {
		return w
	}
	raw.WriteRawJSBody(js.Null())
	return discardBody{w}
}

// discardBody drops what is written: a HEAD answer has no body, and
// writing into the response stream that the null body replaced would block.
type discardBody struct{ http.ResponseWriter }

func (d discardBody) Write(p []byte) (int, error) { return len(p), nil }
