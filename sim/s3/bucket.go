package s3

import (
	"net/http"
	"time"

	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// MaxBucketsPerAccount is S3's default quota: "By default, you can create
// up to 10,000 general purpose buckets per AWS account" (S3 User Guide,
// bucket quotas). Past it CreateBucket answers TooManyBuckets.
const MaxBucketsPerAccount = 10000

// Bucket is a general purpose bucket.
type Bucket struct {
	Name    string    `json:"name"`
	Account string    `json:"account"`
	Region  string    `json:"region"`
	Created time.Time `json:"created"`
	// Policy is the bucket policy, nil when it has none.
	Policy *world.Doc `json:"policy,omitempty"`
	// Block is the bucket's Block Public Access configuration, nil when
	// it has none. New buckets get all four settings: "Starting in April
	// 2023, all Block Public Access settings are enabled by default for
	// new buckets" (S3 User Guide).
	Block *PublicAccessBlock `json:"publicAccessBlock,omitempty"`
}

// PublicAccessBlock is a Block Public Access configuration.
type PublicAccessBlock struct {
	BlockPublicAcls       bool `json:"blockPublicAcls"`
	IgnorePublicAcls      bool `json:"ignorePublicAcls"`
	BlockPublicPolicy     bool `json:"blockPublicPolicy"`
	RestrictPublicBuckets bool `json:"restrictPublicBuckets"`
}

// blockAll is the configuration of a new bucket.
func blockAll() *PublicAccessBlock {
	return &PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
}

// The world's S3 records: buckets by name (bucket names are global), and
// objects by BUCKET/KEY (a bucket name has no slash, so that a bucket's
// objects are the keys that start with its name and a slash).
var (
	buckets = world.NewKind[Bucket]("s3/bucket")
	objects = world.NewKind[Object]("s3/object")
)

// clone returns a copy of the bucket that can be changed.
func (b *Bucket) clone() *Bucket {
	c := *b
	if b.Block != nil {
		blk := *b.Block
		c.Block = &blk
	}
	return &c
}

// loadBucket returns the bucket named, or NoSuchBucket.
func loadBucket(tx *world.Tx, name string) (*Bucket, error) {
	b, ok := buckets.Get(tx, name)
	if !ok {
		return nil, noSuchBucket(name)
	}
	return b, nil
}

// checkRegion refuses a request signed for another Region than the
// bucket's, as S3 does ("the region 'us-east-1' is wrong; expecting
// 'eu-west-1'"), telling the bucket's Region in x-amz-bucket-region.
func checkRegion(c *service.Call, b *Bucket) error {
	a := c.Auth
	if a == nil || a.Region == b.Region {
		return nil
	}
	c.W.Header().Set("X-Amz-Bucket-Region", b.Region)
	msg := "The authorization header is malformed; the region '" + a.Region + "' is wrong; expecting '" + b.Region + "'"
	code := "AuthorizationHeaderMalformed"
	if a.Presigned {
		code = "AuthorizationQueryParametersError"
		msg = "Error parsing the X-Amz-Credential parameter; the region '" + a.Region + "' is wrong; expecting '" + b.Region + "'"
	}
	return errorf(http.StatusBadRequest, code, msg, Field{"Region", b.Region})
}

// bucketFor loads the bucket of a call and checks the call's Region and
// its expected bucket owner: "If the account ID that you provide does
// not match the actual owner of the bucket, the request fails with the
// HTTP status code 403 Forbidden (access denied)."
func bucketFor(c *service.Call, tx *world.Tx, name string) (*Bucket, error) {
	b, err := loadBucket(tx, name)
	if err != nil {
		return nil, err
	}
	if err := checkRegion(c, b); err != nil {
		return nil, err
	}
	if o := c.R.Header.Get("X-Amz-Expected-Bucket-Owner"); o != "" && o != b.Account {
		return nil, accessDenied()
	}
	return b, nil
}

// noContent answers 204, as the Delete operations do.
func noContent(c *service.Call) {
	setIDs(c)
	c.W.WriteHeader(http.StatusNoContent)
	c.MarkAnswered()
}

// ok answers 200 with no body.
func ok(c *service.Call) {
	setIDs(c)
	c.W.WriteHeader(http.StatusOK)
	c.MarkAnswered()
}
