package sim_test

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/sim/world"
)

// s3User creates a user of the owner account with an inline policy (none
// when policy is "") and returns its access key.
func (l *lab) s3User(t *testing.T, name, policy string) [2]string {
	t.Helper()
	c := l.iam(s3Root[0], s3Root[1], "")
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); err != nil {
		t.Fatal(err)
	}
	if policy != "" {
		if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &name, PolicyName: aws.String("p"), PolicyDocument: &policy}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &name})
	if err != nil {
		t.Fatal(err)
	}
	return [2]string{*out.AccessKey.AccessKeyId, *out.AccessKey.SecretAccessKey}
}

// setPolicy gives a bucket a policy, as the administrator.
func (l *lab) setPolicy(t *testing.T, bucket, policy string) {
	t.Helper()
	if _, err := l.s3(s3Admin, "").PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &bucket, Policy: &policy}); err != nil {
		t.Fatalf("PutBucketPolicy %s: %v", bucket, err)
	}
}

func getBody(c *s3.Client, bucket, key string) (string, error) {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return "", err
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	return string(b), err
}

// The source document's flow (--world seed): the application user
// assumes XX-s3-upload-role and uploads into the upload folder of
// xx-upload-bucket; the role may upload nowhere else and read nothing.
func TestS3SeedUpload(t *testing.T) {
	for _, tls := range []bool{false, true} {
		l := newS3Lab(t, world.SeedFile(), tls)
		cr := assume(t, l.sts(appKey, appSec, ""), &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("app")})
		role := l.s3([2]string{cr.AccessKeyID, cr.SecretAccessKey}, cr.SessionToken)
		_, err := role.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String("upload/photo.jpg"), Body: strings.NewReader("jpeg")})
		if err != nil {
			t.Fatalf("tls=%v: upload: %v", tls, err)
		}
		session := "arn:aws:sts::123456789012:assumed-role/XX-s3-upload-role/app"
		_, err = role.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String("other/photo.jpg"), Body: strings.NewReader("jpeg")})
		wantError(t, err, "AccessDenied", "User: "+session+` is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::xx-upload-bucket/other/photo.jpg" because `+noIdentity("s3:PutObject"))
		_, err = getBody(role, "xx-upload-bucket", "upload/photo.jpg")
		wantError(t, err, "AccessDenied", "s3:GetObject")
		// The application user itself has AmazonS3FullAccess through its group.
		if body, err := getBody(l.s3([2]string{appKey, appSec}, ""), "xx-upload-bucket", "upload/photo.jpg"); err != nil || body != "jpeg" {
			t.Errorf("tls=%v: app reads %q, %v", tls, body, err)
		}
	}
}

// Anonymous (unsigned) requests are decided with the bucket policy
// alone: a public policy lets them in unless RestrictPublicBuckets is
// set; without a policy that allows "*" they get "Access Denied".
func TestS3Anonymous(t *testing.T) {
	l := newS3Lab(t, nil, false)
	for _, tc := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/public-bucket/index.html", 200, "<h1>public</h1>"},
		{"HEAD", "/public-bucket/index.html", 200, ""},
		{"GET", "/owner-bucket/hello.txt", 403, "<Code>AccessDenied</Code><Message>Access Denied</Message>"},
		{"GET", "/restricted-bucket/index.html", 403, "<Code>AccessDenied</Code><Message>Access Denied</Message>"},
		{"PUT", "/public-bucket/new.txt", 403, "<Code>AccessDenied</Code>"},
		{"DELETE", "/public-bucket/index.html", 403, "<Code>AccessDenied</Code>"},
		// GetObject is allowed, s3:ListBucket is not: a missing key is 403.
		{"GET", "/public-bucket/missing.html", 403, "<Code>AccessDenied</Code>"},
		{"GET", "/public-bucket?list-type=2", 403, "<Code>AccessDenied</Code>"},
		{"GET", "/", 403, "<Code>AccessDenied</Code>"},
		{"PUT", "/anonymous-bucket", 403, "<Code>AccessDenied</Code>"},
		{"GET", "/no-such-bucket/k", 404, "<Code>NoSuchBucket</Code>"},
		{"GET", "/public-bucket/index.html?response-content-type=text/plain", 400, "Request specific response headers cannot be used for anonymous GET requests."},
	} {
		resp, body := l.raw(t, tc.method, tc.path, "", nil)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.body) {
			t.Errorf("%s %s = %d %s, want %d %s", tc.method, tc.path, resp.StatusCode, body, tc.status, tc.body)
		}
	}
	// The SDK with anonymous credentials sends unsigned requests too.
	cfg := l.config("", "", "")
	cfg.Credentials = aws.AnonymousCredentials{}
	anon := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	if body, err := getBody(anon, "public-bucket", "index.html"); err != nil || body != "<h1>public</h1>" {
		t.Errorf("anonymous SDK GetObject = %q, %v", body, err)
	}
	_, err := getBody(anon, "owner-bucket", "hello.txt")
	wantError(t, err, "AccessDenied", "Access Denied")

	// The event: CloudTrail's anonymous identity, and the engine's decision
	// with the principal "*".
	ev := lastEvent(t, l)
	if ev.UserIdentity.AccountID != "ANONYMOUS_PRINCIPAL" || ev.UserIdentity.Type != "AWSAccount" || ev.EventName != "GetObject" ||
		ev.ErrorCode != "AccessDenied" || ev.IAMLab.Decision != "implicitDeny" || len(ev.IAMLab.Checks) != 1 ||
		ev.IAMLab.Checks[0].Resource != "arn:aws:s3:::owner-bucket/hello.txt" || !strings.Contains(string(ev.IAMLab.Trace), `"kind":"anonymous"`) {
		t.Errorf("event = %+v", ev)
	}
	// A missing key: GetObject allowed by the public policy, then
	// s3:ListBucket denied; both questions are in the event.
	l.raw(t, "GET", "/public-bucket/missing.html", "", nil)
	if ev := lastEvent(t, l); len(ev.IAMLab.Checks) != 2 || ev.IAMLab.Checks[0].Decision != "allowed" ||
		ev.IAMLab.Checks[1].Action != "s3:ListBucket" || ev.IAMLab.Decision != "implicitDeny" {
		t.Errorf("event = %+v", ev.IAMLab)
	}
}

