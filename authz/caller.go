package authz

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

// Kind is the kind of principal that makes a request.
type Kind uint8

// The kinds of caller.
const (
	KindUser          Kind = iota + 1 // an IAM user
	KindRole                          // an IAM role named by its ARN (a session of unknown name)
	KindRoleSession                   // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
	KindFederatedUser                 // arn:aws:sts::ACCT:federated-user/NAME (GetFederationToken)
	KindRoot                          // the account root user
	KindService                       // an AWS service principal such as s3.amazonaws.com
	KindAnonymous                     // "*": an unsigned request
	KindProvider                      // a web identity or SAML provider calling AssumeRoleWith*
)

var kindNames = [...]string{"", "user", "role", "roleSession", "federatedUser", "root", "service", "anonymous", "identityProvider"}

func (k Kind) String() string { return kindNames[k] }

// Caller is the principal of a request, taken apart.
type Caller struct {
	Kind Kind
	// ARN is the principal as the request names it.
	ARN       string
	Partition string
	Account   string
	// Name is the user name, role name, federated user name or service name.
	Name string
	// RoleARN is the ARN of the role behind a role session.
	RoleARN string
	Session string
	// ServiceLinked marks a service-linked role, which SCPs and RCPs do not restrict.
	ServiceLinked bool
}

// IsSession reports whether the caller holds temporary session credentials
// that a session policy can limit.
func (c *Caller) IsSession() bool {
	return c.Kind == KindRole || c.Kind == KindRoleSession || c.Kind == KindFederatedUser
}

// HasIdentityPolicies reports whether identity-based policies can be attached
// to the caller's entity.
func (c *Caller) HasIdentityPolicies() bool {
	return c.Kind == KindUser || c.IsSession()
}

// InAccount reports whether the caller is an identity of an AWS account.
func (c *Caller) InAccount() bool { return c.Account != "" }

// CallerError explains why a request principal is not one AWS could have.
type CallerError struct{ Msg string }

func (e *CallerError) Error() string { return e.Msg }

// ParseCaller reads the principal of a request. action decides whether a
// bare provider name means a web identity provider (for
// sts:AssumeRoleWithWebIdentity and sts:AssumeRoleWithSAML).
func ParseCaller(principal, action string) (Caller, error) {
	c := Caller{ARN: principal}
	switch {
	case principal == "*":
		c.Kind = KindAnonymous
		return c, nil
	case principal == "":
		return c, &CallerError{"the principal is empty: give an ARN, a service principal, or \"*\" for an anonymous caller"}
	case !strings.HasPrefix(principal, "arn:"):
		return parseNamedPrincipal(c, principal, action)
	}
	a, ok := policy.ParseARN(principal)
	if !ok {
		return c, &CallerError{"the principal " + quote(principal) + " is not a valid ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)"}
	}
	c.Partition, c.Account = a.Partition, a.Account
	if a.Service == "iam" && (strings.HasPrefix(a.Resource, "saml-provider/") || strings.HasPrefix(a.Resource, "oidc-provider/")) {
		if !policy.IsAccountID(a.Account) || strings.HasSuffix(a.Resource, "/") {
			return c, &CallerError{"the identity provider " + quote(principal) + " is written arn:aws:iam::ACCOUNT:saml-provider/NAME (or oidc-provider/HOST), with a 12-digit account ID"}
		}
		c.Kind, c.Account = KindProvider, ""
		return c, nil
	}
	if !policy.IsAccountID(a.Account) {
		return c, &CallerError{"the principal " + quote(principal) + " has no 12-digit account ID in its fifth field"}
	}
	switch a.Service {
	case "iam":
		return parseIAMPrincipal(c, a)
	case "sts":
		return parseSTSPrincipal(c, a)
	}
	return c, &CallerError{"the principal " + quote(principal) + " is not an IAM or STS principal ARN"}
}

