package sigv4

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The worked example of the S3 API Reference, "Signature calculations
// for the Authorization header: transferring payload in multiple chunks":
// 66,560 bytes of 'a' in chunks of 65,536 and 1,024, signed with AWS's
// documentation key.
const (
	docSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	docSeed   = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
)

var docChunkSigs = []string{
	"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
	"0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
	"b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
}

var docTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)

func docBody(sigs []string, trailer string) []byte {
	var b bytes.Buffer
	data := bytes.Repeat([]byte("a"), 66560)
	fmt.Fprintf(&b, "10000;chunk-signature=%s\r\n%s\r\n", sigs[0], data[:65536])
	fmt.Fprintf(&b, "400;chunk-signature=%s\r\n%s\r\n", sigs[1], data[65536:])
	fmt.Fprintf(&b, "0;chunk-signature=%s\r\n%s\r\n", sigs[2], trailer)
	return b.Bytes()
}

func docRequest(body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPut, "http://s3.amazonaws.com/examplebucket/chunkObject.txt", bytes.NewReader(body))
	r.Host = "s3.amazonaws.com"
	h := r.Header
	h.Set("X-Amz-Date", "20130524T000000Z")
	h.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
	h.Set("X-Amz-Content-Sha256", StreamingSigned)
	h.Set("Content-Encoding", "aws-chunked")
	h.Set("X-Amz-Decoded-Content-Length", "66560")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"+
		"SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"+
		"Signature="+docSeed)
	return r
}

// The documented request verifies, seed and chunks, and decodes; any
// signature changed is refused.
func TestDocumentedChunkedUpload(t *testing.T) {
	body := docBody(docChunkSigs, "")
	if len(body) != 66824 {
		t.Fatalf("encoded length %d, the example's Content-Length is 66824", len(body))
	}
	r := docRequest(body)
	a, f := Parse(r)
	if f != nil {
		t.Fatal(f)
	}
	var v Verifier
	hash, f := PayloadHash(r, a, body)
	if f != nil || hash != StreamingSigned {
		t.Fatal(hash, f)
	}
	if f := v.Verify(r, a, Key{Secret: docSecret}, hash, docTime.Add(time.Minute)); f != nil {
		t.Fatalf("the documented seed signature is refused: %v", f)
	}
	ch, f := DecodeChunked(r, body, a, Key{Secret: docSecret}, hash)
	if f != nil {
		t.Fatal(f)
	}
	if !bytes.Equal(ch.Data, bytes.Repeat([]byte("a"), 66560)) {
		t.Errorf("decoded %d bytes", len(ch.Data))
	}
	for i := range docChunkSigs {
		sigs := append([]string(nil), docChunkSigs...)
		sigs[i] = strings.Repeat("0", 64)
		if _, f := DecodeChunked(r, docBody(sigs, ""), a, Key{Secret: docSecret}, hash); f == nil || f.Kind != BadSignature {
			t.Errorf("chunk %d with a wrong signature: %v", i, f)
		}
	}
	if f := v.Verify(r, a, Key{Secret: "other"}, hash, docTime); f == nil || f.Kind != BadSignature {
		t.Errorf("wrong secret: %v", f)
	}
	if f := v.Verify(r, a, Key{Secret: docSecret}, hash, docTime.Add(16*time.Minute)); f == nil || f.Kind != Skewed {
		t.Errorf("16 minutes later: %v", f)
	}
}

// The trailer example of the S3 API Reference ("including trailing
// headers"): its chunk signatures and its trailer signature over
// x-amz-checksum-crc32c.
func TestDocumentedTrailer(t *testing.T) {
	sigs := []string{
		"b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
		"1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
		"2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992",
	}
	trailer := "x-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n"
	a := &Auth{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", Date: "20130524", Region: "us-east-1", Service: "s3", Time: docTime,
		Signature: "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"}
	body := docBody(sigs, trailer)
	r := httptest.NewRequest(http.MethodPut, "http://s3.amazonaws.com/examplebucket/chunkObject.txt", nil)
	ch, f := DecodeChunked(r, body, a, Key{Secret: docSecret}, StreamingSignedTrailer)
	if f != nil {
		t.Fatal(f)
	}
	if len(ch.Data) != 66560 || ch.Trailers.Get("x-amz-checksum-crc32c") != "sOO8/Q==" {
		t.Errorf("decoded %d bytes, trailers %v", len(ch.Data), ch.Trailers)
	}
	bad := strings.Replace(trailer, "d81f82fc", "d81f82fd", 1)
	if _, f := DecodeChunked(r, docBody(sigs, bad), a, Key{Secret: docSecret}, StreamingSignedTrailer); f == nil || f.Kind != BadSignature {
		t.Errorf("wrong trailer signature: %v", f)
	}
	wrongSum := strings.Replace(trailer, "sOO8/Q==", "AAAAAA==", 1)
	if _, f := DecodeChunked(r, docBody(sigs, wrongSum), a, Key{Secret: docSecret}, StreamingSignedTrailer); f == nil {
		t.Error("a trailer changed after signing was accepted")
	}
}

