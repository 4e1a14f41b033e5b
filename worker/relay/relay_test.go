package relay

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// self is the origin of the test requests: the relay's own.
const self = "http://lab.example"

// fakeAWS records the upstream requests and answers each with its reply.
type fakeAWS struct {
	got    []*http.Request
	bodies [][]byte
	reply  func(*http.Request) *http.Response
}

func (f *fakeAWS) RoundTrip(r *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(r.Body)
	f.got = append(f.got, r)
	f.bodies = append(f.bodies, body)
	if f.reply != nil {
		return f.reply(r), nil
	}
	return reply(http.StatusOK, http.Header{"Content-Type": {"text/xml"}}, "<ok/>"), nil
}

func reply(status int, h http.Header, body string) *http.Response {
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body))}
}

var allowAll = LimiterFunc(func(context.Context, string) (bool, error) { return true, nil })

func newRelay(t *testing.T, aws http.RoundTripper, mod func(*Config)) *Relay {
	t.Helper()
	cfg := Config{Transport: aws, Limiter: allowAll, Origins: []string{"https://dev.example"}}
	if mod != nil {
		mod(&cfg)
	}
	rl, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rl
}

// request is a relay request from the lab's own page.
func request(method, target, body string) *http.Request {
	r := httptest.NewRequest(method, self+target, strings.NewReader(body))
	r.Header.Set("Origin", self)
	return r
}

func serve(rl http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	rl.ServeHTTP(w, r)
	return w
}

func TestNewNeedsTransportAndLimiter(t *testing.T) {
	if _, err := New(Config{Limiter: allowAll}); err == nil {
		t.Error("New without a Transport: no error")
	}
	if _, err := New(Config{Transport: &fakeAWS{}}); err == nil {
		t.Error("New without a Limiter: no error")
	}
}

func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		name    string
		req     func() *http.Request
		limiter Limiter
		status  int
	}{
		{"not a relay path", func() *http.Request { return request("GET", "/index.html", "") }, nil, 404},
		{"other host", func() *http.Request { return request("POST", "/relay/evil.test/", "") }, nil, 403},
		{"lookalike", func() *http.Request { return request("POST", "/relay/sts.amazonaws.com.evil.test/", "") }, nil, 403},
		{"IP literal", func() *http.Request { return request("GET", "/relay/169.254.169.254/latest/", "") }, nil, 403},
		{"encoded slash", func() *http.Request { return request("GET", "/relay/evil.test%2Fsts.amazonaws.com/", "") }, nil, 403},
		{"URL too long", func() *http.Request {
			return request("GET", "/relay/s3.amazonaws.com/b?"+strings.Repeat("a", MaxURLLength), "")
		}, nil, 414},
		{"wrong origin", func() *http.Request {
			r := request("POST", "/relay/sts.amazonaws.com/", "")
			r.Header.Set("Origin", "https://evil.test")
			return r
		}, nil, 403},
		{"origin null", func() *http.Request {
			r := request("POST", "/relay/sts.amazonaws.com/", "")
			r.Header.Set("Origin", "null")
			return r
		}, nil, 403},
		{"no origin, not same-origin", func() *http.Request {
			r := request("GET", "/relay/sts.amazonaws.com/", "")
			r.Header.Del("Origin")
			r.Header.Set("Sec-Fetch-Site", "same-site")
			return r
		}, nil, 403},
		{"no origin at all", func() *http.Request {
			r := request("GET", "/relay/sts.amazonaws.com/", "")
			r.Header.Del("Origin")
			return r
		}, nil, 403},
		{"method PATCH", func() *http.Request { return request("PATCH", "/relay/sts.amazonaws.com/", "") }, nil, 405},
		{"method TRACE", func() *http.Request { return request("TRACE", "/relay/sts.amazonaws.com/", "") }, nil, 405},
		{"declared oversize body", func() *http.Request {
			r := request("POST", "/relay/sts.amazonaws.com/", "")
			r.ContentLength = MaxRequestBody + 1
			return r
		}, nil, 413},
		{"streamed oversize body", func() *http.Request {
			r := request("POST", "/relay/sts.amazonaws.com/", strings.Repeat("a", MaxRequestBody+1))
			r.ContentLength = -1
			return r
		}, nil, 413},
		{"unreadable body", func() *http.Request {
			r := request("POST", "/relay/sts.amazonaws.com/", "")
			r.Body, r.ContentLength = io.NopCloser(iotest.ErrReader(errors.New("reset"))), -1
			return r
		}, nil, 400},
		{"rate limited", func() *http.Request { return request("POST", "/relay/sts.amazonaws.com/", "") },
			LimiterFunc(func(context.Context, string) (bool, error) { return false, nil }), 429},
		{"rate limiter down", func() *http.Request { return request("POST", "/relay/sts.amazonaws.com/", "") },
			LimiterFunc(func(context.Context, string) (bool, error) { return false, errors.New("binding missing") }), 503},
	} {
		t.Run(c.name, func(t *testing.T) {
			aws := &fakeAWS{}
			rl := newRelay(t, aws, func(cfg *Config) {
				if c.limiter != nil {
					cfg.Limiter = c.limiter
				}
			})
			w := serve(rl, c.req())
			if w.Code != c.status || w.Header().Get("X-Iamlab-Relay") != "refused" {
				t.Errorf("%d %q, want the relay's %d", w.Code, w.Body, c.status)
			}
			if len(aws.got) != 0 {
				t.Errorf("a refused request reached AWS: %s", aws.got[0].URL)
			}
		})
	}
}

