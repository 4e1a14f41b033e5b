package sim_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/internal/testkeys"
	"github.com/iamlab/iamlab/sim/world"
)

// The keys of the seed world (docs/world.md).
const (
	rootKey   = world.DefaultRootKeyID
	rootSec   = world.DefaultRootSecret
	appKey    = "AKIAI44QH8DHBEXAMPLE"
	appSec    = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
	account   = "123456789012"
	uploadARN = "arn:aws:iam::123456789012:role/XX-s3-upload-role"
)

// clock is a settable clock for the world: tests move it to expire
// credentials and skew requests.
type clock struct {
	mu sync.Mutex
	d  time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.d)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.d += d
	c.mu.Unlock()
}

// lab is a simulated AWS behind a real HTTP server.
type lab struct {
	t     *testing.T
	sim   *sim.Sim
	srv   *httptest.Server
	clock *clock
}

// newLab starts a simulated AWS with the world file f (nil: the seed).
func newLab(t testing.TB, f *world.File) *lab {
	t.Helper()
	if f == nil {
		f = world.SeedFile()
	}
	ck := &clock{}
	s, err := sim.New(sim.Config{File: f, Options: world.Options{Clock: ck.now, RSAKey: testkeys.Source}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler)
	t.Cleanup(func() { srv.Close(); s.Close() })
	return &lab{sim: s, srv: srv, clock: ck}
}

// config is an aws.Config built by hand, as platform.md advises: static
// credentials, explicit region, the server as endpoint, no retries.
func (l *lab) config(key, secret, token string) aws.Config {
	return aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider(key, secret, token),
		BaseEndpoint:     aws.String(l.srv.URL),
		HTTPClient:       l.srv.Client(),
		RetryMaxAttempts: 1,
	}
}

func (l *lab) sts(key, secret, token string) *sts.Client {
	return sts.NewFromConfig(l.config(key, secret, token))
}

func (l *lab) iam(key, secret, token string) *iam.Client {
	return iam.NewFromConfig(l.config(key, secret, token))
}

func (l *lab) rootIAM() *iam.Client { return l.iam(rootKey, rootSec, "") }

// assume assumes a role and returns the session's credentials.
func assume(t *testing.T, c *sts.Client, in *sts.AssumeRoleInput) aws.Credentials {
	t.Helper()
	out, err := c.AssumeRole(context.Background(), in)
	if err != nil {
		t.Fatalf("AssumeRole %s: %v", aws.ToString(in.RoleArn), err)
	}
	cr := out.Credentials
	return aws.Credentials{AccessKeyID: *cr.AccessKeyId, SecretAccessKey: *cr.SecretAccessKey, SessionToken: *cr.SessionToken}
}

// apiError returns the AWS error code and message of err.
func apiError(err error) (string, string) {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode(), ae.ErrorMessage()
	}
	if err == nil {
		return "", ""
	}
	return "?", err.Error()
}

// wantError checks an error's code and that its message contains want.
func wantError(t *testing.T, err error, code, msg string) {
	t.Helper()
	c, m := apiError(err)
	if c != code || !strings.Contains(m, msg) {
		t.Errorf("error = %s: %s; want %s containing %q", c, m, code, msg)
	}
}

var ctx = context.Background()

// rawPost sends a form to the lab, signed by nobody.
func (l *lab) rawPost(t *testing.T, body string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(l.srv.URL, "application/x-www-form-urlencoded", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = io.Copy(&b, resp.Body)
	return resp, b.String()
}

func staticCreds(key, secret, token string) aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(key, secret, token)
}
