package s3

import (
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// getObject answers GetObject.
func getObject(c *service.Call, t target) error { return serveObject(c, t) }

// headObject answers HeadObject: GetObject's headers, no body; it needs
// s3:GetObject.
func headObject(c *service.Call, t target) error { return serveObject(c, t) }

// responseOverrides are GetObject's response-* parameters and the
// headers they set.
var responseOverrides = [][2]string{
	{"response-cache-control", "Cache-Control"}, {"response-content-disposition", "Content-Disposition"},
	{"response-content-encoding", "Content-Encoding"}, {"response-content-language", "Content-Language"},
	{"response-content-type", "Content-Type"}, {"response-expires", "Expires"},
}

func serveObject(c *service.Call, t target) error {
	q := c.R.URL.Query()
	if v := q.Get("versionId"); v != "" && v != "null" {
		return invalidArgument("Invalid version id specified", "versionId", v)
	}
	if c.Auth == nil {
		for _, o := range responseOverrides {
			if q.Has(o[0]) {
				return invalidRequest("Request specific response headers cannot be used for anonymous GET requests.")
			}
		}
	}
	o, err := readObject(c, t)
	if err != nil {
		return err
	}
	if archived[o.StorageClass] {
		return errorf(http.StatusForbidden, "InvalidObjectState", "The operation is not valid for the object's storage class",
			Field{"StorageClass", o.StorageClass})
	}
	if done, err := preconditions(c, o); done || err != nil {
		return err
	}
	rng, partial, rerr := parseRange(c.R.Header.Get("Range"), int64(len(o.Data)))
	if rerr != nil {
		return rerr
	}
	data := o.Data
	status := http.StatusOK
	h := c.W.Header()
	objectHeaders(h, o)
	if partial {
		data = o.Data[rng.start : rng.end+1]
		status = http.StatusPartialContent
		h.Set("Content-Range", "bytes "+strconv.FormatInt(rng.start, 10)+"-"+strconv.FormatInt(rng.end, 10)+"/"+strconv.Itoa(len(o.Data)))
	} else if ck := o.Checksum; ck != nil && c.R.Header.Get("X-Amz-Checksum-Mode") == "ENABLED" {
		// The whole object's checksum; a part of it has none to compare.
		h.Set(checksumHeader(ck.Algorithm), ck.Value)
		h.Set("X-Amz-Checksum-Type", "FULL_OBJECT")
	}
	for _, ov := range responseOverrides {
		if v := q.Get(ov[0]); v != "" {
			h.Set(ov[1], v)
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	setIDs(c)
	c.W.WriteHeader(status)
	c.MarkAnswered()
	if c.R.Method != http.MethodHead {
		_, _ = c.W.Write(data)
	}
	return nil
}

// readObject finds the object and asks for s3:GetObject. A key that does
// not exist is NoSuchKey only to a caller who may list the bucket: "If
// you don't have the s3:ListBucket permission, Amazon S3 returns an HTTP
// status code 403 Access Denied error" (S3 API Reference, GetObject).
func readObject(c *service.Call, t target) (*Object, error) {
	var o *Object
	err := c.World.View(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		o, _ = objects.Get(tx, objectKey(b.Name, t.key))
		if err := ask(c, tx, question{action: "s3:GetObject", bucket: b, name: b.Name, key: t.key, keys: tagKeys(o)}); err != nil {
			return err
		}
		if o != nil {
			return nil
		}
		if err := ask(c, tx, question{action: "s3:ListBucket", bucket: b, name: b.Name}); err != nil {
			return err
		}
		return noSuchKey(t.key)
	})
	return o, err
}

// tagKeys are s3:ExistingObjectTag/KEY for an object's tags.
func tagKeys(o *Object) []authz.Entry {
	if o == nil || len(o.Tags) == 0 {
		return nil
	}
	out := make([]authz.Entry, len(o.Tags))
	for i, t := range o.Tags {
		out[i] = entry("s3:ExistingObjectTag/"+t.Key, t.Value)
	}
	return out
}

// objectHeaders are the headers that describe a stored object.
func objectHeaders(h http.Header, o *Object) {
	h.Set("Content-Type", o.ContentType)
	h.Set("ETag", `"`+o.ETag+`"`)
	h.Set("Last-Modified", o.Modified.UTC().Format(http.TimeFormat))
	h.Set("Accept-Ranges", "bytes")
	h.Set("X-Amz-Server-Side-Encryption", o.SSE)
	if o.KMSKeyID != "" {
		h.Set("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id", o.KMSKeyID)
	}
	if o.StorageClass != "STANDARD" {
		h.Set("X-Amz-Storage-Class", o.StorageClass)
	}
	for k, v := range o.Headers {
		h.Set(k, v)
	}
	names := make([]string, 0, len(o.Meta))
	for k := range o.Meta {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		h.Set("X-Amz-Meta-"+k, o.Meta[k])
	}
	if len(o.Tags) > 0 {
		h.Set("X-Amz-Tagging-Count", strconv.Itoa(len(o.Tags)))
	}
}

// preconditions applies the conditional headers of a GET or HEAD as S3
// does (RFC 9110): If-Match, else If-Unmodified-Since (412); If-None-Match,
// else If-Modified-Since (304 Not Modified). done reports an answer made.
func preconditions(c *service.Call, o *Object) (done bool, err error) {
	h := c.R.Header
	if im := h.Get("If-Match"); im != "" {
		if !etagMatches(im, o.ETag) {
			return true, preconditionFailed("If-Match")
		}
	} else if t, ok := httpTime(h.Get("If-Unmodified-Since")); ok && o.Modified.Truncate(time.Second).After(t) {
		return true, preconditionFailed("If-Unmodified-Since")
	}
	notModified := false
	if inm := h.Get("If-None-Match"); inm != "" {
		notModified = etagMatches(inm, o.ETag)
	} else if t, ok := httpTime(h.Get("If-Modified-Since")); ok {
		notModified = !o.Modified.Truncate(time.Second).After(t)
	}
	if !notModified {
		return false, nil
	}
	wh := c.W.Header()
	wh.Set("ETag", `"`+o.ETag+`"`)
	wh.Set("Last-Modified", o.Modified.UTC().Format(http.TimeFormat))
	setIDs(c)
	c.W.WriteHeader(http.StatusNotModified)
	c.MarkAnswered()
	return true, nil
}

func httpTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := http.ParseTime(s)
	return t, err == nil
}
