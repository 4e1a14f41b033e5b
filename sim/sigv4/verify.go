package sigv4

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
	"time"
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

// Key is what an access key stands for, as the verifier needs it.
type Key struct {
	Secret string
	// Token must come with temporary credentials ("" for long-term keys).
	Token string
	// Expires is the expiry of temporary credentials (zero: none).
	Expires time.Time
}

// Verifier checks signatures, keeping the signing keys it derives. It is
// safe for concurrent use.
type Verifier struct {
	keys keyCache
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
// recomputed over the headers the client signed.
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
	var want [sha256.Size]byte
	if _, err := hex.Decode(want[:], []byte(a.Signature)); err != nil {
		return &Failure{Kind: BadSignature, Detail: "the signature is not hexadecimal"}
	}
	sig := signature(r, a, v.keys.get(k.Secret, a), payloadHash)
	if subtle.ConstantTimeCompare(sig[:], want[:]) != 1 {
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

// SigningKey derives the signing key of a scope, for chunk and trailer
// signatures.
func SigningKey(secret string, a *Auth) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), a.Date)
	k = hmacSHA256(k, a.Region)
	k = hmacSHA256(k, a.Service)
	return hmacSHA256(k, "aws4_request")
}
