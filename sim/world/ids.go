package world

import (
	"encoding/base64"
	"encoding/hex"
	"io"
)

// The prefixes of AWS's unique identifiers ("IAM identifiers" in the IAM
// User Guide).
const (
	PrefixUser         = "AIDA"
	PrefixRole         = "AROA"
	PrefixGroup        = "AGPA"
	PrefixPolicy       = "ANPA"
	PrefixAccessKey    = "AKIA"
	PrefixTemporaryKey = "ASIA"
)

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// read fills b from the world's randomness.
func (w *World) read(b []byte) {
	w.randM.Lock()
	defer w.randM.Unlock()
	if _, err := io.ReadFull(w.rand, b); err != nil {
		panic("world: randomness failed: " + err.Error()) // crypto/rand does not fail
	}
}

// NewID returns prefix followed by n characters of [A-Z2-7], as AWS's
// identifiers are written (AIDA... has 21 characters, AKIA... 20).
func (w *World) NewID(prefix string, n int) string {
	b := make([]byte, n)
	w.read(b)
	out := make([]byte, len(prefix), len(prefix)+n)
	copy(out, prefix)
	for _, c := range b {
		out = append(out, idAlphabet[c&31])
	}
	return string(out)
}

// NewSecret returns a secret access key: 40 characters of base64.
func (w *World) NewSecret() string {
	b := make([]byte, 30)
	w.read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// NewToken returns an opaque session token of n random bytes in base64.
func (w *World) NewToken(n int) string {
	b := make([]byte, n)
	w.read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// NewRequestID returns a version 4 UUID, the form of AWS's request IDs.
func (w *World) NewRequestID() string {
	var b [16]byte
	w.read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
