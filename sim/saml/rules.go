package saml

import (
	"crypto/sha1"
	"encoding/base64"
	"regexp"
	"strings"
	"time"
)

// The attributes AWS reads (IAM User Guide, configuring SAML assertions
// for the authentication response). Their names are case-sensitive.
const (
	AttrRole              = "https://aws.amazon.com/SAML/Attributes/Role"
	AttrRoleSessionName   = "https://aws.amazon.com/SAML/Attributes/RoleSessionName"
	AttrSessionDuration   = "https://aws.amazon.com/SAML/Attributes/SessionDuration"
	AttrSourceIdentity    = "https://aws.amazon.com/SAML/Attributes/SourceIdentity"
	AttrTransitiveTagKeys = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys"
	AttrPrincipalTag      = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:"
)

// StatusSuccess is the StatusCode of a response that authenticated.
const StatusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success"

// RedeemWithin: STS refuses an assertion issued longer ago ("Token must be
// redeemed within 5 minutes of issuance", its ExpiredTokenException).
const RedeemWithin = 5 * time.Minute

// recipients are AWS's SAML sign-in endpoints: "https://region-code.
// signin.aws.amazon.com/saml ... you can also use https://signin.aws.
// amazon.com/static/saml" (IAM User Guide), in each partition.
var recipient = regexp.MustCompile(`^https://([a-z]{2}(-gov)?-[a-z]+-\d\.)?signin\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)/(static/)?saml$`)

// IsRecipient reports whether url is an AWS SAML sign-in endpoint.
func IsRecipient(url string) bool { return recipient.MatchString(url) }

// AWSAudience is the entity ID of AWS's service provider metadata
// (signin.aws.amazon.com/static/saml-metadata.xml), which IdPs put in the
// AudienceRestriction; the sign-in endpoints are accepted as audiences too.
const AWSAudience = "urn:amazon:webservices"

func isAudience(a string) bool {
	return a == AWSAudience || strings.HasPrefix(a, AWSAudience+":") || IsRecipient(a)
}

// Check applies STS's rules to a verified assertion at time now: the
// identity provider reported success, the issuer is the provider's, the
// assertion is current, meant for AWS and delivered to an AWS sign-in
// endpoint, and names a subject.
func (a *Assertion) Check(m *Metadata, now time.Time) error {
	if a.Status != StatusSuccess {
		return &Error{"IDPRejectedClaim", "The identity provider reported that authentication failed: " + a.Status}
	}
	if a.Issuer != m.EntityID || (a.ResponseIssuer != "" && a.ResponseIssuer != m.EntityID) {
		return invalidToken("Issuer not present in specified provider")
	}
	if err := a.current(now); err != nil {
		return err
	}
	if !IsRecipient(a.Recipient) {
		return invalidToken("Invalid SAML Response: the Recipient is not an AWS SAML sign-in endpoint: " + a.Recipient)
	}
	ok := false
	for _, au := range a.Audiences {
		ok = ok || isAudience(au)
	}
	if !ok {
		return invalidToken("Response does not contain the required audience.")
	}
	return nil
}

func (a *Assertion) current(now time.Time) error {
	expired := func(t time.Time) bool { return !t.IsZero() && !now.Before(t) }
	if expired(a.ConfirmNotAfter) || expired(a.NotOnOrAfter) {
		return &Error{"ExpiredTokenException", "Assertion has expired: its NotOnOrAfter is past"}
	}
	if !a.IssueInstant.IsZero() && now.Sub(a.IssueInstant) > RedeemWithin {
		return &Error{"ExpiredTokenException", "Token must be redeemed within 5 minutes of issuance"}
	}
	if !a.NotBefore.IsZero() && now.Before(a.NotBefore) {
		return invalidToken("Assertion is not yet valid: its NotBefore is ahead")
	}
	return nil
}

// HasRole reports whether the Role attribute holds the pair of the role
// and the provider, "comma-delimited pair of ARNs" in either order.
func (a *Assertion) HasRole(roleARN, providerARN string) bool {
	vs, _ := a.Values(AttrRole)
	for _, v := range vs {
		x, y, ok := strings.Cut(v, ",")
		x, y = strings.TrimSpace(x), strings.TrimSpace(y)
		if ok && (x == roleARN && y == providerARN || x == providerARN && y == roleARN) {
			return true
		}
	}
	return false
}

const formatPrefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:"

// SubjectType is the NameID's format as STS returns it: "If the format
// includes the prefix urn:oasis:names:tc:SAML:2.0:nameid-format, that
// prefix is removed ... If the format includes any other prefix, the
// format is returned with no modifications" (STS API Reference). A NameID
// without a format has SAML's default, unspecified.
func (a *Assertion) SubjectType() string {
	if a.Format == "" {
		return "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
	}
	return strings.TrimPrefix(a.Format, formatPrefix)
}

// NameQualifier is "BASE64 ( SHA1 ( "https://example.com/saml" +
// "123456789012" + "/MySAMLIdP" ) )": the issuer, the provider's account
// and "/" and its name (STS API Reference).
func NameQualifier(issuer, account, providerName string) string {
	h := sha1.Sum([]byte(issuer + account + "/" + providerName))
	return base64.StdEncoding.EncodeToString(h[:])
}
