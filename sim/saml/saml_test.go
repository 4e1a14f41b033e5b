package saml_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/samlidp"
	"github.com/iamlab/iamlab/sim/world"
)

const issuer = "https://idp.example.com/saml"

// lab is an IdP with one user and a world for its IDs, at a fixed time.
func lab(t testing.TB) (*samlidp.IdP, *world.World, time.Time) {
	t.Helper()
	k, err := samlidp.LabKey(1)
	if err != nil {
		t.Fatal(err)
	}
	w, err := world.Open(world.NewMemory(), world.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &samlidp.IdP{Name: "test", EntityID: issuer, Key: k, Users: []samlidp.User{{Name: "alice",
		Roles:      []string{"arn:aws:iam::123456789012:role/r,arn:aws:iam::123456789012:saml-provider/p"},
		Attributes: map[string][]string{"urn:oid:1.3.6.1.4.1.5923.1.1.1.1": {"staff", "member"}, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": {"a@example.com"}}}}}
	return p, w, time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
}

func TestMetadata(t *testing.T) {
	p, _, _ := lab(t)
	good := string(p.Metadata("http://127.0.0.1:4566"))
	m, err := saml.ParseMetadata(good)
	if err != nil {
		t.Fatal(err)
	}
	if m.EntityID != issuer || len(m.Certs) != 1 || !m.ValidUntil.IsZero() {
		t.Errorf("%+v", m)
	}
	for _, tc := range []struct{ name, doc string }{
		{"byte order mark", "\uFEFF" + good},
		{"not XML", "<md:EntityDescriptor"},
		{"another root", `<x xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e"/>`},
		{"no entity ID", strings.Replace(good, `entityID="`+issuer+`"`, "", 1)},
		{"no IdP descriptor", strings.ReplaceAll(good, "IDPSSODescriptor", "SPSSODescriptor")},
		{"encryption key only", strings.Replace(good, `use="signing"`, `use="encryption"`, 1)},
		{"certificate not base64", strings.Replace(good, "<ds:X509Certificate>", "<ds:X509Certificate>!", 1)},
		{"bad validUntil", strings.Replace(good, `entityID=`, `validUntil="tomorrow" entityID=`, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := saml.ParseMetadata(tc.doc); err != saml.ErrMetadata {
				t.Errorf("ParseMetadata = %v, want %v", err, saml.ErrMetadata)
			}
		})
	}
	withDate := strings.Replace(good, `entityID=`, `validUntil="2030-01-02T03:04:05Z" entityID=`, 1)
	if m, err := saml.ParseMetadata(withDate); err != nil || !m.ValidUntil.Equal(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("validUntil: %v %v", m, err)
	}
}

// TestVerifyAndCheck: a response of the IdP verifies with its metadata,
// and STS's rules and context keys read it.
func TestVerifyAndCheck(t *testing.T) {
	p, w, now := lab(t)
	m, _ := saml.ParseMetadata(string(p.Metadata("")))
	doc, err := p.Response(w, now, samlidp.Options{User: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := saml.Decode(base64.StdEncoding.EncodeToString(doc))
	if err != nil {
		t.Fatal(err)
	}
	a, err := r.Verify(m.Certs)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Check(m, now.Add(time.Minute)); err != nil {
		t.Error(err)
	}
	if !a.HasRole("arn:aws:iam::123456789012:role/r", "arn:aws:iam::123456789012:saml-provider/p") ||
		!a.HasRole("arn:aws:iam::123456789012:saml-provider/p", "arn:aws:iam::123456789012:role/r") ||
		a.HasRole("arn:aws:iam::123456789012:role/other", "arn:aws:iam::123456789012:saml-provider/p") {
		t.Error("HasRole")
	}
	keys := map[string]string{}
	for _, e := range a.Context("123456789012", "p") {
		keys[e.Key] = strings.Join(e.Values, "|")
	}
	for k, v := range map[string]string{"saml:aud": samlidp.DefaultEndpoint, "saml:iss": issuer, "saml:sub": "alice", "saml:sub_type": "persistent",
		"saml:doc": "123456789012/p", "saml:edupersonaffiliation": "staff|member", "saml:mail": "a@example.com",
		"saml:namequalifier": saml.NameQualifier(issuer, "123456789012", "p")} {
		if keys[k] != v {
			t.Errorf("%s = %q, want %q", k, keys[k], v)
		}
	}
	for _, tc := range []struct {
		name string
		at   time.Time
		code string
	}{
		{"after NotOnOrAfter", now.Add(samlidp.DefaultLifetime), "ExpiredTokenException"},
		{"before NotBefore", now.Add(-2 * time.Minute), "InvalidIdentityToken"},
	} {
		err := a.Check(m, tc.at)
		if e, ok := err.(*saml.Error); !ok || e.Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
	other := *m
	other.EntityID = "https://another.example.com"
	if err := a.Check(&other, now); err == nil || !strings.Contains(err.Error(), "Issuer not present in specified provider") {
		t.Errorf("issuer: %v", err)
	}
}

func TestSubjectType(t *testing.T) {
	for format, want := range map[string]string{
		"": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
		"urn:oasis:names:tc:SAML:2.0:nameid-format:transient":    "transient",
		"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent":   "persistent",
		"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
	} {
		if got := (&saml.Assertion{Format: format}).SubjectType(); got != want {
			t.Errorf("SubjectType(%q) = %q, want %q", format, got, want)
		}
	}
}

func TestRecipients(t *testing.T) {
	for url, want := range map[string]bool{
		"https://signin.aws.amazon.com/saml":                     true,
		"https://signin.aws.amazon.com/static/saml":              true,
		"https://eu-west-1.signin.aws.amazon.com/saml":           true,
		"https://us-gov-west-1.signin.amazonaws-us-gov.com/saml": true,
		"https://signin.amazonaws.cn/saml":                       true,
		"http://signin.aws.amazon.com/saml":                      false,
		"https://signin.aws.amazon.com.evil.example/saml":        false,
		"https://evil.example/signin.aws.amazon.com/saml":        false,
	} {
		if saml.IsRecipient(url) != want {
			t.Errorf("IsRecipient(%q) = %v", url, !want)
		}
	}
}
