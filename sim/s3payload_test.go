package sim_test

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	s3sim "github.com/iamlab/iamlab/sim/s3"
)

// payloadSpy records the payload hash and encoding of the requests a
// client sends.
type payloadSpy struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen []string
}

func (s *payloadSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.seen = append(s.seen, r.Header.Get("X-Amz-Content-Sha256")+" "+r.Header.Get("Content-Encoding")+" "+r.Header.Get("X-Amz-Trailer"))
	s.mu.Unlock()
	return s.next.RoundTrip(r)
}

// The S3 client's uploads as current SDKs send them: over https an
// aws-chunked body with unsigned chunks and a CRC32 trailer, over http
// the signed body's hash with CRC32 in a header. The object reads back
// whole, with its checksum, which the client validates; a chosen
// algorithm (SHA256, CRC32C, CRC64NVME) is checked and kept too.
func TestS3Uploads(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789abcdef"), 20000) // 320,000 bytes: several chunks
	for _, tc := range []struct {
		tls  bool
		alg  s3types.ChecksumAlgorithm
		sent string
	}{
		{true, "", "STREAMING-UNSIGNED-PAYLOAD-TRAILER aws-chunked x-amz-checksum-crc32"},
		{false, "", "  "}, // the body's hash, replaced below
		{true, s3types.ChecksumAlgorithmSha256, "STREAMING-UNSIGNED-PAYLOAD-TRAILER aws-chunked x-amz-checksum-sha256"},
		{false, s3types.ChecksumAlgorithmCrc32c, ""},
		{false, s3types.ChecksumAlgorithmCrc64nvme, ""},
		{true, s3types.ChecksumAlgorithmCrc64nvme, "STREAMING-UNSIGNED-PAYLOAD-TRAILER aws-chunked x-amz-checksum-crc64nvme"},
	} {
		name := fmt.Sprintf("tls=%v/%s", tc.tls, tc.alg)
		l := newS3Lab(t, nil, tc.tls)
		spy := &payloadSpy{next: l.srv.Client().Transport}
		c := l.s3(s3Admin, "")
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("big.bin"), Body: bytes.NewReader(body),
			ChecksumAlgorithm: tc.alg}, func(o *s3.Options) { o.HTTPClient = &http.Client{Transport: spy} })
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tc.sent != "" && !tc.tls {
			tc.sent = "" // over http the hash varies; it must not be streaming
			if strings.HasPrefix(spy.seen[0], "STREAMING") {
				t.Errorf("%s: sent %q", name, spy.seen[0])
			}
		} else if tc.sent != "" && spy.seen[0] != tc.sent {
			t.Errorf("%s: sent %q, want %q", name, spy.seen[0], tc.sent)
		}
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("big.bin"), ChecksumMode: s3types.ChecksumModeEnabled})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(out.Body) // the SDK checks the checksum at the end
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: read %d bytes, %v", name, len(got), err)
		}
		if aws.ToString(out.ChecksumCRC32) == "" && aws.ToString(out.ChecksumSHA256) == "" && aws.ToString(out.ChecksumCRC32C) == "" &&
			aws.ToString(out.ChecksumCRC64NVME) == "" {
			t.Errorf("%s: no checksum answered", name)
		}
	}
}

