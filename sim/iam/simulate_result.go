package iam

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// simulateResult is SimulatePolicyResponse.
type simulateResult struct {
	EvaluationResults []evaluationResult `xml:"EvaluationResults>member"`
	IsTruncated       bool
	Marker            string `xml:",omitempty"`
}

// evaluationResult is EvaluationResult: one action on one resource.
type evaluationResult struct {
	EvalActionName                    string
	EvalResourceName                  string
	EvalDecision                      string
	MatchedStatements                 []matchedStatement `xml:"MatchedStatements>member"`
	MissingContextValues              []string           `xml:"MissingContextValues>member"`
	OrganizationsDecisionDetail       *orgDetail         `xml:",omitempty"`
	PermissionsBoundaryDecisionDetail *boundaryDetail    `xml:",omitempty"`
	ResourceSpecificResults           []resourceResult   `xml:"ResourceSpecificResults>member,omitempty"`
}

// resourceResult is ResourceSpecificResult: with ResourceArns given,
// "any missing context values are instead included under the
// ResourceSpecificResults section".
type resourceResult struct {
	EvalResourceName                  string
	EvalResourceDecision              string
	MatchedStatements                 []matchedStatement `xml:"MatchedStatements>member"`
	MissingContextValues              []string           `xml:"MissingContextValues>member"`
	PermissionsBoundaryDecisionDetail *boundaryDetail    `xml:",omitempty"`
}

type matchedStatement struct {
	SourcePolicyId   string
	SourcePolicyType string `xml:",omitempty"`
	StartPosition    position
	EndPosition      position
}

type position struct {
	Line   int
	Column int
}

type orgDetail struct{ AllowedByOrganizations bool }

type boundaryDetail struct{ AllowedByPermissionsBoundary bool }

// run decides every pair of action and resource, and returns the page of
// results the Marker and MaxItems ask for.
func (s *simulation) run() (*simulateResult, error) {
	arns := s.arns
	if len(arns) == 0 {
		arns = []string{"*"}
	}
	var all []evaluationResult
	for _, action := range s.actions {
		for _, arn := range arns {
			r, err := s.decide(action, arn)
			if err != nil {
				return nil, err
			}
			all = append(all, r)
		}
	}
	out := &simulateResult{EvaluationResults: []evaluationResult{}}
	if s.from > len(all) {
		return nil, invalidInput("Invalid Marker.")
	}
	end := min(s.from+s.items, len(all))
	out.EvaluationResults = all[s.from:end]
	if end < len(all) {
		out.IsTruncated, out.Marker = true, strconv.Itoa(end)
	}
	return out, nil
}

// decide evaluates one action on one resource.
func (s *simulation) decide(action, arn string) (evaluationResult, error) {
	in := s.input(action, arn)
	r, err := authz.Evaluate(in)
	if err != nil {
		return evaluationResult{}, invalidInput("CallerArn %s: %v", s.caller, err)
	}
	res := evaluationResult{EvalActionName: action, EvalResourceName: arn, EvalDecision: string(r.Decision),
		MatchedStatements: s.matched(r), MissingContextValues: missingKeys(r)}
	if s.inOrg {
		res.OrganizationsDecisionDetail = &orgDetail{AllowedByOrganizations: r.Reason != authz.ReasonSCPNoAllow && !deniedBy(r, policy.SCP)}
	}
	if s.boundary != nil {
		res.PermissionsBoundaryDecisionDetail = &boundaryDetail{AllowedByPermissionsBoundary: boundaryAllows(r)}
	}
	if len(s.arns) > 0 {
		res.ResourceSpecificResults = []resourceResult{{EvalResourceName: arn, EvalResourceDecision: res.EvalDecision,
			MatchedStatements: res.MatchedStatements, MissingContextValues: res.MissingContextValues,
			PermissionsBoundaryDecisionDetail: res.PermissionsBoundaryDecisionDetail}}
		res.MissingContextValues = []string{}
	}
	return res, nil
}

