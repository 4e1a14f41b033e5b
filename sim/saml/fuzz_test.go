package saml_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/samlidp"
)

// FuzzDecode: the SAML response reader never panics on any document
// (mutated from a real signed response and odd ones), refuses anything
// longer than the SAMLAssertion parameter allows, and whatever verifies
// goes through STS's checks and context keys without trouble.
func FuzzDecode(f *testing.F) {
	p, w, now := lab(f)
	m, err := saml.ParseMetadata(string(p.Metadata("")))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []samlidp.Signing{samlidp.SignAssertion, samlidp.SignResponse} {
		doc, err := p.Response(w, now, samlidp.Options{User: "alice", Signing: s})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(doc)
	}
	for _, s := range []string{`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`, `<a/>`, `<!DOCTYPE a><a/>`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		b64 := base64.StdEncoding.EncodeToString(doc)
		r, err := saml.Decode(b64)
		if err != nil {
			return
		}
		if len(doc) > saml.MaxAssertion {
			t.Fatalf("a response of %d bytes was read", len(doc))
		}
		a, err := r.Verify(m.Certs)
		if err != nil {
			return
		}
		_ = a.Check(m, now)
		_ = a.Context("123456789012", "p")
		_ = a.HasRole("x", "y")
		_ = r.AssertionID()
	})
}

// TestDecodeBounded: a parameter past MaxAssertion is refused before any
// XML is read.
func TestDecodeBounded(t *testing.T) {
	big := base64.StdEncoding.EncodeToString([]byte("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + strings.Repeat(" ", saml.MaxAssertion) + "</samlp:Response>"))
	if _, err := saml.Decode(big); err == nil {
		t.Error("an oversized response was read")
	}
}
