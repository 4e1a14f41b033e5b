package authz

import "github.com/iamlab/iamlab/policy"

// Ref names a policy of a result, and one of its statements or none.
type Ref struct {
	Policy    *PolicyTrace
	Statement *StatementTrace
}

// DecidedBy lists what decided the result. For an explicit deny, every
// Deny statement that applies; for an allow, the Allow statements that
// grant it (of the identity-based policies, of the resource-based policy,
// or of both across accounts; none for the root user in its own account);
// for an implicit deny, the policy that blocked it, or nothing when no
// policy allows the request at all.
func (r *Result) DecidedBy() []Ref {
	var refs []Ref
	each := func(keep func(*PolicyTrace, *StatementTrace) bool) {
		for i := range r.Policies {
			p := &r.Policies[i]
			for j := range p.Statements {
				if s := &p.Statements[j]; p.Applies && s.Matched && keep(p, s) {
					refs = append(refs, Ref{p, s})
				}
			}
		}
	}
	identity := func(p *PolicyTrace, s *StatementTrace) bool {
		return p.Type == policy.Identity && s.Effect == policy.Allow
	}
	resource := func(p *PolicyTrace, s *StatementTrace) bool {
		return p.Type == policy.Resource && s.Effect == policy.Allow && s.Grant != GrantNone && s.Grant >= p.Grant
	}
	switch r.Reason {
	case ReasonExplicitDeny:
		each(func(_ *PolicyTrace, s *StatementTrace) bool { return s.Effect == policy.Deny })
	case ReasonAllowedIdentity:
		each(identity)
	case ReasonAllowedResource:
		each(resource)
	case ReasonAllowedBoth:
		each(func(p *PolicyTrace, s *StatementTrace) bool { return identity(p, s) || resource(p, s) })
	default:
		if r.Blocked != nil {
			refs = append(refs, Ref{Policy: r.Blocked})
		}
	}
	return refs
}

// Element is how one element of a statement (Action, Resource, Principal
// or their Not forms) takes the request.
type Element struct {
	// Present is false when the statement does not have the element.
	Present bool
	Not     bool
	// Applies reports whether the element lets the statement apply.
	Applies bool
	// Entry is the index of the entry that matched the request (for a Not
	// element, the one that excluded it), or -1; Value is its text.
	Entry int
	Value string
	// Null is a policy variable without a value in the request, in an
	// entry of Resource or NotResource that therefore matched nothing.
	Null string
}

// Detail is how each element of a statement takes the request, every one
// evaluated on its own: what matched as much as what did not.
type Detail struct {
	Action, Resource, Principal Element
	// Grant is how the Principal names the caller.
	Grant      Grant
	Conditions []ConditionTrace
}

// Details evaluates a statement of the result element by element. The
// decision stops at the first element that does not apply and records
// only the condition that failed; an explanation wants them all. It costs
// the decision nothing: call it only to explain.
func (r *Result) Details(p *PolicyTrace, st *StatementTrace) Detail {
	s := &p.Policy.Statements[st.Index]
	req := &r.Input.Request
	d := Detail{Action: Element{Present: true, Not: s.NotAction, Entry: -1}, Resource: Element{Entry: -1}, Principal: Element{Entry: -1}}
	d.Action.Entry = actionEntry(s.Actions, req.Action)
	d.Action.Applies = (d.Action.Entry >= 0) != s.NotAction
	if d.Action.Entry >= 0 {
		d.Action.Value = s.Actions[d.Action.Entry].S
	}
	d.Resource = Element{Present: s.HasResource, Not: s.NotResource, Applies: true, Entry: -1}
	if s.HasResource {
		d.Resource.Entry, d.Resource.Null = resourceEntry(s.Resources, req.Resource, &r.Context, p.Policy.Vars())
		d.Resource.Applies = (d.Resource.Entry >= 0) != s.NotResource
		if d.Resource.Entry >= 0 {
			d.Resource.Value = s.Resources[d.Resource.Entry].S
		}
	}
	d.Principal = Element{Present: s.Principal != nil, Not: s.NotPrincipal, Applies: true, Entry: -1}
	if p.Type == policy.Resource || p.Type == policy.RCP {
		e := evaluator{in: r.Input, r: r}
		d.Grant, _ = e.principal(s)
		d.Principal.Applies = d.Grant != GrantNone
		d.Principal.Value = namingValue(s.Principal, &r.Caller)
	}
	d.Conditions = make([]ConditionTrace, len(s.Conditions))
	for i := range s.Conditions {
		c := &s.Conditions[i]
		d.Conditions[i] = conditionTrace(c, i, c.Eval(&r.Context, p.Policy.Vars()))
	}
	return d
}
