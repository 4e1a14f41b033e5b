package s3

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// defaultRegion is the Region of a bucket created without a location
// constraint: "If you don't specify a Region, the bucket is created in
// the US East (N. Virginia) Region (us-east-1)".
const defaultRegion = "us-east-1"

// timeFormat is the form of times in S3's XML documents.
const timeFormat = "2006-01-02T15:04:05.000Z"

// writeXML answers 200 with an XML document.
func writeXML(c *service.Call, v any) error {
	b, err := xml.Marshal(v)
	if err != nil {
		return err
	}
	h := c.W.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Length", strconv.Itoa(len(xml.Header)+len(b)))
	setIDs(c)
	c.W.WriteHeader(http.StatusOK)
	c.MarkAnswered()
	_, _ = c.W.Write([]byte(xml.Header))
	_, _ = c.W.Write(b)
	return nil
}

// canonicalID is an account's canonical user ID, as ListBuckets and
// object listings show owners: 64 hexadecimal digits.
func canonicalID(account string) string {
	sum := sha256.Sum256([]byte("iamlab canonical user " + account))
	return hex.EncodeToString(sum[:])
}

type owner struct {
	ID string
}

// createBucket answers CreateBucket: the name rules, the location
// constraint against the Region the request was sent to, the caller's
// permission, then a name that is taken.
func createBucket(c *service.Call, t target) error {
	name := t.bucket
	if !validBucketName(name) {
		return errorf(http.StatusBadRequest, "InvalidBucketName", "The specified bucket is not valid.", Field{"BucketName", name})
	}
	region, keys, err := location(c)
	if err != nil {
		return err
	}
	keys, err = ownershipKeys(c, keys)
	if err != nil {
		return err
	}
	var existed bool
	err = c.World.Update(func(tx *world.Tx) error {
		if err := ask(c, tx, question{action: "s3:CreateBucket", name: name, keys: keys}); err != nil {
			return err
		}
		if b, ok := buckets.Get(tx, name); ok {
			existed = true
			return bucketTaken(c, b)
		}
		if n := countBuckets(tx, c.Account()); n >= MaxBucketsPerAccount {
			return errorf(http.StatusBadRequest, "TooManyBuckets", "You have attempted to create more buckets than allowed")
		}
		return buckets.Put(tx, name, &Bucket{Name: name, Account: c.Account(), Region: region,
			Created: c.Env.Now.UTC().Truncate(time.Millisecond), Block: blockAll()})
	})
	if err != nil {
		return err
	}
	if !existed {
		c.W.Header().Set("Location", "/"+name)
	}
	ok(c)
	return nil
}

// bucketTaken answers CreateBucket for a name that exists. "For legacy
// compatibility, if you re-create an existing bucket that you already own
// in the North Virginia Region, Amazon S3 returns 200 OK" (S3 API
// Reference, CreateBucket); elsewhere BucketAlreadyOwnedByYou.
func bucketTaken(c *service.Call, b *Bucket) error {
	if b.Account != c.Account() {
		return errorf(http.StatusConflict, "BucketAlreadyExists",
			"The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
			Field{"BucketName", b.Name})
	}
	if b.Region == defaultRegion && c.Env.Region == defaultRegion {
		return nil
	}
	return errorf(http.StatusConflict, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.",
		Field{"BucketName", b.Name})
}

func countBuckets(tx *world.Tx, account string) int {
	n := 0
	for _, b := range buckets.List(tx, "") {
		if b.Account == account {
			n++
		}
	}
	return n
}

// location reads CreateBucketConfiguration and returns the bucket's
// Region with the s3:locationconstraint key. The constraint must be the
// Region the request was sent to; us-east-1 takes none.
func location(c *service.Call) (string, []authz.Entry, error) {
	region := c.Env.Region
	var loc string
	if len(strings.TrimSpace(string(c.Body))) > 0 {
		f, err := decodeConfig(c.Body, "CreateBucketConfiguration", []string{"LocationConstraint"}, []string{"Location", "Bucket", "Tags"})
		if err != nil {
			return "", nil, err
		}
		loc = strings.TrimSpace(f["LocationConstraint"])
	}
	switch {
	case loc == "" && region != defaultRegion:
		return "", nil, errorf(http.StatusBadRequest, "IllegalLocationConstraintException",
			"The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.")
	case loc == defaultRegion:
		return "", nil, errorf(http.StatusBadRequest, "InvalidLocationConstraint", "The specified location-constraint is not valid",
			Field{"LocationConstraint", loc})
	case loc != "" && loc != region:
		return "", nil, errorf(http.StatusBadRequest, "IllegalLocationConstraintException",
			"The "+loc+" location constraint is incompatible for the region specific endpoint this request was sent to.")
	}
	var keys []authz.Entry
	if loc != "" {
		keys = append(keys, entry("s3:locationconstraint", loc))
	}
	return region, keys, nil
}