type s3Event struct {
	EventName    string
	ErrorCode    string
	ErrorMessage string
	UserIdentity struct{ Type, AccountID, ARN string }
	IAMLab       struct {
		Decision string
		Note     string
		Trace    json.RawMessage
		Checks   []struct{ Action, Resource, Decision string }
	} `json:"iamlab"`
	RequestParameters map[string]any
}

// lastEvent is the event log's last record.
func lastEvent(t *testing.T, l *lab) s3Event {
	t.Helper()
	resp, err := l.srv.Client().Get(l.srv.URL + "/_iamlab/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var ev s3Event
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

const publicRead = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::%B/*"}]}`

// Block Public Access on a new bucket: all four settings on, so that a
// public policy is refused (BlockPublicPolicy, with AWS's message); off,
// the policy is saved and anonymous callers read; RestrictPublicBuckets
// then shuts them out again without touching the policy.
func TestS3BlockPublicAccess(t *testing.T) {
	l := newS3Lab(t, nil, false)
	admin := l.s3(s3Admin, "")
	b := "bpa-bucket"
	if _, err := admin.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("page.html"), Body: strings.NewReader("page")}); err != nil {
		t.Fatal(err)
	}
	blk, err := admin.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: &b})
	if err != nil {
		t.Fatal(err)
	}
	if p := blk.PublicAccessBlockConfiguration; !aws.ToBool(p.BlockPublicAcls) || !aws.ToBool(p.IgnorePublicAcls) ||
		!aws.ToBool(p.BlockPublicPolicy) || !aws.ToBool(p.RestrictPublicBuckets) {
		t.Errorf("a new bucket's Block Public Access = %+v", p)
	}
	policy := strings.ReplaceAll(publicRead, "%B", b)
	_, err = admin.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &b, Policy: &policy})
	wantError(t, err, "AccessDenied", `User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::bpa-bucket" because public policies are blocked by the BlockPublicPolicy block public access setting.`)

	if _, err := admin.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	_, err = admin.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: &b})
	wantError(t, err, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
	l.setPolicy(t, b, policy)
	st, err := admin.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: &b})
	if err != nil || !aws.ToBool(st.PolicyStatus.IsPublic) {
		t.Fatalf("policy status = %+v, %v", st, err)
	}
	anonymous := func() int {
		resp, _ := l.raw(t, "GET", "/"+b+"/page.html", "", nil)
		return resp.StatusCode
	}
	if s := anonymous(); s != 200 {
		t.Errorf("anonymous read with a public policy and no Block Public Access: %d", s)
	}
	for _, tc := range []struct {
		cfg    s3types.PublicAccessBlockConfiguration
		status int
	}{
		{s3types.PublicAccessBlockConfiguration{RestrictPublicBuckets: aws.Bool(true)}, 403},
		// BlockPublicPolicy does not touch a policy already saved.
		{s3types.PublicAccessBlockConfiguration{BlockPublicPolicy: aws.Bool(true)}, 200},
		// Nor do the ACL settings: the bucket has no ACLs.
		{s3types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true)}, 200},
	} {
		if _, err := admin.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: &b, PublicAccessBlockConfiguration: &tc.cfg}); err != nil {
			t.Fatal(err)
		}
		if s := anonymous(); s != tc.status {
			t.Errorf("anonymous read with %+v: %d, want %d", tc.cfg, s, tc.status)
		}
	}
	// The owner's account still reads with RestrictPublicBuckets.
	if _, err := admin.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: &b,
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{RestrictPublicBuckets: aws.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	if body, err := getBody(admin, b, "page.html"); err != nil || body != "page" {
		t.Errorf("owner reads %q, %v", body, err)
	}
}

// Across accounts both sides must allow: the partner's identity policy
// and the bucket policy. Callers outside the bucket's account get "Access
// Denied" without AWS's detailed message. RestrictPublicBuckets shuts
// out even a named account while the policy is public.
func TestS3CrossAccount(t *testing.T) {
	l := newS3Lab(t, nil, true)
	partner, stranger := l.s3(s3Partner, ""), l.s3(s3Stranger, "")
	if body, err := getBody(partner, "shared-bucket", "shared.txt"); err != nil || body != "shared" {
		t.Errorf("partner reads %q, %v", body, err)
	}
	if _, err := partner.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("shared-bucket"), Key: aws.String("from-partner"), Body: strings.NewReader("x")}); err != nil {
		t.Errorf("partner writes: %v", err)
	}
	if out, err := partner.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("shared-bucket")}); err != nil || len(out.Contents) != 2 {
		t.Errorf("partner lists %+v, %v", out, err)
	}
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"no identity policy", func() error { _, err := getBody(stranger, "shared-bucket", "shared.txt"); return err }},
		{"no bucket policy", func() error { _, err := getBody(partner, "owner-bucket", "hello.txt"); return err }},
		{"action not granted", func() error {
			_, err := partner.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("shared-bucket"), Key: aws.String("shared.txt")})
			return err
		}},
		{"RestrictPublicBuckets", func() error { _, err := getBody(partner, "restricted-bucket", "index.html"); return err }},
	} {
		err := tc.call()
		if code, msg := apiError(err); code != "AccessDenied" || msg != "Access Denied" {
			t.Errorf("%s: %s: %s", tc.name, code, msg)
		}
	}
	// Without the public statement, the policy is not public and the
	// partner's grant works despite RestrictPublicBuckets.
	l.setPolicy(t, "restricted-bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::restricted-bucket/*"}]}`)
	if body, err := getBody(partner, "restricted-bucket", "index.html"); err != nil || body != "restricted" {
		t.Errorf("partner reads the restricted bucket with a non-public policy: %q, %v", body, err)
	}
	// Another account allowed to manage the bucket policy gets 405.
	l.setPolicy(t, "shared-bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetBucketPolicy","Resource":"arn:aws:s3:::shared-bucket"}]}`)
	_, err := partner.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("shared-bucket")})
	wantError(t, err, "MethodNotAllowed", "The specified method is not allowed against this resource.")
	// The partner cannot take a name that exists.
	_, err = partner.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("owner-bucket")})
	wantError(t, err, "BucketAlreadyExists", "The requested bucket name is not available.")
}

// "The root user of the AWS account that owns a bucket can always use the
// GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions":
// a policy that denies everyone locks out the administrator, not root.
func TestS3RootKeepsBucketPolicy(t *testing.T) {
	l := newS3Lab(t, nil, false)
	l.setPolicy(t, "owner-bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::owner-bucket","arn:aws:s3:::owner-bucket/*"]}]}`)
	_, err := l.s3(s3Admin, "").GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("owner-bucket")})
	wantError(t, err, "AccessDenied", `User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:GetBucketPolicy on resource: "arn:aws:s3:::owner-bucket" with an explicit deny in a resource-based policy`)
	root := l.s3(s3Root, "")
	_, err = getBody(root, "owner-bucket", "hello.txt")
	wantError(t, err, "AccessDenied", "with an explicit deny in a resource-based policy")
	if _, err := root.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("owner-bucket")}); err != nil {
		t.Errorf("root GetBucketPolicy: %v", err)
	}
	ev := lastEvent(t, l)
	if ev.IAMLab.Decision != "explicitDeny" || !strings.Contains(ev.IAMLab.Note, "root user") || ev.ErrorCode != "" {
		t.Errorf("event = %+v", ev)
	}
	if _, err := root.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String("owner-bucket")}); err != nil {
		t.Errorf("root DeleteBucketPolicy: %v", err)
	}
	if body, err := getBody(l.s3(s3Admin, ""), "owner-bucket", "hello.txt"); err != nil || body != "hello, world" {
		t.Errorf("after the policy is gone: %q, %v", body, err)
	}
}
