package xmldsig

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// Namespaces and algorithm identifiers (XML Signature Syntax and
// Processing, and RFC 6931 for the SHA-256 ones).
const (
	NSDSig       = "http://www.w3.org/2000/09/xmldsig#"
	Enveloped    = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
	RSASHA256    = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	RSASHA1      = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
	DigestSHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
	DigestSHA1   = "http://www.w3.org/2000/09/xmldsig#sha1"
)

// The errors of Verify. ErrNoSignature means the element carries none;
// anything else wraps ErrInvalid.
var (
	ErrNoSignature = errors.New("the element is not signed")
	ErrInvalid     = errors.New("invalid signature")
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Verify checks the enveloped signature of e: a ds:Signature child of e
// whose single Reference names e itself by its ID attribute, whose digest
// matches e's exclusive canonical form without that signature, and whose
// signature value one of certs' RSA keys verifies. The keys in the
// signature's own KeyInfo are never trusted.
//
// root is e's document: an ID that two of its elements share is refused,
// so that the reference cannot be read as naming another element
// (signature wrapping).
func Verify(root, e *Element, certs []*x509.Certificate) error {
	sigs := e.Find(NSDSig, "Signature")
	if len(sigs) == 0 {
		return ErrNoSignature
	}
	if len(sigs) > 1 {
		return invalid("more than one signature")
	}
	sig := sigs[0]
	id, ok := e.Attr("ID")
	if !ok || id == "" {
		return invalid("the signed element has no ID")
	}
	if n := countID(root, id); n != 1 {
		return invalid("the ID %q is not unique in the document", id)
	}
	si, err := only(sig, "SignedInfo")
	if err != nil {
		return err
	}
	ref, err := only(si, "Reference")
	if err != nil {
		return err
	}
	if uri, _ := ref.Attr("URI"); uri != "#"+id {
		return invalid("the reference names %q, not the signed element", uri)
	}
	if err := checkDigest(e, sig, ref); err != nil {
		return err
	}
	return checkValue(sig, si, certs)
}

// only returns the one child element of that name in the dsig namespace.
func only(e *Element, local string) (*Element, error) {
	found := e.Find(NSDSig, local)
	if len(found) != 1 {
		return nil, invalid("expected one %s in %s, found %d", local, e.Local, len(found))
	}
	return found[0], nil
}

func countID(root *Element, id string) int {
	n := 0
	root.Walk(func(el *Element) {
		for _, a := range el.Attrs {
			if a.Space == "" && (a.Local == "ID" || a.Local == "Id" || a.Local == "id") && a.Value == id {
				n++
			}
		}
	})
	return n
}

// checkDigest applies the reference's transforms (the enveloped signature
// transform and exclusive canonicalization, which are all a SAML signature
// uses) and compares the digest.
func checkDigest(e, sig, ref *Element) error {
	var prefixes []string
	c14n := false
	if ts := ref.First(NSDSig, "Transforms"); ts != nil {
		for _, t := range ts.Find(NSDSig, "Transform") {
			switch alg, _ := t.Attr("Algorithm"); alg {
			case Enveloped:
			case ExcC14N:
				c14n = true
				prefixes = inclusivePrefixes(t)
			default:
				return invalid("unsupported transform %q", alg)
			}
		}
	}
	if !c14n {
		return invalid("the reference is not canonicalized with %s", ExcC14N)
	}
	dm, err := only(ref, "DigestMethod")
	if err != nil {
		return err
	}
	alg, _ := dm.Attr("Algorithm")
	h := digest(alg)
	if h == nil {
		return invalid("unsupported digest method %q", alg)
	}
	dv, err := only(ref, "DigestValue")
	if err != nil {
		return err
	}
	want, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(dv.Text()), ""))
	if err != nil {
		return invalid("the digest value is not base64")
	}
	h.Write(Canonical(e, sig, prefixes))
	if !bytes.Equal(h.Sum(nil), want) {
		return invalid("the digest does not match: the signed element was changed")
	}
	return nil
}

// checkValue canonicalizes SignedInfo and verifies the signature value.
func checkValue(sig, si *Element, certs []*x509.Certificate) error {
	cm, err := only(si, "CanonicalizationMethod")
	if err != nil {
		return err
	}
	if alg, _ := cm.Attr("Algorithm"); alg != ExcC14N {
		return invalid("unsupported canonicalization %q", alg)
	}
	sm, err := only(si, "SignatureMethod")
	if err != nil {
		return err
	}
	alg, _ := sm.Attr("Algorithm")
	var h crypto.Hash
	switch alg {
	case RSASHA256:
		h = crypto.SHA256
	case RSASHA1:
		h = crypto.SHA1
	default:
		return invalid("unsupported signature method %q", alg)
	}
	sv, err := only(sig, "SignatureValue")
	if err != nil {
		return err
	}
	value, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(sv.Text()), ""))
	if err != nil {
		return invalid("the signature value is not base64")
	}
	hh := h.New()
	hh.Write(Canonical(si, nil, inclusivePrefixes(cm)))
	sum := hh.Sum(nil)
	for _, c := range certs {
		if pub, ok := c.PublicKey.(*rsa.PublicKey); ok && rsa.VerifyPKCS1v15(pub, h, sum, value) == nil {
			return nil
		}
	}
	return invalid("no signing certificate of the identity provider verifies the signature")
}

func digest(alg string) hash.Hash {
	switch alg {
	case DigestSHA256:
		return sha256.New()
	case DigestSHA1:
		return sha1.New()
	}
	return nil
}

// inclusivePrefixes reads the InclusiveNamespaces PrefixList of a transform
// or canonicalization method.
func inclusivePrefixes(method *Element) []string {
	if in := method.First(ExcC14N, "InclusiveNamespaces"); in != nil {
		list, _ := in.Attr("PrefixList")
		return strings.Fields(list)
	}
	return nil
}