func TestUpstreamFailures(t *testing.T) {
	for _, c := range []struct {
		name  string
		reply func(*http.Request) *http.Response
	}{
		{"declared oversize answer", func(*http.Request) *http.Response {
			r := reply(200, nil, "small")
			r.ContentLength = MaxResponseBody + 1
			return r
		}},
		{"oversize answer", func(*http.Request) *http.Response {
			r := reply(200, nil, strings.Repeat("a", MaxResponseBody+1))
			r.ContentLength = -1
			return r
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := serve(newRelay(t, &fakeAWS{reply: c.reply}, nil), request("GET", "/relay/s3.amazonaws.com/b/k", ""))
			if w.Code != http.StatusBadGateway || w.Header().Get("X-Iamlab-Relay") != "refused" {
				t.Errorf("%d %.80q, want the relay's 502", w.Code, w.Body)
			}
		})
	}
	down := LimiterFunc(func(context.Context, string) (bool, error) { return true, nil })
	rl, _ := New(Config{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New("dns: no such host")
	}), Limiter: down})
	if w := serve(rl, request("POST", "/relay/sts.amazonaws.com/", "")); w.Code != http.StatusBadGateway {
		t.Errorf("unreachable AWS: %d, want 502", w.Code)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestForwards: what goes upstream is the signed request itself — the
// AWS URL byte for byte, its Host, its signed headers — and nothing the
// browser or Cloudflare added.
func TestForwards(t *testing.T) {
	aws := &fakeAWS{}
	rl := newRelay(t, aws, nil)
	body := "Action=GetCallerIdentity&Version=2011-06-15"
	r := request("POST", "/relay/s3.us-east-1.amazonaws.com/b/a%20b+c%2Fd?x-id=PutObject&tag=a%2Cb", body)
	signed := map[string]string{
		"Authorization":         "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=cache-control;host;x-amz-date, Signature=abc",
		"X-Amz-Date":            "20260101T000000Z",
		"X-Amz-Security-Token":  "token",
		"X-Amz-Content-Sha256":  "UNSIGNED-PAYLOAD",
		"Cache-Control":         "no-cache,no-store",
		"Content-Type":          "application/x-www-form-urlencoded; charset=utf-8",
		"Content-Encoding":      "aws-chunked",
		"Amz-Sdk-Invocation-Id": "id",
	}
	for k, v := range signed {
		r.Header.Set(k, v)
	}
	added := []string{"Cookie", "Referer", "User-Agent", "Sec-Fetch-Mode", "Cf-Connecting-Ip", "Cf-Ray", "X-Forwarded-For", "X-Real-Ip", "Forwarded", "Accept-Encoding", "Connection", "Proxy-Authorization"}
	for _, k := range added {
		r.Header.Set(k, "x")
	}
	w := serve(rl, r)
	if w.Code != 200 || len(aws.got) != 1 {
		t.Fatalf("%d %q, %d upstream requests", w.Code, w.Body, len(aws.got))
	}
	up := aws.got[0]
	if got := up.URL.String(); got != "https://s3.us-east-1.amazonaws.com/b/a%20b+c%2Fd?x-id=PutObject&tag=a%2Cb" {
		t.Errorf("upstream URL %s", got)
	}
	if up.Host != "s3.us-east-1.amazonaws.com" || up.Method != "POST" {
		t.Errorf("upstream %s Host %q", up.Method, up.Host)
	}
	for k, v := range signed {
		if got := up.Header.Values(k); len(got) != 1 || got[0] != v {
			t.Errorf("upstream %s = %q, want %q", k, got, v)
		}
	}
	for _, k := range append(added, "Origin") {
		if v := up.Header.Get(k); v != "" {
			t.Errorf("upstream got %s: %q", k, v)
		}
	}
	if string(aws.bodies[0]) != body || up.ContentLength != int64(len(body)) {
		t.Errorf("upstream body %q (length %d), want %q", aws.bodies[0], up.ContentLength, body)
	}
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS headers for the Worker's own origin")
	}
}

