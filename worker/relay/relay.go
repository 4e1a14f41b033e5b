// Package relay is the IAM Lab Worker's relay: it forwards an AWS API call
// that a page signed with SigV4 for the real AWS host to that host, since
// browsers cannot call IAM or STS themselves (those endpoints answer no
// CORS). It decides, in plain Go, whether a request may pass and what
// request goes upstream; the Worker's main package only wires it to the
// Workers runtime.
//
// It is not an open proxy: only the https endpoints of the services the
// lab uses (AllowedHost), only the methods an AWS SDK sends, bounded
// bodies, no redirects followed, no cookies, only the lab's own pages as
// callers, and a rate limit per client.
package relay

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	// MaxRequestBody bounds what a caller may send. An IAM policy is at
	// most 10,240 characters and an API call of the lab a few of them;
	// the lab's S3 objects are small.
	MaxRequestBody = 1 << 20
	// MaxResponseBody bounds what the relay passes back (read whole, so
	// that an oversize answer is refused rather than cut).
	MaxResponseBody = 5 << 20
	// UpstreamTimeout bounds one call to AWS.
	UpstreamTimeout = 30 * time.Second
)

// allowedMethods are the methods AWS SDK clients send: the query and JSON
// protocols (IAM, STS, Cognito, KMS, ACM) POST, the REST ones (S3,
// Route 53) also GET, HEAD, PUT and DELETE.
var allowedMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete}

// A Limiter tells whether the client with the given key may make one more
// call now.
type Limiter interface {
	Allow(ctx context.Context, key string) (bool, error)
}

// LimiterFunc adapts a function to a Limiter.
type LimiterFunc func(ctx context.Context, key string) (bool, error)

// Allow calls f.
func (f LimiterFunc) Allow(ctx context.Context, key string) (bool, error) { return f(ctx, key) }

// Config is what the relay needs from its host.
type Config struct {
	// Transport sends the upstream request. The relay calls RoundTrip
	// once and passes back whatever comes, so redirects are never
	// followed (the Worker's transport also tells fetch not to).
	Transport http.RoundTripper
	// Limiter counts calls per client; required (the relay fails closed).
	Limiter Limiter
	// Origins are origins besides the Worker's own whose pages may call
	// the relay (CORS), e.g. a development server of the site.
	Origins []string
	// Log receives one entry per request; nil logs nothing. Entries never
	// hold headers, queries or bodies, so credentials, signatures and
	// session tokens cannot reach a log.
	Log func(Entry)
	// TestUpstream replaces https://HOST with this loopback http origin,
	// keeping Host: HOST, so that tests can point the relay at a local
	// simulated AWS. Only builds with the relaytest tag honor it; in any
	// other build it is ignored (see testmode_off.go).
	TestUpstream string
}

// Entry is the log record of one request.
type Entry struct {
	Method, Host, Path string
	Status             int
	Refused            string // why the relay refused; empty when forwarded
	Duration           time.Duration
}

func (e Entry) String() string {
	s := fmt.Sprintf("relay %s %s%s %d %s", e.Method, e.Host, e.Path, e.Status, e.Duration.Round(time.Millisecond))
	if e.Refused != "" {
		s += " refused: " + e.Refused
	}
	return s
}

// Relay is the relay's http.Handler.
type Relay struct {
	transport http.RoundTripper
	limiter   Limiter
	origins   []string
	log       func(Entry)
	upstream  *url.URL // where requests go instead of https://HOST; nil: to AWS
}

// New makes a relay. It fails without a Transport or a Limiter.
func New(cfg Config) (*Relay, error) {
	if cfg.Transport == nil || cfg.Limiter == nil {
		return nil, errors.New("relay: a Transport and a Limiter are required")
	}
	upstream, err := testUpstream(cfg.TestUpstream)
	if err != nil {
		return nil, err
	}
	return &Relay{
		transport: cfg.Transport,
		limiter:   cfg.Limiter,
		origins:   slices.Clone(cfg.Origins),
		log:       cfg.Log,
		upstream:  upstream,
	}, nil
}

// ServeHTTP relays one request, or refuses it with a plain-text reason and
// the header "X-Iamlab-Relay: refused".
func (rl *Relay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	o, err := rl.forward(w, r)
	e := Entry{Method: r.Method, Host: o.Host, Path: o.Path, Status: o.status}
	if o.Host == "" {
		e.Path = clip(r.URL.EscapedPath())
	}
	var ref *Refusal
	if errors.As(err, &ref) {
		refuse(w, ref, o.cross)
		e.Status, e.Refused = ref.Status, ref.Reason
	} else if err != nil { // the answer was under way: only its status can be told
		e.Refused = err.Error()
	}
	e.Duration = time.Since(start)
	if rl.log != nil {
		rl.log(e)
	}
}

// outcome is what forward found out about a request.
type outcome struct {
	Target
	cross  string // the allowed cross-origin caller, if any
	status int    // the status answered
}

