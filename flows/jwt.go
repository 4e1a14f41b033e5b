package flows

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"time"
)

// verifyJWT checks an RS256 token as an application does with the
// issuer's JWKS ("Verify the signature of the decoded JWT token", in
// Cognito's guide to verifying JSON web tokens): the key of the header's
// kid, the signature over header.payload, and exp. It returns the header
// and claims, indented, for the page.
func verifyJWT(token string, jwks []byte, now time.Time) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", &LocalError{Code: "InvalidToken", Msg: "a JWT has three parts"}
	}
	var header struct {
		Alg, Kid string
	}
	hb, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil || json.Unmarshal(hb, &header) != nil {
		return "", &LocalError{Code: "InvalidToken", Msg: "the token's header is not base64url JSON"}
	}
	if header.Alg != "RS256" {
		return "", &LocalError{Code: "InvalidToken", Msg: "the token is not signed with RS256: " + header.Alg}
	}
	key, err := jwksKey(jwks, header.Kid)
	if err != nil {
		return "", err
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return "", &LocalError{Code: "InvalidToken", Msg: "the signature is not base64url"}
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], sig); err != nil {
		return "", &LocalError{Code: "InvalidSignature", Msg: "the token's signature does not verify with key " + header.Kid}
	}
	pb, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", &LocalError{Code: "InvalidToken", Msg: "the token's payload is not base64url"}
	}
	var claims struct {
		Exp int64 `json:"exp"`
	}
	if json.Unmarshal(pb, &claims) != nil {
		return "", &LocalError{Code: "InvalidToken", Msg: "the token's payload is not JSON"}
	}
	if claims.Exp <= now.Unix() {
		return "", &LocalError{Code: "TokenExpired", Msg: "the token has expired"}
	}
	var out bytes.Buffer
	out.WriteString("header: ")
	out.Write(hb)
	out.WriteString("\nsignature: verified with the key " + header.Kid + " of the JWKS\npayload:\n")
	if json.Indent(&out, pb, "", "  ") != nil {
		out.Write(pb)
	}
	return out.String(), nil
}

// jwksKey finds the RSA key of a kid in a JWKS document.
func jwksKey(jwks []byte, kid string) (*rsa.PublicKey, error) {
	var set struct {
		Keys []struct {
			Kid, Kty, N, E string
		}
	}
	if err := json.Unmarshal(jwks, &set); err != nil {
		return nil, &LocalError{Code: "InvalidJWKS", Msg: "the JWKS is not JSON: " + err.Error()}
	}
	for _, k := range set.Keys {
		if k.Kid != kid || k.Kty != "RSA" {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err1 != nil || err2 != nil || len(e) > 4 {
			return nil, &LocalError{Code: "InvalidJWKS", Msg: "the key " + kid + " is not a valid RSA key"}
		}
		return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}, nil
	}
	return nil, &LocalError{Code: "UnknownKey", Msg: "the JWKS has no key " + kid}
}
