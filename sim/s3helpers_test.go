package sim_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/world"
)

// s3World is testdata/s3world.json: the bucket owner's account (the
// documentation root key, an administrator of S3, a user with no
// permission), a partner account outside it, and buckets: private,
// public without Block Public Access, public with RestrictPublicBuckets,
// shared with the partner account.
func s3World(t testing.TB) *world.File {
	t.Helper()
	b, err := os.ReadFile("testdata/s3world.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := world.ParseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Keys of the S3 world's principals.
var (
	s3Root     = [2]string{world.DefaultRootKeyID, world.DefaultRootSecret}
	s3Admin    = [2]string{"AKIAS3ADMINEXAMPLE01", "adminS3SecretEXAMPLEadminS3SecretEXAMPLE"}
	s3Nobody   = [2]string{"AKIAS3NOBODYEXAMPLE1", "nobodyS3SecretEXAMPLEnobodyS3SecretEXAM"}
	s3Partner  = [2]string{"AKIAS3PARTNEREXAMPLE", "partnerS3SecretEXAMPLEpartnerS3SecretEXA"}
	s3Stranger = [2]string{"AKIAS3STRANGEREXAMPL", "strangerS3SecretEXAMPLEstrangerS3Secret"}
)

// newS3Lab serves the S3 world (or f), over TLS when tls is set.
func newS3Lab(t testing.TB, f *world.File, tls bool) *lab {
	t.Helper()
	if f == nil {
		f = s3World(t)
	}
	ck := &clock{}
	s, err := sim.New(sim.Config{File: f, Options: world.Options{Clock: ck.now}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(s.Handler)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(func() { srv.Close(); s.Close() })
	return &lab{sim: s, srv: srv, clock: ck}
}

// s3 is an S3 client of the lab, path-style, sending and checking
// checksums as current SDKs do by default.
func (l *lab) s3(key [2]string, token string) *s3.Client {
	cfg := l.config(key[0], key[1], token)
	cfg.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenSupported
	cfg.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenSupported
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

// raw sends an unsigned request to the lab.
func (l *lab) raw(t *testing.T, method, path string, body string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, l.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := l.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// denied is S3's message to a caller of the bucket's account.
func denied(user, action, resource, why string) string {
	return "User: arn:aws:iam::111122223333:user/" + user + " is not authorized to perform: " + action +
		` on resource: "` + resource + `" because ` + why
}

// noIdentity is the end of a message for an implicit denial.
func noIdentity(action string) string {
	return "no identity-based policy allows the " + action + " action"
}
