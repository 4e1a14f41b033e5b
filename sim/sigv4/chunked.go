package sigv4

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// MaxTrailers bounds the trailing headers of an aws-chunked body.
const MaxTrailers = 16

// Streaming reports whether a payload hash announces an aws-chunked body.
func Streaming(payloadHash string) bool {
	return strings.HasPrefix(payloadHash, "STREAMING-")
}

// Chunked is a decoded aws-chunked body.
type Chunked struct {
	Data     []byte
	Trailers http.Header
}

// DecodeChunked decodes an aws-chunked body ("Signature Version 4 ...
// streaming", S3 API Reference): with STREAMING-AWS4-HMAC-SHA256-PAYLOAD
// every chunk's signature is checked (chained from the request's
// signature, recomputed by the SDK's stream signer), with a -TRAILER hash
// the trailer's signature too; with STREAMING-UNSIGNED-PAYLOAD-TRAILER
// the chunks are unsigned. A trailing checksum (x-amz-checksum-*) must
// match the data, and x-amz-decoded-content-length its length.
func DecodeChunked(r *http.Request, body []byte, a *Auth, k Key, payloadHash string) (*Chunked, *Failure) {
	signed := payloadHash == StreamingSigned || payloadHash == StreamingSignedTrailer
	d := chunkDecoder{rest: body, signed: signed}
	if signed {
		seed, err := hex.DecodeString(a.Signature)
		if err != nil {
			return nil, chunkFail("the request signature is not hexadecimal")
		}
		creds := aws.Credentials{AccessKeyID: a.AccessKeyID, SecretAccessKey: k.Secret}
		d.stream = v4.NewStreamSigner(creds, a.Service, a.Region, seed)
		d.auth, d.prev = a, seed
	}
	var data bytes.Buffer
	for {
		chunk, f := d.next()
		if f != nil {
			return nil, f
		}
		if len(chunk) == 0 {
			break
		}
		data.Write(chunk)
	}
	out := &Chunked{Data: data.Bytes()}
	trailers, f := d.trailers(payloadHash == StreamingSignedTrailer, k)
	if f != nil {
		return nil, f
	}
	out.Trailers = trailers
	if n := r.Header.Get("X-Amz-Decoded-Content-Length"); n != "" && n != strconv.Itoa(len(out.Data)) {
		return nil, chunkFail("x-amz-decoded-content-length is " + n + " but the chunks hold " + strconv.Itoa(len(out.Data)) + " bytes")
	}
	if f := checkChecksums(out.Data, trailers); f != nil {
		return nil, f
	}
	return out, nil
}

func chunkFail(detail string) *Failure { return &Failure{Kind: BadChunk, Detail: detail} }

type chunkDecoder struct {
	rest   []byte
	signed bool
	stream *v4.StreamSigner
	auth   *Auth
	prev   []byte // the previous signature, raw
}

// line returns the next CRLF-terminated line.
func (d *chunkDecoder) line() (string, bool) {
	i := bytes.Index(d.rest, []byte("\r\n"))
	if i < 0 {
		return "", false
	}
	l := string(d.rest[:i])
	d.rest = d.rest[i+2:]
	return l, true
}

// next returns the next chunk's data; the final chunk is empty.
func (d *chunkDecoder) next() ([]byte, *Failure) {
	head, ok := d.line()
	if !ok {
		return nil, chunkFail("a chunk header is not terminated by CRLF")
	}
	size, ext, _ := strings.Cut(head, ";")
	n, err := strconv.ParseInt(size, 16, 64)
	if err != nil || n < 0 || n > int64(len(d.rest)) {
		return nil, chunkFail("a chunk size " + strconv.Quote(size) + " is not a hexadecimal length within the body")
	}
	data := d.rest[:n]
	d.rest = d.rest[n:]
	if n > 0 {
		if !bytes.HasPrefix(d.rest, []byte("\r\n")) {
			return nil, chunkFail("a chunk's data is not followed by CRLF")
		}
		d.rest = d.rest[2:]
	}
	if !d.signed {
		return data, nil
	}
	sig, ok := strings.CutPrefix(ext, "chunk-signature=")
	if !ok {
		return nil, chunkFail("a chunk has no chunk-signature")
	}
	want, _ := d.stream.GetSignature(context.Background(), nil, data, d.auth.Time)
	got, err := hex.DecodeString(sig)
	if err != nil || !hmac.Equal(got, want) {
		return nil, &Failure{Kind: BadSignature, Detail: "a chunk signature does not match"}
	}
	d.prev = want
	return data, nil
}

