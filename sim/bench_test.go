package sim_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// benchClients is the load of the moto comparison: 8 concurrent clients.
const benchClients = 8

// BenchmarkHandler measures the simulated AWS through aws-sdk-go-v2 over
// real HTTP (loopback) with 8 concurrent clients; it reports requests per
// second and the 99th percentile latency. The clients run in the same
// process and take their share of the CPU.
func BenchmarkHandler(b *testing.B) {
	for _, tc := range []struct {
		name string
		call func(c *sts.Client) error
	}{
		{"GetCallerIdentity", func(c *sts.Client) error { _, err := c.GetCallerIdentity(ctx, nil); return err }},
		{"AssumeRole", func(c *sts.Client) error {
			_, err := c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("bench")})
			return err
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			l := newLab(b, nil)
			tr := &http.Transport{MaxIdleConnsPerHost: benchClients}
			clients := make([]*sts.Client, benchClients)
			for i := range clients {
				cfg := l.config(appKey, appSec, "")
				cfg.HTTPClient = &http.Client{Transport: tr}
				clients[i] = sts.NewFromConfig(cfg)
			}
			loadClients(b, func(i int, _ int64) error { return tc.call(clients[i]) })
		})
	}
}

// BenchmarkServeHTTP measures the handler alone: one signed request,
// verified, authorized and answered again and again, with no network and
// no SDK (the share of the server in BenchmarkHandler).
func BenchmarkServeHTTP(b *testing.B) {
	for _, tc := range []struct{ name, body string }{
		{"GetCallerIdentity", "Action=GetCallerIdentity&Version=2011-06-15"},
		{"AssumeRole", "Action=AssumeRole&Version=2011-06-15&RoleArn=" + uploadARN + "&RoleSessionName=bench"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			l := newLab(b, nil)
			sum := sha256.Sum256([]byte(tc.body))
			proto, _ := http.NewRequest(http.MethodPost, "http://sts.amazonaws.com/", nil)
			proto.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: appKey, SecretAccessKey: appSec}, proto,
				hex.EncodeToString(sum[:]), "sts", "us-east-1", time.Now()); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					r := httptest.NewRequest(http.MethodPost, "http://sts.amazonaws.com/", strings.NewReader(tc.body))
					r.Header = proto.Header.Clone()
					w := httptest.NewRecorder()
					l.sim.Handler.ServeHTTP(w, r)
					if w.Code != 200 {
						b.Fatalf("%d %s", w.Code, w.Body)
					}
				}
			})
		})
	}
}

// loadClients runs b.N calls spread over benchClients goroutines, call(i,
// n) being the n-th call (from 1), made by client i, and reports the
// throughput and the 99th percentile latency.
func loadClients(b *testing.B, call func(i int, n int64) error) {
	lat := make([][]time.Duration, benchClients)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for i := range benchClients {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for n := next.Add(1); n <= int64(b.N); n = next.Add(1) {
				t0 := time.Now()
				if err := call(i, n); err != nil {
					b.Error(err)
					return
				}
				lat[i] = append(lat[i], time.Since(t0))
			}
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) > 0 {
		b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	}
}
