package s3

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Object limits of S3: "The name for a key is a sequence of Unicode
// characters whose UTF-8 encoding is at most 1,024 bytes long"; "the
// user-defined metadata is limited to 2 KB in size ... the sum of the
// number of bytes in the UTF-8 encoding of each key and value" (S3 User
// Guide, object keys and object metadata).
const (
	MaxKeyLength = 1024
	MaxMetadata  = 2 << 10
)

// Object is a stored object. The bucket owner owns every object: buckets
// here are "bucket owner enforced", S3's default.
type Object struct {
	Key      string    `json:"key"`
	Data     []byte    `json:"data"`
	ETag     string    `json:"etag"` // the MD5 of the data, in hexadecimal
	Modified time.Time `json:"modified"`
	// ContentType is the Content-Type given, or binary/octet-stream.
	ContentType string `json:"contentType"`
	// Headers are the other representation headers given (Cache-Control,
	// Content-Disposition, Content-Encoding, Content-Language, Expires),
	// by canonical name.
	Headers map[string]string `json:"headers,omitempty"`
	// Meta is the user-defined metadata (x-amz-meta-NAME), by lower-case
	// NAME.
	Meta         map[string]string `json:"meta,omitempty"`
	Tags         []world.Tag       `json:"tags,omitempty"`
	Checksum     *Checksum         `json:"checksum,omitempty"`
	SSE          string            `json:"sse"`
	KMSKeyID     string            `json:"kmsKeyId,omitempty"`
	StorageClass string            `json:"storageClass"`
}

// objectKey is an object's key in the world: BUCKET/KEY.
func objectKey(bucket, key string) string { return bucket + "/" + key }

// storedHeaders are the representation headers S3 keeps with an object
// and answers GetObject with.
var storedHeaders = []string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"}

// storageClasses are the x-amz-storage-class values of the S3 API.
var storageClasses = map[string]bool{"STANDARD": true, "REDUCED_REDUNDANCY": true, "STANDARD_IA": true, "ONEZONE_IA": true,
	"INTELLIGENT_TIERING": true, "GLACIER": true, "DEEP_ARCHIVE": true, "OUTPOSTS": true, "GLACIER_IR": true, "SNAPSHOT": true,
	"EXPRESS_ONEZONE": true, "FSX_OPENZFS": true}

// archived are the storage classes whose objects must be restored
// before GetObject answers them.
var archived = map[string]bool{"GLACIER": true, "DEEP_ARCHIVE": true}

// newObject reads an object to be stored from a PutObject request's
// headers, and the condition keys they set.
func newObject(c *service.Call, key string) (*Object, []authz.Entry, error) {
	h := c.R.Header
	o := &Object{Key: key, ContentType: h.Get("Content-Type"), SSE: "AES256", StorageClass: "STANDARD",
		Modified: c.Env.Now.UTC().Truncate(time.Millisecond)}
	if o.ContentType == "" {
		o.ContentType = "binary/octet-stream"
	}
	for _, name := range storedHeaders {
		v := h.Get(name)
		if name == "Content-Encoding" {
			v = withoutAWSChunked(v)
		}
		if v != "" {
			if o.Headers == nil {
				o.Headers = map[string]string{}
			}
			o.Headers[name] = v
		}
	}
	var err error
	if o.Meta, err = userMetadata(h); err != nil {
		return nil, nil, err
	}
	if o.Tags, err = parseTagging(h.Get("X-Amz-Tagging")); err != nil {
		return nil, nil, err
	}
	keys, err := putKeys(h, o)
	if err != nil {
		return nil, nil, err
	}
	for _, t := range o.Tags {
		keys = append(keys, entry("s3:RequestObjectTag/"+t.Key, t.Value))
	}
	if len(o.Tags) > 0 {
		names := make([]string, len(o.Tags))
		for i, t := range o.Tags {
			names[i] = t.Key
		}
		keys = append(keys, entry("s3:RequestObjectTagKeys", names...))
	}
	return o, keys, nil
}

// putKeys reads the encryption and storage class headers into the object
// and returns the condition keys of PutObject's headers (S3 service
// authorization reference: s3:x-amz-acl, s3:x-amz-grant-*,
// s3:x-amz-server-side-encryption, ...-aws-kms-key-id,
// s3:x-amz-storage-class, s3:if-match, s3:if-none-match).
func putKeys(h http.Header, o *Object) ([]authz.Entry, error) {
	var keys []authz.Entry
	for _, name := range append(slices.Clone(aclHeaders), "If-Match", "If-None-Match") {
		if v := h.Get(name); v != "" {
			keys = append(keys, entry("s3:"+strings.ToLower(name), v))
		}
	}
	if v := h.Get("X-Amz-Server-Side-Encryption"); v != "" {
		if v != "AES256" && v != "aws:kms" && v != "aws:kms:dsse" {
			return nil, invalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", v)
		}
		o.SSE = v
		keys = append(keys, entry("s3:x-amz-server-side-encryption", v))
	}
	if v := h.Get("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id"); v != "" {
		if !strings.HasPrefix(o.SSE, "aws:kms") {
			return nil, invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
				"x-amz-server-side-encryption", o.SSE)
		}
		o.KMSKeyID = v
		keys = append(keys, entry("s3:x-amz-server-side-encryption-aws-kms-key-id", v))
	}
	if v := h.Get("X-Amz-Storage-Class"); v != "" {
		if !storageClasses[v] {
			return nil, errorf(http.StatusBadRequest, "InvalidStorageClass", "The storage class you specified is not valid",
				Field{"StorageClassRequested", v})
		}
		o.StorageClass = v
		keys = append(keys, entry("s3:x-amz-storage-class", v))
	}
	return keys, nil
}

