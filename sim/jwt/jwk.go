package jwt

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
)

// JWK is one public RSA key of a JSON Web Key Set, with the members
// Cognito publishes: alg, e, kid, kty, n, use.
type JWK struct {
	Alg string `json:"alg"`
	E   string `json:"e"`
	Kid string `json:"kid"`
	Kty string `json:"kty"`
	N   string `json:"n"`
	Use string `json:"use"`
}

// JWKS is a JSON Web Key Set: {"keys": [...]}.
type JWKS struct {
	Keys []JWK `json:"keys"`
}

// PublicJWK is the public half of key as a JWK.
func PublicJWK(key *rsa.PublicKey, kid string) JWK {
	return JWK{Alg: "RS256", E: b64.EncodeToString(big.NewInt(int64(key.E)).Bytes()), Kid: kid, Kty: "RSA",
		N: b64.EncodeToString(key.N.Bytes()), Use: "sig"}
}

// KeyID is the kid the lab gives a key: base64 of the SHA-256 of its
// public key, the form of Cognito's kids ("1234example=").
func KeyID(key *rsa.PublicKey) string {
	sum := sha256.Sum256(x509.MarshalPKCS1PublicKey(key))
	return stdB64(sum[:])
}

// MaxKeyBits bounds the modulus of a key read from a JWK.
const MaxKeyBits = 8192

// Public reads an RSA public key from a JWK.
func (k JWK) Public() (*rsa.PublicKey, error) {
	if k.Kty != "RSA" {
		return nil, errors.New("jwk: not an RSA key")
	}
	n, err := b64.DecodeString(k.N)
	if err != nil || len(n) == 0 || len(n) > MaxKeyBits/8 {
		return nil, errors.New("jwk: bad modulus")
	}
	e, err := b64.DecodeString(k.E)
	if err != nil || len(e) == 0 || len(e) > 4 {
		return nil, errors.New("jwk: bad exponent")
	}
	ei := new(big.Int).SetBytes(e).Int64()
	if ei < 3 || ei%2 == 0 {
		return nil, errors.New("jwk: bad exponent")
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(ei)}, nil
}

// ParseJWKS reads a key set.
func ParseJWKS(b []byte) (*JWKS, error) {
	var s JWKS
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Find returns the key with the given kid.
func (s *JWKS) Find(kid string) (*rsa.PublicKey, error) {
	for _, k := range s.Keys {
		if k.Kid == kid {
			return k.Public()
		}
	}
	return nil, errors.New("jwk: no key " + kid)
}

func stdB64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