// input is the engine's question for one pair. ResourceOwner is "the
// owner of any simulated resource that does not identify its owner in the
// resource ARN"; without it, "the owner of the resources and the resource
// policy defaults to the account of the identity provided in CallerArn",
// which is the engine's own default. Without a resource policy the
// resource is taken to be in the caller's account: AWS speaks of a
// cross-account simulation only with a ResourcePolicy (ResourceOwner "is
// required only if you specify a resource-based policy and account that
// owns the resource is different"), so the identity-based policies alone
// decide.
func (s *simulation) input(action, arn string) *authz.Input {
	in := &authz.Input{Request: authz.Request{Principal: s.caller, Action: action, Resource: arn}, SCPs: s.scps}
	a, ok := policy.ParseARN(arn)
	switch {
	case s.resource == nil:
		if c, ok := policy.ParseARN(s.caller); ok {
			in.Request.ResourceAccount = c.Account
		}
	case s.owner != "" && (!ok || a.Account == ""):
		in.Request.ResourceAccount = s.owner
	}
	in.Request.Context.Entries = append([]authz.Entry(nil), s.context...)
	for _, p := range s.identity {
		in.Identity = append(in.Identity, authz.Named{Name: p.id, Policy: p.doc})
	}
	if s.boundary != nil {
		in.Boundary = &authz.Named{Name: s.boundary.id, Policy: s.boundary.doc}
	}
	if s.resource != nil {
		in.Resource = &authz.Named{Name: s.resource.id, Policy: s.resource.doc}
	}
	return in
}

// matched lists "the statements in the input policies that determine the
// result": for an explicit deny only the denying statements ("the deny
// statement is the only entry included in the result"), for an allow the
// matching Allow statements, for an implicit deny none.
func (s *simulation) matched(r *authz.Result) []matchedStatement {
	out := []matchedStatement{}
	want := policy.Allow
	switch r.Decision {
	case authz.ExplicitDeny:
		want = policy.Deny
	case authz.ImplicitDeny:
		return out
	}
	for i := range r.Policies {
		pt := &r.Policies[i]
		src, ok := s.sourceOf(pt)
		if !ok || !pt.Applies {
			continue
		}
		for j := range pt.Statements {
			st := &pt.Statements[j]
			if st.Matched && st.Effect == want {
				out = append(out, statementAt(src, st.Off))
			}
		}
	}
	return out
}

// sourceOf is the simulation's policy behind a trace's policy (SCPs are
// not input policies: they are not listed).
func (s *simulation) sourceOf(pt *authz.PolicyTrace) (simPolicy, bool) {
	switch pt.Type {
	case policy.Identity:
		if pt.Index < len(s.identity) {
			return s.identity[pt.Index], true
		}
	case policy.Boundary:
		if s.boundary != nil {
			return *s.boundary, true
		}
	case policy.Resource:
		if s.resource != nil {
			return *s.resource, true
		}
	}
	return simPolicy{}, false
}

// statementAt gives a statement's place in its policy's text: the line
// and column (from 1) of its opening brace and of its closing one.
func statementAt(p simPolicy, off int32) matchedStatement {
	start := p.doc.Position(off)
	end := p.doc.Position(objectEnd(p.doc.Src, off))
	return matchedStatement{SourcePolicyId: p.id, SourcePolicyType: p.source,
		StartPosition: position{start.Line, start.Col}, EndPosition: position{end.Line, end.Col}}
}

// objectEnd is the offset of the brace that closes the JSON object opening
// at off (the parser has checked the text).
func objectEnd(src string, off int32) int32 {
	depth, inString := 0, false
	for i := int(off); i < len(src); i++ {
		switch ch := src[i]; {
		case inString && ch == '\\':
			i++
		case ch == '"':
			inString = !inString
		case inString:
		case ch == '{' || ch == '[':
			depth++
		case ch == '}' || ch == ']':
			if depth--; depth == 0 {
				return int32(i)
			}
		}
	}
	return off
}

// missingKeys are "context keys that are required by the included input
// policies but that were not provided": the keys of the conditions of
// statements whose Action matched, that the request (with the keys the
// engine derives) does not have.
func missingKeys(r *authz.Result) []string {
	out := []string{}
	seen := map[string]bool{}
	for i := range r.Policies {
		pt := &r.Policies[i]
		for j := range pt.Statements {
			st := &pt.Statements[j]
			if st.Reason == authz.StmtActionNotMatched || st.Reason == authz.StmtNotActionExcluded {
				continue
			}
			for _, cond := range pt.Policy.Statements[st.Index].Conditions {
				k := strings.ToLower(cond.Key)
				if _, ok := r.Context.Lookup(cond.Key); !ok && !seen[k] {
					seen[k] = true
					out = append(out, cond.Key)
				}
			}
		}
	}
	return out
}

// deniedBy reports whether a policy of type t denied explicitly.
func deniedBy(r *authz.Result, t policy.Type) bool {
	return r.Decision == authz.ExplicitDeny && r.Blocked != nil && r.Blocked.Type == t
}

// boundaryAllows is AllowedByPermissionsBoundary: "true means that the
// permissions boundary does not deny the action", that is, it has a
// matching Allow and no matching Deny.
func boundaryAllows(r *authz.Result) bool {
	for i := range r.Policies {
		if pt := &r.Policies[i]; pt.Type == policy.Boundary {
			return pt.Allows && !pt.Denies
		}
	}
	return false
}
