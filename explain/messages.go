// Package explain turns an authz.Result into words: English messages for
// the stable reason codes, a JSON document and a text report. The playground
// translates the same codes in the browser.
package explain

import "github.com/iamlab/iamlab/authz"

// messages are the English texts of the reason codes.
var messages = map[authz.Code]string{
	authz.StmtMatched:              "the statement applies to the request",
	authz.StmtActionNotMatched:     "the action is not in Action",
	authz.StmtNotActionExcluded:    "the action is listed in NotAction",
	authz.StmtResourceNotMatched:   "the resource is not in Resource",
	authz.StmtNotResourceExcl:      "the resource is listed in NotResource",
	authz.StmtPrincipalNotNamed:    "the caller is not named in Principal",
	authz.StmtNotPrincipalExcl:     "the caller is listed in NotPrincipal",
	authz.StmtNotPrincipalBoundary: "the caller is listed in NotPrincipal, but a Deny with NotPrincipal applies to every IAM user or role that has a permissions boundary",
	authz.StmtConditionFailed:      "a condition is not met",
	authz.StmtVariableUnresolved:   "a policy variable has no value in the request, so the statement does not apply",

	authz.NotApplicableCaller:        "this policy type does not apply to this kind of caller",
	authz.NotApplicableServiceLinked: "service-linked roles are not restricted by organization policies",
	authz.NotApplicableRCPService:    "RCPs do not apply to this action: its service does not support them (or, for kms:RetireGrant, AWS exempts it)",

	authz.ReasonExplicitDeny:        "a Deny statement matched: an explicit deny overrides every allow",
	authz.ReasonAllowedIdentity:     "an identity-based policy allows the request and nothing limits it",
	authz.ReasonAllowedResource:     "the resource-based policy allows the request for this caller",
	authz.ReasonAllowedBoth:         "cross-account: the caller's identity-based policy and the resource-based policy both allow the request",
	authz.ReasonAllowedRoot:         "the root user has full access to its own account's resources",
	authz.ReasonSCPNoAllow:          "a level of service control policies has no Allow for the request",
	authz.ReasonNoAllow:             "no identity-based or resource-based policy allows the request",
	authz.ReasonBoundaryNoAllow:     "the permissions boundary does not allow the request",
	authz.ReasonSessionNoAllow:      "the session policy does not allow the request",
	authz.ReasonFederatedNoSession:  "a federated user session without a session policy has no permissions",
	authz.ReasonResourceRequired:    "a role trust policy or KMS key policy must itself allow the caller, and it does not",
	authz.ReasonCrossAccountNoRBP:   "cross-account: the resource-based policy of the resource's account does not allow the caller",
	authz.ReasonCrossAccountNoID:    "cross-account: no identity-based policy of the caller's account allows the request",
	authz.ReasonNoIdentityForCaller: "this caller has no identity policies: only the resource-based policy can allow it, and it does not",
}

// Message returns the English text of a code.
func Message(c authz.Code) string {
	if m, ok := messages[c]; ok {
		return m
	}
	return string(c)
}

// Codes lists every code with its English message, for translators.
func Codes() map[authz.Code]string {
	out := make(map[authz.Code]string, len(messages))
	for k, v := range messages {
		out[k] = v
	}
	return out
}
