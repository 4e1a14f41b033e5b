// Package testkeys holds RSA keys made once (openssl genrsa 2048) for the
// simulator's tests, which would otherwise spend tenths of a second per
// key generating them. Never use them outside tests: everyone has them.
package testkeys

import (
	"crypto/rsa"
	"crypto/x509"
	_ "embed"
	"encoding/pem"
	"errors"
	"sync/atomic"
)

//go:embed keys.pem
var keysPEM []byte

var keys = func() []*rsa.PrivateKey {
	var out []*rsa.PrivateKey
	rest := keysPEM
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return out
		}
		k, err := x509.ParsePKCS1PrivateKey(b.Bytes)
		if err != nil {
			panic("testkeys: " + err.Error())
		}
		out = append(out, k)
	}
}()

var next atomic.Uint32

// Key returns one of the keys, in turn.
func Key(i int) *rsa.PrivateKey { return keys[i%len(keys)] }

// Source is a world.Options.RSAKey that hands the keys out in turn (2048
// bits only).
func Source(bits int) (*rsa.PrivateKey, error) {
	if bits != 2048 {
		return nil, errors.New("testkeys: only 2048-bit keys")
	}
	return keys[int(next.Add(1))%len(keys)], nil
}
