package s3

import (
	"crypto/tls"
	"strconv"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/events"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sigv4"
	"github.com/iamlab/iamlab/sim/world"
)

// question is one authorization question a call asks about a bucket or
// an object.
type question struct {
	action string
	bucket *Bucket // nil: no bucket yet (CreateBucket) or none (ListBuckets)
	name   string  // the bucket's name; "" for ListBuckets
	key    string  // the object's key; "" for the bucket itself
	// keys are the operation's own condition keys (s3:prefix, s3:x-amz-acl...).
	keys []authz.Entry
}

// arn is the resource: arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY.
func (q *question) arn() string {
	switch {
	case q.name == "":
		return "*"
	case q.key == "":
		return "arn:aws:s3:::" + q.name
	}
	return "arn:aws:s3:::" + q.name + "/" + q.key
}

// owner is the account that owns the resource: the bucket's, or the
// caller's for a bucket to be created.
func (q *question) owner(c *service.Call) string {
	if q.bucket != nil {
		return q.bucket.Account
	}
	return c.Account()
}

// ask decides the question and answers a denial as S3 does: with the
// engine's message ("User: ... is not authorized to perform: ...") for a
// caller of the bucket owner's account or organization, and plain "Access
// Denied" for anyone else, anonymous callers included (S3 gives the
// "additional context in access denied errors" only for "requests made to
// resources within the same AWS account or same organization", S3 User
// Guide, troubleshooting access denied errors).
func ask(c *service.Call, tx *world.Tx, q question) error {
	d, err := c.Authorize(tx, request(c, &q))
	if err != nil && d != nil && !insider(c, tx, q.owner(c)) {
		return accessDenied()
	}
	return err
}

// request is the engine's question: the bucket policy as the resource
// policy, the bucket's account as the resource's, and S3's keys.
func request(c *service.Call, q *question) *authorize.Request {
	owner := q.owner(c)
	arn := q.arn()
	req := &authorize.Request{Action: q.action, Resource: arn, ResourceAccount: owner, Context: contextKeys(c, owner, q.keys)}
	if arn != "*" {
		req.Display = `"` + arn + `"` // S3's messages quote the resource
	}
	if q.bucket != nil && q.bucket.Policy != nil {
		req.Policy = bucketPolicy(c, q.bucket)
	}
	return req
}

// bucketPolicy is the bucket's policy as it applies to the caller. With
// RestrictPublicBuckets and a public policy, only its Deny statements
// apply to callers outside the bucket owner's account: the setting
// "restricts access to an access point or bucket with a public policy to
// only AWS service principals and authorized users within the bucket
// owner's account ... Amazon S3 blocks public and cross-account access
// derived from any public access point or bucket policy, including
// non-public delegation to specific accounts" (S3 User Guide, Block
// Public Access settings).
func bucketPolicy(c *service.Call, b *Bucket) *world.NamedDoc {
	doc := &world.NamedDoc{Name: "bucket policy", Doc: b.Policy}
	p := c.Env.Principal
	if b.Block == nil || !b.Block.RestrictPublicBuckets || p != nil && p.Account == b.Account || !Public(b.Policy.Policy) {
		return doc
	}
	restricted := *b.Policy.Policy
	restricted.Statements = nil
	for _, s := range b.Policy.Policy.Statements {
		if s.Effect == policy.Deny {
			restricted.Statements = append(restricted.Statements, s)
		}
	}
	return &world.NamedDoc{Name: "bucket policy (RestrictPublicBuckets: only its Deny statements apply outside account " + b.Account + ")",
		Doc: &world.Doc{Text: b.Policy.Text, Policy: &restricted}}
}

// insider reports whether the caller belongs to the account, or to its
// organization.
func insider(c *service.Call, tx *world.Tx, account string) bool {
	p := c.Env.Principal
	if p == nil {
		return false
	}
	if p.Account == account {
		return true
	}
	a, ok := world.Accounts.Get(tx, p.Account)
	b, ok2 := world.Accounts.Get(tx, account)
	return ok && ok2 && a.Org != "" && a.Org == b.Org
}

// contextKeys are the keys S3 sets on every request ("Amazon S3 Signature
// Version 4 Authentication Specific Policy Keys", S3 API Reference, and
// the S3 service authorization reference), after the operation's own:
// s3:signatureversion and s3:authType for a signed request,
// s3:signatureAge for a presigned URL (it "works for presigned URLs" and
// POST), s3:x-amz-content-sha256 from the header (the key "doesn't
// support x-amz-content-sha256 as a query string parameter"),
// s3:TlsVersion over TLS, and s3:ResourceAccount.
func contextKeys(c *service.Call, owner string, own []authz.Entry) []authz.Entry {
	out := make([]authz.Entry, 0, len(own)+6)
	out = append(out, own...)
	add := func(k, v string) { out = append(out, authz.Entry{Key: k, Values: []string{v}}) }
	if a := c.Auth; a != nil {
		add("s3:signatureversion", sigv4.Algorithm)
		if a.Presigned {
			add("s3:authType", "REST-QUERY-STRING")
			add("s3:signatureAge", strconv.FormatInt(c.Env.Now.Sub(a.Time).Milliseconds(), 10))
		} else {
			add("s3:authType", "REST-HEADER")
			if h := c.R.Header.Get("X-Amz-Content-Sha256"); h != "" {
				add("s3:x-amz-content-sha256", h)
			}
		}
	}
	if t := c.R.TLS; t != nil {
		add("s3:TlsVersion", tlsVersion(t.Version))
	}
	if owner != "" {
		add("s3:ResourceAccount", owner)
	}
	return out
}

// tlsVersion is s3:TlsVersion's number for a TLS version ("1.2").
func tlsVersion(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "1.0"
	case tls.VersionTLS11:
		return "1.1"
	case tls.VersionTLS12:
		return "1.2"
	}
	return "1.3"
}

// askPolicyOp decides Get, Put and DeleteBucketPolicy. "The root user of
// the AWS account that owns a bucket can always use the GetBucketPolicy,
// PutBucketPolicy, and DeleteBucketPolicy API actions, even if their
// policy explicitly denies the root user the ability to perform these
// actions"; a caller of another account that is allowed gets "405 Method
// Not Allowed" (S3 API Reference, PutBucketPolicy).
func askPolicyOp(c *service.Call, tx *world.Tx, b *Bucket, action string) error {
	q := question{action: action, bucket: b, name: b.Name}
	if p := c.Env.Principal; p != nil && p.Root && p.Account == b.Account {
		d, err := authorize.Decide(c.World, tx, &c.Env, request(c, &q))
		if err != nil {
			return protocol.Internal(err)
		}
		c.Event.Decisions = append(c.Event.Decisions, d)
		if !d.Allowed() {
			c.Event.Note = "the root user of the bucket's account may always call " + action[3:] + ", whatever the policies say"
		}
		return nil
	}
	if err := ask(c, tx, q); err != nil {
		return err
	}
	if c.Account() != b.Account {
		return methodNotAllowed(c.R.Method, "BUCKETPOLICY")
	}
	return nil
}

// anonymousIdentity is CloudTrail's userIdentity of an anonymous S3
// request.
func anonymousIdentity() *events.UserIdentity {
	return &events.UserIdentity{Type: "AWSAccount", AccountID: "ANONYMOUS_PRINCIPAL"}
}

func entry(k string, v ...string) authz.Entry { return authz.Entry{Key: k, Values: v} }
