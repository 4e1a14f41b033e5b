package xmldsig

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
)

// Sign adds an enveloped RSA-SHA256 signature to e, placed after the child
// after (first when nil; SAML wants it right after the Issuer): one
// Reference to e's ID with the enveloped signature transform and exclusive
// canonicalization, a SHA-256 digest, and the signing certificate (DER) in
// KeyInfo. RSA PKCS #1 v1.5 signing needs no randomness.
func Sign(e, after *Element, key *rsa.PrivateKey, certDER []byte) error {
	id, ok := e.Attr("ID")
	if !ok || id == "" {
		return errors.New("xmldsig: the element to sign has no ID")
	}
	d := sha256.Sum256(Canonical(e, nil, nil))

	sig := &Element{Prefix: "ds", Local: "Signature", Space: NSDSig, NS: []NS{{"ds", NSDSig}}}
	si := sig.Append(dsig("SignedInfo"))
	si.Append(dsig("CanonicalizationMethod", "Algorithm", ExcC14N))
	si.Append(dsig("SignatureMethod", "Algorithm", RSASHA256))
	ref := si.Append(dsig("Reference", "URI", "#"+id))
	ts := ref.Append(dsig("Transforms"))
	ts.Append(dsig("Transform", "Algorithm", Enveloped))
	ts.Append(dsig("Transform", "Algorithm", ExcC14N))
	ref.Append(dsig("DigestMethod", "Algorithm", DigestSHA256))
	ref.Append(dsig("DigestValue")).Children = []Node{Text(base64.StdEncoding.EncodeToString(d[:]))}

	// SignedInfo is canonicalized where it will be: inside the signature,
	// inside e.
	e.InsertAfter(sig, after)
	s := sha256.Sum256(Canonical(si, nil, nil))
	value, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, s[:])
	if err != nil {
		e.Children = removeChild(e.Children, sig)
		return err
	}
	sig.Append(dsig("SignatureValue")).Children = []Node{Text(base64.StdEncoding.EncodeToString(value))}
	x := sig.Append(dsig("KeyInfo")).Append(dsig("X509Data")).Append(dsig("X509Certificate"))
	x.Children = []Node{Text(base64.StdEncoding.EncodeToString(certDER))}
	return nil
}

// dsig makes an element of the signature namespace with attribute pairs.
func dsig(local string, attrs ...string) *Element {
	e := &Element{Prefix: "ds", Local: local, Space: NSDSig}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.Attrs = append(e.Attrs, Attr{Local: attrs[i], Value: attrs[i+1]})
	}
	return e
}

func removeChild(ns []Node, c *Element) []Node {
	for i, n := range ns {
		if n == Node(c) {
			return append(ns[:i], ns[i+1:]...)
		}
	}
	return ns
}