// chunkedSigned is a PUT of data in signed aws-chunked chunks
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), each signed in the chain the S3
// API Reference describes, with the SDK's own stream signer.
func (l *lab) chunkedSigned(t *testing.T, path string, chunks [][]byte, key [2]string, tamper bool) *http.Request {
	t.Helper()
	var data []byte
	for _, c := range chunks {
		data = append(data, c...)
	}
	size := 0
	for _, c := range append(chunks, nil) {
		size += len(strconv.FormatInt(int64(len(c)), 16)) + len(";chunk-signature=") + 64 + 2 + len(c) + 2
	}
	req, _ := http.NewRequest(http.MethodPut, l.srv.URL+path, nil)
	req.ContentLength = int64(size)
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(data)))
	req.Header.Set("X-Amz-Content-Sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
	creds := aws.Credentials{AccessKeyID: key[0], SecretAccessKey: key[1]}
	now := l.clock.now()
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "s3", "us-east-1", now,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }); err != nil {
		t.Fatal(err)
	}
	_, seedHex, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	seed, _ := hex.DecodeString(seedHex)
	ss := v4.NewStreamSigner(creds, "s3", "us-east-1", seed)
	var b bytes.Buffer
	for _, c := range append(chunks, nil) {
		sig, err := ss.GetSignature(ctx, nil, c, now)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%x;chunk-signature=%x\r\n%s\r\n", len(c), sig, c)
	}
	body := b.Bytes()
	if tamper {
		body[bytes.Index(body, []byte("\r\n"))+2] ^= 1 // the first byte of data
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	return req
}

// Signed chunks are verified one by one and the object is their data; a
// changed byte breaks the chain (SignatureDoesNotMatch).
func TestS3SignedChunks(t *testing.T) {
	l := newS3Lab(t, nil, false)
	chunks := [][]byte{bytes.Repeat([]byte("a"), 65536), bytes.Repeat([]byte("b"), 1024)}
	if err := rawDo(t, l.srv.Client(), l.chunkedSigned(t, "/owner-bucket/chunked.txt", chunks, s3Admin, false)); err != nil {
		t.Fatal(err)
	}
	got, err := getBody(l.s3(s3Admin, ""), "owner-bucket", "chunked.txt")
	if err != nil || got != string(chunks[0])+string(chunks[1]) {
		t.Errorf("read %d bytes, %v", len(got), err)
	}
	err = rawDo(t, l.srv.Client(), l.chunkedSigned(t, "/owner-bucket/chunked.txt", chunks, s3Admin, true))
	if re, ok := err.(*rawError); !ok || re.status != 403 || !strings.Contains(re.body, "<Code>SignatureDoesNotMatch</Code>") {
		t.Errorf("tampered chunk: %v", err)
	}
}

// Content-MD5 and x-amz-checksum-* headers are checked against the body:
// BadDigest when they differ, InvalidDigest or InvalidRequest when they
// are not digests at all.
func TestS3Digests(t *testing.T) {
	l := newS3Lab(t, nil, false)
	for _, tc := range []struct {
		header, value string
		code, msg     string
	}{
		{"Content-Md5", md5Base64([]byte("another body")), "BadDigest", "The Content-MD5 you specified did not match what we received."},
		{"Content-Md5", "bm90IG1kNQ==", "InvalidDigest", "The Content-MD5 you specified is not valid."},
		{"X-Amz-Checksum-Crc32", "AAAAAA==", "BadDigest", "The CRC32 you specified did not match the calculated checksum."},
		{"X-Amz-Checksum-Crc32", "AAAA", "InvalidRequest", "Value for x-amz-checksum-crc32 header is invalid."},
	} {
		body := []byte("hello world")
		req := l.signed(t, http.MethodPut, "/owner-bucket/k", body, s3Admin, "", map[string]string{tc.header: tc.value})
		err := rawDo(t, l.srv.Client(), req)
		re, ok := err.(*rawError)
		if !ok || re.status != 400 || !strings.Contains(re.body, "<Code>"+tc.code+"</Code><Message>"+tc.msg+"</Message>") {
			t.Errorf("%s: %s: %v", tc.header, tc.value, err)
		}
	}
	// The SDK's own Content-MD5 passes.
	c := l.s3(s3Admin, "")
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("k"), Body: strings.NewReader("hello world"),
		ContentMD5: aws.String("XrY7u+Ae7tCTyyK7j1rNww==")}); err != nil {
		t.Errorf("Content-MD5 of the body: %v", err)
	}
}

