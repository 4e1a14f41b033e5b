// Package s3 is the simulated Amazon S3: buckets (with bucket policies
// and Block Public Access) and objects, answered path-style
// (http://HOST:PORT/BUCKET/KEY) in S3's REST-XML protocol. Every call is
// decided by the lab's engine with the bucket policy as the resource
// policy and the condition keys S3 sets; unsigned calls are anonymous
// ones, decided with the bucket policy alone.
//
// Buckets and objects live in the world (kinds "s3/bucket" and
// "s3/object"), so that --state keeps them; an object holds at most
// MaxObjectSize bytes, which keeps the world bounded.
package s3

import (
	"net/http"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sigv4"
)

// Limits of the simulated S3.
const (
	// MaxObjectSize bounds an object: S3's own limit (5 TiB, 5 GiB in one
	// PUT) would let one call fill the memory of the page or the machine.
	// The simulated S3 answers EntityTooLarge past it.
	MaxObjectSize = 5 << 20
	// maxBody bounds a request body: an object, with room for the chunk
	// headers of an aws-chunked upload (about 90 bytes per chunk of the
	// SDKs' 8 to 64 KiB).
	maxBody = MaxObjectSize + MaxObjectSize/8 + 64<<10
)

// Service is the simulated S3.
type Service struct{}

// New returns the simulated S3.
func New() *Service { return &Service{} }

// Name implements service.Service.
func (*Service) Name() string { return "s3" }

// Style implements service.Service.
func (*Service) Style() sigv4.Style { return sigv4.S3Style }

// MaxBody implements service.Service.
func (*Service) MaxBody() int64 { return maxBody }

// Operation implements service.Service.
func (*Service) Operation(r *http.Request, _ []byte) (string, *protocol.Error) { return operation(r) }

// Unsigned implements service.Service: every S3 operation may be called
// anonymously; the bucket policy decides ("anonymous requests ... are
// allowed only if a bucket policy grants access to everyone").
func (*Service) Unsigned(string) bool { return true }

// Claims implements service.Service: an unsigned request that is neither
// a JSON nor a Query call is S3's (the handler asks those first).
func (*Service) Claims(*http.Request, []byte) bool { return true }

// ops run the operations; each answers or returns the error to answer.
var ops = map[string]func(c *service.Call, t target) error{
	opListBuckets:             listBuckets,
	opCreateBucket:            createBucket,
	opHeadBucket:              headBucket,
	opDeleteBucket:            deleteBucket,
	opGetBucketLocation:       getBucketLocation,
	opPutBucketPolicy:         putBucketPolicy,
	opGetBucketPolicy:         getBucketPolicy,
	opDeleteBucketPolicy:      deleteBucketPolicy,
	opGetBucketPolicyStatus:   getBucketPolicyStatus,
	opPutPublicAccessBlock:    putPublicAccessBlock,
	opGetPublicAccessBlock:    getPublicAccessBlock,
	opDeletePublicAccessBlock: deletePublicAccessBlock,
	opListObjects:             listObjects,
	opListObjectsV2:           listObjectsV2,
	opPutObject:               putObject,
	opCopyObject:              copyObject,
	opGetObject:               getObject,
	opHeadObject:              headObject,
	opDeleteObject:            deleteObject,
}

// Serve implements service.Service.
func (*Service) Serve(c *service.Call) {
	t, perr := parseTarget(c.R)
	if perr != nil {
		fail(c, perr)
		return
	}
	if c.Env.Principal == nil {
		c.Event.UserIdentity = anonymousIdentity()
	}
	c.Event.RequestParameters = requestParameters(c, t)
	if err := ops[t.op](c, t); err != nil {
		fail(c, err)
		return
	}
	if !c.Answered() {
		fail(c, protocol.Internal(errNoAnswer))
	}
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoAnswer = constError("the S3 operation wrote no answer")

// WriteError implements service.Service, for the errors the handler
// answers (signatures, routing): in S3's words, with the elements the
// operation's own answer would have.
func (*Service) WriteError(c *service.Call, e *protocol.Error) {
	if c.Op == "" {
		if _, se := parseTarget(c.R); se != nil && se.Code == e.Code {
			writeError(c, se)
			return
		}
	}
	se := foreign(e)
	c.Event.ErrorCode, c.Event.ErrorMessage = se.Code, se.Message
	writeError(c, se)
}
