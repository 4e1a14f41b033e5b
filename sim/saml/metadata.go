// Package saml is SAML 2.0 as IAM and STS read it: an identity provider's
// metadata (its entity ID and signing certificates), the SAML provider
// record IAM keeps for it, and the signed SAML response that
// AssumeRoleWithSAML exchanges for credentials, checked as STS checks it.
// Signatures are package xmldsig's.
package saml

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/xmldsig"
)

// The SAML 2.0 namespaces.
const (
	NSMetadata  = "urn:oasis:names:tc:SAML:2.0:metadata"
	NSAssertion = "urn:oasis:names:tc:SAML:2.0:assertion"
	NSProtocol  = "urn:oasis:names:tc:SAML:2.0:protocol"
)

// MaxMetadata is the SAMLMetadataDocument parameter's longest value (IAM
// API Reference: 1,000 to 10,000,000 characters).
const (
	MinMetadata = 1000
	MaxMetadata = 10000000
)

// metadataLimits bound the parsing of a metadata document.
var metadataLimits = xmldsig.Limits{MaxBytes: MaxMetadata, MaxDepth: 64, MaxElements: 100000, MaxAttrs: 64}

// MinKeyBits: "The x.509 certificate included as part of the SAML metadata
// document must use a key size of at least 1024 bits" (IAM User Guide,
// creating IAM SAML identity providers).
const MinKeyBits = 1024

// Metadata is what IAM keeps of an identity provider's metadata document.
type Metadata struct {
	EntityID string
	// Certs are the IdP's signing certificates (KeyDescriptor use="signing"
	// or with no use) of its IDPSSODescriptor.
	Certs []*x509.Certificate
	// ValidUntil is the document's validUntil, zero when it has none.
	ValidUntil time.Time
}

// ErrMetadata is IAM's answer to a document it cannot use: "Could not
// parse metadata." (InvalidInput; IAM User Guide, troubleshooting SAML).
var ErrMetadata = errors.New("Could not parse metadata.")

// ParseMetadata reads an EntityDescriptor with an IDPSSODescriptor and at
// least one RSA signing certificate of MinKeyBits or more.
func ParseMetadata(text string) (*Metadata, error) {
	if strings.HasPrefix(text, "\uFEFF") {
		// "The metadata file must be encoded in UTF-8 format without a
		// byte order mark (BOM)."
		return nil, ErrMetadata
	}
	root, err := xmldsig.Parse([]byte(text), metadataLimits)
	if err != nil {
		return nil, ErrMetadata
	}
	if root.Is(NSMetadata, "EntitiesDescriptor") {
		ds := root.Find(NSMetadata, "EntityDescriptor")
		if len(ds) != 1 {
			return nil, ErrMetadata
		}
		root = ds[0]
	}
	if !root.Is(NSMetadata, "EntityDescriptor") {
		return nil, ErrMetadata
	}
	m := &Metadata{}
	m.EntityID, _ = root.Attr("entityID")
	if m.EntityID == "" {
		return nil, ErrMetadata
	}
	if v, ok := root.Attr("validUntil"); ok {
		if m.ValidUntil, err = time.Parse(time.RFC3339Nano, v); err != nil {
			return nil, ErrMetadata
		}
	}
	idp := root.First(NSMetadata, "IDPSSODescriptor")
	if idp == nil {
		return nil, ErrMetadata
	}
	for _, kd := range idp.Find(NSMetadata, "KeyDescriptor") {
		if use, ok := kd.Attr("use"); ok && use != "signing" {
			continue
		}
		c, err := keyCert(kd)
		if err != nil {
			return nil, err
		}
		m.Certs = append(m.Certs, c)
	}
	if len(m.Certs) == 0 {
		return nil, ErrMetadata
	}
	return m, nil
}

// keyCert reads KeyInfo/X509Data/X509Certificate.
func keyCert(kd *xmldsig.Element) (*x509.Certificate, error) {
	ki := kd.First(xmldsig.NSDSig, "KeyInfo")
	if ki == nil {
		return nil, ErrMetadata
	}
	xd := ki.First(xmldsig.NSDSig, "X509Data")
	if xd == nil {
		return nil, ErrMetadata
	}
	xc := xd.First(xmldsig.NSDSig, "X509Certificate")
	if xc == nil {
		return nil, ErrMetadata
	}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(xc.Text()), ""))
	if err != nil {
		return nil, ErrMetadata
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, ErrMetadata
	}
	pub, ok := c.PublicKey.(*rsa.PublicKey)
	if !ok || pub.N.BitLen() < MinKeyBits {
		return nil, ErrMetadata
	}
	return c, nil
}
