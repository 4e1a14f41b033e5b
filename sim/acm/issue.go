package acm

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// SignatureAlgorithm is how the world's simulated CA signs (ECDSA P-256
// keys, which the world's randomness makes cheaply; ACM's own CAs sign
// RSA certificates with RSA).
const SignatureAlgorithm = "SHA256WITHECDSA"

// ValidityDays is how long an issued certificate is valid: ACM's public
// certificates are valid for 395 days (13 months), from the start of the
// day they are issued.
const ValidityDays = 395

// authority is the world's simulated certificate authority: a root and an
// issuing intermediate, made once from the world's randomness. Their names
// say what they are: the lab's simulation, never Amazon's CAs.
type authority struct {
	RootKey         string `json:"rootKey"` // the private scalars, hex
	IntermediateKey string `json:"intermediateKey"`
	RootDER         []byte `json:"rootDer"`
	IntermediateDER []byte `json:"intermediateDer"`
}

var authorities = world.NewKind[authority]("acm/authority")

const authorityKey = "aws"

// worldRand reads the world's randomness, for the signatures' nonces.
type worldRand struct{ w *world.World }

func (r worldRand) Read(p []byte) (int, error) {
	copy(p, randomBytes(r.w, len(p)))
	return len(p), nil
}

// ecKey makes an ECDSA key from the world's randomness (a random scalar
// below the curve's order).
func ecKey(w *world.World, curve elliptic.Curve) (*ecdsa.PrivateKey, error) {
	size := (curve.Params().BitSize + 7) / 8
	for range 64 {
		if k, err := ecdsa.ParseRawPrivateKey(curve, randomBytes(w, size)); err == nil {
			return k, nil
		}
	}
	return nil, errors.New("acm: no ECDSA key from the world's randomness")
}

func serial(w *world.World) *big.Int {
	b := randomBytes(w, 16)
	b[0] = b[0]&0x7f | 0x01 // positive, and sixteen bytes long
	return new(big.Int).SetBytes(b)
}

// ca is a loaded authority.
type ca struct {
	root, intermediate *x509.Certificate
	key                *ecdsa.PrivateKey // the intermediate's
	chainPEM           string
}

// loadAuthority returns the world's CA, making it on first use.
func loadAuthority(w *world.World, tx *world.Tx) (*ca, error) {
	a, ok := authorities.Get(tx, authorityKey)
	if !ok {
		var err error
		if a, err = newAuthority(w); err != nil {
			return nil, err
		}
		if err := authorities.Put(tx, authorityKey, a); err != nil {
			return nil, err
		}
	}
	root, err := x509.ParseCertificate(a.RootDER)
	if err != nil {
		return nil, err
	}
	inter, err := x509.ParseCertificate(a.IntermediateDER)
	if err != nil {
		return nil, err
	}
	raw, err := hex.DecodeString(a.IntermediateKey)
	if err != nil {
		return nil, err
	}
	key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), raw)
	if err != nil {
		return nil, err
	}
	return &ca{root: root, intermediate: inter, key: key, chainPEM: pemOf(a.IntermediateDER) + pemOf(a.RootDER)}, nil
}

func newAuthority(w *world.World) (*authority, error) {
	now := w.Now().UTC().Truncate(time.Second)
	rootKey, err := ecKey(w, elliptic.P256())
	if err != nil {
		return nil, err
	}
	interKey, err := ecKey(w, elliptic.P256())
	if err != nil {
		return nil, err
	}
	name := func(cn string) pkix.Name {
		return pkix.Name{Country: []string{"US"}, Organization: []string{"IAM Lab (simulated AWS)"}, CommonName: cn}
	}
	root := &x509.Certificate{SerialNumber: serial(w), Subject: name("IAM Lab Simulated Root CA"),
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(20, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, MaxPathLen: 1}
	rootDER, err := x509.CreateCertificate(worldRand{w}, root, root, rootKey.Public(), rootKey)
	if err != nil {
		return nil, err
	}
	root, _ = x509.ParseCertificate(rootDER)
	inter := &x509.Certificate{SerialNumber: serial(w), Subject: name("IAM Lab Simulated ACM Issuing CA"),
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature, MaxPathLen: 0, MaxPathLenZero: true}
	interDER, err := x509.CreateCertificate(worldRand{w}, inter, root, interKey.Public(), rootKey)
	if err != nil {
		return nil, err
	}
	rk, _ := rootKey.Bytes()
	ik, _ := interKey.Bytes()
	return &authority{RootKey: hex.EncodeToString(rk), IntermediateKey: hex.EncodeToString(ik), RootDER: rootDER, IntermediateDER: interDER}, nil
}

func pemOf(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// publicKey is the public key of a new certificate of a key algorithm.
// EC keys come from the world's randomness; an RSA_2048 certificate gets
// one of the lab's RSA public keys (rsakeys.go): making an RSA key is too
// slow for the page, and ACM never hands out the private key of a public
// certificate.
func publicKey(w *world.World, alg string) (crypto.PublicKey, error) {
	switch alg {
	case "EC_prime256v1":
		k, err := ecKey(w, elliptic.P256())
		if err != nil {
			return nil, err
		}
		return k.Public(), nil
	case "EC_secp384r1":
		k, err := ecKey(w, elliptic.P384())
		if err != nil {
			return nil, err
		}
		return k.Public(), nil
	case "RSA_2048":
		return rsaPublicKey(int(randomBytes(w, 1)[0]))
	}
	return nil, fmt.Errorf("acm: no key for algorithm %s", alg)
}

// issue gives a validated certificate its body: an X.509 certificate for
// its names, signed by the world's CA, valid from the start of the day it
// is issued.
func issue(w *world.World, tx *world.Tx, c *Certificate) error {
	auth, err := loadAuthority(w, tx)
	if err != nil {
		return err
	}
	pub, err := publicKey(w, c.KeyAlgorithm)
	if err != nil {
		return err
	}
	at := c.Issue.At.UTC()
	notBefore := at.Truncate(24 * time.Hour)
	notAfter := notBefore.AddDate(0, 0, ValidityDays).Add(-time.Second)
	usage := x509.KeyUsageDigitalSignature
	if strings.HasPrefix(c.KeyAlgorithm, "RSA") {
		usage |= x509.KeyUsageKeyEncipherment
	}
	sn := serial(w)
	tmpl := &x509.Certificate{SerialNumber: sn, Subject: pkix.Name{CommonName: c.DomainName}, DNSNames: c.Names,
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: usage, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(worldRand{w}, tmpl, auth.intermediate, pub, auth.key)
	if err != nil {
		return fmt.Errorf("acm: issuing %s: %w", c.ARN, err)
	}
	c.Issue = &Issue{At: at, NotBefore: notBefore, NotAfter: notAfter, Serial: colonHex(sn.Bytes()),
		SignatureAlgorithm: SignatureAlgorithm, CertPEM: pemOf(der), ChainPEM: auth.chainPEM}
	return nil
}

// colonHex writes a serial number as ACM shows it: "07:71:71:f4:...".
func colonHex(b []byte) string {
	parts := make([]string, len(b))
	for i, x := range b {
		parts[i] = hex.EncodeToString([]byte{x})
	}
	return strings.Join(parts, ":")
}
