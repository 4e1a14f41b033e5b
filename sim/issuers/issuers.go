// Package issuers is the registry of the token issuers whose keys the
// simulated AWS holds: Cognito user pools
// (https://cognito-idp.REGION.amazonaws.com/POOL), Cognito identity
// pools' OpenID tokens (https://cognito-identity.amazonaws.com), and the
// lab's simulated OpenID Connect identity providers (lab.go), which stand
// in for an external IdP in a closed world. STS verifies a
// WebIdentityToken against it; each issuer's signing keys are world
// records, made on first use from the world's key source
// (world.Options.RSAKey), so that a world with a user pool nobody signs in
// to never pays for a key.
package issuers

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/jwt"
	"github.com/iamlab/iamlab/sim/world"
)

// KeyBits is the size of the issuers' RSA keys, as Cognito's.
const KeyBits = 2048

// CognitoIdentity is the issuer of Cognito identity pools' OpenID tokens.
const CognitoIdentity = "https://cognito-identity.amazonaws.com"

// Issuer is a token issuer and its signing keys.
type Issuer struct {
	URL  string `json:"url"`
	Keys []Key  `json:"keys"`
	// Lab marks a simulated external identity provider (lab.go).
	Lab bool `json:"lab,omitempty"`
}

// Key is one signing key with its kid.
type Key struct {
	Kid     string
	Private *rsa.PrivateKey
}

type keyJSON struct {
	Kid   string `json:"kid"`
	PKCS1 []byte `json:"pkcs1"`
}

// MarshalJSON stores the key as PKCS #1 DER.
func (k Key) MarshalJSON() ([]byte, error) {
	return json.Marshal(keyJSON{k.Kid, x509.MarshalPKCS1PrivateKey(k.Private)})
}

// UnmarshalJSON reads the key once, when the record is loaded.
func (k *Key) UnmarshalJSON(b []byte) error {
	var j keyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	p, err := x509.ParsePKCS1PrivateKey(j.PKCS1)
	if err != nil {
		return err
	}
	k.Kid, k.Private = j.Kid, p
	return nil
}

var issuers = world.NewKind[Issuer]("jwt/issuer")

// Get returns the issuer of URL, if the world holds its keys.
func Get(tx *world.Tx, url string) (*Issuer, bool) { return issuers.Get(tx, url) }

// Delete forgets an issuer's keys (its user pool was deleted): its tokens
// verify no more.
func Delete(tx *world.Tx, url string) error { return issuers.Delete(tx, url) }

// Ensure returns the issuer of url with at least n keys, making the
// missing keys first, outside any Update (keys take long to make), then
// storing them unless another call stored some meanwhile. It must not be
// called inside World.Update.
func Ensure(w *world.World, url string, n int, lab bool) (*Issuer, error) {
	var is *Issuer
	_ = w.View(func(tx *world.Tx) error {
		is, _ = issuers.Get(tx, url)
		return nil
	})
	if is != nil && len(is.Keys) >= n {
		return is, nil
	}
	var made []Key
	for i := 0; i < n; i++ {
		k, err := w.NewRSAKey(KeyBits)
		if err != nil {
			return nil, fmt.Errorf("issuers: a key for %s: %w", url, err)
		}
		made = append(made, Key{Kid: jwt.KeyID(&k.PublicKey), Private: k})
	}
	err := w.Update(func(tx *world.Tx) error {
		cur, ok := issuers.Get(tx, url)
		if ok && len(cur.Keys) >= n {
			is = cur
			return nil
		}
		is = &Issuer{URL: url, Keys: made, Lab: lab}
		return issuers.Put(tx, url, is)
	})
	if err != nil {
		return nil, err
	}
	return is, nil
}

// Sign signs claims with the issuer's i-th key.
func (is *Issuer) Sign(i int, claims any) (string, error) {
	k := is.Keys[i%len(is.Keys)]
	return jwt.Sign(k.Private, k.Kid, claims)
}

// JWKS is the issuer's public key set.
func (is *Issuer) JWKS() jwt.JWKS {
	set := jwt.JWKS{Keys: make([]jwt.JWK, 0, len(is.Keys))}
	for _, k := range is.Keys {
		set.Keys = append(set.Keys, jwt.PublicJWK(&k.Private.PublicKey, k.Kid))
	}
	return set
}

func (is *Issuer) key(kid string) *rsa.PublicKey {
	for _, k := range is.Keys {
		if k.Kid == kid {
			return &k.Private.PublicKey
		}
	}
	return nil
}

// Why a token was refused.
var (
	// ErrUnknownIssuer: the world holds no keys of the token's iss (a
	// provider the closed world cannot reach).
	ErrUnknownIssuer = errors.New("unknown issuer")
	// ErrUnknownKey: the issuer has no key of the token's kid.
	ErrUnknownKey = errors.New("unknown key")
	// ErrExpired: the token's exp has passed.
	ErrExpired = errors.New("expired")
)

// Verify parses a token, finds its issuer by the iss claim and its key by
// kid, and checks the signature. It does not check the time (Current).
func Verify(tx *world.Tx, token string) (*jwt.Token, *Issuer, error) {
	t, err := jwt.Parse(token)
	if err != nil {
		return nil, nil, err
	}
	iss := t.Claims.String("iss")
	is, ok := issuers.Get(tx, iss)
	if !ok {
		return t, nil, ErrUnknownIssuer
	}
	key := is.key(t.Header.Kid)
	if key == nil {
		return t, is, ErrUnknownKey
	}
	if err := t.Verify(key); err != nil {
		return t, is, err
	}
	return t, is, nil
}

// Current checks a token's exp (required) and nbf at now.
func Current(t *jwt.Token, now time.Time) error {
	exp, ok := t.Claims.Time("exp")
	if !ok || !now.Before(exp) {
		return ErrExpired
	}
	if nbf, ok := t.Claims.Time("nbf"); ok && now.Before(nbf) {
		return ErrExpired
	}
	return nil
}

// Host is an issuer URL without its scheme, as providers are named in
// trust policies and condition keys ("cognito-identity.amazonaws.com",
// "cognito-idp.us-east-1.amazonaws.com/us-east-1_X").
func Host(url string) string {
	return strings.TrimSuffix(strings.TrimPrefix(url, "https://"), "/")
}
