package sim_test

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// wireCapture is a transport that keeps the requests an SDK client sends, as
// they go on the wire, and answers them with the lab.
type wireCapture struct {
	next http.RoundTripper
	reqs [][]byte
}

func (c *wireCapture) RoundTrip(r *http.Request) (*http.Response, error) {
	var wire bytes.Buffer
	if err := r.Write(&wire); err != nil {
		return nil, err
	}
	c.reqs = append(c.reqs, bytes.Clone(wire.Bytes()))
	back, err := http.ReadRequest(bufio.NewReader(&wire))
	if err != nil {
		return nil, err
	}
	back.RequestURI, back.URL.Scheme, back.URL.Host = "", r.URL.Scheme, r.URL.Host
	return c.next.RoundTrip(back.WithContext(r.Context()))
}

// mixRequests are the load of tools/simbench as aws-sdk-go-v2 sends it,
// signed now by the seed's user app: one request of each operation.
func mixRequests(b testing.TB, l *lab) map[string][]byte {
	b.Helper()
	cp := &wireCapture{next: l.srv.Client().Transport}
	cfg := l.config(appKey, appSec, "")
	cfg.HTTPClient = &http.Client{Transport: cp}
	cfg.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenSupported
	out := map[string][]byte{}
	calls := []struct {
		name string
		call func() error
	}{
		{"GetCallerIdentity", func() error { _, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, nil); return err }},
		{"PutObject", func() error {
			_, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).PutObject(ctx, &s3.PutObjectInput{
				Bucket: aws.String("xx-upload-bucket"), Key: aws.String("upload/bench/c0-1"), Body: bytes.NewReader(bytes.Repeat([]byte("x"), 1024))})
			return err
		}},
		{"Encrypt", func() error {
			_, err := kms.NewFromConfig(cfg).Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/XX-app-key"), Plaintext: bytes.Repeat([]byte("k"), 32)})
			return err
		}},
		{"AssumeRole", func() error {
			_, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("bench-0")})
			return err
		}},
	}
	for _, c := range calls {
		if err := c.call(); err != nil {
			b.Fatalf("%s: %v", c.name, err)
		}
		out[c.name] = cp.reqs[len(cp.reqs)-1]
	}
	return out
}

// replayReader reads the captured requests, as a server's connection
// reuses its reader.
var replayReader = bufio.NewReader(nil)

// replay sends a captured request to the handler alone.
func replay(b testing.TB, l *lab, wire []byte) {
	replayReader.Reset(bytes.NewReader(wire))
	r, err := http.ReadRequest(replayReader)
	if err != nil {
		b.Fatal(err)
	}
	r.RemoteAddr = "127.0.0.1:40000"
	w := httptest.NewRecorder()
	l.sim.Handler.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		b.Fatalf("%d %s", w.Code, w.Body)
	}
	_, _ = io.Copy(io.Discard, w.Body)
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuPerOp runs fn b.N times (b.Loop) and reports the process's CPU time
// per call, garbage collection included: on a machine shared with other
// work, wall time per call (ns/op) counts the waits for a core too.
func cpuPerOp(b *testing.B, fn func(i int)) {
	b.ReportAllocs()
	c0 := processCPU()
	i := 0
	for b.Loop() {
		fn(i)
		i++
	}
	b.ReportMetric(float64(processCPU()-c0)/float64(i), "cpu-ns/op")
}

// BenchmarkServeHTTPMix measures the handler alone, one call at a time, on
// the requests of tools/simbench's load (captured from aws-sdk-go-v2),
// with no network: each operation, then the four in turn. Its time per
// call is the server's CPU per request but for net/http.
func BenchmarkServeHTTPMix(b *testing.B) {
	l := newLab(b, nil)
	reqs := mixRequests(b, l)
	names := []string{"GetCallerIdentity", "PutObject", "Encrypt", "AssumeRole"}
	for _, n := range names {
		b.Run(n, func(b *testing.B) {
			cpuPerOp(b, func(int) { replay(b, l, reqs[n]) })
		})
	}
	b.Run("mix", func(b *testing.B) {
		cpuPerOp(b, func(i int) { replay(b, l, reqs[names[i%len(names)]]) })
	})
}
