package s3

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/sim/protocol"
)

// The operations the simulated S3 answers, by the names of the S3 API.
const (
	opListBuckets             = "ListBuckets"
	opCreateBucket            = "CreateBucket"
	opHeadBucket              = "HeadBucket"
	opDeleteBucket            = "DeleteBucket"
	opGetBucketLocation       = "GetBucketLocation"
	opPutBucketPolicy         = "PutBucketPolicy"
	opGetBucketPolicy         = "GetBucketPolicy"
	opDeleteBucketPolicy      = "DeleteBucketPolicy"
	opGetBucketPolicyStatus   = "GetBucketPolicyStatus"
	opPutPublicAccessBlock    = "PutPublicAccessBlock"
	opGetPublicAccessBlock    = "GetPublicAccessBlock"
	opDeletePublicAccessBlock = "DeletePublicAccessBlock"
	opListObjects             = "ListObjects"
	opListObjectsV2           = "ListObjectsV2"
	opPutObject               = "PutObject"
	opCopyObject              = "CopyObject"
	opGetObject               = "GetObject"
	opHeadObject              = "HeadObject"
	opDeleteObject            = "DeleteObject"
)

// target is what a path-style request addresses: /BUCKET/KEY.
type target struct {
	op     string
	bucket string
	key    string
}

// bucketOps are the bucket operations by method and subresource.
var bucketOps = map[[2]string]string{
	{http.MethodPut, ""}:                     opCreateBucket,
	{http.MethodHead, ""}:                    opHeadBucket,
	{http.MethodDelete, ""}:                  opDeleteBucket,
	{http.MethodGet, ""}:                     opListObjects,
	{http.MethodGet, "list-type"}:            opListObjectsV2,
	{http.MethodGet, "location"}:             opGetBucketLocation,
	{http.MethodPut, "policy"}:               opPutBucketPolicy,
	{http.MethodGet, "policy"}:               opGetBucketPolicy,
	{http.MethodDelete, "policy"}:            opDeleteBucketPolicy,
	{http.MethodGet, "policyStatus"}:         opGetBucketPolicyStatus,
	{http.MethodPut, "publicAccessBlock"}:    opPutPublicAccessBlock,
	{http.MethodGet, "publicAccessBlock"}:    opGetPublicAccessBlock,
	{http.MethodDelete, "publicAccessBlock"}: opDeletePublicAccessBlock,
}

// objectOps are the object operations by method (no subresource).
var objectOps = map[string]string{
	http.MethodPut:    opPutObject,
	http.MethodGet:    opGetObject,
	http.MethodHead:   opHeadObject,
	http.MethodDelete: opDeleteObject,
}

// subresources are the query parameters that name an S3 subresource
// ("Authenticating Requests", the subresources a request can name, and
// those added since). Other parameters are plain (prefix, max-keys,
// response-content-type...) or ignored, as S3 ignores unknown ones.
var subresources = map[string]bool{
	"accelerate": true, "acl": true, "analytics": true, "attributes": true, "cors": true, "delete": true,
	"encryption": true, "intelligent-tiering": true, "inventory": true, "legal-hold": true, "lifecycle": true,
	"list-type": true, "location": true, "logging": true, "metadataConfiguration": true, "metadataTable": true,
	"metrics": true, "notification": true, "object-lock": true, "ownershipControls": true, "partNumber": true,
	"policy": true, "policyStatus": true, "publicAccessBlock": true, "renameObject": true, "replication": true,
	"requestPayment": true, "restore": true, "retention": true, "select": true, "session": true, "tagging": true,
	"torrent": true, "uploadId": true, "uploads": true, "versioning": true, "versions": true, "website": true,
}

// parseTarget finds the operation, bucket and key of a request:
// path-style (/BUCKET/KEY), or virtual-hosted-style at S3's own host
// names (BUCKET.s3.REGION.amazonaws.com/KEY), which SDKs send when their
// requests keep AWS's host names (the in-process transport).
func parseTarget(r *http.Request) (target, *Error) {
	path := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(path, "/")
	if b, ok := hostBucket(r.Host); ok {
		bucket, key = b, path
	}
	t := target{bucket: bucket, key: key}
	if !utf8.ValidString(key) {
		return t, errorf(http.StatusBadRequest, "InvalidURI", "Couldn't parse the specified URI.")
	}
	sub, err := subresource(r.URL.Query())
	if err != nil {
		return t, err
	}
	switch {
	case bucket == "" && key != "":
		return t, errorf(http.StatusBadRequest, "InvalidBucketName", "The specified bucket is not valid.", Field{"BucketName", ""})
	case bucket == "":
		if r.Method != http.MethodGet {
			return t, methodNotAllowed(r.Method, "SERVICE")
		}
		t.op = opListBuckets
	case key == "":
		op, ok := bucketOps[[2]string{r.Method, sub}]
		if !ok {
			return t, unknownOp(r.Method, sub, "BUCKET")
		}
		t.op = op
	default:
		op, ok := objectOps[r.Method]
		if !ok || sub != "" {
			return t, unknownOp(r.Method, sub, "OBJECT")
		}
		if op == opPutObject && r.Header.Get("X-Amz-Copy-Source") != "" {
			op = opCopyObject
		}
		t.op = op
	}
	return t, nil
}

// subresource is the one subresource a request names, "" for none.
func subresource(q url.Values) (string, *Error) {
	sub := ""
	for k := range q {
		if !subresources[k] {
			continue
		}
		if sub != "" {
			return "", invalidRequest("A request can name only one subresource: " + sub + " and " + k)
		}
		sub = k
	}
	if sub == "list-type" && q.Get("list-type") != "2" {
		return "", invalidArgument("Invalid List Type specified in Request", "list-type", q.Get("list-type"))
	}
	return sub, nil
}

// unknownOp is S3's answer to a method or subresource the simulated S3
// does not answer: NotImplemented for a subresource of S3 it lacks,
// MethodNotAllowed for a method no S3 operation has.
func unknownOp(method, sub, resourceType string) *Error {
	switch method {
	case http.MethodGet, http.MethodPut, http.MethodHead, http.MethodDelete, http.MethodPost:
		if sub == "" {
			sub = method
		}
		return notImplemented(sub)
	}
	return methodNotAllowed(method, resourceType)
}

// operation names the call's operation for the handler.
func operation(r *http.Request) (string, *protocol.Error) {
	t, err := parseTarget(r)
	if err != nil {
		return "", err.protocol()
	}
	return t.op, nil
}

// hostBucket reads the bucket of a virtual-hosted-style host name:
// BUCKET.s3.amazonaws.com, BUCKET.s3.REGION.amazonaws.com (and the
// legacy BUCKET.s3-REGION.amazonaws.com, the dualstack and China
// forms), or BUCKET.localhost.
func hostBucket(host string) (string, bool) {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	if b, ok := strings.CutSuffix(host, ".localhost"); ok {
		return b, b != ""
	}
	if !strings.HasSuffix(host, ".amazonaws.com") && !strings.HasSuffix(host, ".amazonaws.com.cn") {
		return "", false
	}
	i := max(strings.LastIndex(host, ".s3."), strings.LastIndex(host, ".s3-"))
	if i <= 0 {
		return "", false
	}
	return host[:i], true
}
