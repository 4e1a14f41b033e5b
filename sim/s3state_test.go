package sim_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/boltstore"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/world"
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

// Through the in-process transport the S3 client keeps AWS's host names
// and, by default, names the bucket in the host
// (xx-upload-bucket.s3.us-east-1.amazonaws.com): the simulated S3 reads
// virtual-hosted-style requests at S3's host names as well as
// path-style ones.
func TestS3InProcessVirtualHosted(t *testing.T) {
	s, err := sim.New(sim.Config{File: world.SeedFile()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var hosts []string
	cfg := aws.Config{Region: "us-east-1", Credentials: staticCreds(rootKey, rootSec, ""), RetryMaxAttempts: 1,
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		HTTPClient:                 &http.Client{Transport: hostSpy{&handler.Transport{Handler: s.Handler}, &hosts}}}
	for _, pathStyle := range []bool{false, true} {
		c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle })
		key := "upload/" + strconv.FormatBool(pathStyle)
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: &key, Body: strings.NewReader("v")}); err != nil {
			t.Fatalf("path-style %v: %v", pathStyle, err)
		}
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("xx-upload-bucket"), Prefix: &key})
		if err != nil || len(out.Contents) != 1 {
			t.Fatalf("path-style %v: %+v %v", pathStyle, out, err)
		}
	}
	if hosts[0] != "xx-upload-bucket.s3.us-east-1.amazonaws.com" || hosts[len(hosts)-1] != "s3.us-east-1.amazonaws.com" {
		t.Errorf("hosts = %q", hosts)
	}
}

// hostSpy records the hosts of the requests it passes.
type hostSpy struct {
	next  http.RoundTripper
	hosts *[]string
}

func (h hostSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	*h.hosts = append(*h.hosts, r.URL.Host)
	return h.next.RoundTrip(r)
}

// A world file's buckets are checked as S3 checks the calls that would
// make them.
func TestS3WorldFileErrors(t *testing.T) {
	for _, tc := range []struct{ buckets, want string }{
		{`[{"name": "Bad_Name"}]`, "InvalidBucketName"},
		{`[{"name": "bkt1"}, {"name": "bkt1"}]`, "BucketAlreadyExists"},
		{`[{"name": "pub-bucket", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::pub-bucket/*"}]}}]`,
			"AccessDenied: public policies are blocked by the BlockPublicPolicy block public access setting"},
		{`[{"name": "bkt1", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}]}}]`,
			"MalformedPolicy: Policy has invalid resource"},
		{`[{"name": "bkt1", "acl": "private"}]`, `unknown field "acl"`},
		{`[{"name": "bkt1", "objects": [{"key": "", "body": "x"}]}]`, "a key must have 1 to 1024 bytes"},
	} {
		f, err := world.ParseFile([]byte(`{"accounts": [{"id": "123456789012", "buckets": ` + tc.buckets + `}]}`))
		if err == nil {
			_, err = sim.New(sim.Config{File: f})
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.buckets, err, tc.want)
		}
	}
}
