package sim_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/sim/world"
)

// signedPost sends a form signed by root with the SDK's signer, for the
// requests no SDK client would make.
func (l *lab) signedPost(t *testing.T, service, body string, edit func(*http.Request)) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, l.srv.URL+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(body))
	err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: rootKey, SecretAccessKey: rootSec}, req,
		hex.EncodeToString(sum[:]), service, "us-east-1", l.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(req)
	}
	resp, err := l.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// tamper is a transport that changes the body after the SDK signed it.
type tamper struct{ next http.RoundTripper }

func (t tamper) RoundTrip(r *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(r.Body)
	b = bytes.Replace(b, []byte("Version="), []byte("Extra=1&Version="), 1)
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	return t.next.RoundTrip(r)
}

func TestSigV4Refusals(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.sts(adminKey, adminSec, "")
	a := assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("aa")})
	b := assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("bb")})

	tampered := l.config(adminKey, adminSec, "")
	tampered.HTTPClient = &http.Client{Transport: tamper{l.srv.Client().Transport}}

	for _, tc := range []struct {
		name      string
		client    *sts.Client
		code, msg string
	}{
		{"tampered body", sts.NewFromConfig(tampered), "SignatureDoesNotMatch", "The request signature we calculated does not match"},
		{"wrong secret", l.sts(adminKey, "wrongSecretKeyEXAMPLEwrongSecretKeyEXAMP", ""), "SignatureDoesNotMatch", "The request signature we calculated does not match"},
		{"unknown key", l.sts("AKIAUNKNOWNEXAMPLE00", adminSec, ""), "InvalidClientTokenId", "The security token included in the request is invalid."},
		{"session token of another key", l.sts(a.AccessKeyID, a.SecretAccessKey, b.SessionToken), "InvalidClientTokenId", "The security token included in the request is invalid."},
		{"temporary key without its token", l.sts(a.AccessKeyID, a.SecretAccessKey, ""), "InvalidClientTokenId", "The security token included in the request is invalid."},
		{"long-term key with a token", l.sts(adminKey, adminSec, b.SessionToken), "InvalidClientTokenId", "The security token included in the request is invalid."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.client.GetCallerIdentity(ctx, nil)
			wantError(t, err, tc.code, tc.msg)
		})
	}

	t.Run("expired session", func(t *testing.T) {
		err := l.sim.World.Update(func(tx *world.Tx) error {
			s, _ := world.Sessions.Get(tx, a.AccessKeyID)
			c := *s
			c.Expires = l.clock.now().Add(-time.Second)
			return world.Sessions.Put(tx, c.KeyID, &c)
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = l.sts(a.AccessKeyID, a.SecretAccessKey, a.SessionToken).GetCallerIdentity(ctx, nil)
		wantError(t, err, "ExpiredToken", "The security token included in the request is expired")
	})

	t.Run("clock skew", func(t *testing.T) {
		l.clock.advance(16 * time.Minute)
		defer l.clock.advance(-16 * time.Minute)
		_, err := admin.GetCallerIdentity(ctx, nil)
		wantError(t, err, "SignatureDoesNotMatch", "Signature expired:")
	})

	t.Run("presigned URL", func(t *testing.T) {
		ps, err := sts.NewPresignClient(admin).PresignGetCallerIdentity(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		get := func() (int, string) {
			req, _ := http.NewRequest(ps.Method, ps.URL, nil)
			for k, v := range ps.SignedHeader {
				if k != "Host" {
					req.Header[k] = v
				}
			}
			resp, err := l.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(body)
		}
		if code, body := get(); code != 200 || !strings.Contains(body, "<Arn>arn:aws:iam::123456789012:user/admin</Arn>") {
			t.Fatalf("presigned GetCallerIdentity: %d %s", code, body)
		}
		l.clock.advance(16 * time.Minute)
		defer l.clock.advance(-16 * time.Minute)
		if code, body := get(); code != 403 || !strings.Contains(body, "<Code>ExpiredToken</Code>") || !strings.Contains(body, "Request has expired") {
			t.Errorf("expired presigned URL: %d %s", code, body)
		}
	})
}

func TestProtocolErrors(t *testing.T) {
	l := newLab(t, nil)
	for _, tc := range []struct {
		name, service, body string
		edit                func(*http.Request)
		status              int
		code, msg           string
	}{
		{"unknown action", "sts", "Action=Nope&Version=2011-06-15", nil, 400, "InvalidAction", "Could not find operation Nope"},
		{"missing action", "iam", "Version=2010-05-08", nil, 400, "MissingAction", "Missing Action"},
		{"missing parameter", "iam", "Action=GetRole&Version=2010-05-08", nil, 400, "ValidationError", "Value null at 'roleName' failed to satisfy constraint: Member must not be null"},
		{"malformed form", "iam", "Action=GetRole&RoleName=%zz", nil, 400, "MalformedQueryString", "well-formed"},
		{"malformed authorization", "sts", "Action=GetCallerIdentity&Version=2011-06-15", func(r *http.Request) {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIA/x")
		}, 400, "IncompleteSignature", "'SignedHeaders'"},
		{"unsigned", "sts", "Action=GetCallerIdentity&Version=2011-06-15", func(r *http.Request) {
			r.Header.Del("Authorization")
		}, 403, "MissingAuthenticationToken", "Request is missing Authentication Token"},
		{"policy too large", "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=app&PolicyName=p&PolicyDocument=" + strings.Repeat("x", 140000), nil,
			400, "ValidationError", "Member must have length less than or equal to 131072"},
		{"body past the limit", "iam", "Action=ListUsers&Version=2010-05-08&Pad=" + strings.Repeat("x", 1<<20), nil,
			413, "RequestEntityTooLarge", "limit"},
		{"unknown service", "nope", "Action=X", nil, 400, "UnknownService", "no service nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := l.signedPost(t, tc.service, tc.body, tc.edit)
			body = html.UnescapeString(body)
			if status != tc.status || !strings.Contains(body, "<Code>"+tc.code+"</Code>") || !strings.Contains(body, tc.msg) {
				t.Errorf("%d %s", status, body)
			}
		})
	}
}