func TestUnsignedTrailerChecksum(t *testing.T) {
	body := "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"
	r := httptest.NewRequest(http.MethodPut, "/b/k", nil)
	r.Header.Set("X-Amz-Decoded-Content-Length", "11")
	ch, f := DecodeChunked(r, []byte(body), &Auth{}, Key{}, StreamingUnsignedTrailer)
	if f != nil || string(ch.Data) != "hello world" {
		t.Fatalf("%q %v", ch, f)
	}
	for _, tc := range []struct{ name, body string }{
		{"wrong checksum", strings.Replace(body, "DUoRhQ==", "AAAAAA==", 1)},
		{"size past the body", "ff\r\nhello\r\n0\r\n\r\n"},
		{"no final chunk", "b\r\nhello world\r\n"},
		{"not hex", "zz\r\nhello\r\n0\r\n\r\n"},
		{"garbage after the end", "0\r\n\r\nextra"},
	} {
		if _, f := DecodeChunked(r, []byte(tc.body), &Auth{}, Key{}, StreamingUnsignedTrailer); f == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
}

func TestParseRefusals(t *testing.T) {
	for _, tc := range []struct{ name, auth, date, detail string }{
		{"other algorithm", "AWS AKID:sig", "20130524T000000Z", "Unsupported"},
		{"no credential", "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + docSeed, "20130524T000000Z", "'Credential'"},
		{"short scope", "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1, SignedHeaders=host, Signature=" + docSeed, "20130524T000000Z", "scoped"},
		{"host not signed", "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date, Signature=" + docSeed, "20130524T000000Z", "'Host'"},
		{"no date", "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=" + docSeed, "", "X-Amz-Date"},
		{"date outside the scope", "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=" + docSeed, "20130525T000000Z", "does not match"},
		{"signature not hex", "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=xyz", "20130524T000000Z", "hexadecimal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.Header.Set("Authorization", tc.auth)
			if tc.date != "" {
				r.Header.Set("X-Amz-Date", tc.date)
			}
			_, f := Parse(r)
			if f == nil || !strings.Contains(f.Detail, tc.detail) {
				t.Errorf("got %v, want a failure mentioning %q", f, tc.detail)
			}
		})
	}
	r := httptest.NewRequest(http.MethodGet, "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=604801&X-Amz-Signature="+docSeed, nil)
	if _, f := Parse(r); f == nil || !strings.Contains(f.Detail, "604800") {
		t.Errorf("a presigned URL valid past a week: %v", f)
	}
}

// Every failure has an answer in every style, with S3's own codes.
func TestFailureAnswers(t *testing.T) {
	for _, tc := range []struct {
		kind            Kind
		query, json, s3 string
	}{
		{UnknownKey, "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId"},
		{BadSignature, "SignatureDoesNotMatch", "InvalidSignatureException", "SignatureDoesNotMatch"},
		{Skewed, "SignatureDoesNotMatch", "InvalidSignatureException", "RequestTimeTooSkewed"},
		{ExpiredToken, "ExpiredToken", "ExpiredTokenException", "ExpiredToken"},
		{BadToken, "InvalidClientTokenId", "UnrecognizedClientException", "InvalidToken"},
		{PresignExpired, "ExpiredToken", "ExpiredTokenException", "AccessDenied"},
		{Malformed, "IncompleteSignature", "IncompleteSignatureException", "AuthorizationHeaderMalformed"},
	} {
		f := &Failure{Kind: tc.kind, Time: docTime, Now: docTime.Add(time.Hour)}
		for style, want := range map[Style]string{QueryStyle: tc.query, JSONStyle: tc.json, S3Style: tc.s3} {
			if got := f.Answer(style).Code; got != want {
				t.Errorf("kind %d style %d: %s, want %s", tc.kind, style, got, want)
			}
		}
	}
	if msg := (&Failure{Kind: PresignExpired}).Answer(S3Style).Message; msg != "Request has expired" {
		t.Errorf("S3 presigned expiry: %q", msg)
	}
}