// forward checks the request and, when it passes, sends it upstream and
// writes the answer.
func (rl *Relay) forward(w http.ResponseWriter, r *http.Request) (o outcome, err error) {
	if o.Target, err = ParseTarget(r.URL.EscapedPath(), r.URL.RawQuery); err != nil {
		return o, err
	}
	var ok bool
	if o.cross, ok = rl.callerOrigin(r); !ok {
		return o, refusal(http.StatusForbidden, "the relay answers the lab's own pages only")
	}
	if r.Method == http.MethodOptions {
		o.status = preflight(w, r, o.cross)
		return o, nil
	}
	if !slices.Contains(allowedMethods, r.Method) {
		w.Header().Set("Allow", strings.Join(slices.Concat(allowedMethods, []string{http.MethodOptions}), ", "))
		return o, refusal(http.StatusMethodNotAllowed, "method %s is not relayed", r.Method)
	}
	body, err := readBody(r)
	if err != nil {
		return o, err
	}
	if err := rl.allow(r); err != nil {
		return o, err
	}
	resp, respBody, err := rl.send(r, o.Target, body)
	if err != nil {
		return o, err
	}
	o.status = resp.StatusCode
	return o, answer(w, r, resp, respBody, o.cross)
}

// answer passes AWS's answer back: its status, the headers that pass the
// relay, and its body.
func answer(w http.ResponseWriter, r *http.Request, resp *http.Response, body []byte, cross string) error {
	h := w.Header()
	for k, vs := range copyHeaders(resp.Header) {
		h[k] = vs
	}
	// A redirect is passed back without its Location: the relay does not
	// follow it, and neither may the browser (to a host it cannot reach).
	h.Del("Location")
	if r.Method == http.MethodHead {
		if cl := resp.Header.Get("Content-Length"); cl != "" {
			h.Set("Content-Length", cl) // the size of what GET would send
		}
	} else {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	setCORS(h, cross)
	w.WriteHeader(resp.StatusCode)
	// No empty writes: the Worker's response stream would wait for more.
	if r.Method == http.MethodHead || len(body) == 0 {
		return nil
	}
	_, err := w.Write(body)
	return err
}

// readBody reads the request body, refusing more than MaxRequestBody.
func readBody(r *http.Request) ([]byte, error) {
	tooLarge := refusal(http.StatusRequestEntityTooLarge, "the body is larger than %d bytes", MaxRequestBody)
	if r.ContentLength > MaxRequestBody {
		return nil, tooLarge
	}
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxRequestBody+1))
	if err != nil {
		return nil, refusal(http.StatusBadRequest, "reading the body: %v", err)
	}
	if len(body) > MaxRequestBody {
		return nil, tooLarge
	}
	return body, nil
}

// allow asks the limiter about the client.
func (rl *Relay) allow(r *http.Request) error {
	ok, err := rl.limiter.Allow(r.Context(), clientKey(r))
	if err != nil {
		return refusal(http.StatusServiceUnavailable, "rate limiter unavailable: %v", err)
	}
	if !ok {
		return refusal(http.StatusTooManyRequests, "too many requests from this client; try again in a minute")
	}
	return nil
}

// clientKey names the client that the rate limit counts: the address
// Cloudflare reports in CF-Connecting-IP (Cloudflare sets it itself, so a
// client cannot choose it), or the connection's address when served
// natively. An IPv6 client counts as its /64 network, which one
// subscriber usually holds whole and could otherwise walk through.
func clientKey(r *http.Request) string {
	key := r.Header.Get("Cf-Connecting-Ip")
	if key == "" {
		key = r.RemoteAddr
	}
	if ip := net.ParseIP(key); ip != nil && ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return key
}

// send makes the upstream request: the target's URL (or the test
// upstream, with the same Host), the forwarded headers and the body, and
// reads the whole answer.
func (rl *Relay) send(r *http.Request, t Target, body []byte) (*http.Response, []byte, error) {
	ctx, cancel := context.WithTimeout(r.Context(), UpstreamTimeout)
	defer cancel()
	out, err := http.NewRequestWithContext(ctx, r.Method, "https://"+t.Host+"/", bytes.NewReader(body))
	if err != nil {
		return nil, nil, refusal(http.StatusBadRequest, "%v", err)
	}
	out.URL = t.URL()
	if rl.upstream != nil {
		out.URL.Scheme, out.URL.Host = rl.upstream.Scheme, rl.upstream.Host
	}
	out.Host = t.Host
	out.Header = copyHeaders(r.Header)
	if rl.upstream != nil {
		// workerd's fetch sends the URL's host whatever Host says.
		out.Header.Set(TestHostHeader, t.Host)
	}
	resp, err := rl.transport.RoundTrip(out)
	if err != nil {
		return nil, nil, refusal(http.StatusBadGateway, "the AWS endpoint could not be reached: %v", err)
	}
	defer resp.Body.Close()
	tooLarge := refusal(http.StatusBadGateway, "the AWS answer is larger than %d bytes", MaxResponseBody)
	if resp.ContentLength > MaxResponseBody {
		return nil, nil, tooLarge
	}
	respBody, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBody+1))
	if err != nil {
		return nil, nil, refusal(http.StatusBadGateway, "reading the AWS answer: %v", err)
	}
	if len(respBody) > MaxResponseBody {
		return nil, nil, tooLarge
	}
	return resp, respBody, nil
}

// refuse writes the relay's own refusal, told apart from AWS's answers by
// the X-Iamlab-Relay header; an allowed cross-origin page can read it.
func refuse(w http.ResponseWriter, ref *Refusal, cross string) {
	h := w.Header()
	setCORS(h, cross)
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Iamlab-Relay", "refused")
	w.WriteHeader(ref.Status)
	fmt.Fprintln(w, ref.Error())
}