// isServicePrincipal reports whether a name is an AWS service principal's:
// most are NAME.amazonaws.com (.amazonaws.com.cn in China); Alexa's two
// are NAME.amazon.com, a domain whose other names are no services
// (www.amazon.com is Login with Amazon, an identity provider).
func isServicePrincipal(name string) bool {
	for _, suffix := range []string{".amazonaws.com", ".amazonaws.com.cn"} {
		if len(name) > len(suffix) && strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return name == "alexa-appkit.amazon.com" || name == "alexa-connectedhome.amazon.com"
}

func parseNamedPrincipal(c Caller, principal, action string) (Caller, error) {
	if isWebIdentityAction(action) {
		// A web identity provider is named by its host name, such as
		// accounts.google.com or oidc.eks.REGION.amazonaws.com/id/ID.
		if strings.ContainsAny(principal, " \t\n") || !strings.Contains(principal, ".") {
			return c, &CallerError{"the identity provider " + quote(principal) + " is named by its host name, such as accounts.google.com, cognito-identity.amazonaws.com or an OIDC provider's URL without https://"}
		}
		c.Kind = KindProvider
		return c, nil
	}
	if isServicePrincipal(principal) {
		c.Kind, c.Name = KindService, principal
		return c, nil
	}
	if policy.IsAccountID(principal) {
		return c, &CallerError{"the principal " + quote(principal) + " is an account ID: a request is made by an identity, so write arn:aws:iam::" + principal + ":root for the root user or the ARN of a user or role"}
	}
	return c, &CallerError{"the principal " + quote(principal) + " is not an ARN, a service principal (NAME.amazonaws.com, or one of Alexa's) or \"*\""}
}

func parseIAMPrincipal(c Caller, a policy.ARN) (Caller, error) {
	r := a.Resource
	switch {
	case r == "root":
		c.Kind = KindRoot
	case strings.HasPrefix(r, "user/") && lastSegment(r) != "":
		c.Kind, c.Name = KindUser, lastSegment(r)
	case strings.HasPrefix(r, "role/") && lastSegment(r) != "":
		c.Kind, c.Name, c.RoleARN = KindRole, lastSegment(r), c.ARN
		c.ServiceLinked = strings.HasPrefix(r, "role/aws-service-role/")
	default:
		return c, &CallerError{"the principal " + quote(c.ARN) + " is not an IAM principal: " + iamShapeHint(r, a.Account)}
	}
	return c, nil
}

// iamShapeHint says how an IAM principal ARN is written, and catches the
// common slip of a colon where the slash belongs (user:NAME).
func iamShapeHint(r, acct string) string {
	for _, t := range []string{"user", "role"} {
		if name, ok := strings.CutPrefix(r, t+":"); ok {
			return "write arn:aws:iam::" + acct + ":" + t + "/" + name + " (a slash, not a colon, before the name)"
		}
	}
	return "IAM principals are arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME or arn:aws:iam::ACCOUNT:root"
}

func parseSTSPrincipal(c Caller, a policy.ARN) (Caller, error) {
	r := a.Resource
	if rest, ok := strings.CutPrefix(r, "assumed-role/"); ok {
		role, session, ok := strings.Cut(rest, "/")
		if ok && role != "" && session != "" {
			c.Kind, c.Name, c.Session = KindRoleSession, role, session
			c.RoleARN = "arn:" + a.Partition + ":iam::" + a.Account + ":role/" + role
			c.ServiceLinked = strings.HasPrefix(role, "AWSServiceRoleFor")
			return c, nil
		}
	}
	if name, ok := strings.CutPrefix(r, "federated-user/"); ok && name != "" {
		c.Kind, c.Name = KindFederatedUser, name
		return c, nil
	}
	return c, &CallerError{"the principal " + quote(c.ARN) + " is not an STS session: write arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or arn:aws:sts::ACCOUNT:federated-user/NAME"}
}

func lastSegment(r string) string { return r[strings.LastIndexByte(r, '/')+1:] }

func isWebIdentityAction(action string) bool {
	return strings.EqualFold(action, "sts:AssumeRoleWithWebIdentity") || strings.EqualFold(action, "sts:AssumeRoleWithSAML")
}

func quote(s string) string { return "\"" + s + "\"" }
