package jwt_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	gojwt "github.com/golang-jwt/jwt/v5"

	"github.com/iamlab/iamlab/sim/internal/testkeys"
	"github.com/iamlab/iamlab/sim/jwt"
)

// The tokens Sign makes verify with golang-jwt, an independent
// implementation, through the key set's JWK.
func TestSignVerifiesElsewhere(t *testing.T) {
	key := testkeys.Key(0)
	kid := jwt.KeyID(&key.PublicKey)
	tok, err := jwt.Sign(key, kid, map[string]any{"sub": "alice", "aud": "app", "exp": 4102444800, "cognito:groups": []string{"a"}})
	if err != nil {
		t.Fatal(err)
	}
	set := jwt.JWKS{Keys: []jwt.JWK{jwt.PublicJWK(&key.PublicKey, kid)}}
	b, _ := json.Marshal(set)
	parsed, err := jwt.ParseJWKS(b)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := parsed.Find(kid)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gojwt.Parse(tok, func(tk *gojwt.Token) (any, error) {
		if tk.Header["kid"] != kid {
			t.Errorf("kid %v", tk.Header["kid"])
		}
		return pub, nil
	}, gojwt.WithValidMethods([]string{"RS256"}))
	if err != nil || !got.Valid {
		t.Fatalf("golang-jwt: %v", err)
	}
	if sub, _ := got.Claims.GetSubject(); sub != "alice" {
		t.Errorf("sub %q", sub)
	}
	// And with ours.
	pt, err := jwt.Parse(tok)
	if err != nil || pt.Verify(pub) != nil || pt.Claims.String("sub") != "alice" || pt.Claims.Strings("aud")[0] != "app" {
		t.Fatalf("%v %+v", err, pt)
	}
	if exp, ok := pt.Claims.Time("exp"); !ok || exp.Year() != 2100 {
		t.Errorf("exp %v", exp)
	}
	// Another key does not verify it.
	if pt.Verify(&testkeys.Key(1).PublicKey) == nil {
		t.Error("verified with the wrong key")
	}
}

func TestParseRefuses(t *testing.T) {
	key := testkeys.Key(0)
	good, _ := jwt.Sign(key, "k", map[string]any{"sub": "x"})
	parts := strings.Split(good, ".")
	none := b64(`{"alg":"none","kid":"k"}`) + "." + parts[1] + "."
	hs := b64(`{"alg":"HS256","kid":"k"}`) + "." + parts[1] + "." + parts[2]
	for _, tc := range []struct {
		name, tok string
		want      error
	}{
		{"two parts", parts[0] + "." + parts[1], jwt.ErrMalformed},
		{"four parts", good + ".x", jwt.ErrMalformed},
		{"header not base64", "*." + parts[1] + "." + parts[2], jwt.ErrMalformed},
		{"payload not JSON", parts[0] + "." + b64("[1]") + "." + parts[2], jwt.ErrMalformed},
		{"payload null", parts[0] + "." + b64("null") + "." + parts[2], jwt.ErrMalformed},
		{"signature not base64", parts[0] + "." + parts[1] + ".!!", jwt.ErrMalformed},
		{"alg none", none, jwt.ErrAlgorithm},
		{"alg HS256", hs, jwt.ErrAlgorithm},
		{"too long", strings.Repeat("a", jwt.MaxToken+1), jwt.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := jwt.Parse(tc.tok)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// A changed payload no longer verifies.
	tampered := parts[0] + "." + b64(`{"sub":"admin"}`) + "." + parts[2]
	tk, err := jwt.Parse(tampered)
	if err != nil || tk.Verify(&key.PublicKey) != jwt.ErrSignature {
		t.Errorf("tampered: %v", err)
	}
}

func b64(s string) string {
	return strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(stdEnc(s)), "=")
}

// FuzzParse: any text parses to a token or an error, never a panic; a
// token that parses has an RS256 header and an object payload, and the
// signature of the same header and payload by our key verifies.
func FuzzParse(f *testing.F) {
	key := testkeys.Key(0)
	good, _ := jwt.Sign(key, "k", map[string]any{"sub": "x", "aud": []string{"a", "b"}})
	f.Add(good)
	f.Add("a.b.c")
	f.Add(b64(`{"alg":"RS256"}`) + "." + b64(`{}`) + ".")
	f.Add(b64(`{"alg":"none"}`) + "." + b64(`{"a":1}`) + ".")
	f.Fuzz(func(t *testing.T, s string) {
		tk, err := jwt.Parse(s)
		if err != nil {
			if tk != nil {
				t.Fatal("a token with an error")
			}
			return
		}
		if tk.Header.Alg != "RS256" || tk.Claims == nil {
			t.Fatalf("accepted %q: %+v", s, tk)
		}
		re, err := jwt.Sign(key, tk.Header.Kid, tk.Claims)
		if err != nil {
			t.Fatal(err)
		}
		rt, err := jwt.Parse(re)
		if err != nil || rt.Verify(&key.PublicKey) != nil {
			t.Fatalf("re-signed claims do not verify: %v", err)
		}
	})
}

func stdEnc(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// FuzzJWKS: any key set text gives keys or errors, never a panic; a key
// that reads back is the one PublicJWK wrote when its text came from it.
func FuzzJWKS(f *testing.F) {
	key := testkeys.Key(0)
	b, _ := json.Marshal(jwt.JWKS{Keys: []jwt.JWK{jwt.PublicJWK(&key.PublicKey, "k")}})
	f.Add(string(b))
	f.Add(`{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"x"}]}`)
	f.Add(`{"keys":[{"kty":"EC"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		set, err := jwt.ParseJWKS([]byte(s))
		if err != nil {
			return
		}
		for _, k := range set.Keys {
			pub, err := k.Public()
			if err != nil {
				continue
			}
			if pub.E < 3 || pub.E%2 == 0 || pub.N.Sign() <= 0 {
				t.Fatalf("accepted key %+v", k)
			}
			again, err := jwt.PublicJWK(pub, k.Kid).Public()
			if err != nil || again.N.Cmp(pub.N) != 0 || again.E != pub.E {
				t.Fatalf("key %+v does not read back: %v", k, err)
			}
		}
	})
}
