package s3

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// fileBucket is a bucket of a world file's account (docs/world.md).
type fileBucket struct {
	Name   string          `json:"name"`
	Region string          `json:"region,omitempty"`
	Policy json.RawMessage `json:"policy,omitempty"`
	// PublicAccessBlock left out is a new bucket's: all four settings.
	PublicAccessBlock *PublicAccessBlock `json:"publicAccessBlock,omitempty"`
	Objects           []fileObject       `json:"objects,omitempty"`
}

// fileObject is an object with a text body.
type fileObject struct {
	Key         string `json:"key"`
	Body        string `json:"body"`
	ContentType string `json:"contentType,omitempty"`
}

func init() { world.RegisterSection("buckets", applyBuckets) }

// applyBuckets creates an account's buckets, checked as CreateBucket,
// PutBucketPolicy and PutObject check them.
func applyBuckets(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	var fbs []fileBucket
	if err := d.Decode(&fbs); err != nil {
		return err
	}
	now := w.Now().UTC().Truncate(time.Millisecond)
	for _, fb := range fbs {
		if err := applyBucket(tx, w, account, fb, now); err != nil {
			return fmt.Errorf("bucket %q: %w", fb.Name, err)
		}
	}
	return nil
}

func applyBucket(tx *world.Tx, w *world.World, account string, fb fileBucket, now time.Time) error {
	if !validBucketName(fb.Name) {
		return fmt.Errorf("InvalidBucketName: the name breaks S3's bucket naming rules")
	}
	if _, taken := buckets.Get(tx, fb.Name); taken {
		return fmt.Errorf("BucketAlreadyExists: a bucket of that name exists already")
	}
	b := &Bucket{Name: fb.Name, Account: account, Region: fb.Region, Created: now, Block: fb.PublicAccessBlock}
	if b.Region == "" {
		b.Region = defaultRegion
	}
	if b.Block == nil {
		b.Block = blockAll()
	}
	if len(fb.Policy) > 0 {
		text, err := world.DocumentText(fb.Policy)
		if err != nil {
			return err
		}
		if len(text) > MaxBucketPolicy {
			return fmt.Errorf("PolicyTooLarge: the policy is over %d bytes", MaxBucketPolicy)
		}
		if b.Policy, err = checkBucketPolicy(w, tx, b, text); err != nil {
			if mp, ok := err.(*world.MalformedPolicyError); ok {
				return fmt.Errorf("policy: %s: %s", mp.Code, mp.Msg)
			}
			return err
		}
		if b.Block.BlockPublicPolicy && Public(b.Policy.Policy) {
			return fmt.Errorf("AccessDenied: public policies are blocked by the BlockPublicPolicy block public access setting")
		}
	}
	if err := buckets.Put(tx, b.Name, b); err != nil {
		return err
	}
	for _, fo := range fb.Objects {
		if err := applyObject(tx, b, fo, now); err != nil {
			return fmt.Errorf("object %q: %w", fo.Key, err)
		}
	}
	return nil
}

func applyObject(tx *world.Tx, b *Bucket, fo fileObject, now time.Time) error {
	if fo.Key == "" || len(fo.Key) > MaxKeyLength {
		return fmt.Errorf("a key must have 1 to %d bytes", MaxKeyLength)
	}
	if len(fo.Body) > MaxObjectSize {
		return fmt.Errorf("EntityTooLarge: the body is over %d bytes", MaxObjectSize)
	}
	sum := md5.Sum([]byte(fo.Body))
	o := &Object{Key: fo.Key, Data: []byte(fo.Body), ETag: hex.EncodeToString(sum[:]), Modified: now,
		ContentType: fo.ContentType, SSE: "AES256", StorageClass: "STANDARD"}
	if o.ContentType == "" {
		o.ContentType = "binary/octet-stream"
	}
	return objects.Put(tx, objectKey(b.Name, fo.Key), o)
}
