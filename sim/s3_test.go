package sim_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// s3Op is one S3 operation: call runs it on bucket b (checking what an
// allowed call answers), action and resource name the permission a
// denial reports.
type s3Op struct {
	name     string
	call     func(t *testing.T, c *s3.Client, b string) error
	action   string
	resource string // with %B for the bucket
}

const opsPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::%B/*"}]}`

// s3Ops calls every operation of the simulated S3 once, in an order in
// which each succeeds for a caller allowed everything on a new bucket.
func s3Ops() []s3Op {
	key, copyKey := "dir/a.txt", "dir/b.txt"
	return []s3Op{
		{"CreateBucket", func(t *testing.T, c *s3.Client, b string) error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b})
			return err
		}, "s3:CreateBucket", "arn:aws:s3:::%B"},
		{"HeadBucket", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: &b})
			if err == nil && aws.ToString(out.BucketRegion) != "us-east-1" {
				t.Errorf("HeadBucket region = %q", aws.ToString(out.BucketRegion))
			}
			return err
		}, "s3:ListBucket", "arn:aws:s3:::%B"},
		{"ListBuckets", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
			if err == nil && !hasBucket(out.Buckets, b) {
				t.Errorf("ListBuckets has no %s: %+v", b, out.Buckets)
			}
			return err
		}, "s3:ListAllMyBuckets", ""},
		{"GetBucketLocation", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: &b})
			if err == nil && out.LocationConstraint != "" {
				t.Errorf("location of a us-east-1 bucket = %q, want none", out.LocationConstraint)
			}
			return err
		}, "s3:GetBucketLocation", "arn:aws:s3:::%B"},
		{"PutPublicAccessBlock", func(t *testing.T, c *s3.Client, b string) error {
			_, err := c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: &b,
				PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(false)}})
			return err
		}, "s3:PutBucketPublicAccessBlock", "arn:aws:s3:::%B"},
		{"GetPublicAccessBlock", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: &b})
			if err == nil {
				p := out.PublicAccessBlockConfiguration
				if !aws.ToBool(p.BlockPublicPolicy) || aws.ToBool(p.RestrictPublicBuckets) || aws.ToBool(p.BlockPublicAcls) {
					t.Errorf("GetPublicAccessBlock = %+v", p)
				}
			}
			return err
		}, "s3:GetBucketPublicAccessBlock", "arn:aws:s3:::%B"},
		{"PutBucketPolicy", func(t *testing.T, c *s3.Client, b string) error {
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &b, Policy: aws.String(strings.ReplaceAll(opsPolicy, "%B", b))})
			return err
		}, "s3:PutBucketPolicy", "arn:aws:s3:::%B"},
		{"GetBucketPolicy", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: &b})
			if err == nil && aws.ToString(out.Policy) != strings.ReplaceAll(opsPolicy, "%B", b) {
				t.Errorf("GetBucketPolicy = %s", aws.ToString(out.Policy))
			}
			return err
		}, "s3:GetBucketPolicy", "arn:aws:s3:::%B"},
		{"GetBucketPolicyStatus", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: &b})
			if err == nil && aws.ToBool(out.PolicyStatus.IsPublic) {
				t.Error("a policy for one account is not public")
			}
			return err
		}, "s3:GetBucketPolicyStatus", "arn:aws:s3:::%B"},
		{"PutObject", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: strings.NewReader("hello, world"),
				ContentType: aws.String("text/plain"), Metadata: map[string]string{"owner": "lab"}})
			if err == nil && aws.ToString(out.ETag) != `"e4d7f1b4ed2e42d15898f4b27b019da4"` {
				t.Errorf("ETag = %s", aws.ToString(out.ETag))
			}
			return err
		}, "s3:PutObject", "arn:aws:s3:::%B/dir/a.txt"},
		{"HeadObject", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: &key})
			if err == nil && (aws.ToInt64(out.ContentLength) != 12 || aws.ToString(out.ContentType) != "text/plain" || out.Metadata["owner"] != "lab") {
				t.Errorf("HeadObject = %d %s %v", aws.ToInt64(out.ContentLength), aws.ToString(out.ContentType), out.Metadata)
			}
			return err
		}, "s3:GetObject", "arn:aws:s3:::%B/dir/a.txt"},
		{"GetObject", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
			if err == nil {
				body, _ := io.ReadAll(out.Body)
				if string(body) != "hello, world" {
					t.Errorf("GetObject = %q", body)
				}
			}
			return err
		}, "s3:GetObject", "arn:aws:s3:::%B/dir/a.txt"},
		{"CopyObject", func(t *testing.T, c *s3.Client, b string) error {
			_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: &copyKey, CopySource: aws.String(b + "/" + key)})
			return err
		}, "s3:GetObject", "arn:aws:s3:::%B/dir/a.txt"},
		{"ListObjectsV2", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b, Prefix: aws.String("dir/")})
			if err == nil && (len(out.Contents) != 2 || aws.ToString(out.Contents[1].Key) != copyKey) {
				t.Errorf("ListObjectsV2 = %+v", out.Contents)
			}
			return err
		}, "s3:ListBucket", "arn:aws:s3:::%B"},
		{"ListObjects", func(t *testing.T, c *s3.Client, b string) error {
			out, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: &b, Delimiter: aws.String("/")})
			if err == nil && (len(out.CommonPrefixes) != 1 || aws.ToString(out.CommonPrefixes[0].Prefix) != "dir/") {
				t.Errorf("ListObjects = %+v", out.CommonPrefixes)
			}
			return err
		}, "s3:ListBucket", "arn:aws:s3:::%B"},
		{"DeleteObject", func(t *testing.T, c *s3.Client, b string) error {
			for _, k := range []string{key, copyKey} {
				if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String(k)}); err != nil {
					return err
				}
			}
			return nil
		}, "s3:DeleteObject", "arn:aws:s3:::%B/dir/a.txt"},
		{"DeleteBucketPolicy", func(t *testing.T, c *s3.Client, b string) error {
			_, err := c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: &b})
			return err
		}, "s3:DeleteBucketPolicy", "arn:aws:s3:::%B"},
		{"DeletePublicAccessBlock", func(t *testing.T, c *s3.Client, b string) error {
			_, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: &b})
			return err
		}, "s3:PutBucketPublicAccessBlock", "arn:aws:s3:::%B"},
		{"DeleteBucket", func(t *testing.T, c *s3.Client, b string) error {
			_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: &b})
			return err
		}, "s3:DeleteBucket", "arn:aws:s3:::%B"},
	}
}

func hasBucket(bs []s3types.Bucket, name string) bool {
	for _, b := range bs {
		if aws.ToString(b.Name) == name {
			return true
		}
	}
	return false
}

// Every S3 operation through the real S3 client, over http and https:
// allowed for a user whose policy allows s3:*, denied for a user with no
// policy, with S3's code and AWS's message naming the permission
// (HEAD answers carry no body: the status alone).
func TestS3Operations(t *testing.T) {
	for _, tls := range []bool{false, true} {
		l := newS3Lab(t, nil, tls)
		admin, nobody := l.s3(s3Admin, ""), l.s3(s3Nobody, "")
		for _, op := range s3Ops() {
			if err := op.call(t, admin, "ops-bucket"); err != nil {
				t.Errorf("tls=%v: %s allowed: %v", tls, op.name, err)
			}
			b := "owner-bucket"
			if op.name == "CreateBucket" {
				b = "nobody-bucket"
			}
			err := op.call(t, nobody, b)
			if strings.HasPrefix(op.name, "Head") {
				wantStatus(t, err, http.StatusForbidden)
				continue
			}
			want := "User: arn:aws:iam::111122223333:user/nobody is not authorized to perform: " + op.action
			if op.resource != "" {
				want += ` on resource: "` + strings.ReplaceAll(op.resource, "%B", b) + `"`
			}
			want += " because " + noIdentity(op.action)
			if code, msg := apiError(err); code != "AccessDenied" || msg != want {
				t.Errorf("tls=%v: %s denied: %s: %q\nwant AccessDenied: %q", tls, op.name, code, msg, want)
			}
		}
	}
}

// wantStatus checks an error's HTTP status.
func wantStatus(t *testing.T, err error, status int) {
	t.Helper()
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != status {
		t.Errorf("error = %v, want HTTP %d", err, status)
	}
}