// Presigned URLs: GET and PUT work as the signer may; a URL whose signer
// may not is denied with the signer's message; past X-Amz-Expires S3
// answers AccessDenied "Request has expired".
func TestS3PresignedURLs(t *testing.T) {
	l := newS3Lab(t, nil, false)
	ps := s3.NewPresignClient(l.s3(s3Admin, ""))
	put, err := ps.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("up.txt")}, s3.WithPresignExpires(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(put.Method, put.URL, strings.NewReader("uploaded"))
	if err := rawDo(t, l.srv.Client(), req); err != nil {
		t.Fatalf("presigned PUT: %v", err)
	}
	get, err := ps.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("up.txt")}, s3.WithPresignExpires(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := rawURL(t, l.srv.Client(), http.MethodGet, get.URL); resp.StatusCode != 200 || body != "uploaded" {
		t.Errorf("presigned GET: %d %s", resp.StatusCode, body)
	}
	nobody, err := s3.NewPresignClient(l.s3(s3Nobody, "")).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("up.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := rawURL(t, l.srv.Client(), http.MethodGet, nobody.URL); resp.StatusCode != 403 ||
		!strings.Contains(body, "<Message>"+denied("nobody", "s3:GetObject", "arn:aws:s3:::owner-bucket/up.txt", noIdentity("s3:GetObject"))+"</Message>") {
		t.Errorf("presigned by a user without permission: %d %s", resp.StatusCode, body)
	}
	l.clock.advance(11 * time.Minute)
	for _, u := range []string{get.URL, put.URL} {
		method := http.MethodGet
		if u == put.URL {
			method = http.MethodPut
		}
		if resp, body := rawURL(t, l.srv.Client(), method, u); resp.StatusCode != 403 ||
			!strings.Contains(body, "<Code>AccessDenied</Code><Message>Request has expired</Message>") {
			t.Errorf("expired presigned %s: %d %s", method, resp.StatusCode, body)
		}
	}
}

// Signatures refused as S3 refuses them, in S3's words.
func TestS3Signatures(t *testing.T) {
	l := newS3Lab(t, nil, false)
	_, err := getBody(l.s3([2]string{"AKIANOSUCHKEYEXAMPLE", "secret"}, ""), "owner-bucket", "hello.txt")
	wantError(t, err, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
	_, err = getBody(l.s3([2]string{s3Admin[0], "wrong"}, ""), "owner-bucket", "hello.txt")
	wantError(t, err, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
	l.clock.advance(20 * time.Minute)
	_, err = getBody(l.s3(s3Admin, ""), "owner-bucket", "hello.txt")
	wantError(t, err, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
}

// Range requests: the part asked for (206, Content-Range), the whole
// object for a range S3 does not read, InvalidRange (416) past the end.
func TestS3Ranges(t *testing.T) {
	l := newS3Lab(t, nil, false)
	c := l.s3(s3Admin, "")
	for _, tc := range []struct {
		rng, body, contentRange string
	}{
		{"bytes=0-4", "hello", "bytes 0-4/12"},
		{"bytes=7-", "world", "bytes 7-11/12"},
		{"bytes=-5", "world", "bytes 7-11/12"},
		{"bytes=0-100", "hello, world", "bytes 0-11/12"},
		{"bytes=1-2,4-5", "hello, world", ""},
		{"lines=1-2", "hello, world", ""},
	} {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt"), Range: &tc.rng})
		if err != nil {
			t.Errorf("%s: %v", tc.rng, err)
			continue
		}
		b, _ := io.ReadAll(out.Body)
		if string(b) != tc.body || aws.ToString(out.ContentRange) != tc.contentRange {
			t.Errorf("%s: %q %q", tc.rng, b, aws.ToString(out.ContentRange))
		}
	}
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt"), Range: aws.String("bytes=12-")})
	wantError(t, err, "InvalidRange", "The requested range is not satisfiable")
	wantStatus(t, err, http.StatusRequestedRangeNotSatisfiable)
}

// Listings page by max-keys with continuation tokens, group keys into
// common prefixes by the delimiter (each counts as a key), start after a
// key, and answer in UTF-8 binary order; the paginator sees every key
// once.
func TestS3ListPages(t *testing.T) {
	l := newS3Lab(t, nil, false)
	c := l.s3(s3Admin, "")
	b := "list-bucket"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	keys := []string{"a/1", "a/2", "b/1", "b/2/x", "c", "d/e/f", "sp ace", "z", "ü"}
	for _, k := range keys {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String(k), Body: strings.NewReader(k)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		in             s3.ListObjectsV2Input
		keys, prefixes string
	}{
		{s3.ListObjectsV2Input{MaxKeys: aws.Int32(2)}, strings.Join(keys, ","), ""},
		{s3.ListObjectsV2Input{MaxKeys: aws.Int32(2), Delimiter: aws.String("/")}, "c,sp ace,z,ü", "a/,b/,d/"},
		{s3.ListObjectsV2Input{MaxKeys: aws.Int32(1), Delimiter: aws.String("/"), Prefix: aws.String("b/")}, "b/1", "b/2/"},
		{s3.ListObjectsV2Input{StartAfter: aws.String("b/1")}, "b/2/x,c,d/e/f,sp ace,z,ü", ""},
		{s3.ListObjectsV2Input{Prefix: aws.String("q")}, "", ""},
	} {
		tc.in.Bucket = &b
		var gotKeys, gotPrefixes []string
		pages := 0
		p := s3.NewListObjectsV2Paginator(c, &tc.in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if n := len(out.Contents) + len(out.CommonPrefixes); tc.in.MaxKeys != nil && n > int(*tc.in.MaxKeys) || int(aws.ToInt32(out.KeyCount)) != n {
				t.Errorf("%+v: a page of %d (KeyCount %d)", tc.in, n, aws.ToInt32(out.KeyCount))
			}
			for _, o := range out.Contents {
				gotKeys = append(gotKeys, aws.ToString(o.Key))
			}
			for _, cp := range out.CommonPrefixes {
				gotPrefixes = append(gotPrefixes, aws.ToString(cp.Prefix))
			}
		}
		if strings.Join(gotKeys, ",") != tc.keys || strings.Join(gotPrefixes, ",") != tc.prefixes {
			t.Errorf("%v: keys %q prefixes %q in %d pages", aws.ToString(tc.in.Delimiter), gotKeys, gotPrefixes, pages)
		}
	}
	// max-keys=0 asks for nothing; no page follows (the paginator never
	// sends 0: it takes it for no limit).
	if out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b, MaxKeys: aws.Int32(0)}); err != nil ||
		len(out.Contents) != 0 || aws.ToBool(out.IsTruncated) || out.NextContinuationToken != nil {
		t.Errorf("max-keys=0: %+v, %v", out, err)
	}
	_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b, ContinuationToken: aws.String("not a token")})
	wantError(t, err, "InvalidArgument", "The continuation token provided is incorrect")
	// ListObjects (version 1) pages by marker.
	var v1 []string
	marker := ""
	for {
		out, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: &b, Marker: &marker, MaxKeys: aws.Int32(4)})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out.Contents {
			v1 = append(v1, aws.ToString(o.Key))
		}
		if !aws.ToBool(out.IsTruncated) {
			break
		}
		marker = v1[len(v1)-1]
	}
	if strings.Join(v1, ",") != strings.Join(keys, ",") {
		t.Errorf("ListObjects pages: %q", v1)
	}
	// encoding-type=url encodes keys in the answer.
	req := l.signed(t, http.MethodGet, "/"+b+"?list-type=2&encoding-type=url&prefix=s", nil, s3Admin, "", nil)
	resp, err := l.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "<Key>sp+ace</Key>") || !strings.Contains(string(body), "<EncodingType>url</EncodingType>") {
		t.Errorf("encoding-type=url: %s", body)
	}
}

