package s3

import (
	"strings"

	"github.com/iamlab/iamlab/sim/service"
)

// requestParameters are what CloudTrail records of an S3 call: the
// bucket, the key, the Host, and the query's parameters, without the
// signature's (a presigned URL's X-Amz-* parameters hold its token).
func requestParameters(c *service.Call, t target) map[string]any {
	p := map[string]any{"Host": c.R.Host}
	if t.bucket != "" {
		p["bucketName"] = t.bucket
	}
	if t.key != "" {
		p["key"] = t.key
	}
	for k, vs := range c.R.URL.Query() {
		if strings.HasPrefix(strings.ToLower(k), "x-amz-") || k == "x-id" || len(vs) == 0 {
			continue
		}
		p[k] = vs[0]
	}
	return p
}
