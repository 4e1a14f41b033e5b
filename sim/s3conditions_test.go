package sim_test

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// allowIf is an identity policy that allows an action on a resource
// under one condition.
func allowIf(action, resource, op, key, value string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + action + `","Resource":"` + resource +
		`","Condition":{"` + op + `":{"` + key + `":"` + value + `"}}}]}`
}

// denyIf is a bucket policy of owner-bucket that denies an action to
// everyone under one condition.
func denyIf(action, op, key, value string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"` + action +
		`","Resource":["arn:aws:s3:::owner-bucket","arn:aws:s3:::owner-bucket/*"],"Condition":{"` + op + `":{"` + key + `":"` + value + `"}}}]}`
}

func put(c *s3.Client, key string, opt ...func(*s3.PutObjectInput)) error {
	in := &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: &key, Body: strings.NewReader("data")}
	for _, o := range opt {
		o(in)
	}
	_, err := c.PutObject(ctx, in)
	return err
}

func list(c *s3.Client, in s3.ListObjectsV2Input) error {
	in.Bucket = aws.String("owner-bucket")
	_, err := c.ListObjectsV2(ctx, &in)
	return err
}

// presignedGet fetches owner-bucket/hello.txt through a URL the
// administrator presigned, after the clock moved by wait.
func presignedGet(t *testing.T, l *lab, wait time.Duration) error {
	ps, err := s3.NewPresignClient(l.s3(s3Admin, "")).PresignGetObject(ctx,
		&s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt")}, s3.WithPresignExpires(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	l.clock.advance(wait)
	resp, body := rawURL(t, l.srv.Client(), http.MethodGet, ps.URL)
	if resp.StatusCode == 200 {
		return nil
	}
	return &rawError{resp.StatusCode, body}
}

// rawError is an answer of a raw request that is not 200, for
// checkAnswer.
type rawError struct {
	status int
	body   string
}

func (e *rawError) Error() string { return e.body }

// The condition keys S3 sets, each tested in a policy that allows or
// denies by it: the call that meets the condition and the one that does
// not.
func TestS3ConditionKeys(t *testing.T) {
	explicit := "with an explicit deny in a resource-based policy"
	for _, tc := range []struct {
		name   string
		tls    bool
		policy string // owner-bucket's policy
		user   string // an identity policy for a new user "u"
		call   func(t *testing.T, l *lab, u *s3.Client) error
		want   string // "" allowed, else a part of the AccessDenied message
	}{
		{"aws:SecureTransport over http", false, denyIf("s3:*", "Bool", "aws:SecureTransport", "false"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error { return put(l.s3(s3Admin, ""), "k") }, explicit},
		{"aws:SecureTransport over https", true, denyIf("s3:*", "Bool", "aws:SecureTransport", "false"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error { return put(l.s3(s3Admin, ""), "k") }, ""},
		{"s3:prefix given", false, "", allowIf("s3:ListBucket", "arn:aws:s3:::owner-bucket", "StringEquals", "s3:prefix", "home/"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				return list(u, s3.ListObjectsV2Input{Prefix: aws.String("home/")})
			}, ""},
		{"s3:prefix other", false, "", allowIf("s3:ListBucket", "arn:aws:s3:::owner-bucket", "StringEquals", "s3:prefix", "home/"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				return list(u, s3.ListObjectsV2Input{Prefix: aws.String("etc/")})
			},
			`s3:ListBucket on resource: "arn:aws:s3:::owner-bucket" because no identity-based policy allows`},
		{"s3:prefix absent", false, "", allowIf("s3:ListBucket", "arn:aws:s3:::owner-bucket", "StringEquals", "s3:prefix", "home/"),
			func(t *testing.T, l *lab, u *s3.Client) error { return list(u, s3.ListObjectsV2Input{}) }, "s3:ListBucket"},
		{"s3:delimiter", false, "", allowIf("s3:ListBucket", "arn:aws:s3:::owner-bucket", "StringEquals", "s3:delimiter", "/"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				return list(u, s3.ListObjectsV2Input{Delimiter: aws.String("/")})
			}, ""},
		{"s3:max-keys within", false, "", allowIf("s3:ListBucket", "arn:aws:s3:::owner-bucket", "NumericLessThanEquals", "s3:max-keys", "10"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				return list(u, s3.ListObjectsV2Input{MaxKeys: aws.Int32(10)})
			}, ""},
		{"s3:max-keys over", false, "", allowIf("s3:ListBucket", "arn:aws:s3:::owner-bucket", "NumericLessThanEquals", "s3:max-keys", "10"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				return list(u, s3.ListObjectsV2Input{MaxKeys: aws.Int32(11)})
			}, "s3:ListBucket"},
		{"s3:x-amz-server-side-encryption given", false, denyIf("s3:PutObject", "StringNotEquals", "s3:x-amz-server-side-encryption", "aws:kms"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error {
				return put(l.s3(s3Admin, ""), "k", func(in *s3.PutObjectInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKms })
			}, ""},
		{"s3:x-amz-server-side-encryption absent", false, denyIf("s3:PutObject", "StringNotEquals", "s3:x-amz-server-side-encryption", "aws:kms"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error { return put(l.s3(s3Admin, ""), "k") }, explicit},
		{"s3:authType header", false, denyIf("s3:GetObject", "StringEquals", "s3:authType", "REST-QUERY-STRING"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error {
				_, err := getBody(l.s3(s3Admin, ""), "owner-bucket", "hello.txt")
				return err
			}, ""},
		{"s3:authType presigned", false, denyIf("s3:GetObject", "StringEquals", "s3:authType", "REST-QUERY-STRING"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error { return presignedGet(t, l, 0) }, explicit},
		{"s3:signatureAge young", false, denyIf("s3:GetObject", "NumericGreaterThan", "s3:signatureAge", "600000"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error { return presignedGet(t, l, time.Minute) }, ""},
		{"s3:signatureAge old", false, denyIf("s3:GetObject", "NumericGreaterThan", "s3:signatureAge", "600000"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error { return presignedGet(t, l, 11*time.Minute) }, explicit},
		{"s3:TlsVersion 1.3", true, denyIf("s3:GetObject", "NumericLessThan", "s3:TlsVersion", "1.3"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error {
				_, err := getBody(l.s3(s3Admin, ""), "owner-bucket", "hello.txt")
				return err
			}, ""},
		{"s3:TlsVersion 1.2", true, denyIf("s3:GetObject", "NumericLessThan", "s3:TlsVersion", "1.3"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error {
				c := l.s3(s3Admin, "")
				_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt")},
					func(o *s3.Options) { o.HTTPClient = tls12(l) })
				return err
			}, explicit},
		{"s3:TlsVersion absent over http", false, denyIf("s3:GetObject", "NumericLessThan", "s3:TlsVersion", "1.3"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error {
				_, err := getBody(l.s3(s3Admin, ""), "owner-bucket", "hello.txt")
				return err
			}, ""},
		{"s3:ExistingObjectTag", false, "", allowIf("s3:GetObject", "arn:aws:s3:::owner-bucket/*", "StringEquals", "s3:ExistingObjectTag/team", "blue"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				admin := l.s3(s3Admin, "")
				for _, team := range []string{"blue", "red"} {
					if err := put(admin, team, func(in *s3.PutObjectInput) { in.Tagging = aws.String("team=" + team) }); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := getBody(u, "owner-bucket", "blue"); err != nil {
					t.Errorf("the blue object: %v", err)
				}
				_, err := getBody(u, "owner-bucket", "red")
				return err
			}, `s3:GetObject on resource: "arn:aws:s3:::owner-bucket/red"`},
		{"s3:RequestObjectTag", false, "", allowIf("s3:PutObject", "arn:aws:s3:::owner-bucket/*", "StringEquals", "s3:RequestObjectTag/team", "blue"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				if err := put(u, "b", func(in *s3.PutObjectInput) { in.Tagging = aws.String("team=blue&x=y") }); err != nil {
					t.Errorf("tagged blue: %v", err)
				}
				return put(u, "r", func(in *s3.PutObjectInput) { in.Tagging = aws.String("team=red") })
			}, "s3:PutObject"},
		{"s3:x-amz-content-sha256 signed", false, denyIf("s3:PutObject", "StringEquals", "s3:x-amz-content-sha256", "UNSIGNED-PAYLOAD"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error { return put(l.s3(s3Admin, ""), "k") }, ""},
		{"s3:x-amz-content-sha256 unsigned", false, denyIf("s3:PutObject", "StringEquals", "s3:x-amz-content-sha256", "UNSIGNED-PAYLOAD"), "",
			func(t *testing.T, l *lab, _ *s3.Client) error {
				req := l.signed(t, http.MethodPut, "/owner-bucket/k", []byte("data"), s3Admin, "UNSIGNED-PAYLOAD", nil)
				return rawDo(t, l.srv.Client(), req)
			}, explicit},
		{"s3:locationconstraint", false, "", allowIf("s3:CreateBucket", "*", "StringEquals", "s3:locationconstraint", "eu-west-1"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				_, err := u.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("eu-bucket"),
					CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}, func(o *s3.Options) { o.Region = "eu-west-1" })
				if err != nil {
					t.Errorf("in eu-west-1: %v", err)
				}
				_, err = u.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("us-bucket")})
				return err
			}, `s3:CreateBucket on resource: "arn:aws:s3:::us-bucket"`},
		{"s3:x-amz-acl", false, "", allowIf("s3:PutObject", "arn:aws:s3:::owner-bucket/*", "StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"),
			func(t *testing.T, l *lab, u *s3.Client) error {
				if err := put(u, "k", func(in *s3.PutObjectInput) { in.ACL = s3types.ObjectCannedACLBucketOwnerFullControl }); err != nil {
					t.Errorf("with bucket-owner-full-control: %v", err)
				}
				return put(u, "k")
			}, "s3:PutObject"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newS3Lab(t, nil, tc.tls)
			if tc.policy != "" {
				l.setPolicy(t, "owner-bucket", tc.policy)
			}
			var u *s3.Client
			if tc.user != "" {
				u = l.s3(l.s3User(t, "u", tc.user), "")
			}
			checkAnswer(t, tc.call(t, l, u), tc.want)
		})
	}
}

// checkAnswer checks that err is nil (want "") or an AccessDenied whose
// message contains want.
func checkAnswer(t *testing.T, err error, want string) {
	t.Helper()
	if re, ok := err.(*rawError); ok {
		if want == "" || re.status != 403 || !strings.Contains(re.body, "<Code>AccessDenied</Code>") || !strings.Contains(re.body, want) {
			t.Errorf("answer %d %s, want %q", re.status, re.body, want)
		}
		return
	}
	if want == "" {
		if err != nil {
			t.Errorf("denied: %v", err)
		}
		return
	}
	wantError(t, err, "AccessDenied", want)
}

// tls12 is the lab's client limited to TLS 1.2.
func tls12(l *lab) *http.Client {
	tr := l.srv.Client().Transport.(*http.Transport).Clone()
	tr.TLSClientConfig.MaxVersion = tls.VersionTLS12
	return &http.Client{Transport: tr}
}

// rawURL sends a request to a URL with the client.
func rawURL(t *testing.T, c *http.Client, method, url string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// signed is a request to the lab signed with SigV4 by key, with the
// payload hash given (the body's SHA-256 when "").
func (l *lab) signed(t *testing.T, method, path string, body []byte, key [2]string, payloadHash string, header map[string]string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, l.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if payloadHash == "" {
		sum := sha256.Sum256(body)
		payloadHash = hex.EncodeToString(sum[:])
	}
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	creds := aws.Credentials{AccessKeyID: key[0], SecretAccessKey: key[1]}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, payloadHash, "s3", "us-east-1", l.clock.now(),
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }); err != nil {
		t.Fatal(err)
	}
	return req
}

// rawDo sends a request: nil for 200, else a *rawError.
func rawDo(t *testing.T, c *http.Client, req *http.Request) error {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 {
		return nil
	}
	return &rawError{resp.StatusCode, string(b)}
}
