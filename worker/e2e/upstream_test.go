package e2e

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/iamlab/iamlab/worker/relay"
)

// The access key pair of the simulated AWS's root user (the one AWS uses in
// its documentation), so that `iamlab serve` can take this upstream's place.
const (
	accessKeyID     = "AKIAIOSFODNN7EXAMPLE"
	secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	accountID       = "123456789012"
)

// upstream stands in for AWS behind the relay: it checks every request's
// SigV4 signature by signing it again with aws-sdk-go-v2's signer over
// the headers the client signed, answers STS GetCallerIdentity and a
// path-style S3 (buckets, objects put, got and headed) for the root user,
// and records what it received. Behind the test Worker, it takes the AWS
// host from relay.TestHostHeader. The path /_test/redirect answers a
// redirect to /_test/landed, which records that it was followed.
type upstream struct {
	// backend, when set, answers instead of this upstream, which then only
	// records and restores Host: `iamlab serve --addr ...` (the simulated
	// AWS, which checks signatures itself) can stand here.
	backend *url.URL

	mu      sync.Mutex
	seen    []seenRequest
	objects map[string][]byte
	landed  int
}

// seenRequest is what the upstream received.
type seenRequest struct {
	Method, Host, Path, RawPath, RawQuery string
	Header                                http.Header
	Body                                  []byte
}

func newUpstream() *upstream { return &upstream{objects: map[string][]byte{}} }

func (u *upstream) requests() []seenRequest {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]seenRequest(nil), u.seen...)
}

func (u *upstream) landings() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.landed
}

func (u *upstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if host := r.Header.Get(relay.TestHostHeader); host != "" {
		r.Host = host // the test Worker's fetch could not send it as Host
		r.Header.Del(relay.TestHostHeader)
	}
	body, _ := io.ReadAll(r.Body)
	u.mu.Lock()
	u.seen = append(u.seen, seenRequest{r.Method, r.Host, r.URL.Path, r.URL.RawPath, r.URL.RawQuery, r.Header.Clone(), body})
	u.mu.Unlock()
	switch r.URL.Path {
	case "/_test/redirect":
		http.Redirect(w, r, "/_test/landed", http.StatusFound)
		return
	case "/_test/landed":
		u.mu.Lock()
		u.landed++
		u.mu.Unlock()
		fmt.Fprintln(w, "landed")
		return
	}
	if u.backend != nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
		u.proxy().ServeHTTP(w, r)
		return
	}
	service, err := verify(r, body)
	if err != nil {
		awsError(w, http.StatusForbidden, "SignatureDoesNotMatch", err.Error())
		return
	}
	switch service {
	case "sts":
		u.sts(w, r, body)
	case "s3":
		u.s3(w, r, body)
	default:
		awsError(w, http.StatusBadRequest, "InvalidAction", "this test upstream answers STS and S3 only")
	}
}

// proxy passes requests to the backend with their Host unchanged.
func (u *upstream) proxy() *httputil.ReverseProxy {
	return &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(u.backend)
		pr.Out.Host = pr.In.Host
	}}
}

func (u *upstream) sts(w http.ResponseWriter, r *http.Request, body []byte) {
	form, _ := url.ParseQuery(string(body))
	if form.Get("Action") != "GetCallerIdentity" {
		awsError(w, http.StatusBadRequest, "InvalidAction", "only GetCallerIdentity")
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", "c6104cbe-af31-11e0-8154-cbc7ccf896c7")
	fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:iam::%s:root</Arn><UserId>%s</UserId><Account>%s</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`, accountID, accountID, accountID)
}

func (u *upstream) s3(w http.ResponseWriter, r *http.Request, body []byte) {
	key := strings.TrimPrefix(r.URL.Path, "/")
	u.mu.Lock()
	defer u.mu.Unlock()
	switch {
	case r.Method == http.MethodPut && !strings.Contains(key, "/"): // CreateBucket
		w.Header().Set("Location", "/"+key)
	case r.Method == http.MethodPut:
		if strings.Contains(r.Header.Get("Content-Encoding"), "aws-chunked") {
			var err error
			if body, err = decodeChunked(body); err != nil {
				awsError(w, http.StatusBadRequest, "IncompleteBody", err.Error())
				return
			}
		}
		u.objects[key] = body
		w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(body)))
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		obj, ok := u.objects[key]
		if !ok {
			awsError(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(obj)))
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(obj)))
		if r.Method == http.MethodGet {
			w.Write(obj)
		}
	default:
		awsError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", r.Method)
	}
}

func awsError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error></ErrorResponse>`, code, message)
}

