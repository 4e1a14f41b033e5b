package samlidp

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/world"
	"github.com/iamlab/iamlab/sim/xmldsig"
)

// Signing says which elements of a response are signed.
type Signing int

// What a response signs: the assertion (the default, as AD FS does), the
// response, both, or nothing (for experiments: STS refuses it).
const (
	SignAssertion Signing = iota
	SignResponse
	SignBoth
	SignNone
)

// DefaultEndpoint is AWS's SAML sign-in endpoint, the default Recipient,
// Destination and Audience.
const DefaultEndpoint = "https://signin.aws.amazon.com/saml"

// DefaultLifetime is how long an assertion is valid: STS redeems it within
// five minutes of issuance.
const DefaultLifetime = 5 * time.Minute

// Options shape one response. Zero values give what a real IdP sends.
type Options struct {
	User string
	// Role keeps only the Role pairs of this role ARN (the role a user
	// picks when the IdP offers several); empty sends them all.
	Role string
	// Audience and Recipient default to DefaultEndpoint.
	Audience, Recipient string
	// Lifetime is NotOnOrAfter minus now (DefaultLifetime when zero; a
	// negative one gives an assertion that has already expired).
	Lifetime time.Duration
	Signing  Signing
}

// Response builds and signs a SAML response for a user at time now, with
// IDs from the world's randomness.
func (p *IdP) Response(w *world.World, now time.Time, o Options) ([]byte, error) {
	u, ok := p.User(o.User)
	if !ok {
		return nil, fmt.Errorf("the identity provider %s has no user %q", p.Name, o.User)
	}
	attrs, err := u.attributes(o.Role)
	if err != nil {
		return nil, err
	}
	b := &builder{now: now.UTC(), o: o.withDefaults()}
	resp, assertion := b.response(p, u, attrs, w.NewRequestID(), w.NewRequestID())
	issuer := assertion.First(saml.NSAssertion, "Issuer")
	if o.Signing == SignAssertion || o.Signing == SignBoth {
		if err := xmldsig.Sign(assertion, issuer, p.Key.priv, p.Key.cert); err != nil {
			return nil, err
		}
	}
	if o.Signing == SignResponse || o.Signing == SignBoth {
		if err := xmldsig.Sign(resp, resp.First(saml.NSAssertion, "Issuer"), p.Key.priv, p.Key.cert); err != nil {
			return nil, err
		}
	}
	return resp.Bytes(), nil
}

// Issue is Response for the world's IdP named idp, at the world's time,
// base64-encoded as AssumeRoleWithSAML takes it.
func Issue(w *world.World, idp string, o Options) (string, error) {
	var p *IdP
	_ = w.View(func(tx *world.Tx) error {
		p, _ = Get(tx, idp)
		return nil
	})
	if p == nil {
		return "", fmt.Errorf("there is no simulated identity provider %q", idp)
	}
	doc, err := p.Response(w, w.Now(), o)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(doc), nil
}

func (o Options) withDefaults() Options {
	if o.Audience == "" {
		o.Audience = DefaultEndpoint
	}
	if o.Recipient == "" {
		o.Recipient = DefaultEndpoint
	}
	if o.Lifetime == 0 {
		o.Lifetime = DefaultLifetime
	}
	return o
}

type attribute struct {
	name   string
	values []string
}

