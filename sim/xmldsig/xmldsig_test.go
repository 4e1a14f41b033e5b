package xmldsig_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"

	"github.com/iamlab/iamlab/sim/xmldsig"
)

// A SAML-like document: prefixes on some elements and not others, a
// namespace declared above the part that is signed and used inside it,
// attributes out of order, text that needs escaping, an xs prefix that is
// used only inside attribute values (what InclusiveNamespaces is for).
const sample = `<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="_r1" Version="2.0">
  <saml:Issuer>https://idp.example.com/</saml:Issuer>
  <saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="2.0" ID="_a1" IssueInstant="2026-12-01T00:00:00Z">
    <saml:Issuer>https://idp.example.com/</saml:Issuer>
    <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice &amp; bob &lt;ok&gt;</saml:NameID></saml:Subject>
    <saml:AttributeStatement>
      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName">
        <saml:AttributeValue xsi:type="xs:string">alice</saml:AttributeValue>
      </saml:Attribute>
      <Extra xmlns="urn:example:default" b="2" a="1" xml:lang="en">default &quot;ns&quot; <![CDATA[<cdata>]]></Extra>
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>`

var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
	testDER []byte
)

// key is a throwaway RSA key and self-signed certificate for these tests.
func key(t testing.TB) (*rsa.PrivateKey, []byte, *x509.Certificate) {
	t.Helper()
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "xmldsig test"},
			NotBefore: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
		if err != nil {
			panic(err)
		}
		testKey, testDER = k, der
	})
	c, err := x509.ParseCertificate(testDER)
	if err != nil {
		t.Fatal(err)
	}
	return testKey, testDER, c
}

