package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The load's resources: the seed world's (docs/world.md), which setup
// makes on a peer that starts empty.
const (
	bucket   = "xx-upload-bucket"
	roleName = "XX-s3-upload-role"
	keyAlias = "alias/XX-app-key"
	// objectSize is PutObject's body: 1 KiB.
	objectSize = 1 << 10
	// plaintextSize is Encrypt's plaintext: a 256-bit data key.
	plaintextSize = 32
	// keysPerClient bounds the objects a client writes: it overwrites
	// them in turn, so that long runs do not grow the server's memory.
	keysPerClient = 256
)

// An op is one kind of call of the mix.
type op struct {
	name string
	call func(ctx context.Context, c *client, n int) error
}

var allOps = []op{
	{"GetCallerIdentity", func(ctx context.Context, c *client, _ int) error {
		_, err := c.sts.GetCallerIdentity(ctx, nil)
		return err
	}},
	{"PutObject", func(ctx context.Context, c *client, n int) error {
		_, err := c.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket),
			Key: aws.String(fmt.Sprintf("upload/bench/c%d-%d", c.id, n%keysPerClient)), Body: bytes.NewReader(c.object)})
		return err
	}},
	{"Encrypt", func(ctx context.Context, c *client, _ int) error {
		_, err := c.kms.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(keyAlias), Plaintext: c.plaintext})
		return err
	}},
	{"AssumeRole", func(ctx context.Context, c *client, n int) error {
		_, err := c.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(c.roleARN), RoleSessionName: aws.String(fmt.Sprintf("bench-%d", c.id))})
		return err
	}},
}

// client is one of the load's SDK clients, with its own connection.
type client struct {
	id        int
	sts       *sts.Client
	s3        *s3.Client
	kms       *kms.Client
	roleARN   string
	object    []byte
	plaintext []byte
}

// config is built by hand (platform.md): static credentials, a region, the
// endpoint, no retries, so that every failure counts.
func config(endpoint, key, secret string) aws.Config {
	return aws.Config{
		Region:                     "us-east-1",
		Credentials:                credentials.NewStaticCredentialsProvider(key, secret, ""),
		BaseEndpoint:               aws.String(endpoint),
		HTTPClient:                 &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}},
		RetryMaxAttempts:           1,
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

func newClient(id int, t *target) *client {
	cfg := config(t.endpoint, t.key, t.secret)
	c := &client{id: id, sts: sts.NewFromConfig(cfg), kms: kms.NewFromConfig(cfg), roleARN: t.roleARN,
		s3:     s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }),
		object: make([]byte, objectSize), plaintext: make([]byte, plaintextSize)}
	_, _ = rand.Read(c.object)
	_, _ = rand.Read(c.plaintext)
	return c
}

// result is one run's measurements.
type result struct {
	requests, errors int
	firstErr         error
	elapsed          time.Duration
	// latencies of every call, and per op.
	all   []time.Duration
	perOp map[string][]time.Duration
}

func (r *result) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// run drives the mix with n clients for d after a warm-up: each client
// calls the ops in turn, one call at a time, and times every call.
func run(t *target, ops []op, n int, warm, d time.Duration) *result {
	clients := make([]*client, n)
	for i := range clients {
		clients[i] = newClient(i, t)
	}
	type sample struct {
		op  int
		lat time.Duration
	}
	samples := make([][]sample, n)
	errs := make([]int, n)
	var firstErr error
	var errOnce sync.Once
	ctx := context.Background()
	start := time.Now()
	measureFrom, end := start.Add(warm), start.Add(warm+d)
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func(i int, c *client) {
			defer wg.Done()
			for k := i; ; k++ { // each client starts at another op
				t0 := time.Now()
				if !t0.Before(end) {
					return
				}
				o := k % len(ops)
				err := ops[o].call(ctx, c, k)
				lat := time.Since(t0)
				if t0.Before(measureFrom) {
					continue
				}
				if err != nil {
					errs[i]++
					errOnce.Do(func() { firstErr = fmt.Errorf("%s: %w", ops[o].name, err) })
					continue
				}
				samples[i] = append(samples[i], sample{o, lat})
			}
		}(i, c)
	}
	wg.Wait()
	r := &result{elapsed: d, perOp: map[string][]time.Duration{}, firstErr: firstErr}
	for i := range samples {
		r.errors += errs[i]
		for _, s := range samples[i] {
			r.all = append(r.all, s.lat)
			r.perOp[ops[s.op].name] = append(r.perOp[ops[s.op].name], s.lat)
		}
	}
	r.requests = len(r.all)
	return r
}

// percentile is the p-th percentile (0 < p < 100) of ds, which it sorts.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	i := int(float64(len(ds))*p/100+0.5) - 1
	i = max(0, min(i, len(ds)-1))
	return ds[i]
}
