package lint

import (
	"strings"

	"github.com/iamlab/iamlab/authz"
)

// chkCredentials is about the request rather than a policy: some kinds of
// credentials cannot call some actions at all, whatever the policies say
// (IAM User Guide, "Compare AWS STS credentials"; AWS STS API Reference).
// The engine decides by the policies alone, so the lint says it.
var chkCredentials = newCheck("request", "request.credentials", Warning,
	"a request AWS refuses for the caller's kind of credentials whatever the policies allow (the root user or an anonymous caller calling sts:AssumeRole, a federated user calling IAM or STS, a role session calling sts:GetFederationToken or sts:GetSessionToken)")

// credentialsLimit returns why AWS refuses the action to this caller's
// credentials, or "".
func credentialsLimit(c authz.Kind, action string) string {
	svc, name, _ := strings.Cut(strings.ToLower(action), ":")
	switch {
	case c == authz.KindRoot && svc == "sts" && name == "assumerole":
		return "the root user cannot call sts:AssumeRole (sign in as an IAM user or use a role), whatever the trust policy allows"
	case c == authz.KindAnonymous && svc == "sts" && name == "assumerole":
		return "sts:AssumeRole needs signed AWS credentials: an anonymous caller cannot call it, whatever the trust policy allows"
	case c == authz.KindFederatedUser && svc == "iam":
		return "a federated user session (from GetFederationToken) cannot call IAM operations, whatever its policies allow"
	case c == authz.KindFederatedUser && svc == "sts" && name != "getcalleridentity":
		return "a federated user session (from GetFederationToken) cannot call STS operations except sts:GetCallerIdentity, whatever its policies allow"
	case (c == authz.KindRoleSession || c == authz.KindRole) && svc == "sts" && (name == "getfederationtoken" || name == "getsessiontoken"):
		return "a role session cannot call sts:GetFederationToken or sts:GetSessionToken, whatever its policies allow"
	}
	return ""
}

// checkCredentials reports a request AWS refuses to the caller's kind of
// credentials, at the request's action.
func checkCredentials(s *authz.Request, actionOff int32) []Finding {
	c, err := authz.ParseCaller(s.Principal, s.Action)
	if err != nil {
		return nil
	}
	msg := credentialsLimit(c.Kind, s.Action)
	if msg == "" {
		return nil
	}
	return []Finding{{Code: chkCredentials.Code, Severity: chkCredentials.Severity, Msg: msg, Off: actionOff, Path: "request.action"}}
}
