package jwt_test

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/sim/internal/testkeys"
	"github.com/iamlab/iamlab/sim/jwt"
)

// Remembering valid signatures changes no answer: once a token has
// verified (and been signed here), a token that differs in its payload or
// its signature, or another key, is still refused.
func TestVerifiedMemoryRefusesChanges(t *testing.T) {
	key := testkeys.Key(0)
	tok, err := jwt.Sign(key, "k", map[string]any{"sub": "alice"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := jwt.Sign(key, "k", map[string]any{"sub": "mallory"})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok, ".")
	otherParts := strings.Split(other, ".")
	flip := []byte(parts[2])
	if flip[5] == 'A' {
		flip[5] = 'B'
	} else {
		flip[5] = 'A'
	}
	cases := []struct {
		name string
		tok  string
		key  int
		ok   bool
	}{
		{"as signed", tok, 0, true},
		{"as signed, again", tok, 0, true},
		{"another key", tok, 1, false},
		{"another payload", parts[0] + "." + otherParts[1] + "." + parts[2], 0, false},
		{"a changed signature", parts[0] + "." + parts[1] + "." + string(flip), 0, false},
		{"another token's signature", parts[0] + "." + parts[1] + "." + otherParts[2], 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pt, err := jwt.Parse(c.tok)
			if err != nil {
				t.Fatal(err)
			}
			if got := pt.Verify(&testkeys.Key(c.key).PublicKey) == nil; got != c.ok {
				t.Errorf("verified %v, want %v", got, c.ok)
			}
		})
	}
	pt, _ := jwt.Parse(tok)
	if pt.Verify(nil) == nil {
		t.Error("verified without a key")
	}
}

// More than MaxVerified signatures: the memory starts again and answers
// stay right.
func TestVerifiedMemoryBound(t *testing.T) {
	key := testkeys.Key(0)
	first, _ := jwt.Sign(key, "k", map[string]any{"n": -1})
	for i := 0; i <= jwt.MaxVerified; i++ {
		if _, err := jwt.Sign(key, "k", map[string]any{"n": i}); err != nil {
			t.Fatal(err)
		}
	}
	pt, _ := jwt.Parse(first)
	if pt.Verify(&key.PublicKey) != nil {
		t.Error("a valid token refused after the memory started again")
	}
}
