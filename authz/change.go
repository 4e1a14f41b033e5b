package authz

import (
	"slices"

	"github.com/iamlab/iamlab/policy"
)

// Edits of the policies that would change a decision.
const (
	// ChangeAddAction: an Allow statement would apply if its Action listed
	// the request's action.
	ChangeAddAction Code = "change.addAction"
	// ChangeAddResource: ... if its Resource listed the request's resource.
	ChangeAddResource Code = "change.addResource"
	// ChangeAddPrincipal: ... if its Principal named the caller (or, across
	// accounts, the caller's account).
	ChangeAddPrincipal Code = "change.addPrincipal"
	// ChangeMeetCondition: ... if this condition held: change the policy's
	// values, or the request.
	ChangeMeetCondition Code = "change.meetCondition"
	// ChangeAddStatement: no statement of the policy comes close: add an
	// Allow statement for the request (to a new policy, when there is none).
	ChangeAddStatement Code = "change.addStatement"
	// ChangeBreakCondition: a Deny applies because this condition holds; it
	// stops applying when the condition fails.
	ChangeBreakCondition Code = "change.breakCondition"
	// ChangeRemoveDeny: a Deny without conditions applies: narrow its
	// Action, Resource or Principal, or remove it.
	ChangeRemoveDeny Code = "change.removeDeny"
)

// Limits of the search for changes: each step re-evaluates the request
// once per candidate edit.
const (
	maxChangeSteps      = 16 // gates cleared one after the other
	maxChangeCandidates = 6  // edits tried for one gate
)

// Edit is one edit of a policy.
type Edit struct {
	Kind Code
	// The policy: its type and place (Index among the identity policies or
	// at its organization level, Level from 0 at the root), as in the
	// trace. New marks a policy the scenario does not have yet.
	Type   policy.Type
	Index  int
	Level  int
	Name   string
	Target string
	New    bool
	// Statement is the statement's index, -1 for a new statement.
	Statement int
	Sid       string
	// Off is where the edit goes in the policy's text: the element to
	// change, the statement, or the Statement element for a new one.
	Off int32
	// What to add: an action, a resource, a principal (with the key of
	// the Principal element it goes in: AWS, Service or Federated); a new
	// statement has all three that its policy type takes.
	Action, Resource, PrincipalKey, Principal string
	// Condition is the condition to meet or to break.
	Condition *ConditionTrace
}

// Changes are edits of the policies that would change a decision, found
// by making them and deciding again: each edit moved the decision on
// (another decision, or another reason or policy that blocks it).
type Changes struct {
	Edits []Edit
	// Decision is the decision once every edit is made.
	Decision Decision
}

// Changes computes what would change the decision: for an explicit deny,
// the Deny statements to change, and then what an allow still lacks; for
// an implicit deny, the smallest edits that would allow the request (an
// action missing from the boundary's statement, the account a resource
// policy must name...). A statement that one edit would make apply comes
// first, then a new statement, then statements that need more edits. It
// decides again for every edit it tries, and reports only edits that
// made a difference: call it to explain, never on the decision path.
func (r *Result) Changes() Changes {
	if r.Input == nil || r.Decision == Allowed {
		return Changes{Decision: r.Decision}
	}
	cur, in := r, r.Input
	var edits []Edit
	for range maxChangeSteps {
		if cur.Decision == Allowed {
			break
		}
		next, nin, group := cur.nextChange(in)
		if next == nil {
			break
		}
		edits = append(edits, group...)
		cur, in = next, nin
	}
	return Changes{Edits: edits, Decision: cur.Decision}
}

// nextChange tries the candidate edits for what blocks r, in order, and
// returns the first that moves the decision on, with the new input.
func (r *Result) nextChange(in *Input) (*Result, *Input, []Edit) {
	for i, group := range r.candidates() {
		if i == maxChangeCandidates {
			break
		}
		nin := in.with(group)
		next, err := Evaluate(nin)
		if err == nil && moved(r, next) {
			return next, nin, group
		}
	}
	return nil, nil, nil
}

