package flows

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
)

// token signs claims with the first key of keys.pem, as an issuer would.
func token(t testing.TB, kid string, claims map[string]any) (string, []byte) {
	keys, err := parsedKeys()
	if err != nil {
		t.Fatal(err)
	}
	k := keys[0]
	h, _ := json.Marshal(map[string]string{"alg": "RS256", "kid": kid, "typ": "JWT"})
	p, _ := json.Marshal(claims)
	signing := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := json.Marshal(map[string]any{"keys": []map[string]string{{"kid": kid, "kty": "RSA",
		"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()), "e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes())}}})
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig), jwks
}

func TestVerifyJWTRefusals(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	good, jwks := token(t, "k1", map[string]any{"sub": "alice", "exp": now.Unix() + 60})
	if claims, err := verifyJWT(good, jwks, now); err != nil || claims == "" {
		t.Fatalf("a good token: %v", err)
	}
	expired, _ := token(t, "k1", map[string]any{"exp": now.Unix()})
	otherKid, _ := token(t, "k2", map[string]any{"exp": now.Unix() + 60})
	tampered := good[:len(good)-4] + "AAAA"
	for name, tc := range map[string]struct{ tok, code string }{
		"expired":   {expired, "TokenExpired"},
		"other kid": {otherKid, "UnknownKey"},
		"tampered":  {tampered, "InvalidSignature"},
		"two parts": {"a.b", "InvalidToken"},
		"not json":  {"eyJ.e30.AA", "InvalidToken"},
	} {
		_, err := verifyJWT(tc.tok, jwks, now)
		var le *LocalError
		if !errors.As(err, &le) || le.Code != tc.code {
			t.Errorf("%s: %v, want %s", name, err, tc.code)
		}
	}
}

// FuzzVerifyJWT: any token and JWKS is verified or refused with a
// LocalError, never a panic; only the signed header and payload verify.
func FuzzVerifyJWT(f *testing.F) {
	now := time.Unix(1_800_000_000, 0)
	good, jwks := token(f, "k1", map[string]any{"exp": now.Unix() + 60})
	f.Add(good, string(jwks))
	f.Add("a.b.c", `{"keys":[{"kid":"k","kty":"RSA","n":"AQAB","e":"AQAB"}]}`)
	f.Fuzz(func(t *testing.T, tok, set string) {
		_, err := verifyJWT(tok, []byte(set), now)
		signed := good[:strings.LastIndexByte(good, '.')]
		if err == nil && !strings.HasPrefix(tok, signed+".") {
			t.Fatalf("%q verified with %q", tok, set)
		}
		var le *LocalError
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("not a LocalError: %v", err)
		}
	})
}
