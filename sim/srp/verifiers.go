package srp

import (
	"math/big"
	"sync"
)

// MaxVerifiers bounds the verifiers remembered; when full, the memory
// starts again.
const MaxVerifiers = 256

// verifiers remembers g^x mod N by x: a verifier is a pure function of x
// (itself a hash of the salt and the password, so no password is kept),
// and a 3072-bit exponentiation costs about ten milliseconds in
// WebAssembly. A password set and then signed in with (AdminCreateUser,
// then AdminInitiateAuth) is computed once.
var verifiers = struct {
	sync.Mutex
	m map[string]*big.Int
}{m: map[string]*big.Int{}}

// verifierOf is expG(x), remembered; the caller gets its own copy.
func verifierOf(x *big.Int) *big.Int {
	k := string(x.Bytes())
	verifiers.Lock()
	v, ok := verifiers.m[k]
	verifiers.Unlock()
	if !ok {
		v = expG(x)
		verifiers.Lock()
		if len(verifiers.m) >= MaxVerifiers {
			clear(verifiers.m)
		}
		verifiers.m[k] = v
		verifiers.Unlock()
	}
	return new(big.Int).Set(v)
}