func parse(t testing.TB, s string) *xmldsig.Element {
	t.Helper()
	e, err := xmldsig.Parse([]byte(s), xmldsig.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func assertionOf(root *xmldsig.Element) *xmldsig.Element {
	return root.First("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")
}

// detach copies el with the namespace declarations in scope: goxmldsig
// reads an element's namespaces from the element alone.
func detach(t testing.TB, el *etree.Element) *etree.Element {
	t.Helper()
	ctx, err := etreeutils.NSBuildParentContext(el)
	if err != nil {
		t.Fatal(err)
	}
	det, err := etreeutils.NSDetatch(ctx, el)
	if err != nil {
		t.Fatal(err)
	}
	return det
}

// refCanonical is goxmldsig's exclusive canonical form of the element at
// path in doc (the reference).
func refCanonical(t testing.TB, doc string, path string, prefixes string) (string, bool) {
	t.Helper()
	d := etree.NewDocument()
	if err := d.ReadFromString(doc); err != nil {
		return "", false
	}
	el := d.Root()
	if path != "" {
		el = detach(t, d.FindElement(path))
	}
	b, err := dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList(prefixes).Canonicalize(el)
	if err != nil {
		return "", false
	}
	return string(b), true
}

func TestCanonicalMatchesReference(t *testing.T) {
	root := parse(t, sample)
	for _, tc := range []struct {
		name, path, prefixes string
		el                   *xmldsig.Element
	}{
		{"document", "", "", root},
		{"assertion, namespaces from above", "./Response/Assertion", "", assertionOf(root)},
		{"assertion with an inclusive prefix", "./Response/Assertion", "xs", assertionOf(root)},
		{"assertion with #default", "./Response/Assertion", "#default xs", assertionOf(root)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, ok := refCanonical(t, sample, tc.path, tc.prefixes)
			if !ok {
				t.Fatal("the reference could not canonicalize")
			}
			got := string(xmldsig.Canonical(tc.el, nil, strings.Fields(tc.prefixes)))
			if got != want {
				t.Errorf("canonical form differs\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

// TestSignVerifiedByReference: what Sign makes, goxmldsig accepts.
func TestSignVerifiedByReference(t *testing.T) {
	k, der, cert := key(t)
	root := parse(t, sample)
	a := assertionOf(root)
	if err := xmldsig.Sign(a, a.First("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer"), k, der); err != nil {
		t.Fatal(err)
	}
	out := root.Bytes()
	d := etree.NewDocument()
	if err := d.ReadFromBytes(out); err != nil {
		t.Fatal(err)
	}
	ctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	if _, err := ctx.Validate(detach(t, d.FindElement("./Response/Assertion"))); err != nil {
		t.Fatalf("goxmldsig refuses the signature: %v\n%s", err, out)
	}
	// And this package accepts its own signature after a round trip.
	back := parse(t, string(out))
	if err := xmldsig.Verify(back, assertionOf(back), []*x509.Certificate{cert}); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyReferenceSignature: what goxmldsig signs, Verify accepts, with
// RSA-SHA256 and RSA-SHA1. (goxmldsig signs with a prefix list without
// writing its InclusiveNamespaces element: TestInclusiveNamespaces.)
func TestVerifyReferenceSignature(t *testing.T) {
	k, der, cert := key(t)
	for _, tc := range []struct {
		name, prefixes, method string
	}{
		{"exclusive", "", dsig.RSASHA256SignatureMethod},
		{"rsa-sha1", "", dsig.RSASHA1SignatureMethod},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := refSign(t, k, der, tc.prefixes, tc.method)
			root := parse(t, out)
			if err := xmldsig.Verify(root, assertionOf(root), []*x509.Certificate{cert}); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
		})
	}
}

// refSign signs the sample's assertion with goxmldsig.
func refSign(t testing.TB, k *rsa.PrivateKey, der []byte, prefixes, method string) string {
	t.Helper()
	d := etree.NewDocument()
	if err := d.ReadFromString(sample); err != nil {
		t.Fatal(err)
	}
	ctx, err := dsig.NewSigningContext(k, [][]byte{der})
	if err != nil {
		t.Fatal(err)
	}
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList(prefixes)
	if err := ctx.SetSignatureMethod(method); err != nil {
		t.Fatal(err)
	}
	a := d.FindElement("./Response/Assertion")
	signed, err := ctx.SignEnveloped(detach(t, a))
	if err != nil {
		t.Fatal(err)
	}
	parent := a.Parent()
	parent.RemoveChild(a)
	parent.AddChild(signed)
	s, err := d.WriteToString()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestVerifyRefuses(t *testing.T) {
	k, der, cert := key(t)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	root := parse(t, sample)
	a := assertionOf(root)
	if err := xmldsig.Sign(a, nil, k, der); err != nil {
		t.Fatal(err)
	}
	signed := string(root.Bytes())
	otherTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), NotAfter: time.Now().Add(time.Hour)}
	otherDER, _ := x509.CreateCertificate(rand.Reader, otherTmpl, otherTmpl, &other.PublicKey, other)
	otherCert, _ := x509.ParseCertificate(otherDER)
	for _, tc := range []struct {
		name  string
		edit  func(string) string
		certs []*x509.Certificate
		want  error
	}{
		{"intact", func(s string) string { return s }, []*x509.Certificate{cert}, nil},
		{"another key", func(s string) string { return s }, []*x509.Certificate{otherCert}, xmldsig.ErrInvalid},
		{"text changed", func(s string) string {
			return strings.Replace(s, ">alice</saml:AttributeValue>", ">mallory</saml:AttributeValue>", 1)
		}, []*x509.Certificate{cert}, xmldsig.ErrInvalid},
		{"attribute changed", func(s string) string { return strings.Replace(s, `b="2"`, `b="3"`, 1) }, []*x509.Certificate{cert}, xmldsig.ErrInvalid},
		{"namespace changed", func(s string) string {
			return strings.Replace(s, `xmlns="urn:example:default"`, `xmlns="urn:example:other"`, 1)
		}, []*x509.Certificate{cert}, xmldsig.ErrInvalid},
		{"signature removed", func(s string) string {
			i, j := strings.Index(s, "<ds:Signature"), strings.Index(s, "</ds:Signature>")
			return s[:i] + s[j+len("</ds:Signature>"):]
		}, []*x509.Certificate{cert}, xmldsig.ErrNoSignature},
		{"ID given twice", func(s string) string {
			return strings.Replace(s, `<saml:Issuer>https://idp.example.com/</saml:Issuer>`, `<saml:Issuer ID="_a1">https://idp.example.com/</saml:Issuer>`, 1)
		}, []*x509.Certificate{cert}, xmldsig.ErrInvalid},
		{"reference to another element", func(s string) string { return strings.Replace(s, `URI="#_a1"`, `URI="#_r1"`, 1) }, []*x509.Certificate{cert}, xmldsig.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, err := xmldsig.Parse([]byte(tc.edit(signed)), xmldsig.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			err = xmldsig.Verify(root, assertionOf(root), tc.certs)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	small := xmldsig.Limits{MaxBytes: 200, MaxDepth: 3, MaxElements: 5, MaxAttrs: 2}
	for _, tc := range []struct{ name, doc string }{
		{"DTD", `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`},
		{"undeclared prefix", `<p:a/>`},
		{"undeclared attribute prefix", `<a p:b="1"/>`},
		{"mismatched tags", `<a></b>`},
		{"unclosed", `<a><b></b>`},
		{"two roots", `<a/><b/>`},
		{"text outside", `<a/>text`},
		{"duplicate attribute", `<a xmlns:p="u" xmlns:q="u" p:b="1" q:b="2"/>`},
		{"empty", ``},
		{"too deep", `<a><b><c><d/></c></b></a>`},
		{"too many elements", `<a><b/><b/><b/><b/><b/></a>`},
		{"too many attributes", `<a x="1" y="2" z="3"/>`},
		{"too long", `<a>` + strings.Repeat("x", 300) + `</a>`},
		{"another encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := xmldsig.Parse([]byte(tc.doc), small); err == nil {
				t.Errorf("Parse(%q) accepted", tc.doc)
			}
		})
	}
}

// TestInclusiveNamespaces: a signature whose reference transform carries an
// InclusiveNamespaces PrefixList (as OpenSAML-based IdPs write it) verifies
// here and in goxmldsig.
func TestInclusiveNamespaces(t *testing.T) {
	k, _, cert := key(t)
	root := parse(t, sample)
	a := assertionOf(root)
	signWithPrefixes(t, a, k, "xs")
	out := root.Bytes()
	back := parse(t, string(out))
	if err := xmldsig.Verify(back, assertionOf(back), []*x509.Certificate{cert}); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	d := etree.NewDocument()
	if err := d.ReadFromBytes(out); err != nil {
		t.Fatal(err)
	}
	ctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	if _, err := ctx.Validate(detach(t, d.FindElement("./Response/Assertion"))); err != nil {
		t.Fatalf("goxmldsig refuses the signature: %v\n%s", err, out)
	}
	// Without the prefix list the digest differs: the list is read.
	back.Walk(func(e *xmldsig.Element) {
		if e.Local == "InclusiveNamespaces" {
			e.Attrs[0].Value = ""
		}
	})
	if err := xmldsig.Verify(back, assertionOf(back), []*x509.Certificate{cert}); !errors.Is(err, xmldsig.ErrInvalid) {
		t.Errorf("Verify without the prefix list = %v", err)
	}
}

// signWithPrefixes signs e like Sign does, with an InclusiveNamespaces
// PrefixList in the reference's canonicalization.
func signWithPrefixes(t testing.TB, e *xmldsig.Element, k *rsa.PrivateKey, prefixes string) {
	t.Helper()
	id, _ := e.Attr("ID")
	list := strings.Fields(prefixes)
	d := sha256.Sum256(xmldsig.Canonical(e, nil, list))
	el := func(local string, attrs ...string) *xmldsig.Element {
		x := &xmldsig.Element{Prefix: "ds", Local: local, Space: xmldsig.NSDSig}
		for i := 0; i+1 < len(attrs); i += 2 {
			x.Attrs = append(x.Attrs, xmldsig.Attr{Local: attrs[i], Value: attrs[i+1]})
		}
		return x
	}
	incl := func() *xmldsig.Element {
		return &xmldsig.Element{Prefix: "ec", Local: "InclusiveNamespaces", Space: xmldsig.ExcC14N,
			NS: []xmldsig.NS{{Prefix: "ec", URI: xmldsig.ExcC14N}}, Attrs: []xmldsig.Attr{{Local: "PrefixList", Value: prefixes}}}
	}
	sig := el("Signature")
	sig.NS = []xmldsig.NS{{Prefix: "ds", URI: xmldsig.NSDSig}}
	si := sig.Append(el("SignedInfo"))
	si.Append(el("CanonicalizationMethod", "Algorithm", xmldsig.ExcC14N))
	si.Append(el("SignatureMethod", "Algorithm", xmldsig.RSASHA256))
	ref := si.Append(el("Reference", "URI", "#"+id))
	ts := ref.Append(el("Transforms"))
	ts.Append(el("Transform", "Algorithm", xmldsig.Enveloped))
	ts.Append(el("Transform", "Algorithm", xmldsig.ExcC14N)).Append(incl())
	ref.Append(el("DigestMethod", "Algorithm", xmldsig.DigestSHA256))
	ref.Append(el("DigestValue")).Children = []xmldsig.Node{xmldsig.Text(base64.StdEncoding.EncodeToString(d[:]))}
	e.InsertAfter(sig, nil)
	h := sha256.Sum256(xmldsig.Canonical(si, nil, nil))
	v, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, h[:])
	if err != nil {
		t.Fatal(err)
	}
	sig.Append(el("SignatureValue")).Children = []xmldsig.Node{xmldsig.Text(base64.StdEncoding.EncodeToString(v))}
}
