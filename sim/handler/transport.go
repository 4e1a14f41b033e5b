package handler

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"io"
	"net/http"
	"strconv"
)

// Transport is an http.RoundTripper that answers requests with an
// http.Handler in process: it writes each request out as it would go on
// the wire and parses it back, so that the handler sees what a server
// sees, and clients keep AWS's real host names (no endpoint to set).
type Transport struct {
	Handler http.Handler
	// RemoteAddr is the caller's address the handler sees
	// ("127.0.0.1:0" when empty).
	RemoteAddr string
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var wire bytes.Buffer
	if err := req.Write(&wire); err != nil {
		return nil, err
	}
	if req.Body != nil {
		req.Body.Close()
	}
	sreq, err := http.ReadRequest(bufio.NewReader(&wire))
	if err != nil {
		return nil, err
	}
	sreq = sreq.WithContext(req.Context())
	sreq.RemoteAddr = t.RemoteAddr
	if sreq.RemoteAddr == "" {
		sreq.RemoteAddr = "127.0.0.1:0"
	}
	if req.URL.Scheme == "https" {
		sreq.TLS = &tls.ConnectionState{HandshakeComplete: true, ServerName: req.URL.Hostname()}
	}
	rec := &recorder{header: http.Header{}}
	t.Handler.ServeHTTP(rec, sreq)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	resp := &http.Response{
		Status: strconv.Itoa(rec.status) + " " + http.StatusText(rec.status), StatusCode: rec.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: rec.header, Body: io.NopCloser(bytes.NewReader(rec.body.Bytes())),
		ContentLength: int64(rec.body.Len()), Request: req,
	}
	if req.Method == http.MethodHead {
		resp.Body = http.NoBody
	}
	return resp, nil
}

// recorder is the http.ResponseWriter of Transport.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
