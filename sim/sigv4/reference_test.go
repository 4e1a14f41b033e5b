package sigv4

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// referenceSignature is the signature aws-sdk-go-v2's own signer gives a
// copy of the request holding only the headers the client signed: the
// reference the verifier's canonical request is checked against.
func referenceSignature(t *testing.T, r *http.Request, a *Auth, secret, payloadHash string) string {
	t.Helper()
	u := &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	req := &http.Request{Method: r.Method, URL: u, Host: r.Host, Header: http.Header{}}
	for _, h := range a.SignedHeaders {
		switch h {
		case "host":
		case "content-length":
			req.ContentLength = r.ContentLength
		default:
			req.Header[http.CanonicalHeaderKey(h)] = r.Header.Values(h)
		}
	}
	creds := aws.Credentials{AccessKeyID: a.AccessKeyID, SecretAccessKey: secret}
	opts := func(o *v4.SignerOptions) {
		o.DisableURIPathEscaping = a.Service == "s3"
		o.DisableHeaderHoisting = true
	}
	s := v4.NewSigner()
	if a.Presigned {
		q := u.Query()
		q.Del("X-Amz-Signature")
		u.RawQuery = q.Encode()
		signed, _, err := s.PresignHTTP(context.Background(), creds, req, payloadHash, a.Service, a.Region, a.Time, opts)
		if err != nil {
			t.Fatal(err)
		}
		_, sq, _ := strings.Cut(signed, "?")
		vals, _ := url.ParseQuery(sq)
		return vals.Get("X-Amz-Signature")
	}
	if err := s.SignHTTP(context.Background(), creds, req, payloadHash, a.Service, a.Region, a.Time, opts); err != nil {
		t.Fatal(err)
	}
	_, sig, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	return sig
}

// The worked examples of the S3 API Reference ("Signature calculations
// for the Authorization header", GET Object; "Authenticating requests:
// using query parameters", the presigned GET) verify, and fail with any
// header changed.
func TestDocumentedSignatures(t *testing.T) {
	header := func() *http.Request {
		r, _ := http.NewRequest(http.MethodGet, "https://examplebucket.s3.amazonaws.com/test.txt", nil)
		r.Header.Set("Range", "bytes=0-9")
		r.Header.Set("X-Amz-Content-Sha256", EmptyHash)
		r.Header.Set("X-Amz-Date", "20130524T000000Z")
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"+
			"SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
		return r
	}
	presigned := func() *http.Request {
		r, _ := http.NewRequest(http.MethodGet, "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"+
			"&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"+
			"&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", nil)
		return r
	}
	var v Verifier
	for _, tc := range []struct {
		name  string
		req   func() *http.Request
		edit  func(*http.Request)
		valid bool
	}{
		{"GET Object", header, nil, true},
		{"GET Object, other range", header, func(r *http.Request) { r.Header.Set("Range", "bytes=0-10") }, false},
		{"GET Object, other host", header, func(r *http.Request) { r.Host = "otherbucket.s3.amazonaws.com" }, false},
		{"GET Object, spaces around the range", header, func(r *http.Request) { r.Header.Set("Range", "  bytes=0-9 ") }, true},
		{"presigned GET", presigned, nil, true},
		{"presigned GET, another path", presigned, func(r *http.Request) { r.URL.Path = "/test2.txt" }, false},
		{"presigned GET, a parameter more", presigned, func(r *http.Request) { r.URL.RawQuery += "&versionId=1" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.req()
			if tc.edit != nil {
				tc.edit(r)
			}
			a, f := Parse(r)
			if f != nil {
				t.Fatal(f.Detail)
			}
			hash, f := PayloadHash(r, a, nil)
			if f != nil {
				t.Fatal(f.Detail)
			}
			f = v.Verify(r, a, Key{Secret: docSecret}, hash, docTime.Add(time.Minute))
			if (f == nil) != tc.valid {
				t.Errorf("verified: %v, want %v (%v)", f == nil, tc.valid, f)
			}
		})
	}
}

// wireHeader reports whether a header goes on the wire as it is: a name
// of token characters (RFC 9110), a value without control characters.
func wireHeader(name, value string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(unreserved(c) || strings.IndexByte("!#$%&'*+^`|", c) >= 0) {
			return false
		}
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// fuzzMethods are the methods the fuzz target picks from.
var fuzzMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodHead}

