package s3

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// deleteObject answers DeleteObject: 204 whether the key existed or not,
// unless If-Match names another ETag.
func deleteObject(c *service.Call, t target) error {
	im := c.R.Header.Get("If-Match")
	var keys []authz.Entry
	if im != "" {
		keys = append(keys, entry("s3:if-match", im))
	}
	err := c.World.Update(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := ask(c, tx, question{action: "s3:DeleteObject", bucket: b, name: b.Name, key: t.key, keys: keys}); err != nil {
			return err
		}
		k := objectKey(b.Name, t.key)
		old, exists := objects.Get(tx, k)
		if im != "" {
			if !exists {
				return noSuchKey(t.key)
			}
			if !etagMatches(im, old.ETag) {
				return preconditionFailed("If-Match")
			}
		}
		if !exists {
			return nil
		}
		return objects.Delete(tx, k)
	})
	if err != nil {
		return err
	}
	noContent(c)
	return nil
}

type copyResult struct {
	XMLName      xml.Name `xml:"CopyObjectResult"`
	NS           string   `xml:"xmlns,attr"`
	ETag         string
	LastModified string
}

// copySource reads x-amz-copy-source: "the name of the source bucket and
// the key of the source object, separated by a slash (/)", URL-encoded,
// optionally with ?versionId=.
func copySource(h string) (bucket, key string, err error) {
	bad := invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", h)
	src, version, _ := strings.Cut(h, "?")
	if version != "" && version != "versionId=null" {
		return "", "", invalidArgument("Invalid version id specified", "x-amz-copy-source", h)
	}
	src, uerr := url.PathUnescape(strings.TrimPrefix(src, "/"))
	if uerr != nil {
		return "", "", bad
	}
	bucket, key, _ = strings.Cut(src, "/")
	if bucket == "" || key == "" {
		return "", "", bad
	}
	return bucket, key, nil
}

// copyObject answers CopyObject: s3:GetObject on the source, s3:PutObject
// on the destination (with s3:x-amz-copy-source and
// s3:x-amz-metadata-directive), then the copy, its metadata and tags
// copied or replaced as the directives say.
func copyObject(c *service.Call, t target) error {
	h := c.R.Header
	srcBucket, srcKey, err := copySource(h.Get("X-Amz-Copy-Source"))
	if err != nil {
		return err
	}
	if err := checkKey(t.key); err != nil {
		return err
	}
	metaDir, tagDir := strings.ToUpper(h.Get("X-Amz-Metadata-Directive")), strings.ToUpper(h.Get("X-Amz-Tagging-Directive"))
	for _, d := range [][2]string{{metaDir, "x-amz-metadata-directive"}, {tagDir, "x-amz-tagging-directive"}} {
		if d[0] != "" && d[0] != "COPY" && d[0] != "REPLACE" {
			return invalidArgument("Unknown directive.", d[1], d[0])
		}
	}
	o, keys, err := newObject(c, t.key)
	if err != nil {
		return err
	}
	keys = append(keys, entry("s3:x-amz-copy-source", h.Get("X-Amz-Copy-Source")))
	if metaDir != "" {
		keys = append(keys, entry("s3:x-amz-metadata-directive", metaDir))
	}
	var src *Object
	err = c.World.View(func(tx *world.Tx) error {
		sb, err := loadBucket(tx, srcBucket)
		if err != nil {
			return err
		}
		src, _ = objects.Get(tx, objectKey(sb.Name, srcKey))
		if err := ask(c, tx, question{action: "s3:GetObject", bucket: sb, name: sb.Name, key: srcKey, keys: tagKeys(src)}); err != nil {
			return err
		}
		if src == nil {
			return noSuchKey(srcKey)
		}
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		return ask(c, tx, question{action: "s3:PutObject", bucket: b, name: b.Name, key: t.key, keys: keys})
	})
	if err != nil {
		return err
	}
	if !aclSupported(h) {
		return errorf(http.StatusBadRequest, "AccessControlListNotSupported", "The bucket does not allow ACLs")
	}
	if srcBucket == t.bucket && srcKey == t.key && metaDir != "REPLACE" && !changesAttributes(h) {
		return invalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	copied := copyOf(src, o, metaDir == "REPLACE", tagDir == "REPLACE")
	copied.Modified = c.Env.Now.UTC().Truncate(time.Millisecond)
	if err := store(c, t, copied); err != nil {
		return err
	}
	answerStored(c, copied)
	return writeXML(c, copyResult{NS: NS, ETag: `"` + copied.ETag + `"`, LastModified: copied.Modified.Format(timeFormat)})
}

// changesAttributes reports whether a copy sets the storage class or the
// encryption, which makes a copy onto the object itself legal.
func changesAttributes(h http.Header) bool {
	return h.Get("X-Amz-Storage-Class") != "" || h.Get("X-Amz-Server-Side-Encryption") != ""
}

// copyOf is the new object: the source's data, with the source's
// metadata unless REPLACE gives the request's, the source's tags unless
// REPLACE gives the request's, and the request's encryption and storage
// class.
func copyOf(src, req *Object, replaceMeta, replaceTags bool) *Object {
	o := *req
	o.Data, o.ETag, o.Checksum = src.Data, src.ETag, src.Checksum
	if !replaceMeta {
		o.ContentType, o.Headers, o.Meta = src.ContentType, src.Headers, src.Meta
	}
	if !replaceTags {
		o.Tags = src.Tags
	}
	return &o
}