// ownershipKeys adds the ACL and Object Ownership headers of
// CreateBucket as keys. Buckets here are "bucket owner enforced", S3's
// default: ACLs are disabled, and a bucket "cannot have ACLs set with
// ObjectOwnership's BucketOwnerEnforced setting".
func ownershipKeys(c *service.Call, keys []authz.Entry) ([]authz.Entry, error) {
	h := c.R.Header
	if o := h.Get("X-Amz-Object-Ownership"); o != "" {
		if o != "BucketOwnerEnforced" {
			return nil, notImplemented("x-amz-object-ownership: " + o + " (the simulated S3 has no ACLs)")
		}
		keys = append(keys, entry("s3:x-amz-object-ownership", o))
	}
	for _, name := range aclHeaders {
		if v := h.Get(name); v != "" {
			return nil, errorf(http.StatusBadRequest, "InvalidBucketAclWithObjectOwnership",
				"Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
		}
	}
	return keys, nil
}

// aclHeaders are the headers that set ACLs.
var aclHeaders = []string{"X-Amz-Acl", "X-Amz-Grant-Full-Control", "X-Amz-Grant-Read", "X-Amz-Grant-Read-Acp",
	"X-Amz-Grant-Write", "X-Amz-Grant-Write-Acp"}

// headBucket answers HeadBucket: s3:ListBucket, and the bucket's Region.
func headBucket(c *service.Call, t target) error {
	var b *Bucket
	err := c.World.View(func(tx *world.Tx) error {
		if b, ok := buckets.Get(tx, t.bucket); ok {
			c.W.Header().Set("X-Amz-Bucket-Region", b.Region)
		}
		var err error
		if b, err = bucketFor(c, tx, t.bucket); err != nil {
			return err
		}
		return ask(c, tx, question{action: "s3:ListBucket", bucket: b, name: b.Name})
	})
	if err != nil {
		return err
	}
	c.W.Header().Set("X-Amz-Access-Point-Alias", "false")
	ok(c)
	return nil
}

// deleteBucket answers DeleteBucket: "All objects ... in the bucket must
// be deleted before the bucket itself can be deleted."
func deleteBucket(c *service.Call, t target) error {
	err := c.World.Update(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := ask(c, tx, question{action: "s3:DeleteBucket", bucket: b, name: b.Name}); err != nil {
			return err
		}
		if hasObjects(tx, b.Name) {
			return errorf(http.StatusConflict, "BucketNotEmpty", "The bucket you tried to delete is not empty", Field{"BucketName", b.Name})
		}
		return buckets.Delete(tx, b.Name)
	})
	if err != nil {
		return err
	}
	noContent(c)
	return nil
}

func hasObjects(tx *world.Tx, bucket string) bool {
	return len(objects.List(tx, bucket+"/")) > 0
}

type locationResult struct {
	XMLName xml.Name `xml:"LocationConstraint"`
	NS      string   `xml:"xmlns,attr"`
	Region  string   `xml:",chardata"`
}

// getBucketLocation answers GetBucketLocation: the Region, empty for
// us-east-1 ("Buckets in Region us-east-1 have a LocationConstraint of
// null"). Any Region may ask: it is how clients find a bucket's.
func getBucketLocation(c *service.Call, t target) error {
	var region string
	err := c.World.View(func(tx *world.Tx) error {
		b, err := loadBucket(tx, t.bucket)
		if err != nil {
			return err
		}
		region = b.Region
		return ask(c, tx, question{action: "s3:GetBucketLocation", bucket: b, name: b.Name})
	})
	if err != nil {
		return err
	}
	if region == defaultRegion {
		region = ""
	}
	return writeXML(c, locationResult{NS: NS, Region: region})
}

type listBucketsResult struct {
	XMLName           xml.Name      `xml:"ListAllMyBucketsResult"`
	NS                string        `xml:"xmlns,attr"`
	Owner             owner         `xml:"Owner"`
	Buckets           []bucketEntry `xml:"Buckets>Bucket"`
	ContinuationToken string        `xml:"ContinuationToken,omitempty"`
	Prefix            string        `xml:"Prefix,omitempty"`
}

type bucketEntry struct {
	Name         string
	CreationDate string
	BucketRegion string
}

// Bounds of ListBuckets' max-buckets: "Valid Range: Minimum value of 1.
// Maximum value of 10000."
const maxListBuckets = 10000

// listBuckets answers ListBuckets: s3:ListAllMyBuckets, then the caller's
// account's buckets in name order, filtered by prefix and bucket-region,
// max-buckets at a time.
func listBuckets(c *service.Call, _ target) error {
	q := c.R.URL.Query()
	max := maxListBuckets
	if v := q.Get("max-buckets"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxListBuckets {
			return invalidArgument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets", v)
		}
		max = n
	}
	after := ""
	if tok := q.Get("continuation-token"); tok != "" {
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			return invalidArgument("The continuation token provided is incorrect", "continuation-token", tok)
		}
		after = string(b)
	}
	prefix, region := q.Get("prefix"), q.Get("bucket-region")
	res := listBucketsResult{NS: NS, Owner: owner{ID: canonicalID(c.Account())}, Prefix: prefix}
	err := c.World.View(func(tx *world.Tx) error {
		if err := ask(c, tx, question{action: "s3:ListAllMyBuckets"}); err != nil {
			return err
		}
		for _, b := range buckets.List(tx, prefix) {
			if b.Account != c.Account() || b.Name <= after || region != "" && b.Region != region {
				continue
			}
			if len(res.Buckets) == max {
				res.ContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(res.Buckets[max-1].Name))
				break
			}
			res.Buckets = append(res.Buckets, bucketEntry{Name: b.Name, CreationDate: b.Created.UTC().Format(timeFormat), BucketRegion: b.Region})
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeXML(c, res)
}
