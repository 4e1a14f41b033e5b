// Package e2e tests the relay end to end with real AWS SDK clients: the
// page's side (aws-sdk-go-v2 signing for the real AWS host, then
// relay.Transport), the relay, and an upstream that checks every
// signature with the SDK's own signer. native_test.go runs the relay
// handler in this process; workerd_test.go (-tags workerd, `make
// test-worker`) runs the built Worker under wrangler. Both run the same
// checks, below.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"

	"github.com/iamlab/iamlab/worker/relay"
)

// target is a running relay and the upstream behind it.
type target struct {
	relay  *url.URL  // the relay's origin (the Worker's)
	origin string    // the Origin the lab's pages send
	up     *upstream // what reached "AWS"
}

// browser adds to each request what a browser adds to the page's fetch:
// its Origin, and a cookie and a referrer, which the relay must not pass on.
type browser struct {
	origin string
	base   http.RoundTripper
}

func (b browser) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Origin", b.origin)
	r.Header.Set("Cookie", "session=do-not-forward")
	r.Header.Set("Referer", b.origin+"/flows/")
	return b.base.RoundTrip(r)
}

// awsConfig is how a page configures its SDK clients in real mode: static
// credentials, an explicit region, and an HTTP client whose transport
// sends the signed requests through the relay.
func awsConfig(tg target) aws.Config {
	return aws.Config{
		Region: "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: accessKeyID, SecretAccessKey: secretAccessKey}, nil
		}),
		HTTPClient: &http.Client{Transport: &relay.Transport{
			Relay: tg.relay,
			Base:  browser{origin: tg.origin, base: http.DefaultTransport},
		}},
		Retryer:                    func() aws.Retryer { return aws.NopRetryer{} },
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

// unsignedAcceptEncoding removes the S3 client's "Accept-Encoding:
// identity", which it would sign: browsers set that header themselves and
// workerd rewrites it, so no relay can keep it (the page's clients do the same).
func unsignedAcceptEncoding(o *s3.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		st.Finalize.Remove("DisableAcceptEncodingGzip") // presigning has none
		return nil
	})
}

// checkSignedCalls makes real SDK calls through the relay: each reaches
// the upstream with its signature intact.
func checkSignedCalls(t *testing.T, tg target) {
	ctx := context.Background()
	cfg := awsConfig(tg)

	t.Run("sts GetCallerIdentity", func(t *testing.T) {
		before := len(tg.up.requests())
		out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			t.Fatalf("GetCallerIdentity through the relay: %v", err)
		}
		if want := "arn:aws:iam::" + accountID + ":root"; aws.ToString(out.Arn) != want {
			t.Errorf("Arn = %q, want %q", aws.ToString(out.Arn), want)
		}
		seen := tg.up.requests()[before:]
		if len(seen) != 1 {
			t.Fatalf("upstream saw %d requests, want 1", len(seen))
		}
		got := seen[0]
		if got.Host != "sts.us-east-1.amazonaws.com" || got.Path != "/" || got.Method != http.MethodPost {
			t.Errorf("upstream saw %s %s%s, want POST sts.us-east-1.amazonaws.com/", got.Method, got.Host, got.Path)
		}
		for _, h := range []string{"Cookie", "Origin", "Referer"} {
			if v := got.Header.Get(h); v != "" {
				t.Errorf("the relay passed %s: %q on to AWS", h, v)
			}
		}
	})

	t.Run("s3 path-style put, get, head, presigned get", func(t *testing.T) {
		client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }, unsignedAcceptEncoding)
		bucket, key := "lab-bucket", "notes/a b+c~d(1)=é.txt"
		body := []byte("policy text, with commas, and a trailer\n")
		if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
			t.Fatalf("CreateBucket: %v", err)
		}
		// Signed headers with commas, which the Worker's header conversion splits.
		put := &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(body),
			CacheControl: aws.String("no-cache,no-store"), Metadata: map[string]string{"tags": "a,b,c"}}
		if _, err := client.PutObject(ctx, put); err != nil {
			t.Fatalf("PutObject: %v", err)
		}
		got, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
		if err != nil {
			t.Fatalf("GetObject: %v", err)
		}
		data, _ := io.ReadAll(got.Body)
		got.Body.Close()
		if !bytes.Equal(data, body) {
			t.Errorf("GetObject = %q, want %q", data, body)
		}
		head, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
		if err != nil {
			t.Fatalf("HeadObject: %v", err)
		}
		if aws.ToInt64(head.ContentLength) != int64(len(body)) {
			t.Errorf("HeadObject ContentLength = %d, want %d", aws.ToInt64(head.ContentLength), len(body))
		}
		pre, err := s3.NewPresignClient(client).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
		if err != nil {
			t.Fatalf("PresignGetObject: %v", err)
		}
		req, _ := http.NewRequest(pre.Method, pre.URL, nil)
		resp, err := cfg.HTTPClient.Do(req)
		if err != nil {
			t.Fatalf("presigned GET: %v", err)
		}
		data, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Equal(data, body) {
			t.Errorf("presigned GET = %d %q, want 200 %q", resp.StatusCode, data, body)
		}
	})

	t.Run("a tampered request is refused by the upstream, not the relay", func(t *testing.T) {
		req := signedSTS(t, tg)
		req.Header.Set("X-Amz-Date", time.Now().UTC().Add(time.Second).Format("20060102T150405Z"))
		resp := do(t, req)
		if resp.status != http.StatusForbidden || !strings.Contains(resp.body, "SignatureDoesNotMatch") || resp.header.Get("X-Iamlab-Relay") != "" {
			t.Errorf("tampered request: %d %q, want the upstream's 403 SignatureDoesNotMatch", resp.status, resp.body)
		}
	})
}

