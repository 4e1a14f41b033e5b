package authz

import "github.com/iamlab/iamlab/policy"

// decide applies AWS's evaluation logic to the collected trace.
func (e *evaluator) decide() {
	r := e.r
	if e.explicitDeny() {
		return
	}
	if e.scpBlocks() {
		return
	}
	c := &r.Caller
	switch c.Kind {
	case KindService, KindAnonymous, KindProvider:
		// These callers have no identity policies: only the resource's own
		// policy can let them in.
		if e.resourceGrant() != GrantNone {
			e.allow(ReasonAllowedResource, e.firstAllow(policy.Resource))
			return
		}
		e.deny(ReasonNoIdentityForCaller, e.find(policy.Resource))
		return
	}
	if r.SameAccount {
		e.decideSameAccount()
		return
	}
	e.decideCrossAccount()
}

// explicitDeny: a matching Deny in any applicable policy decides at once.
func (e *evaluator) explicitDeny() bool {
	for i := range e.r.Policies {
		p := &e.r.Policies[i]
		if !p.Denies {
			continue
		}
		for j := range p.Statements {
			if s := &p.Statements[j]; s.Matched && s.Effect == policy.Deny {
				e.r.Decision, e.r.Reason, e.r.Blocked, e.r.Deciding = ExplicitDeny, ReasonExplicitDeny, p, s
				return true
			}
		}
	}
	return false
}

// scpBlocks: every level of SCPs above the caller's account must allow.
func (e *evaluator) scpBlocks() bool {
	scpApplies, _ := e.scpApplies()
	if !scpApplies {
		return false
	}
	for lv, l := range e.in.SCPs {
		allowed := false
		var first *PolicyTrace
		for i := range e.r.Policies {
			p := &e.r.Policies[i]
			if p.Type != policy.SCP || p.Level != lv {
				continue
			}
			if first == nil {
				first = p
			}
			allowed = allowed || p.Allows
		}
		if !allowed {
			e.r.Decision, e.r.Reason, e.r.Blocked = ImplicitDeny, ReasonSCPNoAllow, first
			if first == nil {
				// A level with no policy at all: report it by its target.
				e.r.Blocked = &PolicyTrace{Type: policy.SCP, Level: lv, Target: l.Target, Applies: true}
			}
			return true
		}
	}
	return false
}

// limits reports whether the permissions boundary and the session policy
// leave the request allowed, and which one blocks it.
func (e *evaluator) limits() (bool, Code, *PolicyTrace) {
	c := &e.r.Caller
	if b := e.find(policy.Boundary); b != nil && b.Applies && !b.Allows {
		return false, ReasonBoundaryNoAllow, b
	}
	if !c.IsSession() {
		return true, "", nil
	}
	if s := e.find(policy.Session); s != nil && s.Applies {
		if !s.Allows {
			return false, ReasonSessionNoAllow, s
		}
		return true, "", nil
	}
	if c.Kind == KindFederatedUser {
		// GetFederationToken without a session policy grants nothing.
		return false, ReasonFederatedNoSession, nil
	}
	return true, "", nil
}

// identityAllows: an Allow in an identity-based policy; the root user has
// every permission in its own account without one.
func (e *evaluator) identityAllows() bool {
	if e.r.Caller.Kind == KindRoot {
		return true
	}
	for i := range e.r.Policies {
		if p := &e.r.Policies[i]; p.Type == policy.Identity && p.Applies && p.Allows {
			return true
		}
	}
	return false
}

func (e *evaluator) resourceGrant() Grant {
	if p := e.find(policy.Resource); p != nil {
		return p.Grant
	}
	return GrantNone
}

// decideSameAccount: an Allow in either the identity-based or the resource
// policy suffices, except that trust and key policies must allow
// themselves; how the resource policy names the caller decides whether
// implicit denies in identity policies, boundary and session policy count.
func (e *evaluator) decideSameAccount() {
	grant := e.resourceGrant()
	limitsOK, why, blocker := e.limits()
	// A trust policy that names the caller directly still needs the
	// caller's permissions boundary to allow sts:AssumeRole (IAM User
	// Guide, modifying a role trust policy); other resource policies that
	// name the caller directly are not limited by it.
	if grant == GrantDirect && e.r.trustPolicy() && !limitsOK && why == ReasonBoundaryNoAllow {
		e.deny(why, blocker)
		return
	}
	if grant == GrantDirect {
		e.allow(ReasonAllowedResource, e.firstAllow(policy.Resource))
		return
	}
	if grant == GrantRole {
		// Granted to the role: the boundary and session policy still limit it.
		if limitsOK {
			e.allow(ReasonAllowedResource, e.firstAllow(policy.Resource))
		} else {
			e.deny(why, blocker)
		}
		return
	}
	if e.r.Strict && grant == GrantNone {
		e.deny(ReasonResourceRequired, e.find(policy.Resource))
		return
	}
	if !e.identityAllows() {
		e.deny(ReasonNoAllow, nil)
		return
	}
	if !limitsOK {
		e.deny(why, blocker)
		return
	}
	e.allowIdentity()
}

// decideCrossAccount: the caller's own account must allow (identity policy,
// boundary, session policy) and so must the resource policy.
func (e *evaluator) decideCrossAccount() {
	if !e.identityAllows() {
		e.deny(ReasonCrossAccountNoID, nil)
		return
	}
	if ok, why, blocker := e.limits(); !ok {
		e.deny(why, blocker)
		return
	}
	if e.resourceGrant() == GrantNone {
		e.deny(ReasonCrossAccountNoRBP, e.find(policy.Resource))
		return
	}
	e.r.Decision, e.r.Reason, e.r.Deciding = Allowed, ReasonAllowedBoth, e.firstAllow(policy.Resource)
}

func (e *evaluator) allowIdentity() {
	if e.r.Caller.Kind == KindRoot {
		e.allow(ReasonAllowedRoot, nil)
		return
	}
	e.allow(ReasonAllowedIdentity, e.firstAllow(policy.Identity))
}

func (e *evaluator) allow(why Code, s *StatementTrace) {
	e.r.Decision, e.r.Reason, e.r.Deciding = Allowed, why, s
}

func (e *evaluator) deny(why Code, p *PolicyTrace) {
	e.r.Decision, e.r.Reason, e.r.Blocked = ImplicitDeny, why, p
}

func (e *evaluator) find(t policy.Type) *PolicyTrace {
	for i := range e.r.Policies {
		if e.r.Policies[i].Type == t {
			return &e.r.Policies[i]
		}
	}
	return nil
}

// firstAllow returns the first matching Allow statement of a policy type.
func (e *evaluator) firstAllow(t policy.Type) *StatementTrace {
	for i := range e.r.Policies {
		p := &e.r.Policies[i]
		if p.Type != t || !p.Allows {
			continue
		}
		for j := range p.Statements {
			if s := &p.Statements[j]; s.Matched && s.Effect == policy.Allow {
				return s
			}
		}
	}
	return nil
}