func TestAnswers(t *testing.T) {
	aws := &fakeAWS{reply: func(r *http.Request) *http.Response {
		h := http.Header{"Set-Cookie": {"AWSALB=x"}, "X-Amzn-Requestid": {"req-1"}, "Content-Type": {"text/xml"},
			"Access-Control-Allow-Origin": {"*"}, "Connection": {"close"}}
		switch r.URL.Path {
		case "/redirect":
			h.Set("Location", "http://169.254.169.254/")
			return reply(http.StatusTemporaryRedirect, h, "<Error><Code>TemporaryRedirect</Code></Error>")
		case "/head":
			h.Set("Content-Length", "1234")
			return reply(http.StatusOK, h, "")
		}
		return reply(http.StatusForbidden, h, "<ErrorResponse/>")
	}}
	rl := newRelay(t, aws, nil)

	w := serve(rl, request("POST", "/relay/sts.amazonaws.com/", ""))
	if w.Code != 403 || w.Body.String() != "<ErrorResponse/>" || w.Header().Get("X-Iamlab-Relay") != "" {
		t.Errorf("AWS's error: %d %q %v, want it passed back as is", w.Code, w.Body, w.Header())
	}
	if w.Header().Get("X-Amzn-Requestid") != "req-1" || w.Header().Get("Content-Length") != "16" {
		t.Errorf("answer headers %v", w.Header())
	}
	for _, k := range []string{"Set-Cookie", "Access-Control-Allow-Origin", "Connection"} {
		if v := w.Header().Get(k); v != "" {
			t.Errorf("answer has AWS's %s: %q", k, v)
		}
	}

	w = serve(rl, request("GET", "/relay/s3.amazonaws.com/redirect", ""))
	if w.Code != http.StatusTemporaryRedirect || w.Header().Get("Location") != "" || len(aws.got) != 2 {
		t.Errorf("redirect: %d Location %q after %d upstream requests; want 307, no Location, not followed", w.Code, w.Header().Get("Location"), len(aws.got))
	}

	w = serve(rl, request("HEAD", "/relay/s3.amazonaws.com/head", ""))
	if w.Code != 200 || w.Header().Get("Content-Length") != "1234" || w.Body.Len() != 0 {
		t.Errorf("HEAD: %d Content-Length %q, %d bytes", w.Code, w.Header().Get("Content-Length"), w.Body.Len())
	}
}

