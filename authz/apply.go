package authz

import (
	"slices"

	"github.com/iamlab/iamlab/policy"
)

// with returns a copy of the input with the edits made. The copy shares
// every policy it does not edit; an edited policy is copied first, so the
// input and its policies never change.
func (in *Input) with(edits []Edit) *Input {
	out := *in
	out.Identity = slices.Clone(in.Identity)
	out.SCPs = cloneLevels(in.SCPs)
	out.RCPs = cloneLevels(in.RCPs)
	for i := range edits {
		out.apply(&edits[i])
	}
	return &out
}

func cloneLevels(ls []Level) []Level {
	out := slices.Clone(ls)
	for i := range out {
		out[i].Policies = slices.Clone(ls[i].Policies)
	}
	return out
}

// apply makes one edit in the input's own copy of the policy it edits.
func (in *Input) apply(e *Edit) {
	n := in.slot(e)
	if n == nil {
		return // a policy the edit cannot reach: nothing to change
	}
	p := *n.Policy
	p.Statements = slices.Clone(p.Statements)
	n.Policy = &p
	if e.Kind == ChangeAddStatement {
		p.Statements = append(p.Statements, e.statement(p.StatementOff))
		return
	}
	if e.Statement < 0 || e.Statement >= len(p.Statements) {
		return
	}
	s := &p.Statements[e.Statement]
	switch e.Kind {
	case ChangeAddAction:
		s.Actions = append(slices.Clone(s.Actions), policy.Value{S: e.Action, Off: e.Off})
	case ChangeAddResource:
		s.Resources = append(slices.Clone(s.Resources), policy.Value{S: e.Resource, Off: e.Off})
	case ChangeAddPrincipal:
		pr := *s.Principal
		addPrincipal(&pr, e.PrincipalKey, policy.Value{S: e.Principal, Off: e.Off})
		s.Principal = &pr
	case ChangeMeetCondition, ChangeBreakCondition:
		// A Null check on the key, true or false as the edit needs, stands
		// for whatever change of values or request makes it so.
		c := e.Condition
		if c.Index < len(s.Conditions) {
			s.Conditions = slices.Clone(s.Conditions)
			absent := !c.Present == (e.Kind == ChangeMeetCondition)
			s.Conditions[c.Index] = policy.NullCheck(c.Key, absent, c.Off)
		}
	case ChangeRemoveDeny:
		// An empty Action matches nothing, and the statements keep their
		// places, which later edits count on.
		s.Actions, s.NotAction = nil, false
	}
}

// statement is the Allow statement that ChangeAddStatement adds.
func (e *Edit) statement(off int32) policy.Statement {
	s := policy.Statement{Off: off, Effect: policy.Allow, ActionOff: off, ResourceOff: off,
		Actions: []policy.Value{{S: e.Action, Off: off}}}
	if e.Resource != "" {
		s.HasResource, s.Resources = true, []policy.Value{{S: e.Resource, Off: off}}
	}
	if e.Principal != "" {
		s.Principal = &policy.Principal{Off: off}
		addPrincipal(s.Principal, e.PrincipalKey, policy.Value{S: e.Principal, Off: off})
	}
	return s
}

func addPrincipal(p *policy.Principal, key string, v policy.Value) {
	switch key {
	case "Service":
		p.Service = append(slices.Clone(p.Service), v)
	case "Federated":
		p.Federated = append(slices.Clone(p.Federated), v)
	default:
		p.AWS = append(slices.Clone(p.AWS), v)
	}
}

// slot returns the input's entry for the edit's policy, making a new
// (empty) policy there when the edit asks for one.
func (in *Input) slot(e *Edit) *Named {
	if e.New {
		return in.newPolicy(e)
	}
	switch e.Type {
	case policy.Identity:
		if e.Index < len(in.Identity) {
			return &in.Identity[e.Index]
		}
	case policy.Boundary:
		return copyNamed(&in.Boundary)
	case policy.Session:
		return copyNamed(&in.Session)
	case policy.Resource, policy.Trust:
		return copyNamed(&in.Resource)
	case policy.SCP, policy.RCP:
		ls := in.SCPs
		if e.Type == policy.RCP {
			ls = in.RCPs
		}
		if e.Level < len(ls) && e.Index < len(ls[e.Level].Policies) {
			return &ls[e.Level].Policies[e.Index]
		}
	}
	return nil
}

// copyNamed replaces *p with a copy of its own, which it returns.
func copyNamed(p **Named) *Named {
	if *p == nil {
		return nil
	}
	n := **p
	*p = &n
	return &n
}

// newPolicy adds an empty policy of the edit's type where it goes.
func (in *Input) newPolicy(e *Edit) *Named {
	n := &Named{Policy: &policy.Policy{Version: policy.Version2012}}
	switch e.Type {
	case policy.Identity:
		in.Identity = append(in.Identity, *n)
		return &in.Identity[len(in.Identity)-1]
	case policy.Session:
		in.Session = n
	case policy.Resource, policy.Trust:
		in.Resource = n
	case policy.SCP:
		if e.Level >= len(in.SCPs) {
			return nil
		}
		l := &in.SCPs[e.Level]
		l.Policies = append(l.Policies, *n)
		return &l.Policies[len(l.Policies)-1]
	default:
		return nil
	}
	return n
}
