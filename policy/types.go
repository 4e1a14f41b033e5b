package policy

import "strings"

// Type is the kind of a policy: where it is attached decides which elements
// it must and must not have, and how it takes part in an evaluation. The
// scenario reader, the linter, the evaluator's trace, the page and the
// simulated IAM all use this one notion.
type Type uint8

// The policy types.
const (
	Identity Type = iota + 1 // identity-based policy of a user, group or role
	Boundary                 // permissions boundary
	Session                  // session policy passed to AssumeRole* or GetFederationToken
	Resource                 // resource-based policy (bucket, key, queue...)
	Trust                    // role trust policy: the resource-based policy of a role
	SCP                      // AWS Organizations service control policy
	RCP                      // AWS Organizations resource control policy
)

var typeNames = [...]string{Identity: "identity", Boundary: "boundary", Session: "session",
	Resource: "resource", Trust: "trust", SCP: "scp", RCP: "rcp"}

var typeLong = [...]string{Identity: "an identity-based policy", Boundary: "a permissions boundary",
	Session: "a session policy", Resource: "a resource-based policy", Trust: "a role trust policy",
	SCP: "a service control policy", RCP: "a resource control policy"}

// Types lists every type, in the order a trace lists policies.
var Types = []Type{Identity, Boundary, Session, Resource, Trust, SCP, RCP}

// String is the type's short name: identity, boundary, session, resource,
// trust, scp or rcp.
func (t Type) String() string {
	if t == 0 || int(t) >= len(typeNames) {
		return "unknown"
	}
	return typeNames[t]
}

// Long names the type in a sentence: "a permissions boundary".
func (t Type) Long() string {
	if t == 0 || int(t) >= len(typeLong) {
		return "a policy"
	}
	return typeLong[t]
}

// MarshalText writes the short name.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads a short name, in any case.
func (t *Type) UnmarshalText(b []byte) error {
	v, ok := ParseType(string(b))
	if !ok {
		return &Error{Code: "policy.type", Msg: "unknown policy type " + quote(string(b)) + ": " + strings.Join(typeNames[1:], ", ")}
	}
	*t = v
	return nil
}

// ParseType reads a short name as String writes it, in any case.
func ParseType(s string) (Type, bool) {
	for i, n := range typeNames {
		if n != "" && strings.EqualFold(n, s) {
			return Type(i), true
		}
	}
	return 0, false
}

// NamesPrincipal reports whether statements of the type say whom they apply
// to (resource-based, trust and resource control policies); the others apply
// to the identity they are attached to and must not have a principal.
func (t Type) NamesPrincipal() bool { return t == Resource || t == Trust || t == RCP }

// StoredByIAM reports whether IAM itself stores policies of the type, and so
// applies IAM's quotas and character rules when one is saved.
func (t Type) StoredByIAM() bool { return t == Identity || t == Boundary || t == Trust }

// Elements checks the elements a policy of type t must and must not have,
// as AWS does when such a policy is saved. It returns every fault, in the
// order of the statements; the codes are the linter's.
func (t Type) Elements(p *Policy) []*Error {
	var errs []*Error
	for i := range p.Statements {
		s := &p.Statements[i]
		if e := t.statementElements(p, s); e != nil {
			errs = append(errs, e)
		}
		if t == Trust && s.NotPrincipal {
			errs = append(errs, newError(p.Src, s.Principal.Off, "trust.notPrincipal",
				"a role trust policy cannot use NotPrincipal (AWS allows it only in other resource-based policies): name who may assume the role in Principal"))
		}
		if t == Trust && s.HasResource {
			errs = append(errs, newError(p.Src, s.ResourceOff, "trust.resource",
				"a role trust policy has no Resource or NotResource element (the resource is the role itself); IAM rejects the policy: remove it"))
		}
	}
	return errs
}

// statementElements is the principal and resource rule of one statement.
func (t Type) statementElements(p *Policy, s *Statement) *Error {
	switch {
	case !t.NamesPrincipal() && s.Principal != nil:
		return newError(p.Src, s.Principal.Off, "statement.principalNotAllowed",
			t.Long()+" cannot have Principal or NotPrincipal: it applies to the identity it is attached to (to name callers, use the aws:PrincipalArn condition key)")
	case !t.NamesPrincipal() && !s.HasResource:
		return newError(p.Src, s.Off, "statement.noResource",
			"the statement has no Resource or NotResource (required in "+t.Long()+"): add \"Resource\": \"*\" or the ARNs it applies to")
	case (t == Resource || t == Trust) && s.Principal == nil:
		return newError(p.Src, s.Off, "statement.noPrincipal",
			"the statement has no Principal or NotPrincipal (required in "+t.Long()+"): name who the statement applies to")
	case t == RCP && (s.Principal == nil || s.NotPrincipal || !s.Principal.Any):
		at := s.Off
		if s.Principal != nil {
			at = s.Principal.Off
		}
		return newError(p.Src, at, "statement.rcpPrincipal",
			"a resource control policy statement must have \"Principal\": \"*\" (use conditions such as aws:PrincipalOrgID to narrow it)")
	}
	return nil
}

func quote(s string) string { return "\"" + s + "\"" }