// signedSTS is a GetCallerIdentity request signed with the SDK's signer for
// sts.us-east-1.amazonaws.com and rewritten for the relay, as
// relay.Transport does, with the page's Origin.
func signedSTS(t testing.TB, tg target) *http.Request {
	t.Helper()
	body := "Action=GetCallerIdentity&Version=2011-06-15"
	req, _ := http.NewRequest(http.MethodPost, "https://sts.us-east-1.amazonaws.com/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	creds := aws.Credentials{AccessKeyID: accessKeyID, SecretAccessKey: secretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, sha256Hex(body), "sts", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	u, err := relay.RelayURL(tg.relay, req.URL)
	if err != nil {
		t.Fatal(err)
	}
	req.URL, req.Host = u, ""
	req.Header.Set("Origin", tg.origin)
	return req
}

// answer is a response read whole.
type answer struct {
	status int
	header http.Header
	body   string
}

func do(t testing.TB, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, string(body)}
}

// raw sends a request line and headers exactly as written (Go's client
// would normalize some of the paths below), and reads the answer.
func raw(t testing.TB, addr, method, target string, header map[string]string, body string) answer {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nContent-Length: %d\r\n", method, target, addr, len(body))
	for k, v := range header {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	b.WriteString("\r\n")
	b.WriteString(body)
	if _, err := io.WriteString(conn, b.String()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, string(data)}
}

// ssrf lists relay requests that must be refused, and the status.
var ssrf = []struct {
	name, method, target string
	header               map[string]string
	status               int
}{
	{"other host", "GET", "/relay/example.com/", nil, 403},
	{"other AWS service", "POST", "/relay/ec2.us-east-1.amazonaws.com/", nil, 403},
	{"lookalike suffix", "POST", "/relay/sts.amazonaws.com.evil.test/", nil, 403},
	{"lookalike prefix", "POST", "/relay/evilsts.amazonaws.com/", nil, 403},
	{"lookalike label", "POST", "/relay/sts.amazonaws.com-evil.test/", nil, 403},
	{"trailing dot", "POST", "/relay/sts.amazonaws.com./", nil, 403},
	{"upper case", "POST", "/relay/STS.AMAZONAWS.COM/", nil, 403},
	{"metadata address", "GET", "/relay/169.254.169.254/latest/meta-data/", nil, 403},
	{"IPv4 literal", "GET", "/relay/127.0.0.1/", nil, 403},
	{"IPv4 decimal", "GET", "/relay/2130706433/", nil, 403},
	{"IPv4 hex", "GET", "/relay/0x7f000001/", nil, 403},
	{"IPv4 octal", "GET", "/relay/0177.0.0.1/", nil, 403},
	{"IPv4 short", "GET", "/relay/127.1/", nil, 403},
	{"IPv6 literal", "GET", "/relay/[::1]/", nil, 403},
	{"IPv4-mapped IPv6", "GET", "/relay/[::ffff:127.0.0.1]/", nil, 403},
	{"port", "POST", "/relay/sts.amazonaws.com:8443/", nil, 403},
	{"user info", "POST", "/relay/sts.amazonaws.com@evil.test/", nil, 403},
	{"user info before", "POST", "/relay/evil.test@sts.amazonaws.com/", nil, 403},
	{"encoded slash after", "POST", "/relay/sts.amazonaws.com%2F@evil.test/", nil, 403},
	{"encoded slash before", "POST", "/relay/evil.test%2Fsts.amazonaws.com/", nil, 403},
	{"encoded host character", "POST", "/relay/%73ts.amazonaws.com/", nil, 403},
	{"encoded at sign", "POST", "/relay/sts.amazonaws.com%40evil.test/", nil, 403},
	{"http scheme in host", "POST", "/relay/http:%2F%2Fevil.test/", nil, 403},
	{"no host", "POST", "/relay/", nil, 403},
	{"method", "PATCH", "/relay/sts.amazonaws.com/", nil, 405},
	{"method CONNECT-like", "TRACE", "/relay/sts.amazonaws.com/", nil, 405},
	{"wrong origin", "POST", "/relay/sts.amazonaws.com/", map[string]string{"Origin": "https://evil.test"}, 403},
	{"no origin", "POST", "/relay/sts.amazonaws.com/", map[string]string{"Origin": ""}, 403},
	{"cross-site fetch", "GET", "/relay/sts.amazonaws.com/", map[string]string{"Origin": "", "Sec-Fetch-Site": "cross-site"}, 403},
}

// checkRefusals sends each SSRF attempt and checks that the relay refused
// it itself and that nothing reached the upstream.
func checkRefusals(t *testing.T, tg target, addr string) {
	before := len(tg.up.requests())
	for _, c := range ssrf {
		t.Run(c.name, func(t *testing.T) {
			h := map[string]string{"Origin": tg.origin}
			for k, v := range c.header {
				if v == "" {
					delete(h, k)
				} else {
					h[k] = v
				}
			}
			a := raw(t, addr, c.method, c.target, h, "")
			if a.status != c.status || a.header.Get("X-Iamlab-Relay") != "refused" {
				t.Errorf("%s %s: %d %q (X-Iamlab-Relay %q), want the relay's %d", c.method, c.target, a.status, a.body, a.header.Get("X-Iamlab-Relay"), c.status)
			}
		})
	}
	t.Run("oversize body", func(t *testing.T) {
		a := raw(t, addr, "POST", "/relay/sts.amazonaws.com/", map[string]string{"Origin": tg.origin}, strings.Repeat("a", relay.MaxRequestBody+1))
		if a.status != http.StatusRequestEntityTooLarge || a.header.Get("X-Iamlab-Relay") != "refused" {
			t.Errorf("oversize body: %d %q, want the relay's 413", a.status, a.body)
		}
	})
	if n := len(tg.up.requests()) - before; n != 0 {
		t.Errorf("%d refused requests reached the upstream", n)
	}
	t.Run("redirect not followed", func(t *testing.T) {
		a := raw(t, addr, "GET", "/relay/sts.us-east-1.amazonaws.com/_test/redirect", map[string]string{"Origin": tg.origin}, "")
		if a.status != http.StatusFound || a.header.Get("Location") != "" {
			t.Errorf("redirect: %d Location %q, want 302 with no Location", a.status, a.header.Get("Location"))
		}
		if n := tg.up.landings(); n != 0 {
			t.Errorf("the redirect was followed %d times", n)
		}
	})
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
