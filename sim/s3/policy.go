package s3

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// MaxBucketPolicy bounds a bucket policy: "Bucket policies are limited to
// 20 KB in size" (S3 User Guide, bucket policies).
const MaxBucketPolicy = 20 << 10

// putBucketPolicy answers PutBucketPolicy: the caller's permission, the
// policy checked as S3 checks it when it is saved, and Block Public
// Access's BlockPublicPolicy.
func putBucketPolicy(c *service.Call, t target) error {
	if err := requireChecksum(c); err != nil {
		return err
	}
	text := string(c.Body)
	if len(text) > MaxBucketPolicy {
		// The message is not verified against AWS's answer.
		return errorf(http.StatusBadRequest, "PolicyTooLarge", "Policy exceeds the maximum allowed document size.")
	}
	err := c.World.Update(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := askPolicyOp(c, tx, b, "s3:PutBucketPolicy"); err != nil {
			return err
		}
		doc, err := checkBucketPolicy(c.World, tx, b, text)
		if err != nil {
			return err
		}
		if b.Block != nil && b.Block.BlockPublicPolicy && Public(doc.Policy) {
			return errorf(http.StatusForbidden, "AccessDenied", publicBlockedMessage(c, b))
		}
		nb := b.clone()
		nb.Policy = doc
		return buckets.Put(tx, b.Name, nb)
	})
	if err != nil {
		return err
	}
	noContent(c)
	return nil
}

// publicBlockedMessage is S3's message for a public policy that
// BlockPublicPolicy refuses.
func publicBlockedMessage(c *service.Call, b *Bucket) string {
	caller := "anonymous"
	if p := c.Env.Principal; p != nil {
		caller = p.ARN
	}
	return "User: " + caller + " is not authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::" + b.Name +
		"\" because public policies are blocked by the BlockPublicPolicy block public access setting."
}

// checkBucketPolicy checks a bucket policy being saved: the engine's
// save-time rules of S3 (lint.SaveErrors), then what needs the bucket: a
// resource must be the bucket or its objects ("Policy has invalid
// resource").
func checkBucketPolicy(w *world.World, tx *world.Tx, b *Bucket, text string) (*world.Doc, error) {
	doc, err := w.CheckPolicyIn(tx, text, world.ResourcePolicy, lint.S3)
	if err != nil {
		return nil, err
	}
	for i := range doc.Policy.Statements {
		for _, r := range doc.Policy.Statements[i].Resources {
			if !ownResource(r.S, b.Name) {
				return nil, &world.MalformedPolicyError{Code: "MalformedPolicy", Msg: "Policy has invalid resource"}
			}
		}
	}
	return doc, nil
}

// ownResource reports whether a resource of a bucket policy may name the
// bucket or its objects: an S3 ARN whose bucket part is the bucket's name
// (or a pattern, which may match it), or "*".
func ownResource(r, bucket string) bool {
	if r == "*" {
		return true
	}
	a, ok := policy.ParseARN(r)
	if !ok {
		return true // not an ARN: S3's save-time rules (lint) refuse it
	}
	if a.Service != "s3" && fixed(a.Service) {
		return false
	}
	name, _, _ := strings.Cut(a.Resource, "/")
	return name == bucket || !fixed(name)
}

// getBucketPolicy answers GetBucketPolicy with the policy's text.
func getBucketPolicy(c *service.Call, t target) error {
	var text string
	err := c.World.View(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := askPolicyOp(c, tx, b, "s3:GetBucketPolicy"); err != nil {
			return err
		}
		if b.Policy == nil {
			return noSuchBucketPolicy(b.Name)
		}
		text = b.Policy.Text
		return nil
	})
	if err != nil {
		return err
	}
	h := c.W.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(text)))
	ok(c)
	_, _ = c.W.Write([]byte(text))
	return nil
}

func noSuchBucketPolicy(name string) *Error {
	return errorf(http.StatusNotFound, "NoSuchBucketPolicy", "The bucket policy does not exist", Field{"BucketName", name})
}

// deleteBucketPolicy answers DeleteBucketPolicy (204 with or without a
// policy).
func deleteBucketPolicy(c *service.Call, t target) error {
	err := c.World.Update(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := askPolicyOp(c, tx, b, "s3:DeleteBucketPolicy"); err != nil {
			return err
		}
		if b.Policy == nil {
			return nil
		}
		nb := b.clone()
		nb.Policy = nil
		return buckets.Put(tx, b.Name, nb)
	})
	if err != nil {
		return err
	}
	noContent(c)
	return nil
}

type policyStatus struct {
	XMLName  xml.Name `xml:"PolicyStatus"`
	NS       string   `xml:"xmlns,attr"`
	IsPublic bool
}

// getBucketPolicyStatus answers GetBucketPolicyStatus: whether S3
// considers the bucket policy public.
func getBucketPolicyStatus(c *service.Call, t target) error {
	var public bool
	err := c.World.View(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := ask(c, tx, question{action: "s3:GetBucketPolicyStatus", bucket: b, name: b.Name}); err != nil {
			return err
		}
		if b.Policy == nil {
			return noSuchBucketPolicy(b.Name)
		}
		public = Public(b.Policy.Policy)
		return nil
	})
	if err != nil {
		return err
	}
	return writeXML(c, policyStatus{NS: NS, IsPublic: public})
}
