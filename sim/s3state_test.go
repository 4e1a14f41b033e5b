package sim_test

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/boltstore"
)

// Buckets, their policies and objects are in the world: with a state
// file (--state) they are there again after a restart.
func TestS3State(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	start := func() (*lab, func()) {
		st, err := boltstore.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s, err := sim.New(sim.Config{Store: st, File: s3World(t)})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(s.Handler)
		return &lab{sim: s, srv: srv, clock: &clock{}}, func() { srv.Close(); s.Close() }
	}
	l, stop := start()
	c := l.s3(s3Admin, "")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("kept-bucket")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("kept-bucket"), Key: aws.String("k"), Body: strings.NewReader("kept"),
		Tagging: aws.String("team=blue")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("kept-bucket")}); err != nil {
		t.Fatal(err)
	}
	l.setPolicy(t, "kept-bucket", strings.ReplaceAll(publicRead, "%B", "kept-bucket"))
	stop()

	l, stop = start()
	defer stop()
	if body, err := getBody(l.s3(s3Admin, ""), "kept-bucket", "k"); err != nil || body != "kept" {
		t.Errorf("after a restart: %q, %v", body, err)
	}
	if resp, body := l.raw(t, "GET", "/kept-bucket/k", "", nil); resp.StatusCode != 200 || body != "kept" {
		t.Errorf("the public policy after a restart: %d %s", resp.StatusCode, body)
	}
}
