package saml

import (
	"crypto/x509"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/xmldsig"
)

// MaxAssertion is the SAMLAssertion parameter's longest value (STS API
// Reference: 4 to 100,000 characters of base64).
const (
	MinAssertion = 4
	MaxAssertion = 100000
)

// responseLimits bound the parsing of a decoded SAML response.
var responseLimits = xmldsig.Limits{MaxBytes: MaxAssertion, MaxDepth: 32, MaxElements: 2000, MaxAttrs: 32}

// Error is STS's answer to an assertion it refuses: the error code
// (InvalidIdentityToken, ExpiredTokenException, IDPRejectedClaim,
// AccessDenied) and AWS's message.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func invalidToken(msg string) *Error { return &Error{"InvalidIdentityToken", msg} }

// Response is a SAML response read but not yet trusted.
type Response struct {
	Root      *xmldsig.Element
	assertion *xmldsig.Element
}

// Decode reads the base64 SAML response of AssumeRoleWithSAML: a
// samlp:Response holding exactly one saml:Assertion (encrypted assertions
// are not supported).
func Decode(b64 string) (*Response, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
	if err != nil {
		return nil, invalidToken("Invalid base64 SAMLResponse (check that there is no URL encoding in the value).")
	}
	root, err := xmldsig.Parse(raw, responseLimits)
	if err != nil {
		return nil, invalidToken("Invalid SAML Response: " + err.Error())
	}
	if !root.Is(NSProtocol, "Response") {
		return nil, invalidToken("Invalid SAML Response: the document is not a samlp:Response")
	}
	if len(root.Find(NSAssertion, "EncryptedAssertion")) > 0 {
		return nil, invalidToken("Invalid SAML Response: the simulated AWS does not decrypt EncryptedAssertion")
	}
	as := root.Find(NSAssertion, "Assertion")
	if len(as) != 1 {
		return nil, invalidToken("Invalid SAML Response: a response must hold exactly one Assertion")
	}
	return &Response{Root: root, assertion: as[0]}, nil
}

// AssertionID is the assertion's ID (CloudTrail's sAMLAssertionID).
func (r *Response) AssertionID() string {
	id, _ := r.assertion.Attr("ID")
	return id
}

// ErrSignature is STS's answer to a signature that does not verify with
// the provider's certificates (IAM User Guide, troubleshooting SAML).
var ErrSignature = invalidToken("Response signature invalid")

// Verify checks the signatures with the provider's certificates: the
// response's, the assertion's, or both; at least one must be there and
// every one there must verify. Only then are the assertion's claims read,
// from the very element whose signature (or whose enclosing response's
// signature) was checked.
func (r *Response) Verify(certs []*x509.Certificate) (*Assertion, error) {
	signed := false
	for _, el := range []*xmldsig.Element{r.Root, r.assertion} {
		err := xmldsig.Verify(r.Root, el, certs)
		switch {
		case err == nil:
			signed = true
		case !errors.Is(err, xmldsig.ErrNoSignature):
			return nil, ErrSignature
		}
	}
	if !signed {
		return nil, ErrSignature
	}
	return read(r.Root, r.assertion)
}

// Assertion is what a verified SAML response asserts.
type Assertion struct {
	ID                string
	Issuer            string // the assertion's Issuer
	ResponseIssuer    string // the response's, if it has one
	Status            string // the response's StatusCode
	IssueInstant      time.Time
	NameID, Format    string
	Recipient         string
	ConfirmNotAfter   time.Time // SubjectConfirmationData NotOnOrAfter
	NotBefore         time.Time // Conditions
	NotOnOrAfter      time.Time
	Audiences         []string
	SessionNotOnAfter time.Time // AuthnStatement SessionNotOnOrAfter
	Attributes        []Attribute
}

// Attribute is a SAML attribute: its Name and its values.
type Attribute struct {
	Name   string
	Values []string
}

// Values returns the values of the attribute name, and whether it is there.
func (a *Assertion) Values(name string) ([]string, bool) {
	for _, at := range a.Attributes {
		if at.Name == name {
			return at.Values, true
		}
	}
	return nil, false
}

