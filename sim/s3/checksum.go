package s3

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"

	"github.com/iamlab/iamlab/sim/service"
)

// Checksum is an object's checksum as the client gave it: the algorithm
// (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) and the digest in base64.
type Checksum struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"value"`
}

// crc64NVME is the CRC-64/NVME polynomial (reflected), the CRC64NVME of
// S3's "Checking object integrity".
const crc64NVME = 0x9a6c9329ac4bc9b5

var nvmeTable = crc64.MakeTable(crc64NVME)

// checksumAlgorithms are the checksums S3 takes in x-amz-checksum-*.
var checksumAlgorithms = []struct {
	name string
	new  func() hash.Hash
}{
	{"CRC32", func() hash.Hash { return crc32.NewIEEE() }},
	{"CRC32C", func() hash.Hash { return crc32.New(crc32.MakeTable(crc32.Castagnoli)) }},
	{"CRC64NVME", func() hash.Hash { return crc64.New(nvmeTable) }},
	{"SHA1", sha1.New},
	{"SHA256", sha256.New},
}

// checksumHeader is the header (or trailer) that carries an algorithm's
// checksum.
func checksumHeader(alg string) string { return "X-Amz-Checksum-" + strings.ToLower(alg) }

// digest is the body's checksum with an algorithm, in base64.
func digest(alg string, body []byte) string {
	for _, a := range checksumAlgorithms {
		if a.name == alg {
			h := a.new()
			h.Write(body)
			return base64.StdEncoding.EncodeToString(h.Sum(nil))
		}
	}
	return ""
}

// integrity checks what the client says of the body: Content-MD5, and
// the one x-amz-checksum-* header or trailer, which it returns. It also
// returns the ETag, the body's MD5 in hexadecimal.
func integrity(c *service.Call) (*Checksum, string, error) {
	sum := md5.Sum(c.Body)
	if v := c.R.Header.Get("Content-Md5"); v != "" {
		got, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(got) != md5.Size {
			return nil, "", errorf(http.StatusBadRequest, "InvalidDigest", "The Content-MD5 you specified is not valid.")
		}
		if string(got) != string(sum[:]) {
			return nil, "", errorf(http.StatusBadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.")
		}
	}
	ck, err := givenChecksum(c)
	if err != nil || ck == nil {
		return nil, hex.EncodeToString(sum[:]), err
	}
	if digest(ck.Algorithm, c.Body) != ck.Value {
		return nil, "", errorf(http.StatusBadRequest, "BadDigest", "The "+ck.Algorithm+" you specified did not match the calculated checksum.")
	}
	return ck, hex.EncodeToString(sum[:]), nil
}

// givenChecksum is the x-amz-checksum-* the request carries in a header
// or an aws-chunked trailer: "Expecting a single x-amz-checksum- header".
func givenChecksum(c *service.Call) (*Checksum, error) {
	var ck *Checksum
	for _, a := range checksumAlgorithms {
		name := checksumHeader(a.name)
		v := c.R.Header.Get(name)
		if v == "" && c.Trailers != nil {
			v = c.Trailers.Get(name)
		}
		if v == "" {
			continue
		}
		if ck != nil {
			return nil, invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
		}
		if raw, err := base64.StdEncoding.DecodeString(v); err != nil || len(raw) != a.new().Size() {
			return nil, invalidRequest("Value for " + strings.ToLower(name) + " header is invalid.")
		}
		ck = &Checksum{Algorithm: a.name, Value: v}
	}
	return ck, nil
}

// requireChecksum refuses a request of an operation whose body S3
// requires a checksum for ("httpChecksumRequired": PutBucketPolicy,
// PutPublicAccessBlock) when it has none, and checks the one it has.
func requireChecksum(c *service.Call) error {
	if c.R.Header.Get("Content-Md5") == "" {
		ck, err := givenChecksum(c)
		if err != nil {
			return err
		}
		if ck == nil {
			return invalidRequest("Missing required header for this request: Content-MD5")
		}
	}
	_, _, err := integrity(c)
	return err
}
