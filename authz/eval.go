// Package authz decides an authorization request the way AWS documents its
// policy evaluation logic: explicit deny first, then organization SCPs, then
// resource-based, identity-based, boundary and session policies, with the
// same-account and cross-account rules. The result carries a trace of every
// policy and statement; nothing here builds English text.
package authz

import (
	"strings"
	"time"

	"github.com/iamlab/iamlab/policy"
)

// Request is what is asked.
type Request struct {
	Principal string
	Action    string
	Resource  string
	// ResourceAccount is the account that owns the resource, if known.
	ResourceAccount string
	Context         Context
}

// Named is a policy with the name it has in the scenario.
type Named struct {
	Name   string
	Policy *policy.Policy
}

// Level is the policies attached at one level of an organization.
type Level struct {
	Target   string
	Policies []Named
}

// Input is a request with every policy that applies to it.
type Input struct {
	Request  Request
	Identity []Named
	Boundary *Named
	Session  *Named
	Resource *Named
	// SCPs is nil when the account is in no organization.
	SCPs []Level
	// RCPs is nil when none apply; RCPFullAWSAccess is implied at every level.
	RCPs []Level
	// Now is the time used when the context gives none (zero: time.Now()).
	Now time.Time
}

// Evaluate decides the request. It fails only when the principal is not one
// AWS could have (see ParseCaller).
func Evaluate(in *Input) (*Result, error) {
	return new(Evaluator).Evaluate(in)
}

// Evaluator decides requests and keeps its memory from one to the next, so
// that a loop over many (iamlab test --bench) allocates nothing once warm.
// The Result that Evaluate returns is valid until the Evaluator's next
// Evaluate. An Evaluator is for one goroutine at a time.
type Evaluator struct {
	r     Result // its slices are reused, emptied, for the next request
	stmts []StatementTrace
	conds []ConditionTrace
}

// Evaluate decides the request, as the function Evaluate does.
func (ev *Evaluator) Evaluate(in *Input) (*Result, error) {
	c, err := ParseCaller(in.Request.Principal, in.Request.Action)
	if err != nil {
		return nil, err
	}
	r := &ev.r
	policies, entries, derived := r.Policies[:0], r.Context.Entries[:0], r.Context.derived[:0]
	*r = Result{Caller: c, Policies: policies}
	// The request's keys, and room for the derived ones, in a copy.
	r.Context.Entries = append(entries, in.Request.Context.Entries...)
	r.Context.derived = derived
	refineRole(&r.Caller, &r.Context)
	res, isARN := policy.ParseARN(in.Request.Resource)
	r.ResourceAccount = resourceAccount(&in.Request, res, isARN, &r.Caller)
	Derive(&r.Context, &r.Caller, r.ResourceAccount, in.Now)
	r.SameAccount = r.Caller.InAccount() && r.Caller.Account == r.ResourceAccount
	r.Strict = isARN && strictResource(in.Request.Action, res)

	r.Input = in
	e := evaluator{in: in, r: r, ev: ev}
	e.collect()
	e.decide()
	return r, nil
}

// refineRole takes the role's full ARN (with its path) from aws:PrincipalArn
// when the request gives it, since a session ARN does not show the path.
func refineRole(c *Caller, ctx *Context) {
	if c.Kind != KindRoleSession {
		return
	}
	if v, ok := ctx.Lookup("aws:PrincipalArn"); ok && len(v) == 1 && sameRole(v[0], c) {
		c.RoleARN = v[0]
		if strings.Contains(v[0], ":role/aws-service-role/") {
			c.ServiceLinked = true
		}
	}
}

// resourceAccount is the given account, else the ARN's, else the caller's.
func resourceAccount(req *Request, a policy.ARN, isARN bool, c *Caller) string {
	if req.ResourceAccount != "" {
		return req.ResourceAccount
	}
	if isARN && a.Account != "" && a.Account != "aws" {
		return a.Account
	}
	return c.Account
}

// strictResource reports whether the resource's own policy must allow the
// request: role trust policies (sts actions on a role) and KMS key policies.
func strictResource(action string, a policy.ARN) bool {
	switch {
	case inService(action, "sts"):
		return a.Service == "iam" && strings.HasPrefix(a.Resource, "role/")
	case inService(action, "kms"):
		return a.Service == "kms" && strings.HasPrefix(a.Resource, "key/")
	}
	return false
}