// read takes the claims out of a verified assertion.
func read(resp, el *xmldsig.Element) (*Assertion, error) {
	a := &Assertion{}
	a.ID, _ = el.Attr("ID")
	if iss := resp.First(NSAssertion, "Issuer"); iss != nil {
		a.ResponseIssuer = strings.TrimSpace(iss.Text())
	}
	if st := resp.First(NSProtocol, "Status"); st != nil {
		if sc := st.First(NSProtocol, "StatusCode"); sc != nil {
			a.Status, _ = sc.Attr("Value")
		}
	}
	if iss := el.First(NSAssertion, "Issuer"); iss != nil {
		a.Issuer = strings.TrimSpace(iss.Text())
	}
	var err error
	if a.IssueInstant, err = timeAttr(el, "IssueInstant"); err != nil {
		return nil, err
	}
	if err := a.readSubject(el.First(NSAssertion, "Subject")); err != nil {
		return nil, err
	}
	if err := a.readConditions(el.First(NSAssertion, "Conditions")); err != nil {
		return nil, err
	}
	for _, as := range el.Find(NSAssertion, "AuthnStatement") {
		if a.SessionNotOnAfter, err = timeAttr(as, "SessionNotOnOrAfter"); err != nil {
			return nil, err
		}
	}
	for _, st := range el.Find(NSAssertion, "AttributeStatement") {
		for _, at := range st.Find(NSAssertion, "Attribute") {
			name, _ := at.Attr("Name")
			attr := Attribute{Name: name}
			for _, v := range at.Find(NSAssertion, "AttributeValue") {
				attr.Values = append(attr.Values, strings.TrimSpace(v.Text()))
			}
			a.Attributes = append(a.Attributes, attr)
		}
	}
	return a, nil
}

func (a *Assertion) readSubject(s *xmldsig.Element) error {
	if s == nil {
		return nil
	}
	if id := s.First(NSAssertion, "NameID"); id != nil {
		a.NameID = strings.TrimSpace(id.Text())
		a.Format, _ = id.Attr("Format")
	}
	// "There must be exactly one SubjectConfirmation element with a
	// SubjectConfirmationData element that includes both the NotOnOrAfter
	// attribute and a Recipient attribute" (IAM User Guide, configuring
	// SAML assertions).
	scs := s.Find(NSAssertion, "SubjectConfirmation")
	if len(scs) != 1 {
		return invalidToken("The SAML assertion must have exactly one SubjectConfirmation")
	}
	d := scs[0].First(NSAssertion, "SubjectConfirmationData")
	if d == nil {
		return invalidToken("The SubjectConfirmation has no SubjectConfirmationData")
	}
	var err error
	a.Recipient, _ = d.Attr("Recipient")
	a.ConfirmNotAfter, err = timeAttr(d, "NotOnOrAfter")
	if err != nil {
		return err
	}
	if a.Recipient == "" || a.ConfirmNotAfter.IsZero() {
		return invalidToken("SubjectConfirmationData must have both NotOnOrAfter and Recipient")
	}
	return nil
}

func (a *Assertion) readConditions(c *xmldsig.Element) error {
	if c == nil {
		return nil
	}
	var err error
	if a.NotBefore, err = timeAttr(c, "NotBefore"); err != nil {
		return err
	}
	if a.NotOnOrAfter, err = timeAttr(c, "NotOnOrAfter"); err != nil {
		return err
	}
	for _, ar := range c.Find(NSAssertion, "AudienceRestriction") {
		for _, au := range ar.Find(NSAssertion, "Audience") {
			a.Audiences = append(a.Audiences, strings.TrimSpace(au.Text()))
		}
	}
	return nil
}

// timeAttr reads an xs:dateTime attribute (zero when absent).
func timeAttr(e *xmldsig.Element, name string) (time.Time, error) {
	v, ok := e.Attr(name)
	if !ok {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, invalidToken("Invalid SAML Response: " + name + " is not a date and time")
	}
	return t, nil
}
