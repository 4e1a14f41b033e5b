package main

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/world"
)

// The load runs against the seed world without a failed call: setup finds
// the bucket and the role (and the key, when the world has KMS), every op
// of the mix is called and timed.
func TestLoadAgainstSeed(t *testing.T) {
	s, err := sim.New(sim.Config{File: world.SeedFile()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler)
	defer func() { srv.Close(); s.Close() }()
	tg := &target{name: "test", endpoint: srv.URL, key: appKey, secret: appSecret, pid: os.Getpid()}
	b := &bench{clients: 2, duration: 300 * time.Millisecond, warmup: 50 * time.Millisecond, kms: true}
	if err := setup(context.Background(), tg, true); err == errNoKMS {
		b.kms = false
	} else if err != nil {
		t.Fatal(err)
	}
	if tg.roleARN != "arn:aws:iam::123456789012:role/XX-s3-upload-role" {
		t.Errorf("role %q", tg.roleARN)
	}
	ops := b.ops()
	m, err := measureRun(tg, ops, b)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ops {
		if m.opP99[o.name] <= 0 {
			t.Errorf("%s was not timed", o.name)
		}
	}
	if m.rate <= 0 || m.p99 < m.p50 || m.serverCPU <= 0 {
		t.Errorf("measured %s", m)
	}
}

func TestPercentile(t *testing.T) {
	ds := make([]time.Duration, 0, 100)
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i))
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{50, 50}, {99, 99}, {100, 100}, {1, 1}, {0.1, 1}} {
		if got := percentile(ds, tc.p); got != tc.want {
			t.Errorf("p%v = %d, want %d", tc.p, got, tc.want)
		}
	}
	if percentile(nil, 99) != 0 {
		t.Error("percentile of nothing")
	}
}

// procCPU reads the CPU time of a process from /proc: this one's grows
// as it works.
func TestProcCPU(t *testing.T) {
	before, err := procCPU(os.Getpid())
	if err != nil {
		t.Skip("no /proc here:", err)
	}
	for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
	}
	after, err := procCPU(os.Getpid())
	if err != nil || after <= before {
		t.Errorf("CPU %v then %v (%v)", before, after, err)
	}
}
