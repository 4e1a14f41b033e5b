//go:build js && wasm

package main

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"syscall/js"
)

// fetchTransport sends upstream requests with the runtime's fetch. It is
// not Go's http.Transport, whose client code (TLS, HTTP/2) would double
// the Worker's size for nothing: fetch does all that. Three things it
// does on purpose:
//   - the body goes in one buffer, so that fetch sends Content-Length
//     (SigV4 signs it; syumai's fetch client streams bodies chunked,
//     without it);
//   - redirect: "manual", since the relay never follows a redirect;
//   - Host is sent when it differs from the URL's, which happens only for
//     the test build's local upstream, which must still see the host the
//     request was signed for.
type fetchTransport struct{}

// fetch is the runtime's fetch bound to the real globalThis. syumai's
// wasm_exec.js gives Go a Proxy of globalThis as js.Global(), and workerd
// refuses a fetch called on the Proxy ("Illegal invocation").
var fetch = func() js.Value {
	global := js.Global().Get("globalThis")
	return global.Get("fetch").Call("bind", global)
}()

func (fetchTransport) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	// A JavaScript exception panics in syscall/js, and a panic shows only as
	// "the Worker's code had hung": make it an error the relay answers 502 with.
	defer func() {
		if p := recover(); p != nil {
			resp, err = nil, fmt.Errorf("fetch: %v", p)
		}
	}()
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
	}
	headers := js.Global().Get("Headers").New()
	for k, vs := range req.Header {
		for _, v := range vs {
			headers.Call("append", k, v)
		}
	}
	if req.Host != "" && req.Host != req.URL.Host {
		headers.Call("set", "Host", req.Host)
	}
	init := js.Global().Get("Object").New()
	init.Set("method", req.Method)
	init.Set("headers", headers)
	init.Set("redirect", "manual")
	if len(body) > 0 {
		buf := js.Global().Get("Uint8Array").New(len(body))
		js.CopyBytesToJS(buf, body)
		init.Set("body", buf)
	}
	res, err := await(fetch.Invoke(req.URL.String(), init))
	if err != nil {
		return nil, err
	}
	header := responseHeader(res.Get("headers"))
	length := int64(-1)
	if n, err := strconv.ParseInt(header.Get("Content-Length"), 10, 64); err == nil {
		length = n
	}
	var respBody io.ReadCloser = http.NoBody
	if b := res.Get("body"); !b.IsNull() && !b.IsUndefined() {
		respBody = &streamReader{reader: b.Call("getReader")}
	}
	return &http.Response{
		Status:        strconv.Itoa(res.Get("status").Int()) + " " + res.Get("statusText").String(),
		StatusCode:    res.Get("status").Int(),
		Header:        header,
		Body:          respBody,
		ContentLength: length,
		Request:       req,
	}, nil
}

// streamReader reads a response body stream chunk by chunk, so that the
// relay can stop at its size limit without holding the whole answer.
type streamReader struct {
	reader  js.Value // ReadableStreamDefaultReader
	pending []byte
	done    bool
}

func (s *streamReader) Read(p []byte) (int, error) {
	for len(s.pending) == 0 {
		if s.done {
			return 0, io.EOF
		}
		chunk, err := await(s.reader.Call("read"))
		if err != nil {
			return 0, err
		}
		if chunk.Get("done").Bool() {
			s.done = true
			continue
		}
		v := chunk.Get("value")
		s.pending = make([]byte, v.Get("byteLength").Int())
		js.CopyBytesToGo(s.pending, v)
	}
	n := copy(p, s.pending)
	s.pending = s.pending[n:]
	return n, nil
}

// Close cancels what is left of the stream.
func (s *streamReader) Close() error {
	if !s.done {
		s.done = true
		s.reader.Call("cancel")
	}
	return nil
}

// responseHeader copies a fetch Headers object. Each name has one value,
// already joined by fetch; it is not split at commas.
func responseHeader(h js.Value) http.Header {
	out := http.Header{}
	it := h.Call("entries")
	for {
		n := it.Call("next")
		if n.Get("done").Bool() {
			return out
		}
		kv := n.Get("value")
		out.Add(kv.Index(0).String(), kv.Index(1).String())
	}
}