// FuzzSignature signs arbitrary requests with aws-sdk-go-v2 (as a client
// does, headers or presigned), sends them through the wire format, and
// verifies them as a server: every request the SDK signs verifies, the
// canonical request gives the reference signer's signature, and a
// changed header value is refused.
func FuzzSignature(f *testing.F) {
	f.Add(uint8(0), "/", "Action=GetCallerIdentity&Version=2011-06-15", "X-Amz-Meta-A", "b  c", false, false)
	f.Add(uint8(2), "/bucket/a key+é/%2F", "x-id=PutObject&prefix=a%20b", "Content-Type", "text/plain", true, false)
	f.Add(uint8(1), "/a/../b//c", "b=2&a=1&a=0&c", "X-Amz-Target", " TrentService.Encrypt ", false, true)
	f.Add(uint8(0), "/k", "list-type=2&delimiter=%2F;x=1", "Range", "bytes=0-9", true, true)
	f.Fuzz(func(t *testing.T, m uint8, path, query, hname, hval string, s3, presign bool) {
		service := "sts"
		if s3 {
			service = "s3"
		}
		u := &url.URL{Scheme: "http", Host: "sim.example:4566", Path: path, RawQuery: query}
		req, err := http.NewRequest(fuzzMethods[int(m)%len(fuzzMethods)], u.String(), nil)
		if err != nil || req.URL.Path == "" || req.URL.Path[0] != '/' {
			return
		}
		if hname != "" {
			if !wireHeader(hname, hval) {
				return // Go's client would change it on the wire, after the signature
			}
			req.Header.Set(hname, hval)
		}
		now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
		creds := aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: docSecret}
		opt := func(o *v4.SignerOptions) { o.DisableURIPathEscaping = s3 }
		if presign {
			// Presigned S3 URLs sign UNSIGNED-PAYLOAD; other services
			// the empty body's hash.
			payload := EmptyHash
			if s3 {
				payload = UnsignedPayload
			}
			signed, hs, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, payload, service, "us-east-1", now, opt)
			if err != nil {
				return
			}
			if req, err = http.NewRequest(req.Method, signed, nil); err != nil {
				return
			}
			for k, v := range hs {
				if k != "Host" {
					req.Header[k] = v
				}
			}
		} else {
			req.Header.Set("X-Amz-Content-Sha256", EmptyHash)
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, EmptyHash, service, "us-east-1", now, opt); err != nil {
				return
			}
		}
		var wire bytes.Buffer
		if err := req.Write(&wire); err != nil {
			return
		}
		r, err := http.ReadRequest(bufio.NewReader(&wire))
		if err != nil {
			return // not a request a server would read
		}
		a, fail := Parse(r)
		if fail != nil || a == nil {
			return // refused before any signature is computed (e.g. an odd header name)
		}
		hash, fail := PayloadHash(r, a, nil)
		if fail != nil {
			t.Fatalf("payload hash: %v", fail.Detail)
		}
		key := Key{Secret: docSecret}
		var v Verifier
		if fail := v.Verify(r, a, key, hash, now); fail != nil {
			t.Fatalf("a request the SDK signed is refused: %s\n%q\n%q", fail.Detail, r.Header, r.URL.RawQuery)
		}
		if got, want := signature(r, a, SigningKey(docSecret, a), hash), referenceSignature(t, r, a, docSecret, hash); hex.EncodeToString(got[:]) != want {
			t.Fatalf("signature %s, the SDK's %s", got, want)
		}
		if hname != "" && r.Header.Get(hname) != "" && !presign {
			for _, h := range a.SignedHeaders {
				if h == strings.ToLower(hname) {
					r.Header.Set(hname, r.Header.Get(hname)+"x")
					if v.Verify(r, a, key, hash, now) == nil {
						t.Fatalf("verified with %s changed", hname)
					}
				}
			}
		}
	})
}

// hmacPadded is crypto/hmac's HMAC-SHA256 for keys up to a block.
func TestHMACPadded(t *testing.T) {
	for _, tc := range []struct{ key, msg string }{
		{"", ""}, {"key", "The quick brown fox jumps over the lazy dog"},
		{strings.Repeat("k", 32), strings.Repeat("m", 1000)}, {strings.Repeat("k", 64), "x"},
	} {
		m := hmac.New(sha256.New, []byte(tc.key))
		m.Write([]byte(tc.msg))
		want := m.Sum(nil)
		buf := append(make([]byte, hmacBlock), tc.msg...)
		if got := hmacPadded([]byte(tc.key), buf); !bytes.Equal(got[:], want) {
			t.Errorf("key %q: %x, want %x", tc.key, got, want)
		}
	}
}