// inService reports whether the action is one of the service with this
// prefix (lower case), whose case does not matter.
func inService(action, prefix string) bool {
	if len(action) <= len(prefix) || action[len(prefix)] != ':' {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if action[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}

type evaluator struct {
	in *Input
	r  *Result
	ev *Evaluator // whose memory the traces reuse
}

// collect evaluates every statement of every policy into the trace.
func (e *evaluator) collect() {
	in, c := e.in, &e.r.Caller
	n := len(in.Identity) + 3
	for _, l := range in.SCPs {
		n += len(l.Policies)
	}
	for _, l := range in.RCPs {
		n += len(l.Policies)
	}
	e.r.Policies = grow(e.r.Policies, n)
	stmts := 0
	each := func(p *Named) { stmts += len(p.Policy.Statements) }
	for i := range in.Identity {
		each(&in.Identity[i])
	}
	for _, p := range []*Named{in.Boundary, in.Session, in.Resource} {
		if p != nil {
			each(p)
		}
	}
	for _, ls := range [][]Level{in.SCPs, in.RCPs} {
		for _, l := range ls {
			for i := range l.Policies {
				each(&l.Policies[i])
			}
		}
	}
	// Traces point into these slices: they must not move while filled.
	e.ev.stmts = grow(e.ev.stmts, stmts)
	e.ev.conds = grow(e.ev.conds, stmts)
	for i := range in.Identity {
		e.add(policy.Identity, &in.Identity[i], i, 0, "", c.HasIdentityPolicies(), NotApplicableCaller)
	}
	if in.Boundary != nil {
		e.add(policy.Boundary, in.Boundary, 0, 0, "", c.HasIdentityPolicies(), NotApplicableCaller)
	}
	if in.Session != nil {
		e.add(policy.Session, in.Session, 0, 0, "", c.IsSession(), NotApplicableCaller)
	}
	if in.Resource != nil {
		e.add(policy.Resource, in.Resource, 0, 0, "", true, "")
	}
	scpApplies, scpWhy := e.scpApplies()
	for lv, l := range in.SCPs {
		for i := range l.Policies {
			e.add(policy.SCP, &l.Policies[i], i, lv, l.Target, scpApplies, scpWhy)
		}
	}
	if len(in.RCPs) == 0 {
		return // without RCPs, whether they apply is not asked
	}
	rcpApplies, rcpWhy := rcpApplies(in.Request.Action, c)
	for lv, l := range in.RCPs {
		for i := range l.Policies {
			e.add(policy.RCP, &l.Policies[i], i, lv, l.Target, rcpApplies, rcpWhy)
		}
	}
}

// scpApplies: SCPs limit the principals of member accounts, root included,
// but not service-linked roles, nor callers that are no account's identity.
func (e *evaluator) scpApplies() (bool, Code) {
	c := &e.r.Caller
	if c.ServiceLinked {
		return false, NotApplicableServiceLinked
	}
	if !c.InAccount() {
		return false, NotApplicableCaller
	}
	return true, ""
}

func (e *evaluator) add(t policy.Type, p *Named, index, level int, target string, applies bool, why Code) {
	pt := PolicyTrace{Type: t, Name: p.Name, Index: index, Level: level, Target: target, Applies: applies, Policy: p.Policy}
	if !applies {
		pt.NotApplicable = why
	}
	stmts := e.ev.stmts
	first := len(stmts)
	for i := range p.Policy.Statements {
		stmts = stmts[:len(stmts)+1] // Evaluate made room for every statement
		st := &stmts[len(stmts)-1]
		e.statement(st, p.Policy, i, t == policy.Resource || t == policy.RCP)
		if !st.Matched || !applies {
			continue
		}
		if st.Effect == policy.Deny {
			pt.Denies = true
		} else {
			pt.Allows = true
			if st.Grant > pt.Grant {
				pt.Grant = st.Grant
			}
		}
	}
	pt.Statements = stmts[first:len(stmts):len(stmts)]
	e.ev.stmts = stmts
	e.r.Policies = append(e.r.Policies, pt)
}

// statement evaluates one statement into st (in place: a trace is large):
// action, resource, principal, then conditions, stopping at the first
// element that does not apply. Details evaluates every element on its own.
func (e *evaluator) statement(st *StatementTrace, p *policy.Policy, i int, hasPrincipal bool) {
	s := &p.Statements[i]
	req := &e.in.Request
	ctx := &e.r.Context
	*st = StatementTrace{Index: i, Sid: s.Sid, Effect: s.Effect, Off: s.Off, Action: -1, Resource: -1}
	if st.Action = actionEntry(s.Actions, req.Action); (st.Action >= 0) == s.NotAction {
		st.Reason = StmtActionNotMatched
		if s.NotAction {
			st.Reason = StmtNotActionExcluded
		}
		return
	}
	if s.HasResource {
		var null string
		st.Resource, null = resourceEntry(s.Resources, req.Resource, ctx, p.Vars())
		if (st.Resource >= 0) == s.NotResource {
			st.Reason = StmtResourceNotMatched
			switch {
			case s.NotResource:
				st.Reason = StmtNotResourceExcl
			case null != "":
				st.Reason, st.Unresolved = StmtVariableUnresolved, null
			}
			return
		}
	}
	viaBoundary := false
	if hasPrincipal {
		st.Grant, viaBoundary = e.principal(s)
		if st.Grant == GrantNone {
			st.Reason = StmtPrincipalNotNamed
			if s.NotPrincipal {
				st.Reason = StmtNotPrincipalExcl
			}
			return
		}
	}
	for ci := range s.Conditions {
		cond := &s.Conditions[ci]
		out := cond.Eval(ctx, p.Vars())
		if !out.Matched {
			st.Reason, st.Unresolved = StmtConditionFailed, out.Null
			e.ev.conds = append(e.ev.conds, conditionTrace(cond, ci, out))
			st.Condition = &e.ev.conds[len(e.ev.conds)-1]
			return
		}
	}
	st.Matched, st.Reason = true, StmtMatched
	if viaBoundary {
		st.Reason = StmtNotPrincipalBoundary
	}
}

// principal evaluates a statement's Principal or NotPrincipal for the
// caller; viaBoundary reports a Deny with NotPrincipal that applies because
// the caller has a permissions boundary.
func (e *evaluator) principal(s *policy.Statement) (g Grant, viaBoundary bool) {
	if s.Principal == nil {
		return GrantNone, false
	}
	g = principalGrant(s, &e.r.Caller)
	if g == GrantNone && e.boundaryDefeatsNotPrincipal(s) {
		return GrantDirect, true
	}
	return g, false
}

// boundaryDefeatsNotPrincipal reports whether a Deny with NotPrincipal
// applies to the caller whatever it lists: "The NotPrincipal element with a
// Deny effect will always deny any IAM principal that has a permissions
// boundary policy attached, regardless of the values specified in the
// NotPrincipal element" (IAM User Guide, NotPrincipal and permissions
// boundaries).
func (e *evaluator) boundaryDefeatsNotPrincipal(s *policy.Statement) bool {
	k := e.r.Caller.Kind
	return s.NotPrincipal && s.Effect == policy.Deny && e.in.Boundary != nil &&
		(k == KindUser || k == KindRole || k == KindRoleSession)
}

// conditionTrace records how a condition came out.
func conditionTrace(c *policy.Condition, index int, out policy.Outcome) ConditionTrace {
	return ConditionTrace{Index: index, Operator: c.Op.Name, Key: c.Key, Policy: c.Strings(), Values: out.Values,
		Request: out.Context, Present: out.Present, Holds: out.Matched, Rule: out.Rule, Null: out.Null, Off: c.KeyOff}
}

// grow returns s emptied, with room for n elements.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// actionEntry returns the index of the first pattern that matches the
// action, or -1.
func actionEntry(vs []policy.Value, action string) int {
	for i, v := range vs {
		if policy.MatchAction(v.S, action) {
			return i
		}
	}
	return -1
}

// resourceEntry returns the index of the first pattern that matches the
// resource, or -1, and the first policy variable that had no value. "If a
// variable that has no value in the authorization context is used as part
// of the Resource or NotResource element of a policy, the resource that
// includes a policy variable with no value will not match any resource"
// (IAM User Guide, policy variables with no value): such an entry matches
// nothing, in Resource as in NotResource (where it excludes nothing), and
// the statement's other entries still count.
func resourceEntry(vs []policy.Value, resource string, ctx *Context, vars bool) (int, string) {
	null := ""
	for i, v := range vs {
		pat := v.S
		if vars && policy.HasVariable(pat) {
			s, missing := policy.Substitute(pat, ctx, true)
			if missing != "" {
				if null == "" {
					null = missing
				}
				continue
			}
			pat = s
		}
		if policy.MatchARN(pat, resource) {
			return i, null
		}
	}
	return -1, null
}
