package srp_test

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/iamlab/iamlab/sim/srp"
)

// A remembered verifier is the one computed: the same each time, its
// caller's own copy, other passwords and salts still differ, and Check
// still refuses a wrong password.
func TestVerifierMemory(t *testing.T) {
	salt := new(big.Int).SetBytes(bytes.Repeat([]byte{7}, 16))
	v1 := srp.Verifier("Pool", "user", "Passw0rd!", salt)
	v1.Add(v1, big.NewInt(1)) // the caller's copy
	v2 := srp.Verifier("Pool", "user", "Passw0rd!", salt)
	if v2.Cmp(new(big.Int).Sub(v1, big.NewInt(1))) != 0 {
		t.Fatal("a second verifier differs from the first")
	}
	otherSalt := new(big.Int).SetBytes(bytes.Repeat([]byte{8}, 16))
	for _, c := range []struct {
		pw   string
		salt *big.Int
	}{{"Passw0rd?", salt}, {"Passw0rd!", otherSalt}} {
		if srp.Verifier("Pool", "user", c.pw, c.salt).Cmp(v2) == 0 {
			t.Errorf("%q: the same verifier", c.pw)
		}
	}
	if !srp.Check("Pool", "user", "Passw0rd!", salt, v2) || srp.Check("Pool", "user", "Passw0rd?", salt, v2) {
		t.Error("Check with the remembered verifier")
	}
	for i := 0; i <= srp.MaxVerifiers; i++ { // the memory starts again
		srp.Verifier("Pool", "user", string(rune('a'+i%26))+string(rune('0'+i)), salt)
	}
	if srp.Verifier("Pool", "user", "Passw0rd!", salt).Cmp(v2) != 0 {
		t.Error("the verifier changed after the memory started again")
	}
}