// TestCORS: pages of a configured origin may call the relay and read its
// answers, refusals included; a preflight allows only headers the relay
// forwards.
func TestCORS(t *testing.T) {
	const dev = "https://dev.example"
	rl := newRelay(t, &fakeAWS{}, nil)

	pre := request("OPTIONS", "/relay/sts.amazonaws.com/", "")
	pre.Header.Set("Origin", dev)
	pre.Header.Set("Access-Control-Request-Method", "POST")
	pre.Header.Set("Access-Control-Request-Headers", "authorization,x-amz-date, x-amz-security-token,cookie,sec-fetch-mode")
	w := serve(rl, pre)
	h := w.Header()
	if w.Code != 204 || h.Get("Access-Control-Allow-Origin") != dev || h.Get("Access-Control-Allow-Headers") != "authorization, x-amz-date, x-amz-security-token" {
		t.Errorf("preflight: %d %v", w.Code, h)
	}
	if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "PUT") || strings.Contains(h.Get("Access-Control-Allow-Methods"), "PATCH") {
		t.Errorf("preflight methods %q", h.Get("Access-Control-Allow-Methods"))
	}

	r := request("POST", "/relay/sts.amazonaws.com/", "")
	r.Header.Set("Origin", dev)
	w = serve(rl, r)
	if w.Header().Get("Access-Control-Allow-Origin") != dev || !strings.Contains(w.Header().Get("Access-Control-Expose-Headers"), "Content-Type") {
		t.Errorf("cross-origin answer headers %v", w.Header())
	}

	r = request("PATCH", "/relay/sts.amazonaws.com/", "")
	r.Header.Set("Origin", dev)
	if w = serve(rl, r); w.Code != 405 || w.Header().Get("Access-Control-Allow-Origin") != dev {
		t.Errorf("cross-origin refusal: %d %v", w.Code, w.Header())
	}

	r = request("OPTIONS", "/relay/sts.amazonaws.com/", "")
	r.Header.Set("Origin", "https://evil.test")
	r.Header.Set("Access-Control-Request-Method", "POST")
	if w = serve(rl, r); w.Code != 403 || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", w.Code, w.Header())
	}

	// A same-origin GET carries no Origin, but Sec-Fetch-Site.
	r = request("GET", "/relay/s3.amazonaws.com/b", "")
	r.Header.Del("Origin")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if w = serve(rl, r); w.Code != 200 {
		t.Errorf("same-origin GET without Origin: %d %q", w.Code, w.Body)
	}
}

// TestRateLimitKey: the client is Cloudflare's CF-Connecting-IP (an IPv6
// one by its /64), or the connection's address natively.
func TestRateLimitKey(t *testing.T) {
	var keys []string
	rl := newRelay(t, &fakeAWS{}, func(c *Config) {
		c.Limiter = LimiterFunc(func(_ context.Context, key string) (bool, error) {
			keys = append(keys, key)
			return true, nil
		})
	})
	r := request("POST", "/relay/sts.amazonaws.com/", "")
	r.Header.Set("Cf-Connecting-Ip", "203.0.113.9")
	serve(rl, r)
	r = request("POST", "/relay/sts.amazonaws.com/", "")
	r.Header.Set("Cf-Connecting-Ip", "2001:db8:1:2:aaaa::1")
	serve(rl, r)
	r = request("POST", "/relay/sts.amazonaws.com/", "")
	r.RemoteAddr = "192.0.2.1:1234"
	serve(rl, r)
	serve(rl, request("POST", "/relay/evil.test/", "")) // refused before counting
	if strings.Join(keys, " ") != "203.0.113.9 2001:db8:1:2::/64 192.0.2.1:1234" {
		t.Errorf("limiter keys %q", keys)
	}
}

