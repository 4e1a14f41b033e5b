package flows

import (
	"bytes"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaxShownBody bounds the part of a body an exchange shows; the rest is
// counted, not kept.
const MaxShownBody = 8 << 10

// Exchange is one HTTP request and its response, as a page shows them:
// secrets masked (mask.go).
type Exchange struct {
	Request  Message `json:"request"`
	Response Message `json:"response"`
}

// Message is a request or a response.
type Message struct {
	Method string `json:"method,omitempty"`
	URL    string `json:"url,omitempty"`
	Status int    `json:"status,omitempty"`
	// Headers are sorted by name, one entry per value.
	Headers [][2]string `json:"headers"`
	Body    string      `json:"body"`
	// Size is the body's length in bytes; Body holds at most MaxShownBody
	// of it.
	Size int `json:"size"`
}

// recorder is an http.RoundTripper that keeps what passes through it.
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	got  []Exchange
}

func (t *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(b))
		req.ContentLength = int64(len(b))
	}
	ex := Exchange{Request: Message{Method: req.Method, URL: maskURL(req.URL), Headers: headers(req.Header, req.Host, req.ContentLength)}}
	ex.Request.Body, ex.Request.Size = bodyText(reqBody, req.Header.Get("Content-Type"))
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	var respBody []byte
	if resp.Body != nil {
		respBody, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(bytes.NewReader(respBody))
	}
	ex.Response = Message{Status: resp.StatusCode, Headers: headers(resp.Header, "", -1)}
	ex.Response.Body, ex.Response.Size = bodyText(respBody, resp.Header.Get("Content-Type"))
	t.mu.Lock()
	t.got = append(t.got, ex)
	t.mu.Unlock()
	return resp, nil
}

// take returns what was recorded since the last take.
func (t *recorder) take() []Exchange {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := t.got
	t.got = nil
	return out
}

// headers lists the headers as they go on the wire, masked: Host and
// Content-Length are fields of the request, not of its header map.
func headers(h http.Header, host string, length int64) [][2]string {
	var out [][2]string
	if host != "" {
		out = append(out, [2]string{"Host", host})
	}
	if length > 0 {
		out = append(out, [2]string{"Content-Length", itoa(int(length))})
	}
	for k, vs := range h {
		for _, v := range vs {
			out = append(out, [2]string{k, maskHeader(k, v)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// bodyText is a body as text, masked and cut at MaxShownBody; a binary
// body is described, not shown.
func bodyText(b []byte, contentType string) (string, int) {
	if len(b) == 0 {
		return "", 0
	}
	shown := b
	if len(shown) > MaxShownBody {
		shown = shown[:MaxShownBody]
		for len(shown) > 0 && !utf8.Valid(shown) {
			shown = shown[:len(shown)-1]
		}
	}
	if !printable(shown) {
		return "", len(b)
	}
	s := maskBody(string(shown), contentType)
	if len(shown) < len(b) {
		s += "…"
	}
	return s, len(b)
}

// printable reports whether b is text a person can read.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' {
			return false
		}
	}
	return true
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func lower(s string) string { return strings.ToLower(s) }
