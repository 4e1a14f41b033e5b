package sim_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/internal/testkeys"
	"github.com/iamlab/iamlab/sim/world"
)

// fuzzServices are the signing names the fuzz target signs for, and the
// X-Amz-Target prefixes of the JSON ones.
var fuzzServices = []struct{ name, target string }{
	{"sts", ""}, {"iam", ""}, {"s3", ""}, {"route53", ""},
	{"kms", "TrentService."}, {"acm", "CertificateManager."},
	{"cognito-idp", "AWSCognitoIdentityProviderService."}, {"cognito-identity", "AWSCognitoIdentityService."},
}

var fuzzMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodHead}

// FuzzServeHTTP sends the whole simulator arbitrary requests, signed by
// the seed's root user for one of its services or unsigned: whatever the
// path, query, operation and body, the answer is the service's own
// (never a 5xx but S3's NotImplemented, never a panic), in its protocol's form (XML or JSON that
// parses), and the event log still renders.
func FuzzServeHTTP(f *testing.F) {
	f.Add(uint8(0), uint8(1), "/", "", "", []byte("Action=GetCallerIdentity&Version=2011-06-15"), true)
	f.Add(uint8(1), uint8(1), "/", "", "", []byte("Action=CreateUser&Version=2010-05-08&UserName=a&Tags.member.1.Key=k"), true)
	f.Add(uint8(4), uint8(1), "/", "", "Encrypt", []byte(`{"KeyId":"alias/XX-app-key","Plaintext":"aGk="}`), true)
	f.Add(uint8(6), uint8(1), "/", "", "InitiateAuth", []byte(`{"AuthFlow":"USER_SRP_AUTH","ClientId":"xxwebclient000000000000001","AuthParameters":{"USERNAME":"a","SRP_A":"00"}}`), false)
	f.Add(uint8(2), uint8(2), "/xx-upload-bucket/upload/a", "tagging", "", []byte("<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>"), true)
	f.Add(uint8(3), uint8(1), "/2013-04-01/hostedzone", "", "", []byte("<CreateHostedZoneRequest><Name>a.example</Name></CreateHostedZoneRequest>"), true)
	f.Add(uint8(2), uint8(0), "/xx-upload-bucket", "list-type=2&prefix=%ZZ", "", []byte(nil), false)
	f.Add(uint8(7), uint8(1), "/", "", "GetId", []byte(`{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b","Logins":{"x":1}}`), false)
	s, err := sim.New(sim.Config{File: world.SeedFile(), Options: world.Options{RSAKey: testkeys.Source}})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	creds := aws.Credentials{AccessKeyID: world.DefaultRootKeyID, SecretAccessKey: world.DefaultRootSecret}
	f.Fuzz(func(t *testing.T, svc, method uint8, path, query, op string, body []byte, signed bool) {
		sv := fuzzServices[int(svc)%len(fuzzServices)]
		r, err := http.NewRequest(fuzzMethods[int(method)%len(fuzzMethods)], "http://127.0.0.1:4566/", bytes.NewReader(body))
		if err != nil {
			return
		}
		r.URL.Path, r.URL.RawQuery = path, query
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "\x00 \r\n") || strings.ContainsAny(query, " \r\n#") {
			return
		}
		switch {
		case sv.target != "":
			r.Header.Set("Content-Type", "application/x-amz-json-1.1")
			r.Header.Set("X-Amz-Target", sv.target+op)
		case sv.name == "sts" || sv.name == "iam":
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		}
		if signed {
			sum := sha256.Sum256(body)
			hash := hex.EncodeToString(sum[:])
			r.Header.Set("X-Amz-Content-Sha256", hash)
			if err := v4.NewSigner().SignHTTP(ctx, creds, r, hash, sv.name, "us-east-1", time.Now(),
				func(o *v4.SignerOptions) { o.DisableURIPathEscaping = sv.name == "s3" }); err != nil {
				return
			}
		}
		r.RemoteAddr = "127.0.0.1:40000"
		// A handler of its own over the one world: its log holds this call.
		h := handler.New(s.World, sim.Services()...)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		// 501 is S3's NotImplemented, its answer for what the simulator
		// leaves out (object tagging, multipart uploads...).
		notImplemented := w.Code == http.StatusNotImplemented &&
			(r.Method == http.MethodHead || strings.Contains(w.Body.String(), "<Code>NotImplemented</Code>"))
		if w.Code >= 500 && !notImplemented {
			t.Fatalf("%s %s %s?%s: %d %s", sv.name, r.Method, path, query, w.Code, w.Body)
		}
		checkAnswerForm(t, w)
		var log bytes.Buffer
		if _, err := h.Log().WriteTo(&log); err != nil || !json.Valid(bytes.TrimSpace(log.Bytes())) {
			t.Fatalf("event log %v: %s", err, log.Bytes())
		}
	})
}

// checkAnswerForm checks that an answer's body is in the form its
// Content-Type says.
func checkAnswerForm(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	body := w.Body.Bytes()
	if len(body) == 0 {
		return
	}
	ct := w.Header().Get("Content-Type")
	switch {
	case strings.Contains(ct, "json"):
		if !json.Valid(body) {
			t.Fatalf("%d: not JSON: %s", w.Code, body)
		}
	case strings.Contains(ct, "xml"):
		d := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := d.Token()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("%d: not XML (%v): %s", w.Code, err, body)
			}
		}
	}
}