// TestLogs: one entry per request, without credentials, signatures,
// tokens or queries.
func TestLogs(t *testing.T) {
	var entries []string
	rl := newRelay(t, &fakeAWS{}, func(c *Config) { c.Log = func(e Entry) { entries = append(entries, e.String()) } })
	r := request("GET", "/relay/s3.amazonaws.com/b/k?X-Amz-Credential=AKIDQUERY&X-Amz-Signature=QUERYSIG&X-Amz-Security-Token=QUERYTOKEN", "")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDHEADER/x, SignedHeaders=host, Signature=HEADERSIG")
	r.Header.Set("X-Amz-Security-Token", "HEADERTOKEN")
	serve(rl, r)
	serve(rl, request("POST", "/relay/evil.test/?X-Amz-Signature=QUERYSIG", ""))
	if len(entries) != 2 || !strings.HasPrefix(entries[0], "relay GET s3.amazonaws.com/b/k 200 ") || !strings.Contains(entries[1], "refused") {
		t.Fatalf("log entries %q", entries)
	}
	for _, secret := range []string{"AKID", "SIG", "TOKEN", "Signature", "Credential", "?"} {
		if s := strings.Join(entries, "\n"); strings.Contains(s, secret) {
			t.Errorf("the log holds %q: %s", secret, s)
		}
	}
}

func TestJoinSplitValues(t *testing.T) {
	auth := "AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
	h := http.Header{}
	for _, v := range strings.Split(auth, ",") { // what syumai/workers hands over
		h.Add("Authorization", v)
	}
	h.Add("Cache-Control", "no-cache")
	JoinSplitValues(h)
	if got := h.Values("Authorization"); len(got) != 1 || got[0] != auth {
		t.Errorf("joined %q, want %q", got, auth)
	}
	if got := h.Values("Cache-Control"); len(got) != 1 || got[0] != "no-cache" {
		t.Errorf("single value became %q", got)
	}
}

// TestTransport: the client side moves the signed request to the relay
// without touching a header, and refuses what the relay would refuse.
func TestTransport(t *testing.T) {
	var sent *http.Request
	tr := &Transport{
		Relay: &url.URL{Scheme: "https", Host: "lab.example"},
		Base: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent = r
			return reply(200, nil, ""), nil
		}),
	}
	req, _ := http.NewRequest("POST", "https://sts.us-east-1.amazonaws.com/?a=b%20c", strings.NewReader("x"))
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=A, SignedHeaders=host, Signature=s")
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	if _, err := tr.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if sent.URL.String() != "https://lab.example/relay/sts.us-east-1.amazonaws.com/?a=b%20c" || sent.Host != "" {
		t.Errorf("sent to %s (Host %q)", sent.URL, sent.Host)
	}
	if sent.Header.Get("Authorization") != req.Header.Get("Authorization") || sent.Header.Get("X-Amz-Date") != "20260101T000000Z" {
		t.Errorf("headers changed: %v", sent.Header)
	}
	if req.URL.Host != "sts.us-east-1.amazonaws.com" {
		t.Error("RoundTrip changed the caller's request")
	}
	bad, _ := http.NewRequest("GET", "https://evil.test/", nil)
	if _, err := tr.RoundTrip(bad); err == nil {
		t.Error("a request for another host went to the relay")
	}
}

func TestEntryString(t *testing.T) {
	e := Entry{Method: "POST", Host: "sts.amazonaws.com", Path: "/", Status: 429, Refused: "too many"}
	if got := e.String(); !strings.HasPrefix(got, "relay POST sts.amazonaws.com/ "+strconv.Itoa(429)) || !strings.HasSuffix(got, "refused: too many") {
		t.Errorf("Entry.String() = %q", got)
	}
}
