package jwt

import (
	"crypto/rsa"
	"strconv"
	"sync"
)

// MaxVerified bounds the signatures remembered as valid; when full, the
// memory starts again.
const MaxVerified = 256

// verified remembers signatures known to be valid: those Sign made and
// those Verify checked. Whether an RS256 signature is valid depends only
// on the public key, the signed text and the signature, so the answer
// can be remembered; an RSA verification costs about a millisecond in
// WebAssembly, and a flow presents one token several times (GetId, then
// GetCredentialsForIdentity). A token that differs in any byte, or a
// different key, misses and is verified.
var verified = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

// verifiedKey is the memory's key: the public key's modulus and exponent,
// the signed text and the signature.
func verifiedKey(key *rsa.PublicKey, signed string, sig []byte) string {
	return string(key.N.Bytes()) + "|" + strconv.Itoa(key.E) + "|" + signed + "|" + string(sig)
}

func knownValid(k string) bool {
	verified.Lock()
	defer verified.Unlock()
	return verified.m[k]
}

func rememberValid(k string) {
	verified.Lock()
	defer verified.Unlock()
	if len(verified.m) >= MaxVerified {
		clear(verified.m)
	}
	verified.m[k] = true
}