// moved reports whether b decides differently from a, or for another
// reason, or is blocked or decided by another policy or statement.
func moved(a, b *Result) bool {
	return a.Decision != b.Decision || a.Reason != b.Reason ||
		!samePolicy(a.Blocked, b.Blocked) || !sameStatement(a, b)
}

func samePolicy(a, b *PolicyTrace) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Type == b.Type && a.Index == b.Index && a.Level == b.Level
}

func sameStatement(a, b *Result) bool {
	if a.Deciding == nil || b.Deciding == nil {
		return a.Deciding == b.Deciding
	}
	return samePolicy(a.policyOf(a.Deciding), b.policyOf(b.Deciding)) && a.Deciding.Index == b.Deciding.Index
}

// policyOf returns the policy that holds a statement of the trace.
func (r *Result) policyOf(st *StatementTrace) *PolicyTrace {
	for i := range r.Policies {
		p := &r.Policies[i]
		if len(p.Statements) > 0 && st.Index < len(p.Statements) && &p.Statements[st.Index] == st {
			return p
		}
	}
	return nil
}

// candidates lists edits, one group at a time, for what blocks r now.
func (r *Result) candidates() [][]Edit {
	if r.Decision == ExplicitDeny {
		return r.denyCandidates()
	}
	c := &r.Caller
	account := principalOf(c, true)
	self := principalOf(c, false)
	switch r.Reason {
	case ReasonSCPNoAllow:
		return r.allowCandidates(policy.SCP, r.Blocked.Level, nil)
	case ReasonBoundaryNoAllow:
		return r.allowCandidates(policy.Boundary, 0, nil)
	case ReasonSessionNoAllow, ReasonFederatedNoSession:
		return r.allowCandidates(policy.Session, 0, nil)
	case ReasonNoAllow:
		out := r.allowCandidates(policy.Identity, 0, nil)
		return append(out, r.allowCandidates(policy.Resource, 0, &self)...)
	case ReasonCrossAccountNoID:
		return r.allowCandidates(policy.Identity, 0, nil)
	case ReasonCrossAccountNoRBP:
		return r.allowCandidates(policy.Resource, 0, &account)
	case ReasonResourceRequired, ReasonNoIdentityForCaller:
		out := r.allowCandidates(policy.Resource, 0, &self)
		if c.InAccount() && self != account {
			out = append(out, r.allowCandidates(policy.Resource, 0, &account)...)
		}
		return out
	}
	return nil
}

// denyCandidates: the first Deny that applies stops applying when one of
// its conditions fails, or, without conditions, when it is narrowed.
func (r *Result) denyCandidates() [][]Edit {
	st := r.Deciding
	p := r.policyOf(st)
	if p == nil {
		return nil
	}
	e := r.editOf(p, st)
	var out [][]Edit
	for _, c := range r.Details(p, st).Conditions {
		e.Kind, e.Off, e.Condition = ChangeBreakCondition, c.Off, &c
		out = append(out, []Edit{e})
	}
	if len(out) == 0 {
		e.Kind = ChangeRemoveDeny
		out = append(out, []Edit{e})
	}
	return out
}

// principalValue is what a Principal element must hold to name a caller.
type principalValue struct{ key, value string }

// principalOf names the caller, or with account its account, as a
// Principal element would: a role session by its role's ARN, a service
// by its name, an anonymous caller by "*".
func principalOf(c *Caller, account bool) principalValue {
	switch {
	case account && c.InAccount():
		return principalValue{"AWS", "arn:" + c.Partition + ":iam::" + c.Account + ":root"}
	case c.Kind == KindRoleSession:
		return principalValue{"AWS", c.RoleARN}
	case c.Kind == KindService:
		return principalValue{"Service", c.Name}
	case c.Kind == KindProvider:
		return principalValue{"Federated", c.ARN}
	case c.Kind == KindAnonymous:
		return principalValue{"AWS", "*"}
	}
	return principalValue{"AWS", c.ARN}
}