// aclSupported reports whether the ACL headers of a PutObject are ones a
// bucket owner enforced bucket takes: "Bucket owner enforced ... only
// accepts PUT requests that don't specify an ACL or that specify bucket
// owner full control ACLs".
func aclSupported(h http.Header) bool {
	for _, name := range aclHeaders {
		v := h.Get(name)
		if v != "" && !(name == "X-Amz-Acl" && v == "bucket-owner-full-control") {
			return false
		}
	}
	return true
}

// userMetadata reads the x-amz-meta-* headers, within MaxMetadata.
func userMetadata(h http.Header) (map[string]string, error) {
	var meta map[string]string
	size := 0
	for k, vs := range h {
		name, ok := cutPrefixFold(k, "x-amz-meta-")
		if !ok {
			continue
		}
		if meta == nil {
			meta = map[string]string{}
		}
		v := strings.Join(vs, ",")
		name = strings.ToLower(name)
		meta[name] = v
		size += len(name) + len(v)
	}
	if size > MaxMetadata {
		return nil, errorf(http.StatusBadRequest, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.",
			Field{"Size", strconv.Itoa(size)}, Field{"MaxSizeAllowed", strconv.Itoa(MaxMetadata)})
	}
	return meta, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return "", false
	}
	return s[len(prefix):], true
}

// withoutAWSChunked drops aws-chunked from a Content-Encoding: "Amazon
// S3 stores the resulting object without the aws-chunked value".
func withoutAWSChunked(v string) string {
	var keep []string
	for _, e := range strings.Split(v, ",") {
		if e = strings.TrimSpace(e); e != "" && !strings.EqualFold(e, "aws-chunked") {
			keep = append(keep, e)
		}
	}
	return strings.Join(keep, ",")
}

// checkKey refuses a key S3 refuses.
func checkKey(key string) error {
	if len(key) > MaxKeyLength {
		return errorf(http.StatusBadRequest, "KeyTooLongError", "Your key is too long",
			Field{"Size", strconv.Itoa(len(key))}, Field{"MaxSizeAllowed", strconv.Itoa(MaxKeyLength)})
	}
	return nil
}

// putObject answers PutObject: the caller's permission (with the keys of
// the request's headers), the body's integrity, ACLs, the conditions of a
// conditional write, then the object is stored.
func putObject(c *service.Call, t target) error {
	if err := checkKey(t.key); err != nil {
		return err
	}
	if len(c.Body) > MaxObjectSize {
		return entityTooLarge(int64(len(c.Body)))
	}
	o, keys, err := newObject(c, t.key)
	if err != nil {
		return err
	}
	err = c.World.View(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		return ask(c, tx, question{action: "s3:PutObject", bucket: b, name: b.Name, key: t.key, keys: keys})
	})
	if err != nil {
		return err
	}
	if !aclSupported(c.R.Header) {
		return errorf(http.StatusBadRequest, "AccessControlListNotSupported", "The bucket does not allow ACLs")
	}
	if o.Checksum, o.ETag, err = integrity(c); err != nil {
		return err
	}
	o.Data = c.Body
	if err := store(c, t, o); err != nil {
		return err
	}
	answerStored(c, o)
	ok(c)
	return nil
}

// store writes an object, if the bucket still exists and the conditions
// of a conditional write hold: If-None-Match: * ("uploads the object only
// if the object key name does not already exist") and If-Match.
func store(c *service.Call, t target, o *Object) error {
	h := c.R.Header
	return c.World.Update(func(tx *world.Tx) error {
		b, err := loadBucket(tx, t.bucket)
		if err != nil {
			return err
		}
		o.Key = t.key
		old, exists := objects.Get(tx, objectKey(b.Name, t.key))
		if inm := h.Get("If-None-Match"); inm != "" {
			if inm != "*" {
				return notImplemented("If-None-Match: " + inm)
			}
			if exists {
				return preconditionFailed("If-None-Match")
			}
		}
		if im := h.Get("If-Match"); im != "" {
			if !exists {
				return noSuchKey(t.key)
			}
			if !etagMatches(im, old.ETag) {
				return preconditionFailed("If-Match")
			}
		}
		return objects.Put(tx, objectKey(b.Name, t.key), o)
	})
}

// answerStored sets the headers of a stored object's answer.
func answerStored(c *service.Call, o *Object) {
	h := c.W.Header()
	h.Set("ETag", `"`+o.ETag+`"`)
	h.Set("X-Amz-Server-Side-Encryption", o.SSE)
	if o.KMSKeyID != "" {
		h.Set("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id", o.KMSKeyID)
	}
	if ck := o.Checksum; ck != nil {
		h.Set(checksumHeader(ck.Algorithm), ck.Value)
		h.Set("X-Amz-Checksum-Type", "FULL_OBJECT")
	}
}

// etagMatches reports whether an If-Match or If-None-Match list names
// the ETag (quoted or not) or is "*".
func etagMatches(list, etag string) bool {
	for _, v := range strings.Split(list, ",") {
		v = strings.TrimSpace(v)
		if v == "*" || strings.Trim(strings.TrimPrefix(v, "W/"), `"`) == etag {
			return true
		}
	}
	return false
}
