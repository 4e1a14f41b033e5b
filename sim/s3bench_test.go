package sim_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// benchKeys bounds the keys the benchmarks write, so that the world
// stays the same size however long they run.
const benchKeys = 1024

// BenchmarkS3PutObject measures PutObject of 1 KiB through aws-sdk-go-v2
// over real HTTP (loopback) with 8 concurrent clients, as
// BenchmarkHandler does for STS: requests per second and the 99th
// percentile latency. The clients compute the body's SHA-256 and CRC32
// and take their share of the CPU.
func BenchmarkS3PutObject(b *testing.B) {
	l := newS3Lab(b, nil, false)
	body := bytes.Repeat([]byte("x"), 1024)
	tr := &http.Transport{MaxIdleConnsPerHost: benchClients}
	clients := make([]*s3.Client, benchClients)
	for i := range clients {
		cfg := l.config(s3Admin[0], s3Admin[1], "")
		cfg.HTTPClient = &http.Client{Transport: tr}
		cfg.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenSupported
		clients[i] = s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	}
	loadClients(b, func(i int, n int64) error {
		_, err := clients[i].PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"),
			Key: aws.String("bench/" + strconv.FormatInt(n%benchKeys, 10)), Body: bytes.NewReader(body)})
		return err
	})
}

// BenchmarkS3ServeHTTP measures the handler alone on PutObject of 1 KiB:
// one signed request (the body's hash signed, as over http) verified,
// authorized, checked (SHA-256, MD5) and stored again and again, with no
// network and no SDK.
func BenchmarkS3ServeHTTP(b *testing.B) {
	l := newS3Lab(b, nil, false)
	body := bytes.Repeat([]byte("x"), 1024)
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	proto, _ := http.NewRequest(http.MethodPut, "http://s3.amazonaws.com/owner-bucket/bench/k", nil)
	proto.Header.Set("X-Amz-Content-Sha256", hash)
	proto.ContentLength = int64(len(body))
	if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: s3Admin[0], SecretAccessKey: s3Admin[1]}, proto,
		hash, "s3", "us-east-1", time.Now(), func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest(http.MethodPut, "http://s3.amazonaws.com/owner-bucket/bench/k", bytes.NewReader(body))
			r.Header = proto.Header.Clone()
			w := httptest.NewRecorder()
			l.sim.Handler.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("%d %s", w.Code, w.Body)
			}
		}
	})
}