// allowCandidates lists edits that would give the request an Allow in the
// policies of type t (at level lv for SCPs): the Allow statements that one
// edit would make apply, then a new statement, then the statements that
// need more edits, fewest first. who is the principal a resource-based
// policy must name.
func (r *Result) allowCandidates(t policy.Type, lv int, who *principalValue) [][]Edit {
	var near [][]Edit
	var first *PolicyTrace
	for i := range r.Policies {
		p := &r.Policies[i]
		if p.Type != t || (t == policy.SCP && p.Level != lv) || !p.Applies {
			continue
		}
		if first == nil {
			first = p
		}
		for j := range p.Statements {
			if g := r.nearMiss(p, &p.Statements[j], who); g != nil {
				near = append(near, g)
			}
		}
	}
	// One edit of a statement, then one new statement, then statements
	// that need more edits than that.
	slices.SortStableFunc(near, func(a, b []Edit) int { return len(a) - len(b) })
	one := 0
	for one < len(near) && len(near[one]) == 1 {
		one++
	}
	out := append(near[:one:one], []Edit{r.newStatement(t, lv, first, who)})
	return append(out, near[one:]...)
}

// nearMiss returns the edits that would make an Allow statement apply, or
// nil when it applies already or cannot be edited into applying by adding
// to it (a NotAction, NotResource or NotPrincipal that excludes the
// request).
func (r *Result) nearMiss(p *PolicyTrace, st *StatementTrace, who *principalValue) []Edit {
	if st.Effect != policy.Allow || st.Matched {
		return nil
	}
	d := r.Details(p, st)
	s := &p.Policy.Statements[st.Index]
	base := r.editOf(p, st)
	var g []Edit
	add := func(kind Code, off int32, set func(*Edit)) {
		e := base
		e.Kind, e.Off = kind, off
		set(&e)
		g = append(g, e)
	}
	if !d.Action.Applies {
		if d.Action.Not {
			return nil
		}
		add(ChangeAddAction, s.ActionOff, func(e *Edit) { e.Action = r.Input.Request.Action })
	}
	if !d.Resource.Applies {
		if d.Resource.Not {
			return nil
		}
		add(ChangeAddResource, s.ResourceOff, func(e *Edit) { e.Resource = r.Input.Request.Resource })
	}
	if who != nil && !d.Principal.Applies {
		if d.Principal.Not || s.Principal == nil {
			return nil
		}
		add(ChangeAddPrincipal, s.Principal.Off, func(e *Edit) { e.PrincipalKey, e.Principal = who.key, who.value })
	}
	for _, c := range d.Conditions {
		if !c.Holds {
			add(ChangeMeetCondition, c.Off, func(e *Edit) { e.Condition = &c })
		}
	}
	return g
}

// newStatement is the edit that adds an Allow statement for the request
// to p, or to a new policy of type t when p is nil.
func (r *Result) newStatement(t policy.Type, lv int, p *PolicyTrace, who *principalValue) Edit {
	req := &r.Input.Request
	e := Edit{Kind: ChangeAddStatement, Type: t, Level: lv, Statement: -1, Action: req.Action, Resource: req.Resource, New: p == nil}
	if p != nil {
		e.Index, e.Name, e.Target, e.Off = p.Index, p.Name, p.Target, p.Policy.StatementOff
	} else if t == policy.SCP && lv < len(r.Input.SCPs) {
		e.Target = r.Input.SCPs[lv].Target
	}
	if t == policy.Identity && p == nil {
		e.Index = len(r.Input.Identity)
	}
	if who != nil {
		e.PrincipalKey, e.Principal = who.key, who.value
	}
	if r.trustPolicy() && t == policy.Resource {
		e.Resource = "" // a trust policy's statements apply to its role
	}
	return e
}

// trustPolicy reports whether the resource policy is a role trust policy.
func (r *Result) trustPolicy() bool {
	return r.Strict && inService(r.Input.Request.Action, "sts")
}

// editOf starts an edit of a statement of p.
func (r *Result) editOf(p *PolicyTrace, st *StatementTrace) Edit {
	return Edit{Type: p.Type, Index: p.Index, Level: p.Level, Name: p.Name, Target: p.Target,
		Statement: st.Index, Sid: st.Sid, Off: st.Off}
}
