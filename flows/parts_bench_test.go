package flows

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/catalog/embedded"
)

// BenchmarkParts times parts of a step apart: making a client, a call
// on a made client, the simulated AWS's answer alone.
func BenchmarkParts(b *testing.B) {
	f, _ := Get("cognito-identity-pool")
	r, serr, err := start(f, Options{Catalog: embedded.Catalog(), Seed: 1})
	if err != nil || serr != nil {
		b.Fatal(err, serr)
	}
	defer r.World.Close()
	ctx := context.Background()
	var tm Timing
	for i := range f.Steps {
		r.step(ctx, &f.Steps[i], &tm)
	}
	creds, _ := Value[aws.Credentials](r, "userCreds")
	cfg := r.Config(creds)
	b.Run("config", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			_ = r.Config(creds)
		}
	})
	b.Run("new-s3", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			_ = s3.NewFromConfig(cfg)
		}
	})
	b.Run("new-sts", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			_ = sts.NewFromConfig(cfg)
		}
	})
	c3 := s3.NewFromConfig(cfg)
	b.Run("put-call", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			r.rec.take()
			_, err := c3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String("cognito/x/note.txt"), Body: strings.NewReader("a note")})
			_ = err
		}
	})
	cs := sts.NewFromConfig(cfg)
	b.Run("sts-call", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			r.rec.take()
			cs.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		}
	})
	// The simulated AWS alone, a captured request replayed; the SDK
	// alone, a captured answer replayed.
	capt := &capture{next: r.rec.next}
	r.rec.next = capt
	cs.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	b.Run("sim-sts", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			req := capt.req.Clone(ctx)
			req.Body = io.NopCloser(bytes.NewReader(capt.body))
			resp, _ := capt.next.RoundTrip(req)
			io.ReadAll(resp.Body)
		}
	})
	b.Run("record-sts", func(b *testing.B) {
		b.ReportAllocs()
		rec := &recorder{next: replay{capt}}
		for b.Loop() {
			req := capt.req.Clone(ctx)
			req.Body = io.NopCloser(bytes.NewReader(capt.body))
			resp, _ := rec.RoundTrip(req)
			io.ReadAll(resp.Body)
			rec.take()
		}
	})
	r.rec.next = replay{capt}
	b.Run("sdk-sts", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			r.rec.take()
			if _, err := cs.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	cfg.HTTPClient = &http.Client{Transport: replay{capt}}
	cs = sts.NewFromConfig(cfg)
	b.Run("sdk-sts-no-rec", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			if _, err := cs.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

type capture struct {
	next   http.RoundTripper
	req    *http.Request
	body   []byte
	status int
	header http.Header
	resp   []byte
}

func (c *capture) RoundTrip(req *http.Request) (*http.Response, error) {
	c.body, _ = io.ReadAll(req.Body)
	c.req = req.Clone(req.Context())
	req.Body = io.NopCloser(bytes.NewReader(c.body))
	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	c.resp, _ = io.ReadAll(resp.Body)
	c.status, c.header = resp.StatusCode, resp.Header
	resp.Body = io.NopCloser(bytes.NewReader(c.resp))
	return resp, nil
}

type replay struct{ c *capture }

func (p replay) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.ReadAll(req.Body)
	}
	return &http.Response{StatusCode: p.c.status, Header: p.c.header.Clone(), Body: io.NopCloser(bytes.NewReader(p.c.resp)), Request: req}, nil
}

// cpuPerOp reports the CPU time per op when the returned func is called.
func cpuPerOp(b *testing.B) func() {
	c0 := cpuMicros()
	return func() { b.ReportMetric((cpuMicros()-c0)/float64(b.N), "cpu-µs/op") }
}
