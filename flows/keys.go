package flows

import (
	"crypto/rsa"
	"crypto/x509"
	_ "embed"
	"encoding/pem"
	"errors"
	"sync"
)

// keys.pem holds RSA keys made once (openssl genrsa 2048) for the tokens
// the simulated Cognito and the lab's identity provider sign in a flow:
// generating a 2048-bit key takes tenths of a second in WebAssembly. They
// sign only the simulated world's tokens; anyone can read them here.
//
//go:embed keys.pem
var keysPEM []byte

var parsedKeys = sync.OnceValues(func() ([]*rsa.PrivateKey, error) {
	var out []*rsa.PrivateKey
	rest := keysPEM
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return out, nil
		}
		k, err := x509.ParsePKCS1PrivateKey(b.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
})

// keySource hands a run's world the keys in turn, the same ones in every
// run (a world.Options.RSAKey).
func keySource() func(bits int) (*rsa.PrivateKey, error) {
	var mu sync.Mutex
	next := 0
	return func(bits int) (*rsa.PrivateKey, error) {
		keys, err := parsedKeys()
		if err != nil {
			return nil, err
		}
		if bits != 2048 || len(keys) == 0 {
			return nil, errors.New("flows: only 2048-bit keys are made beforehand")
		}
		mu.Lock()
		defer mu.Unlock()
		k := keys[next%len(keys)]
		next++
		return k, nil
	}
}