// trailers reads the trailing headers up to the final empty line; with
// signedTrailer, x-amz-trailer-signature must sign them.
func (d *chunkDecoder) trailers(signedTrailer bool, k Key) (http.Header, *Failure) {
	h := http.Header{}
	var canon strings.Builder
	sig := ""
	for i := 0; ; i++ {
		l, ok := d.line()
		if !ok {
			if len(d.rest) == 0 && i == 0 {
				return h, nil // no trailer section at all
			}
			return nil, chunkFail("the trailers are not terminated by CRLF")
		}
		if l == "" {
			break
		}
		if i >= MaxTrailers {
			return nil, chunkFail("too many trailers")
		}
		name, val, ok := strings.Cut(l, ":")
		if !ok {
			return nil, chunkFail("a trailer is not NAME:VALUE")
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "x-amz-trailer-signature" {
			sig = strings.TrimSpace(val)
			continue
		}
		h.Add(name, strings.TrimSpace(val))
		canon.WriteString(name + ":" + strings.TrimSpace(val) + "\n")
	}
	if len(bytes.TrimSpace(d.rest)) != 0 {
		return nil, chunkFail("bytes follow the end of the aws-chunked body")
	}
	if signedTrailer {
		a := d.auth
		sum := sha256.Sum256([]byte(canon.String()))
		sts := "AWS4-HMAC-SHA256-TRAILER\n" + a.Time.UTC().Format(TimeFormat) + "\n" + a.Scope() + "\n" +
			hex.EncodeToString(d.prev) + "\n" + hex.EncodeToString(sum[:])
		want := hmacSHA256(SigningKey(k.Secret, a), sts)
		got, err := hex.DecodeString(sig)
		if err != nil || !hmac.Equal(got, want) {
			return nil, &Failure{Kind: BadSignature, Detail: "the trailer signature does not match"}
		}
	}
	return h, nil
}

// checksums are the trailing checksums S3 accepts that are checked here.
var checksums = map[string]func() hash.Hash{
	"x-amz-checksum-crc32":  func() hash.Hash { return crc32.NewIEEE() },
	"x-amz-checksum-crc32c": func() hash.Hash { return crc32.New(crc32.MakeTable(crc32.Castagnoli)) },
	// CRC-64/NVME, reflected: the SDKs send it when asked for CRC64NVME.
	"x-amz-checksum-crc64nvme": func() hash.Hash { return crc64.New(crc64.MakeTable(0x9a6c9329ac4bc9b5)) },
	"x-amz-checksum-sha1":      sha1.New,
	"x-amz-checksum-sha256":    sha256.New,
}

// checkChecksums compares every x-amz-checksum-* trailer with the data.
func checkChecksums(data []byte, h http.Header) *Failure {
	for name, vals := range h {
		name = strings.ToLower(name)
		if !strings.HasPrefix(name, "x-amz-checksum-") {
			continue
		}
		mk, ok := checksums[name]
		if !ok {
			return chunkFail("the checksum " + name + " is not supported by the simulated S3")
		}
		hs := mk()
		hs.Write(data)
		if base64.StdEncoding.EncodeToString(hs.Sum(nil)) != vals[0] {
			return &Failure{Kind: BadChecksum, Detail: "The " + strings.TrimPrefix(name, "x-amz-checksum-") + " you specified did not match the calculated checksum."}
		}
	}
	return nil
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}
