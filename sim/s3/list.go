package s3

import (
	"encoding/base64"
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// maxListKeys is the most keys one listing returns: "returns some or all
// (up to 1,000) of the objects in a bucket"; a larger max-keys is
// lowered to it.
const maxListKeys = 1000

// listing is what a ListObjects or ListObjectsV2 request asks.
type listing struct {
	prefix, delimiter string
	maxKeys           int
	after             marker // list what sorts after it
	urlEncode         bool
}

// marker is where a listing resumes: after a key, or after every key
// under a common prefix.
type marker struct {
	key    string
	prefix bool // key is a common prefix: skip everything under it
}

// passed reports whether the listing is past a key already.
func (m marker) passed(key string) bool {
	if m.prefix {
		return strings.HasPrefix(key, m.key) || key <= m.key
	}
	return key <= m.key
}

// The continuation token of ListObjectsV2: opaque to clients, here the
// marker in base64 behind a version byte ('k' a key, 'p' a prefix).
func encodeToken(m marker) string {
	kind := byte('k')
	if m.prefix {
		kind = 'p'
	}
	return base64.StdEncoding.EncodeToString(append([]byte{kind}, m.key...))
}

// decodeToken reads a continuation token; a token the simulator did not
// write is refused ("The continuation token provided is incorrect").
func decodeToken(tok string) (marker, bool) {
	b, err := base64.StdEncoding.DecodeString(tok)
	if err != nil || len(b) == 0 || b[0] != 'k' && b[0] != 'p' {
		return marker{}, false
	}
	return marker{key: string(b[1:]), prefix: b[0] == 'p'}, true
}

// parseListing reads the parameters both listings share.
func parseListing(q url.Values) (listing, error) {
	l := listing{prefix: q.Get("prefix"), delimiter: q.Get("delimiter"), maxKeys: maxListKeys}
	if v, set := q["max-keys"]; set {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 0 {
			return l, invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", v[0])
		}
		l.maxKeys = min(n, maxListKeys)
	}
	switch e := q.Get("encoding-type"); e {
	case "":
	case "url":
		l.urlEncode = true
	default:
		return l, invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", e)
	}
	return l, nil
}

// listKeys are ListBucket's keys: "s3:prefix", "s3:delimiter" and
// "s3:max-keys" when the request sets them.
func listKeys(q url.Values) []authz.Entry {
	var keys []authz.Entry
	for _, k := range []string{"prefix", "delimiter", "max-keys"} {
		if v, set := q[k]; set {
			keys = append(keys, entry("s3:"+k, v[0]))
		}
	}
	return keys
}

// page is one page of a listing.
type page struct {
	objects   []*Object
	prefixes  []string
	truncated bool
	last      marker // the last key or prefix on the page
}

// list walks the bucket's keys in order (UTF-8 binary order, as S3
// lists them) past the marker, grouping keys that share a prefix up to
// the delimiter into common prefixes, which count toward max-keys.
func list(tx *world.Tx, bucket string, l listing) page {
	var p page
	if l.maxKeys == 0 {
		return p // nothing asked for: no page follows either
	}
	for _, o := range objects.List(tx, bucket+"/"+l.prefix) {
		key := o.Key
		if l.after.passed(key) {
			continue
		}
		item := marker{key: key}
		if l.delimiter != "" {
			if i := strings.Index(key[len(l.prefix):], l.delimiter); i >= 0 {
				item = marker{key: key[:len(l.prefix)+i+len(l.delimiter)], prefix: true}
				if n := len(p.prefixes); n > 0 && p.prefixes[n-1] == item.key {
					continue
				}
			}
		}
		if len(p.objects)+len(p.prefixes) == l.maxKeys {
			p.truncated = true
			break
		}
		if item.prefix {
			p.prefixes = append(p.prefixes, item.key)
		} else {
			p.objects = append(p.objects, o)
		}
		p.last = item
	}
	return p
}

// askList finds the bucket and asks for s3:ListBucket with the listing's
// keys.
func askList(c *service.Call, tx *world.Tx, name string) (*Bucket, error) {
	b, err := bucketFor(c, tx, name)
	if err != nil {
		return nil, err
	}
	return b, ask(c, tx, question{action: "s3:ListBucket", bucket: b, name: b.Name, keys: listKeys(c.R.URL.Query())})
}

type listV2Result struct {
	XMLName               xml.Name       `xml:"ListBucketResult"`
	NS                    string         `xml:"xmlns,attr"`
	Name                  string         `xml:"Name"`
	Prefix                string         `xml:"Prefix"`
	Delimiter             string         `xml:"Delimiter,omitempty"`
	MaxKeys               int            `xml:"MaxKeys"`
	EncodingType          string         `xml:"EncodingType,omitempty"`
	KeyCount              int            `xml:"KeyCount"`
	IsTruncated           bool           `xml:"IsTruncated"`
	ContinuationToken     string         `xml:"ContinuationToken,omitempty"`
	NextContinuationToken string         `xml:"NextContinuationToken,omitempty"`
	StartAfter            string         `xml:"StartAfter,omitempty"`
	Contents              []content      `xml:"Contents"`
	CommonPrefixes        []commonPrefix `xml:"CommonPrefixes"`
}

type content struct {
	Key               string
	LastModified      string
	ETag              string
	ChecksumAlgorithm string `xml:",omitempty"`
	ChecksumType      string `xml:",omitempty"`
	Size              int
	Owner             *owner `xml:",omitempty"`
	StorageClass      string
}

type commonPrefix struct {
	Prefix string
}

// listObjectsV2 answers ListObjectsV2.
func listObjectsV2(c *service.Call, t target) error {
	q := c.R.URL.Query()
	l, err := parseListing(q)
	if err != nil {
		return err
	}
	res := listV2Result{NS: NS, Name: t.bucket, MaxKeys: l.maxKeys, Delimiter: l.delimiter, Prefix: l.prefix}
	if tok, set := q["continuation-token"]; set {
		m, ok := decodeToken(tok[0])
		if !ok {
			return invalidArgument("The continuation token provided is incorrect", "continuation-token", tok[0])
		}
		l.after, res.ContinuationToken = m, tok[0]
	} else if sa := q.Get("start-after"); sa != "" {
		l.after, res.StartAfter = marker{key: sa}, sa
	}
	fetchOwner := q.Get("fetch-owner") == "true"
	var p page
	var b *Bucket
	err = c.World.View(func(tx *world.Tx) error {
		var err error
		if b, err = askList(c, tx, t.bucket); err != nil {
			return err
		}
		p = list(tx, b.Name, l)
		return nil
	})
	if err != nil {
		return err
	}
	res.Contents = contents(p, b, l.urlEncode, fetchOwner)
	res.CommonPrefixes = prefixes(p, l.urlEncode)
	res.KeyCount = len(p.objects) + len(p.prefixes)
	res.IsTruncated = p.truncated
	if p.truncated {
		res.NextContinuationToken = encodeToken(p.last)
	}
	if l.urlEncode {
		res.EncodingType = "url"
		res.Prefix, res.Delimiter, res.StartAfter = urlEncode(res.Prefix), urlEncode(res.Delimiter), urlEncode(res.StartAfter)
	}
	return writeXML(c, res)
}

func contents(p page, b *Bucket, encode, withOwner bool) []content {
	out := make([]content, len(p.objects))
	for i, o := range p.objects {
		k := o.Key
		if encode {
			k = urlEncode(k)
		}
		out[i] = content{Key: k, LastModified: o.Modified.UTC().Format(timeFormat), ETag: `"` + o.ETag + `"`,
			Size: len(o.Data), StorageClass: o.StorageClass}
		if o.Checksum != nil {
			out[i].ChecksumAlgorithm, out[i].ChecksumType = o.Checksum.Algorithm, "FULL_OBJECT"
		}
		if withOwner {
			out[i].Owner = &owner{ID: canonicalID(b.Account)}
		}
	}
	return out
}

func prefixes(p page, encode bool) []commonPrefix {
	out := make([]commonPrefix, len(p.prefixes))
	for i, cp := range p.prefixes {
		if encode {
			cp = urlEncode(cp)
		}
		out[i] = commonPrefix{Prefix: cp}
	}
	return out
}

// urlEncode is the encoding of encoding-type=url: keys "can contain any
// Unicode character; however, the XML 1.0 parser can't parse certain
// characters", which the URL encoding carries.
func urlEncode(s string) string { return url.QueryEscape(s) }

type listV1Result struct {
	XMLName        xml.Name       `xml:"ListBucketResult"`
	NS             string         `xml:"xmlns,attr"`
	Name           string         `xml:"Name"`
	Prefix         string         `xml:"Prefix"`
	Marker         string         `xml:"Marker"`
	NextMarker     string         `xml:"NextMarker,omitempty"`
	MaxKeys        int            `xml:"MaxKeys"`
	Delimiter      string         `xml:"Delimiter,omitempty"`
	EncodingType   string         `xml:"EncodingType,omitempty"`
	IsTruncated    bool           `xml:"IsTruncated"`
	Contents       []content      `xml:"Contents"`
	CommonPrefixes []commonPrefix `xml:"CommonPrefixes"`
}

// listObjects answers ListObjects (version 1): a marker instead of a
// token, and NextMarker only with a delimiter ("This element is returned
// only if you have the delimiter request parameter specified").
func listObjects(c *service.Call, t target) error {
	q := c.R.URL.Query()
	l, err := parseListing(q)
	if err != nil {
		return err
	}
	// A marker that ends with the delimiter is a common prefix of an
	// earlier page: the keys under it were listed as that prefix.
	m := q.Get("marker")
	l.after = marker{key: m, prefix: l.delimiter != "" && strings.HasSuffix(m, l.delimiter)}
	var p page
	var b *Bucket
	err = c.World.View(func(tx *world.Tx) error {
		var err error
		if b, err = askList(c, tx, t.bucket); err != nil {
			return err
		}
		p = list(tx, b.Name, l)
		return nil
	})
	if err != nil {
		return err
	}
	res := listV1Result{NS: NS, Name: t.bucket, Prefix: l.prefix, Marker: l.after.key, MaxKeys: l.maxKeys, Delimiter: l.delimiter,
		IsTruncated: p.truncated, Contents: contents(p, b, l.urlEncode, true), CommonPrefixes: prefixes(p, l.urlEncode)}
	if p.truncated && l.delimiter != "" {
		res.NextMarker = p.last.key
	}
	if l.urlEncode {
		res.EncodingType = "url"
		res.Prefix, res.Marker, res.Delimiter, res.NextMarker = urlEncode(res.Prefix), urlEncode(res.Marker), urlEncode(res.Delimiter), urlEncode(res.NextMarker)
	}
	return writeXML(c, res)
}