// Bad requests get S3's error codes and messages.
func TestS3Errors(t *testing.T) {
	l := newS3Lab(t, nil, false)
	c := l.s3(s3Admin, "")
	eu := func(o *s3.Options) { o.Region = "eu-west-1" }
	big := bytes.Repeat([]byte("x"), s3sim.MaxObjectSize+1)
	for _, tc := range []struct {
		name      string
		call      func() error
		code, msg string
	}{
		{"bucket name", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("Bad_Name")})
			return err
		},
			"InvalidBucketName", "The specified bucket is not valid."},
		{"bucket owned in us-east-1", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("owner-bucket")})
			return err
		}, "", ""},
		{"bucket in eu-west-1", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("eu-bucket"),
				CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}, eu)
			return err
		}, "", ""},
		{"bucket owned elsewhere", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("eu-bucket"),
				CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}, eu)
			return err
		}, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it."},
		{"no location constraint outside us-east-1", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("other-bucket")}, eu)
			return err
		}, "IllegalLocationConstraintException", "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."},
		{"us-east-1 as a constraint", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("other-bucket"),
				CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "us-east-1"}})
			return err
		}, "InvalidLocationConstraint", "The specified location-constraint is not valid"},
		{"wrong region", func() error { _, err := getBody(s3.New(c.Options(), eu), "owner-bucket", "hello.txt"); return err },
			"AuthorizationHeaderMalformed", "the region 'eu-west-1' is wrong; expecting 'us-east-1'"},
		{"ACL on CreateBucket", func() error {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("acl-bucket"), ACL: s3types.BucketCannedACLPrivate})
			return err
		}, "InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"},
		{"bucket not empty", func() error {
			_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("owner-bucket")})
			return err
		},
			"BucketNotEmpty", "The bucket you tried to delete is not empty"},
		{"expected bucket owner", func() error {
			_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt"), ExpectedBucketOwner: aws.String("444455556666")})
			return err
		}, "AccessDenied", "Access Denied"},
		{"the expected bucket owner", func() error {
			_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt"), ExpectedBucketOwner: aws.String("111122223333")})
			return err
		}, "", ""},
		{"no bucket", func() error { _, err := getBody(c, "no-such-bucket", "k"); return err }, "NoSuchBucket", "The specified bucket does not exist"},
		{"no key", func() error { _, err := getBody(c, "owner-bucket", "missing"); return err }, "NoSuchKey", "The specified key does not exist."},
		{"no policy", func() error {
			_, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("owner-bucket")})
			return err
		}, "NoSuchBucketPolicy", "The bucket policy does not exist"},
		{"policy not JSON", func() error {
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("owner-bucket"), Policy: aws.String("{nope")})
			return err
		}, "MalformedPolicy", ""},
		{"policy of another bucket", func() error {
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("owner-bucket"),
				Policy: aws.String(strings.ReplaceAll(opsPolicy, "%B", "public-bucket"))})
			return err
		}, "MalformedPolicy", "Policy has invalid resource"},
		{"policy without principal", func() error {
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("owner-bucket"),
				Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::owner-bucket/*"}]}`)})
			return err
		}, "MalformedPolicy", "Missing required field Principal"},
		{"object too large", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("big"), Body: bytes.NewReader(big)})
			return err
		}, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"},
		{"body past the simulator's limit", func() error {
			resp, body := l.raw(t, http.MethodPut, "/owner-bucket/huge", strings.Repeat("x", 6<<20), nil)
			return &rawError{resp.StatusCode, body}
		}, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"},
		{"key too long", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String(strings.Repeat("k", 1025)), Body: strings.NewReader("x")})
			return err
		}, "KeyTooLongError", "Your key is too long"},
		{"metadata too large", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("m"), Body: strings.NewReader("x"),
				Metadata: map[string]string{"big": strings.Repeat("v", 2048)}})
			return err
		}, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size."},
		{"public ACL", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("acl"), Body: strings.NewReader("x"),
				ACL: s3types.ObjectCannedACLPublicRead})
			return err
		}, "AccessControlListNotSupported", "The bucket does not allow ACLs"},
		{"tagging header", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("t"), Body: strings.NewReader("x"),
				Tagging: aws.String("a=1&a=2")})
			return err
		}, "InvalidArgument", "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."},
		{"storage class", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("s"), Body: strings.NewReader("x"),
				StorageClass: "COLD"})
			return err
		}, "InvalidStorageClass", "The storage class you specified is not valid"},
		{"archived object", func() error {
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("g"), Body: strings.NewReader("x"),
				StorageClass: s3types.StorageClassGlacier}); err != nil {
				return err
			}
			_, err := getBody(c, "owner-bucket", "g")
			return err
		}, "InvalidObjectState", "The operation is not valid for the object's storage class"},
		{"conditional write", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt"), Body: strings.NewReader("x"),
				IfNoneMatch: aws.String("*")})
			return err
		}, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"},
		{"If-Match on GET", func() error {
			_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt"), IfMatch: aws.String(`"0"`)})
			return err
		}, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"},
		{"copy onto itself", func() error {
			_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("owner-bucket"), Key: aws.String("hello.txt"), CopySource: aws.String("owner-bucket/hello.txt")})
			return err
		}, "InvalidRequest", "This copy request is illegal because it is trying to copy an object to itself"},
		{"max-keys", func() error {
			return rawDo(t, l.srv.Client(), l.signed(t, http.MethodGet, "/owner-bucket?list-type=2&max-keys=many", nil, s3Admin, "", nil))
		}, "InvalidArgument", "Provided max-keys not an integer or within integer range"},
		{"public access block XML", func() error {
			return rawDo(t, l.srv.Client(), l.signed(t, http.MethodPut, "/owner-bucket?publicAccessBlock", []byte("<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>"),
				s3Admin, "", map[string]string{"Content-Md5": "AAAAAAAAAAAAAAAAAAAAAA=="}))
		}, "BadDigest", ""},
		{"public access block XML", func() error {
			body := []byte("<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>")
			return rawDo(t, l.srv.Client(), l.signed(t, http.MethodPut, "/owner-bucket?publicAccessBlock", body, s3Admin, "", map[string]string{"Content-Md5": md5Base64(body)}))
		}, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"},
		{"policy without checksum", func() error {
			return rawDo(t, l.srv.Client(), l.signed(t, http.MethodPut, "/owner-bucket?policy", []byte(strings.ReplaceAll(opsPolicy, "%B", "owner-bucket")), s3Admin, "", nil))
		}, "InvalidRequest", "Missing required header for this request: Content-MD5"},
		{"subresource not simulated", func() error {
			return rawDo(t, l.srv.Client(), l.signed(t, http.MethodGet, "/owner-bucket?acl", nil, s3Admin, "", nil))
		}, "NotImplemented", "A header you provided implies functionality that is not implemented"},
		{"method", func() error {
			return rawDo(t, l.srv.Client(), l.signed(t, http.MethodPatch, "/owner-bucket/hello.txt", nil, s3Admin, "", nil))
		}, "MethodNotAllowed", "The specified method is not allowed against this resource."},
	} {
		err := tc.call()
		if tc.code == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if re, ok := err.(*rawError); ok {
			if !strings.Contains(re.body, "<Code>"+tc.code+"</Code><Message>"+tc.msg) {
				t.Errorf("%s: %d %s", tc.name, re.status, re.body)
			}
			continue
		}
		wantError(t, err, tc.code, tc.msg)
	}
	out, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("eu-bucket")})
	if err != nil || out.LocationConstraint != "eu-west-1" {
		t.Errorf("GetBucketLocation of eu-bucket = %v, %v", out, err)
	}
}

func md5Base64(b []byte) string {
	sum := md5.Sum(b)
	return base64.StdEncoding.EncodeToString(sum[:])
}