// attributes are what the IdP's claim rules send for the user.
func (u *User) attributes(role string) ([]attribute, error) {
	roles := u.Roles
	if role != "" {
		roles = nil
		for _, r := range u.Roles {
			if a, b, _ := strings.Cut(r, ","); a == role || b == role {
				roles = append(roles, r)
			}
		}
		if len(roles) == 0 {
			return nil, fmt.Errorf("the user %s may not use the role %s", u.Name, role)
		}
	}
	var out []attribute
	add := func(name string, vs ...string) {
		if len(vs) > 0 && vs[0] != "" {
			out = append(out, attribute{name, vs})
		}
	}
	add(saml.AttrRole, roles...)
	add(saml.AttrRoleSessionName, or(u.SessionName, u.Name))
	if u.SessionDuration > 0 {
		add(saml.AttrSessionDuration, strconv.Itoa(u.SessionDuration))
	}
	add(saml.AttrSourceIdentity, u.SourceIdentity)
	for _, k := range sortedKeys(u.Tags) {
		add(saml.AttrPrincipalTag+k, u.Tags[k])
	}
	add(saml.AttrTransitiveTagKeys, u.TransitiveTagKeys...)
	for _, k := range sortedKeys(u.Attributes) {
		add(k, u.Attributes[k]...)
	}
	return out, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// builder writes the elements of one response.
type builder struct {
	now time.Time
	o   Options
}

const stampFormat = "2006-01-02T15:04:05.000Z"

func (b *builder) stamp(d time.Duration) string { return b.now.Add(d).Format(stampFormat) }

func el(prefix, space, local string, attrs ...string) *xmldsig.Element {
	e := &xmldsig.Element{Prefix: prefix, Local: local, Space: space}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.Attrs = append(e.Attrs, xmldsig.Attr{Local: attrs[i], Value: attrs[i+1]})
	}
	return e
}

func samlEl(local string, attrs ...string) *xmldsig.Element {
	return el("saml", saml.NSAssertion, local, attrs...)
}

func text(e *xmldsig.Element, s string) *xmldsig.Element {
	e.Children = []xmldsig.Node{xmldsig.Text(s)}
	return e
}

// response is the samlp:Response holding one saml:Assertion.
func (b *builder) response(p *IdP, u *User, attrs []attribute, respID, assertionID string) (*xmldsig.Element, *xmldsig.Element) {
	resp := el("samlp", saml.NSProtocol, "Response", "ID", "_"+respID, "Version", "2.0",
		"IssueInstant", b.stamp(0), "Destination", b.o.Recipient)
	resp.NS = []xmldsig.NS{{Prefix: "samlp", URI: saml.NSProtocol}, {Prefix: "saml", URI: saml.NSAssertion}}
	resp.Append(text(samlEl("Issuer"), p.EntityID))
	resp.Append(el("samlp", saml.NSProtocol, "Status")).Append(el("samlp", saml.NSProtocol, "StatusCode", "Value", saml.StatusSuccess))

	a := resp.Append(samlEl("Assertion", "ID", "_"+assertionID, "IssueInstant", b.stamp(0), "Version", "2.0"))
	a.Append(text(samlEl("Issuer"), p.EntityID))
	subj := a.Append(samlEl("Subject"))
	subj.Append(text(samlEl("NameID", "Format", format(u.NameIDFormat)), or(u.NameID, u.Name)))
	sc := subj.Append(samlEl("SubjectConfirmation", "Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer"))
	sc.Append(samlEl("SubjectConfirmationData", "NotOnOrAfter", b.stamp(b.o.Lifetime), "Recipient", b.o.Recipient))
	cond := a.Append(samlEl("Conditions", "NotBefore", b.stamp(-time.Minute), "NotOnOrAfter", b.stamp(b.o.Lifetime)))
	cond.Append(samlEl("AudienceRestriction")).Append(text(samlEl("Audience"), b.o.Audience))
	st := a.Append(samlEl("AttributeStatement"))
	for _, at := range attrs {
		x := st.Append(samlEl("Attribute", "Name", at.name))
		for _, v := range at.values {
			x.Append(text(samlEl("AttributeValue"), v))
		}
	}
	an := a.Append(samlEl("AuthnStatement", "AuthnInstant", b.stamp(0), "SessionIndex", "_"+assertionID))
	an.Append(samlEl("AuthnContext")).Append(text(samlEl("AuthnContextClassRef"),
		"urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"))
	return resp, a
}

// format is a NameID format: persistent by default, a short name as
// urn:oasis:names:tc:SAML:2.0:nameid-format:NAME, a URI as it is.
func format(f string) string {
	switch {
	case f == "":
		return nameIDFormat + "persistent"
	case strings.Contains(f, ":"):
		return f
	}
	return nameIDFormat + f
}
