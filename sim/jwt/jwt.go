// Package jwt signs and verifies the JSON Web Tokens of the simulated AWS:
// RS256 only (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3), the one
// algorithm Cognito user pools, Cognito identity pools and the OpenID
// Connect providers that IAM trusts use for their ID tokens; and JSON Web
// Key Sets (RFC 7517) that publish the public keys. Standard library only.
package jwt

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MaxToken bounds the text of a token that Parse reads; STS documents
// WebIdentityToken as at most 20,000 characters.
const MaxToken = 20000

// MaxClaims bounds the number of claims of a token's payload.
const MaxClaims = 256

// Header is a token's JOSE header.
type Header struct {
	Kid string `json:"kid"`
	Alg string `json:"alg"`
	Typ string `json:"typ,omitempty"`
}

// Claims are a token's payload: claim name → JSON value.
type Claims map[string]any

// String returns a string claim ("" when absent or not a string).
func (c Claims) String(name string) string {
	s, _ := c[name].(string)
	return s
}

// Time returns a NumericDate claim (seconds since the epoch).
func (c Claims) Time(name string) (time.Time, bool) {
	switch v := c[name].(type) {
	case float64:
		return time.Unix(int64(v), 0).UTC(), true
	case json.Number:
		n, err := v.Int64()
		return time.Unix(n, 0).UTC(), err == nil
	}
	return time.Time{}, false
}

// Strings returns a claim that is a string or a list of strings (aud may
// be either, RFC 7519 §4.1.3).
func (c Claims) Strings(name string) []string {
	switch v := c[name].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Token is a parsed token whose signature has not been checked yet.
type Token struct {
	Header Header
	Claims Claims
	// signed is "header.payload", sig the decoded signature.
	signed string
	sig    []byte
}

// Errors of Parse and Verify.
var (
	ErrMalformed = errors.New("the token is not a JWT")
	ErrAlgorithm = errors.New("the token is not signed with RS256")
	ErrSignature = errors.New("the token's signature does not verify")
)

// b64 is base64url without padding, read strictly (RFC 7515 §2: the
// canonical encoding; other bits in the last character are refused).
var b64 = base64.RawURLEncoding.Strict()

// Sign makes a token of the claims, signed with key and naming kid.
func Sign(key *rsa.PrivateKey, kid string, claims any) (string, error) {
	h, err := json.Marshal(Header{Kid: kid, Alg: "RS256"})
	if err != nil {
		return "", err
	}
	p, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	signed := b64.EncodeToString(h) + "." + b64.EncodeToString(p)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	rememberValid(verifiedKey(&key.PublicKey, signed, sig))
	return signed + "." + b64.EncodeToString(sig), nil
}

// Parse splits and decodes a token without checking its signature: the
// caller finds the key by the issuer and kid, then calls Verify. Any
// input gives a token or an error, never a panic.
func Parse(s string) (*Token, error) {
	if len(s) > MaxToken {
		return nil, fmt.Errorf("%w: longer than %d characters", ErrMalformed, MaxToken)
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: it has %d parts, not header.payload.signature", ErrMalformed, len(parts))
	}
	t := &Token{signed: parts[0] + "." + parts[1]}
	hb, err := b64.DecodeString(parts[0])
	if err != nil {
		return nil, fmt.Errorf("%w: the header is not base64url", ErrMalformed)
	}
	if err := json.Unmarshal(hb, &t.Header); err != nil {
		return nil, fmt.Errorf("%w: the header is not a JSON object", ErrMalformed)
	}
	pb, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("%w: the payload is not base64url", ErrMalformed)
	}
	if err := json.Unmarshal(pb, &t.Claims); err != nil || t.Claims == nil {
		return nil, fmt.Errorf("%w: the payload is not a JSON object", ErrMalformed)
	}
	if len(t.Claims) > MaxClaims {
		return nil, fmt.Errorf("%w: more than %d claims", ErrMalformed, MaxClaims)
	}
	if t.sig, err = b64.DecodeString(parts[2]); err != nil {
		return nil, fmt.Errorf("%w: the signature is not base64url", ErrMalformed)
	}
	if t.Header.Alg != "RS256" {
		// "none" and HMAC algorithms are refused before any key is
		// looked at: the classic JWT downgrade attacks.
		return nil, ErrAlgorithm
	}
	return t, nil
}

// Verify checks the token's signature with key.
func (t *Token) Verify(key *rsa.PublicKey) error {
	if key == nil || key.N == nil {
		return ErrSignature
	}
	k := verifiedKey(key, t.signed, t.sig)
	if knownValid(k) {
		return nil
	}
	sum := sha256.Sum256([]byte(t.signed))
	if rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], t.sig) != nil {
		return ErrSignature
	}
	rememberValid(k)
	return nil
}
