package samlidp

import (
	"crypto/rsa"
	"crypto/x509"
	"embed"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
)

// labKeys are the lab's pre-made signing keys (keys/README.md): an IdP
// that names no key of its own gets the next unused one.
//
//go:embed keys/*.pem
var labKeys embed.FS

// LabKeys is how many lab keys there are.
const LabKeys = 4

// LabKey returns lab key n (1 to LabKeys).
func LabKey(n int) (*Key, error) {
	b, err := labKeys.ReadFile(fmt.Sprintf("keys/lab-%d.pem", n))
	if err != nil {
		return nil, fmt.Errorf("there is no lab key %d", n)
	}
	return ParseKey(string(b))
}

// Key is an IdP's signing key and certificate, stored as PEM and parsed
// once, when made or loaded.
type Key struct {
	PEM  string
	priv *rsa.PrivateKey
	cert []byte // DER
}

// Certificate is the key's certificate (DER).
func (k *Key) Certificate() []byte { return k.cert }

// ParseKey reads an RSA private key (PKCS #1 or PKCS #8) and, if present,
// its certificate from PEM.
func ParseKey(text string) (*Key, error) {
	k := &Key{PEM: text}
	rest := []byte(text)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if err := k.block(b); err != nil {
			return nil, err
		}
	}
	if k.priv == nil {
		return nil, errors.New("no RSA private key in the PEM text")
	}
	// A certificate is required rather than made here: making one links
	// x509.CreateCertificate into the page's WebAssembly.
	if k.cert == nil {
		return nil, errors.New("no certificate in the PEM text: give the key's certificate too")
	}
	c, err := x509.ParseCertificate(k.cert)
	if err != nil {
		return nil, err
	}
	if pub, ok := c.PublicKey.(*rsa.PublicKey); !ok || !pub.Equal(&k.priv.PublicKey) {
		return nil, errors.New("the certificate is not the private key's")
	}
	return k, nil
}

func (k *Key) block(b *pem.Block) error {
	switch b.Type {
	case "RSA PRIVATE KEY":
		p, err := x509.ParsePKCS1PrivateKey(b.Bytes)
		if err != nil {
			return err
		}
		k.priv = p
	case "PRIVATE KEY":
		p, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			return err
		}
		rk, ok := p.(*rsa.PrivateKey)
		if !ok {
			return errors.New("the private key is not an RSA key")
		}
		k.priv = rk
	case "CERTIFICATE":
		k.cert = b.Bytes
	}
	return nil
}

// MarshalJSON writes the PEM text.
func (k *Key) MarshalJSON() ([]byte, error) { return json.Marshal(k.PEM) }

// UnmarshalJSON reads and parses the PEM text.
func (k *Key) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	p, err := ParseKey(s)
	if err != nil {
		return err
	}
	*k = *p
	return nil
}
