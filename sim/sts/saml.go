package sts

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/events"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// AssumeRoleWithSAML: "Calling AssumeRoleWithSAML does not require the use
// of AWS security credentials. The identity of the caller is validated by
// using keys in the metadata document that is uploaded for the SAML
// provider entity for your identity provider" (STS API Reference). The
// provider's certificates verify the assertion, STS's rules check it
// (package saml), and the engine decides the role's trust policy with the
// provider as the Federated principal and the saml: keys of the assertion.

type samlResult struct {
	Credentials      *Credentials
	AssumedRoleUser  assumedRoleUser
	PackedPolicySize int
	Subject          string
	SubjectType      string
	Issuer           string
	Audience         string
	NameQualifier    string
	SourceIdentity   string `xml:",omitempty"`
}

// samlArgs are the call's parameters and what the assertion says.
type samlArgs struct {
	roleARN, providerARN string
	session              *sessionParams
	provider             *saml.Provider
	assertion            *saml.Assertion
	assertionID          string
	name, sourceIdentity string
	maxSeconds           int // from SessionDuration and SessionNotOnOrAfter; 0 for none
}

func notAuthorized() *protocol.Error {
	return accessDenied("Not authorized to perform sts:AssumeRoleWithSAML")
}

func samlError(err error) error {
	if e, ok := err.(*saml.Error); ok {
		status := http.StatusBadRequest
		if e.Code == "IDPRejectedClaim" || e.Code == "AccessDenied" {
			status = http.StatusForbidden
		}
		return &protocol.Error{Status: status, Code: e.Code, Message: e.Message}
	}
	return err
}

