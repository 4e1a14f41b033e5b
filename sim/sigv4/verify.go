package sigv4

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// The payload hashes a client may sign instead of the body's SHA-256.
const (
	UnsignedPayload          = "UNSIGNED-PAYLOAD"
	StreamingSigned          = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	StreamingSignedTrailer   = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
)

// EmptyHash is the SHA-256 of no bytes.
const EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// MaxCachedKeys bounds the signers kept, one per access key, each with
// the signing keys it derived (per day, region and service).
const MaxCachedKeys = 4096

// Key is what an access key stands for, as the verifier needs it.
type Key struct {
	Secret string
	// Token must come with temporary credentials ("" for long-term keys).
	Token string
	// Expires is the expiry of temporary credentials (zero: none).
	Expires time.Time
}

// Verifier checks signatures. It keeps one aws-sdk-go-v2 v4.Signer per
// access key, whose cache holds the signing keys derived for it: four
// HMACs saved per request. It is safe for concurrent use.
type Verifier struct {
	mu      sync.Mutex
	signers map[string]*v4.Signer
}

// signer returns the signer of a key. The SDK's cache of derived keys
// tells keys apart by ID and day only, so signers are kept per ID and
// secret.
func (v *Verifier) signer(id, secret string) *v4.Signer {
	id += "\x00" + secret
	v.mu.Lock()
	defer v.mu.Unlock()
	if s, ok := v.signers[id]; ok {
		return s
	}
	if v.signers == nil || len(v.signers) >= MaxCachedKeys {
		v.signers = map[string]*v4.Signer{}
	}
	s := v4.NewSigner()
	v.signers[id] = s
	return s
}

// PayloadHash is the hash the client signed: x-amz-content-sha256 when
// sent (checked against the body when it is a hash), else the body's
// SHA-256; a presigned S3 URL signs UNSIGNED-PAYLOAD.
func PayloadHash(r *http.Request, a *Auth, body []byte) (string, *Failure) {
	h := r.Header.Get("X-Amz-Content-Sha256")
	if a.Presigned {
		h = r.URL.Query().Get("X-Amz-Content-Sha256")
		if h == "" && a.Service == "s3" {
			return UnsignedPayload, nil
		}
	}
	switch h {
	case "":
		sum := sha256.Sum256(body)
		return hex.EncodeToString(sum[:]), nil
	case UnsignedPayload, StreamingSigned, StreamingSignedTrailer, StreamingUnsignedTrailer:
		return h, nil
	}
	sum := sha256.Sum256(body)
	if !strings.EqualFold(h, hex.EncodeToString(sum[:])) {
		return "", &Failure{Kind: HashMismatch, Detail: "x-amz-content-sha256 does not match the body"}
	}
	return strings.ToLower(h), nil
}

// Verify checks the request's signature against the key, at time now:
// the time window, the session token and its expiry, then the signature
// recomputed by the SDK's signer.
func (v *Verifier) Verify(r *http.Request, a *Auth, k Key, payloadHash string, now time.Time) *Failure {
	if f := checkTime(a, now); f != nil {
		return f
	}
	if k.Token != "" || a.Token != "" {
		if subtle.ConstantTimeCompare([]byte(k.Token), []byte(a.Token)) != 1 {
			return &Failure{Kind: BadToken, Detail: "the session token does not belong to the access key"}
		}
	}
	if !k.Expires.IsZero() && !now.Before(k.Expires) {
		return &Failure{Kind: ExpiredToken, Detail: "the temporary credentials expired at " + k.Expires.UTC().Format(time.RFC3339)}
	}
	sig, err := v.recompute(r, a, k, payloadHash)
	if err != nil {
		return &Failure{Kind: BadSignature, Detail: err.Error()}
	}
	if subtle.ConstantTimeCompare([]byte(sig), []byte(strings.ToLower(a.Signature))) != 1 {
		return &Failure{Kind: BadSignature, Detail: "the signature does not match"}
	}
	return nil
}

func checkTime(a *Auth, now time.Time) *Failure {
	if a.Presigned {
		if now.After(a.Time.Add(time.Duration(a.Expires) * time.Second)) {
			return &Failure{Kind: PresignExpired, Detail: "Request has expired", Time: a.Time, Now: now}
		}
		if a.Time.After(now.Add(MaxSkew)) {
			return &Failure{Kind: Skewed, Detail: "the request time is in the future", Time: a.Time, Now: now}
		}
		return nil
	}
	if d := now.Sub(a.Time); d > MaxSkew || d < -MaxSkew {
		return &Failure{Kind: Skewed, Detail: "the request time is too far from the clock", Time: a.Time, Now: now}
	}
	return nil
}

// recompute signs a copy of the request that has only the headers the
// client signed, as the client did, and returns the signature.
func (v *Verifier) recompute(r *http.Request, a *Auth, k Key, payloadHash string) (string, error) {
	u := &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	req := &http.Request{Method: r.Method, URL: u, Host: r.Host, Header: http.Header{}}
	for _, h := range a.SignedHeaders {
		switch h {
		case "host":
		case "content-length":
			req.ContentLength = r.ContentLength
		default:
			req.Header[http.CanonicalHeaderKey(h)] = r.Header.Values(h)
		}
	}
	// The token is signed as the client sent it: in a signed header or in
	// the query, never added again by the signer.
	creds := aws.Credentials{AccessKeyID: a.AccessKeyID, SecretAccessKey: k.Secret}
	s := v.signer(a.AccessKeyID, k.Secret)
	opts := func(o *v4.SignerOptions) {
		o.DisableURIPathEscaping = a.Service == "s3"
		o.DisableHeaderHoisting = true
	}
	ctx := context.Background()
	if a.Presigned {
		q := u.Query()
		q.Del("X-Amz-Signature")
		u.RawQuery = q.Encode()
		signed, _, err := s.PresignHTTP(ctx, creds, req, payloadHash, a.Service, a.Region, a.Time, opts)
		if err != nil {
			return "", err
		}
		su, err := url.Parse(signed)
		if err != nil {
			return "", err
		}
		return su.Query().Get("X-Amz-Signature"), nil
	}
	if err := s.SignHTTP(ctx, creds, req, payloadHash, a.Service, a.Region, a.Time, opts); err != nil {
		return "", err
	}
	_, sig, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	return sig, nil
}

// SigningKey derives the signing key of a scope, for chunk and trailer
// signatures.
func SigningKey(secret string, a *Auth) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), a.Date)
	k = hmacSHA256(k, a.Region)
	k = hmacSHA256(k, a.Service)
	return hmacSHA256(k, "aws4_request")
}
