package sigv4

import (
	"net/http"
	"time"

	"github.com/iamlab/iamlab/sim/protocol"
)

// Kind is why a signature is refused.
type Kind uint8

// The reasons AWS refuses a request's signature.
const (
	Malformed      Kind = iota + 1 // the signature's parts are missing or malformed
	UnknownKey                     // no such access key (or an inactive one)
	BadSignature                   // the recomputed signature differs
	Skewed                         // the request time is more than MaxSkew off
	ExpiredToken                   // temporary credentials past their expiry
	BadToken                       // a session token that does not belong to the key
	PresignExpired                 // a presigned URL past X-Amz-Expires
	HashMismatch                   // x-amz-content-sha256 is not the body's hash
	BadChunk                       // an aws-chunked body that does not decode or verify
	BadChecksum                    // a trailing checksum that does not match the data
)

// Failure is a refused signature.
type Failure struct {
	Kind   Kind
	Detail string
	// Time and Now are the request's time and the clock, for Skewed.
	Time, Now time.Time
}

func (f *Failure) Error() string { return f.Detail }

func malformed(detail string) *Failure { return &Failure{Kind: Malformed, Detail: detail} }

// Style is how a service words its errors.
type Style uint8

// The styles of error answers.
const (
	QueryStyle Style = iota // IAM, STS
	JSONStyle               // Cognito, KMS, ACM
	S3Style                 // S3
	Route53Style
)

const (
	msgInvalidToken = "The security token included in the request is invalid."
	msgExpiredToken = "The security token included in the request is expired"
	msgSigMismatch  = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgS3Mismatch   = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
)

// Answer is the answer AWS gives for the failure, in a service's style.
func (f *Failure) Answer(s Style) *protocol.Error {
	e := func(status int, code, msg string) *protocol.Error {
		return &protocol.Error{Status: status, Code: code, Message: msg}
	}
	if s == S3Style {
		return f.s3()
	}
	json := s == JSONStyle
	switch f.Kind {
	case UnknownKey, BadToken:
		if json {
			return e(http.StatusBadRequest, "UnrecognizedClientException", msgInvalidToken)
		}
		return e(http.StatusForbidden, "InvalidClientTokenId", msgInvalidToken)
	case BadSignature, HashMismatch, BadChunk, BadChecksum:
		if json {
			return e(http.StatusBadRequest, "InvalidSignatureException", msgSigMismatch)
		}
		return e(http.StatusForbidden, "SignatureDoesNotMatch", msgSigMismatch)
	case Skewed:
		msg := "Signature expired: " + f.Time.UTC().Format(TimeFormat) + " is now earlier than " +
			f.Now.Add(-MaxSkew).UTC().Format(TimeFormat) + " (" + f.Now.UTC().Format(TimeFormat) + " - 15 min.)"
		if f.Time.After(f.Now) {
			msg = "Signature not yet current: " + f.Time.UTC().Format(TimeFormat) + " is still later than " +
				f.Now.Add(MaxSkew).UTC().Format(TimeFormat) + " (" + f.Now.UTC().Format(TimeFormat) + " + 15 min.)"
		}
		if json {
			return e(http.StatusBadRequest, "InvalidSignatureException", msg)
		}
		return e(http.StatusForbidden, "SignatureDoesNotMatch", msg)
	case ExpiredToken, PresignExpired:
		msg := msgExpiredToken
		if f.Kind == PresignExpired {
			msg = "Request has expired"
		}
		if json {
			return e(http.StatusBadRequest, "ExpiredTokenException", msg)
		}
		return e(http.StatusForbidden, "ExpiredToken", msg)
	}
	if json {
		return e(http.StatusBadRequest, "IncompleteSignatureException", f.Detail)
	}
	return e(http.StatusBadRequest, "IncompleteSignature", f.Detail)
}

// s3 words the failure as S3 does.
func (f *Failure) s3() *protocol.Error {
	e := func(status int, code, msg string) *protocol.Error {
		return &protocol.Error{Status: status, Code: code, Message: msg}
	}
	switch f.Kind {
	case UnknownKey:
		return e(http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
	case BadToken:
		return e(http.StatusBadRequest, "InvalidToken", "The provided token is malformed or otherwise invalid.")
	case BadSignature:
		return e(http.StatusForbidden, "SignatureDoesNotMatch", msgS3Mismatch)
	case HashMismatch:
		return e(http.StatusBadRequest, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
	case BadChunk:
		return e(http.StatusBadRequest, "IncompleteBody", f.Detail)
	case BadChecksum:
		return e(http.StatusBadRequest, "BadDigest", f.Detail)
	case Skewed:
		return e(http.StatusForbidden, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
	case ExpiredToken:
		return e(http.StatusBadRequest, "ExpiredToken", "The provided token has expired.")
	case PresignExpired:
		return e(http.StatusForbidden, "AccessDenied", "Request has expired")
	}
	return e(http.StatusBadRequest, "AuthorizationHeaderMalformed", f.Detail)
}
