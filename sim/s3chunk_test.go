package sim_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sigv4"
	"github.com/iamlab/iamlab/sim/world"
)

// objectStore is a stand-in S3 for phase 1: PutObject and GetObject on
// path-style URLs, keeping what the handler decoded. It shows what a
// REST service implements, and lets the real S3 client exercise the
// signature and aws-chunked paths.
type objectStore struct {
	mu       sync.Mutex
	objects  map[string][]byte
	trailers map[string]http.Header
}

func (o *objectStore) Name() string                      { return "s3" }
func (o *objectStore) Style() sigv4.Style                { return sigv4.S3Style }
func (o *objectStore) MaxBody() int64                    { return 16 << 20 }
func (o *objectStore) Unsigned(string) bool              { return false }
func (o *objectStore) Claims(*http.Request, []byte) bool { return true }

func (o *objectStore) Operation(r *http.Request, _ []byte) (string, *protocol.Error) {
	switch r.Method {
	case http.MethodPut:
		return "PutObject", nil
	case http.MethodGet:
		return "GetObject", nil
	}
	return "", protocol.Errorf(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
}

func (o *objectStore) Serve(c *service.Call) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c.MarkAnswered()
	switch c.Op {
	case "PutObject":
		o.objects[c.R.URL.Path] = append([]byte(nil), c.Body...)
		o.trailers[c.R.URL.Path] = c.Trailers
		c.W.Header().Set("ETag", `"etag"`)
		c.W.WriteHeader(200)
	case "GetObject":
		c.W.Write(o.objects[c.R.URL.Path])
	}
}

func (o *objectStore) WriteError(c *service.Call, e *protocol.Error) {
	protocol.WriteS3Error(c.W, c.R, c.RequestID, "host", c.R.URL.Path, e)
}

// newObjectLab serves the seed world with the stand-in S3, over TLS when
// tls is set (the S3 client then streams aws-chunked bodies).
func newObjectLab(t *testing.T, tls bool) (*objectStore, *httptest.Server, *clock) {
	ck := &clock{}
	s, err := sim.New(sim.Config{Options: world.Options{Clock: ck.now}})
	if err != nil {
		t.Fatal(err)
	}
	store := &objectStore{objects: map[string][]byte{}, trailers: map[string]http.Header{}}
	h := handler.New(s.World, append(sim.Services(), store)...)
	srv := httptest.NewUnstartedServer(h)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(func() { srv.Close(); s.Close() })
	return store, srv, ck
}

func s3Client(srv *httptest.Server, secret string) *s3.Client {
	cfg := aws.Config{Region: "us-east-1", Credentials: staticCreds(rootKey, secret, ""), BaseEndpoint: aws.String(srv.URL),
		HTTPClient: srv.Client(), RetryMaxAttempts: 1,
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported}
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

// The S3 client over https streams STREAMING-UNSIGNED-PAYLOAD-TRAILER
// with a CRC32 trailer (platform.md); over http it signs the body's hash.
func TestS3ClientPayloads(t *testing.T) {
	for _, tls := range []bool{true, false} {
		store, srv, _ := newObjectLab(t, tls)
		body := bytes.Repeat([]byte("0123456789abcdef"), 4096)
		_, err := s3Client(srv, rootSec).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dir/obj.txt"), Body: bytes.NewReader(body)})
		if err != nil {
			t.Fatalf("tls=%v: %v", tls, err)
		}
		if got := store.objects["/bkt/dir/obj.txt"]; !bytes.Equal(got, body) {
			t.Errorf("tls=%v: stored %d bytes, want %d", tls, len(got), len(body))
		}
		if tls && store.trailers["/bkt/dir/obj.txt"].Get("x-amz-checksum-crc32") == "" {
			t.Errorf("no CRC32 trailer over https: %v", store.trailers["/bkt/dir/obj.txt"])
		}
		_, err = s3Client(srv, "wrong").PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), Body: strings.NewReader("x")})
		wantError(t, err, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	}
}

// A trailer whose checksum is not the data's is refused (BadDigest).
func TestS3ChecksumMismatch(t *testing.T) {
	_, srv, _ := newObjectLab(t, true)
	c := s3Client(srv, rootSec)
	flip := &flipChecksum{next: srv.Client().Transport}
	cfg := c.Options()
	cfg.HTTPClient = &http.Client{Transport: flip}
	_, err := s3.New(cfg).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), Body: strings.NewReader("hello world")})
	wantError(t, err, "BadDigest", "did not match the calculated checksum")
	if !flip.flipped {
		t.Fatal("the body had no checksum trailer to change")
	}
}

// flipChecksum changes the CRC32 trailer of an unsigned aws-chunked body.
type flipChecksum struct {
	next    http.RoundTripper
	flipped bool
}

func (f *flipChecksum) RoundTrip(r *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(r.Body)
	i := bytes.Index(b, []byte("x-amz-checksum-crc32:"))
	if i >= 0 {
		j := i + len("x-amz-checksum-crc32:")
		b[j] ^= 1
		f.flipped = true
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return f.next.RoundTrip(r)
}

func TestS3Presigned(t *testing.T) {
	store, srv, ck := newObjectLab(t, false)
	ps := s3.NewPresignClient(s3Client(srv, rootSec))
	put, err := ps.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("up.txt")}, s3.WithPresignExpires(5*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	do := func() (int, string) {
		req, _ := http.NewRequest(put.Method, put.URL, strings.NewReader("uploaded"))
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := do(); code != 200 || string(store.objects["/bkt/up.txt"]) != "uploaded" {
		t.Fatalf("presigned PUT: %d %s", code, body)
	}
	ck.advance(6 * time.Minute)
	if code, body := do(); code != 403 || !strings.Contains(body, "<Code>AccessDenied</Code><Message>Request has expired</Message>") {
		t.Errorf("expired presigned PUT: %d %s", code, body)
	}
}