// verify checks the request's SigV4 signature, in the Authorization
// header or in the query (a presigned URL), and returns the service it was
// signed for.
func verify(r *http.Request, body []byte) (service string, err error) {
	q := r.URL.Query()
	presigned := q.Get("X-Amz-Signature") != ""
	var credential, signedHeaders, signature, date string
	if presigned {
		credential, signedHeaders, signature, date = q.Get("X-Amz-Credential"), q.Get("X-Amz-SignedHeaders"), q.Get("X-Amz-Signature"), q.Get("X-Amz-Date")
	} else {
		auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ")
		if !ok {
			return "", fmt.Errorf("no SigV4 Authorization header")
		}
		for _, part := range strings.Split(auth, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
			switch k {
			case "Credential":
				credential = v
			case "SignedHeaders":
				signedHeaders = v
			case "Signature":
				signature = v
			}
		}
		date = r.Header.Get("X-Amz-Date")
	}
	scope := strings.Split(credential, "/") // AKID/date/region/service/aws4_request
	if len(scope) != 5 || scope[0] != accessKeyID {
		return "", fmt.Errorf("unknown credential %q", credential)
	}
	region, service := scope[2], scope[3]
	when, err := time.Parse("20060102T150405Z", date)
	if err != nil {
		return "", fmt.Errorf("bad X-Amz-Date %q", date)
	}
	again := &http.Request{
		Method: r.Method,
		URL:    &url.URL{Scheme: "https", Host: r.Host, Path: r.URL.Path, RawPath: r.URL.RawPath},
		Host:   r.Host,
		Header: http.Header{},
	}
	for _, h := range strings.Split(signedHeaders, ";") {
		switch h {
		case "host":
		case "content-length":
			again.ContentLength = r.ContentLength
		default:
			if vs, ok := r.Header[http.CanonicalHeaderKey(h)]; ok {
				again.Header[http.CanonicalHeaderKey(h)] = vs
			}
		}
	}
	creds := aws.Credentials{AccessKeyID: accessKeyID, SecretAccessKey: secretAccessKey}
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = service == "s3" })
	var got string
	if presigned {
		for _, k := range []string{"X-Amz-Signature", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders"} {
			q.Del(k)
		}
		again.URL.RawQuery = q.Encode()
		uri, _, err := signer.PresignHTTP(r.Context(), creds, again, "UNSIGNED-PAYLOAD", service, region, when)
		if err != nil {
			return "", err
		}
		u, _ := url.Parse(uri)
		got = u.Query().Get("X-Amz-Signature")
	} else {
		again.URL.RawQuery = r.URL.RawQuery
		hash := r.Header.Get("X-Amz-Content-Sha256")
		if hash == "" {
			sum := sha256.Sum256(body)
			hash = hex.EncodeToString(sum[:])
		}
		if err := signer.SignHTTP(r.Context(), creds, again, hash, service, region, when); err != nil {
			return "", err
		}
		_, got, _ = strings.Cut(again.Header.Get("Authorization"), "Signature=")
	}
	if got != signature {
		return "", fmt.Errorf("The request signature we calculated does not match the signature you provided.")
	}
	return service, nil
}

// decodeChunked reads an aws-chunked body with unsigned chunks: "SIZE\r\n
// DATA\r\n" until a zero-size chunk, then the trailer (not checked here).
func decodeChunked(body []byte) ([]byte, error) {
	var out []byte
	br := bufio.NewReader(bytes.NewReader(body))
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("chunk header: %v", err)
		}
		sizeHex, _, _ := strings.Cut(strings.TrimSpace(line), ";")
		size, err := strconv.ParseInt(sizeHex, 16, 64)
		if err != nil || size < 0 || size > int64(len(body)) {
			return nil, fmt.Errorf("chunk size %q", sizeHex)
		}
		if size == 0 {
			return out, nil
		}
		chunk := make([]byte, size+2)
		if _, err := io.ReadFull(br, chunk); err != nil {
			return nil, fmt.Errorf("chunk data: %v", err)
		}
		out = append(out, chunk[:size]...)
	}
}