func assumeRoleWithSAML(c *service.Call, p protocol.Params) (any, error) {
	// The caller is the assertion's identity provider, whoever signed the
	// request (if anyone did).
	c.Env.Principal = nil
	var out *samlResult
	err := c.World.Update(func(tx *world.Tx) error {
		a, err := readSAML(c, tx, p)
		if err != nil {
			return err
		}
		samlEvent(c, a)
		role := findRole(tx, a.roleARN)
		if err := authorizeSAML(c, tx, a, role); err != nil {
			return err
		}
		seconds, err := samlDuration(p, role, a.maxSeconds)
		if err != nil {
			return err
		}
		pct, perr := a.session.packed()
		if perr != nil {
			return perr
		}
		s := newSession(c.World, world.SessionAssumedRole, role.Account, c.Env.Now, seconds)
		s.RoleName, s.RoleID, s.RoleARN, s.Name = role.Name, role.ID, role.ARN(), a.name
		s.Policy, s.PolicyARNs = a.session.policy, a.session.policyARNs
		s.Tags, s.Transitive, s.SourceIdentity = a.session.tags, a.session.transitive, a.sourceIdentity
		nq := saml.NameQualifier(a.assertion.Issuer, a.provider.Account, a.provider.Name)
		// "Some SAML-based federation condition keys can be used in
		// subsequent requests ...: saml:namequalifier, saml:sub,
		// saml:sub_type" (IAM User Guide, condition keys).
		s.Context = []world.ContextKey{{Key: "saml:namequalifier", Values: []string{nq}},
			{Key: "saml:sub", Values: []string{a.assertion.NameID}}, {Key: "saml:sub_type", Values: []string{a.assertion.SubjectType()}}}
		if err := putSession(tx, s, c.Env.Now); err != nil {
			return err
		}
		out = &samlResult{Credentials: credentials(s), PackedPolicySize: pct, SourceIdentity: s.SourceIdentity,
			AssumedRoleUser: assumedRoleUser{AssumedRoleId: s.RoleID + ":" + s.Name, Arn: s.ARN()},
			Subject:         a.assertion.NameID, SubjectType: a.assertion.SubjectType(), Issuer: a.assertion.Issuer,
			Audience: a.assertion.Recipient, NameQualifier: nq}
		samlResponseEvent(c, out, role.Account)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readSAML checks the parameters, then the assertion: decoded, from a
// provider of the world, signed by it, acceptable to STS, and naming the
// role and the provider in its Role attribute.
func readSAML(c *service.Call, tx *world.Tx, p protocol.Params) (*samlArgs, error) {
	a := &samlArgs{}
	var err error
	if a.roleARN, err = p.Required("RoleArn"); err != nil {
		return nil, err
	}
	if err := checkString(a.roleARN, "roleArn", 20, 2048, nil); err != nil {
		return nil, err
	}
	if a.providerARN, err = p.Required("PrincipalArn"); err != nil {
		return nil, err
	}
	if err := checkString(a.providerARN, "principalArn", 20, 2048, nil); err != nil {
		return nil, err
	}
	text, err := p.Required("SAMLAssertion")
	if err != nil {
		return nil, err
	}
	if len(text) < saml.MinAssertion || len(text) > saml.MaxAssertion {
		return nil, constraint("", "sAMLAssertion", "Member must have length less than or equal to "+strconv.Itoa(saml.MaxAssertion))
	}
	if a.session, err = readSAMLSession(c, tx, p); err != nil {
		return nil, err
	}
	if err := a.verify(c, tx, text); err != nil {
		return nil, err
	}
	return a, a.claims(c.Env.Now)
}

// readSAMLSession reads the session policies. Session tags come from the
// assertion only: AssumeRoleWithSAML has no Tags parameter.
func readSAMLSession(c *service.Call, tx *world.Tx, p protocol.Params) (*sessionParams, error) {
	s, err := readSession(c, tx, p)
	if err != nil {
		return nil, err
	}
	for _, t := range s.tags {
		s.size -= len(t.Key) + len(t.Value)
	}
	s.tags, s.transitive = nil, nil
	return s, nil
}

func (a *samlArgs) verify(c *service.Call, tx *world.Tx, text string) error {
	resp, err := saml.Decode(text)
	if err != nil {
		return samlError(err)
	}
	a.assertionID = resp.AssertionID()
	if a.provider = saml.Find(tx, a.providerARN); a.provider == nil {
		// IAM User Guide, troubleshooting SAML: "Specified provider
		// doesn't exist."
		return &protocol.Error{Status: http.StatusBadRequest, Code: "InvalidIdentityToken", Message: "Specified provider doesn't exist."}
	}
	if a.assertion, err = resp.Verify(a.provider.Meta.Certs); err != nil {
		return samlError(err)
	}
	return samlError(a.assertion.Check(a.provider.Meta, c.Env.Now))
}

// The attributes' rules, with STS's messages (IAM User Guide,
// troubleshooting SAML).
var samlNamePattern = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)

// claims reads the attributes AWS acts on.
func (a *samlArgs) claims(now time.Time) error {
	as := a.assertion
	if as.NameID == "" {
		// "This error can also occur if the SAML response does not
		// include a Subject containing a NameID."
		return notAuthorized()
	}
	if !as.HasRole(a.roleARN, a.providerARN) {
		return notAuthorized()
	}
	names, ok := as.Values(saml.AttrRoleSessionName)
	if !ok || len(names) == 0 {
		return invalidToken("RoleSessionName is required in AuthnResponse")
	}
	if a.name = names[0]; !samlNamePattern.MatchString(a.name) {
		return invalidToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}")
	}
	if v, ok := as.Values(saml.AttrSourceIdentity); ok && len(v) > 0 {
		a.sourceIdentity = v[0]
		if !samlNamePattern.MatchString(v[0]) || strings.HasPrefix(strings.ToLower(v[0]), "aws:") {
			return invalidToken(`Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"`)
		}
	}
	if err := a.duration(now); err != nil {
		return err
	}
	return a.tags()
}

// duration: SessionDuration "if it is present in an AssumeRoleWithSAML API
// call, it can be used to shorten the duration of the session" (IAM User
// Guide), as does SessionNotOnOrAfter ("whichever is shorter", STS API
// Reference).
func (a *samlArgs) duration(now time.Time) error {
	if v, ok := a.assertion.Values(saml.AttrSessionDuration); ok && len(v) > 0 {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < MinDuration || n > world.MaxMaxSession {
			return invalidToken("SessionDuration in AuthnResponse must be a number of seconds from 900 to 43200")
		}
		a.maxSeconds = n
	}
	if end := a.assertion.SessionNotOnAfter; !end.IsZero() {
		n := int(end.Sub(now) / time.Second)
		if n <= 0 {
			return &protocol.Error{Status: http.StatusBadRequest, Code: "ExpiredTokenException", Message: "The session of the SAML assertion has ended (SessionNotOnOrAfter)"}
		}
		if a.maxSeconds == 0 || n < a.maxSeconds {
			a.maxSeconds = n
		}
	}
	return nil
}

// tags reads the PrincipalTag attributes and TransitiveTagKeys as the
// session's tags.
func (a *samlArgs) tags() error {
	s := a.session
	for _, at := range a.assertion.Attributes {
		k, ok := strings.CutPrefix(at.Name, saml.AttrPrincipalTag)
		if !ok {
			continue
		}
		if len(at.Values) != 1 || k == "" || len(k) > MaxTagKey || len(at.Values[0]) > MaxTagValue {
			return invalidToken("Invalid session tag " + strconv.Quote(k) + ": a tag has one value, its key 1 to 128 characters and its value up to 256")
		}
		for _, t := range s.tags {
			if strings.EqualFold(t.Key, k) {
				return invalidToken("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
			}
		}
		s.tags = append(s.tags, world.Tag{Key: k, Value: at.Values[0]})
		s.size += len(k) + len(at.Values[0])
	}
	if len(s.tags) > MaxSessionTags {
		return invalidToken("The number of session tags cannot exceed 50")
	}
	s.transitive, _ = a.assertion.Values(saml.AttrTransitiveTagKeys)
	for _, k := range s.transitive {
		found := false
		for _, t := range s.tags {
			found = found || strings.EqualFold(t.Key, k)
		}
		if !found {
			return invalidToken("The specified transitive tag key must be included in the requested tags.")
		}
	}
	return nil
}

// authorizeSAML asks the engine: sts:AssumeRoleWithSAML by the provider,
// then sts:TagSession and sts:SetSourceIdentity when the assertion sets
// them, each in the role's trust policy. A denial is STS's "Not authorized
// to perform sts:AssumeRoleWithSAML", whatever the reason.
func authorizeSAML(c *service.Call, tx *world.Tx, a *samlArgs, role *world.Role) error {
	req := &authorize.Request{Action: "sts:AssumeRoleWithSAML", Resource: a.roleARN, Trust: true, Caller: a.providerARN}
	if role != nil {
		req.Policy = &world.NamedDoc{Name: "trust policy of " + role.Name, Doc: role.Trust}
	}
	ctx := a.assertion.Context(a.provider.Account, a.provider.Name)
	ctx = append(ctx, authz.Entry{Key: "sts:RoleSessionName", Values: []string{a.name}})
	if a.sourceIdentity != "" {
		ctx = append(ctx, authz.Entry{Key: "sts:SourceIdentity", Values: []string{a.sourceIdentity}})
	}
	req.Context = append(ctx, a.session.tagContext()...)
	actions := []string{"sts:AssumeRoleWithSAML"}
	if len(a.session.tags) > 0 {
		actions = append(actions, "sts:TagSession")
	}
	if a.sourceIdentity != "" {
		actions = append(actions, "sts:SetSourceIdentity")
	}
	for _, act := range actions {
		q := *req
		q.Action = act
		if _, err := c.Authorize(tx, &q); err != nil {
			return notAuthorized()
		}
	}
	if role == nil {
		return notAuthorized() // the engine denies without a trust policy
	}
	return nil
}

// samlDuration is DurationSeconds (default one hour) within the role's
// maximum, shortened to what the assertion allows.
func samlDuration(p protocol.Params, role *world.Role, max int) (int, error) {
	n, err := assumeDuration(p, role, false)
	if err != nil {
		return 0, err
	}
	if max > 0 && max < n {
		n = max
	}
	return n, nil
}

// samlEvent fills the event's request parameters as CloudTrail writes them
// for AssumeRoleWithSAML, and its caller: the SAML user.
func samlEvent(c *service.Call, a *samlArgs) {
	rp := c.Event.RequestParameters
	rp["sAMLAssertionID"] = a.assertionID
	rp["roleSessionName"] = a.name
	if a.sourceIdentity != "" {
		rp["sourceIdentity"] = a.sourceIdentity
	}
	if len(a.session.tags) > 0 {
		tags := map[string]string{}
		for _, t := range a.session.tags {
			tags[t.Key] = t.Value
		}
		rp["principalTags"] = tags
	}
	if len(a.session.transitive) > 0 {
		rp["transitiveTagKeys"] = a.session.transitive
	}
	nq := saml.NameQualifier(a.assertion.Issuer, a.provider.Account, a.provider.Name)
	c.Event.UserIdentity = &events.UserIdentity{Type: "SAMLUser", PrincipalID: nq + ":" + a.assertion.NameID,
		UserName: a.assertion.NameID, IdentityProvider: nq}
}

func samlResponseEvent(c *service.Call, out *samlResult, account string) {
	c.Event.RecipientAccountID = account
	re := map[string]any{
		"credentials":     map[string]any{"accessKeyId": out.Credentials.AccessKeyId, "expiration": out.Credentials.Expiration},
		"assumedRoleUser": map[string]any{"assumedRoleId": out.AssumedRoleUser.AssumedRoleId, "arn": out.AssumedRoleUser.Arn},
		"subject":         out.Subject, "subjectType": out.SubjectType, "issuer": out.Issuer,
		"audience": out.Audience, "nameQualifier": out.NameQualifier, "packedPolicySize": out.PackedPolicySize,
	}
	if out.SourceIdentity != "" {
		re["sourceIdentity"] = out.SourceIdentity
	}
	c.Event.ResponseElements = re
}
