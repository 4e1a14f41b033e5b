package authorize

import (
	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// DenyMessage words a denial as AWS does ("Troubleshooting access denied
// error messages", IAM User Guide): "User: ARN is not authorized to
// perform: ACTION on resource: RESOURCE" and then "with an explicit deny
// in a TYPE" or "because no TYPE allows the ACTION action". "When an SCP
// denies access, the error message always includes the phrase ... explicit
// deny in a service control policy, even if the denial is implicit".
func DenyMessage(caller string, req *Request, d authz.Decision, reason authz.Code, blocked policy.Type) string {
	msg := "User: " + caller + " is not authorized to perform: " + req.Action
	res := req.Display
	if res == "" {
		res = req.Resource
	}
	if res != "" && res != "*" {
		msg += " on resource: " + res
	}
	if d == authz.ExplicitDeny {
		return msg + " with an explicit deny in " + article(typeWords(blocked, req.Trust))
	}
	switch reason {
	case authz.ReasonSCPNoAllow:
		return msg + " with an explicit deny in a service control policy"
	case authz.ReasonBoundaryNoAllow:
		return msg + " because no permissions boundary allows the " + req.Action + " action"
	case authz.ReasonSessionNoAllow, authz.ReasonFederatedNoSession:
		return msg + " because no session policy allows the " + req.Action + " action"
	case authz.ReasonResourceRequired, authz.ReasonCrossAccountNoRBP, authz.ReasonNoIdentityForCaller:
		return msg + " because no " + typeWords(policy.Resource, req.Trust) + " allows the " + req.Action + " action"
	}
	return msg + " because no identity-based policy allows the " + req.Action + " action"
}

func typeWords(t policy.Type, trust bool) string {
	switch t {
	case policy.Boundary:
		return "permissions boundary"
	case policy.Session:
		return "session policy"
	case policy.Resource:
		if trust {
			return "role trust policy"
		}
		return "resource-based policy"
	case policy.SCP:
		return "service control policy"
	case policy.RCP:
		return "resource control policy"
	}
	return "identity-based policy"
}

func article(w string) string {
	if w == "identity-based policy" {
		return "an " + w
	}
	if w == "role trust policy" {
		return "the " + w
	}
	return "a " + w
}
