package acm

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// counterRand is a deterministic randomness for a world: SHA-256 of a
// counter.
type counterRand struct{ n uint64 }

func (r *counterRand) Read(p []byte) (int, error) {
	for i := 0; i < len(p); {
		r.n++
		s := sha256.Sum256([]byte{byte(r.n), byte(r.n >> 8), byte(r.n >> 16)})
		i += copy(p[i:], s[:])
	}
	return len(p), nil
}

// issued requests and issues a certificate in a new world whose clock and
// randomness are fixed.
func issued(t *testing.T, alg string) *Certificate {
	t.Helper()
	now := time.Date(2026, 12, 1, 15, 4, 5, 0, time.UTC)
	w, err := world.Open(world.NewMemory(), world.Options{Clock: func() time.Time { return now }, Rand: &counterRand{}})
	if err != nil {
		t.Fatal(err)
	}
	dn := "*.debugroom.org"
	r, err := readRequest(&requestIn{DomainName: &dn, SubjectAlternativeNames: []string{"debugroom.org"}, ValidationMethod: MethodDNS, KeyAlgorithm: alg})
	if err != nil {
		t.Fatal(err)
	}
	var cert *Certificate
	err = w.Update(func(tx *world.Tx) error {
		if cert, err = newCertificate(w, tx, r, "123456789012", "us-east-1", now); err != nil {
			return err
		}
		cert.Status, cert.Issue = StatusIssued, &Issue{At: now}
		return issue(w, tx, cert)
	})
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func parse(t *testing.T, s string) []*x509.Certificate {
	t.Helper()
	var out []*x509.Certificate
	for rest := []byte(s); ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			return out
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
}

// Issuing makes a certificate that its chain verifies, for its names,
// with the key its algorithm names; the world's randomness decides the
// keys and serial numbers (the same randomness, the same ones), so that
// the simulator needs no other source (it runs in the page's
// WebAssembly too).
func TestIssue(t *testing.T) {
	for _, tc := range []struct {
		alg string
		key func(any) bool
	}{
		{"RSA_2048", func(k any) bool { r, ok := k.(*rsa.PublicKey); return ok && r.N.BitLen() == 2048 }},
		{"EC_prime256v1", func(k any) bool { e, ok := k.(*ecdsa.PublicKey); return ok && e.Curve.Params().Name == "P-256" }},
		{"EC_secp384r1", func(k any) bool { e, ok := k.(*ecdsa.PublicKey); return ok && e.Curve.Params().Name == "P-384" }},
	} {
		t.Run(tc.alg, func(t *testing.T) {
			c := issued(t, tc.alg)
			leaf := parse(t, c.Issue.CertPEM)[0]
			chain := parse(t, c.Issue.ChainPEM)
			roots, inter := x509.NewCertPool(), x509.NewCertPool()
			roots.AddCert(chain[1])
			inter.AddCert(chain[0])
			for _, name := range []string{"debugroom.org", "www.debugroom.org"} {
				if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: name, CurrentTime: c.Issue.At}); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
			if !tc.key(leaf.PublicKey) || leaf.NotBefore != c.Issue.NotBefore || leaf.NotAfter != c.Issue.NotAfter ||
				c.Issue.NotBefore != time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) || c.Issue.SignatureAlgorithm != "SHA256WITHECDSA" ||
				leaf.SignatureAlgorithm != x509.ECDSAWithSHA256 {
				t.Errorf("leaf %T %v-%v %v", leaf.PublicKey, leaf.NotBefore, leaf.NotAfter, leaf.SignatureAlgorithm)
			}
			again := parse(t, issued(t, tc.alg).Issue.CertPEM)[0]
			if again.SerialNumber.Cmp(leaf.SerialNumber) != 0 || !bytes.Equal(again.RawSubjectPublicKeyInfo, leaf.RawSubjectPublicKeyInfo) {
				t.Error("the same world randomness gave another serial number or key")
			}
		})
	}
}

// Every RSA public key of the pool is a 2048-bit key.
func TestRSAKeys(t *testing.T) {
	for i := range rsaKeys {
		k, err := rsaPublicKey(i)
		if r, ok := k.(*rsa.PublicKey); err != nil || !ok || r.N.BitLen() != 2048 {
			t.Errorf("key %d: %T %v", i, k, err)
		}
	}
}
