package sigv4

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzParse feeds the signature parser arbitrary Authorization headers,
// dates and presigned queries: no panic, and what parses is well formed.
func FuzzParse(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature="+docSeed, "20130524T000000Z", "")
	f.Add("", "", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=60&X-Amz-Signature="+docSeed)
	f.Add("AWS4-HMAC-SHA256 Credential=,,==,", "x", "X-Amz-Credential=%")
	f.Fuzz(func(t *testing.T, auth, date, query string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL.RawQuery = query
		if auth != "" {
			r.Header["Authorization"] = []string{auth}
		}
		r.Header["X-Amz-Date"] = []string{date}
		a, fail := Parse(r)
		if fail != nil {
			if fail.Answer(QueryStyle) == nil || fail.Answer(S3Style) == nil {
				t.Fatal("a failure without an answer")
			}
			return
		}
		if a == nil {
			return
		}
		if len(a.Signature) != 64 || a.Date != a.Time.Format("20060102") || strings.Count(a.Scope(), "/") != 3 {
			t.Fatalf("parsed %+v", a)
		}
		host := false
		for _, h := range a.SignedHeaders {
			host = host || h == "host"
		}
		if !host {
			t.Fatalf("host not signed but accepted: %v", a.SignedHeaders)
		}
	})
}

// FuzzDecodeChunked decodes arbitrary unsigned aws-chunked bodies: no
// panic, and whatever decodes is decoded again, identically, from a
// plain re-encoding in one chunk (the reference).
func FuzzDecodeChunked(f *testing.F) {
	f.Add([]byte("b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"))
	f.Add([]byte("0\r\n\r\n"))
	f.Add([]byte("3;chunk-signature=x\r\nabc\r\n0\r\n\r\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPut, "/b/k", nil)
		ch, fail := DecodeChunked(r, body, &Auth{}, Key{}, StreamingUnsignedTrailer)
		if fail != nil {
			return
		}
		var again bytes.Buffer
		if len(ch.Data) > 0 {
			fmt.Fprintf(&again, "%x\r\n%s\r\n", len(ch.Data), ch.Data)
		}
		again.WriteString("0\r\n")
		for k, vs := range ch.Trailers {
			for _, v := range vs {
				again.WriteString(strings.ToLower(k) + ":" + v + "\r\n")
			}
		}
		again.WriteString("\r\n")
		ch2, fail := DecodeChunked(r, again.Bytes(), &Auth{}, Key{}, StreamingUnsignedTrailer)
		if fail != nil || !bytes.Equal(ch.Data, ch2.Data) {
			t.Fatalf("re-encoded %q: %v", again.Bytes(), fail)
		}
	})
}
