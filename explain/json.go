package explain

import (
	"encoding/json"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/policy"
)

// Reason is a code with its English message.
type Reason struct {
	Code    authz.Code `json:"code"`
	Message string     `json:"message"`
}

func reason(c authz.Code) *Reason {
	if c == "" {
		return nil
	}
	return &Reason{Code: c, Message: Message(c)}
}

// Report is the JSON form of a result (docs/evaluation.md describes it).
type Report struct {
	Decision authz.Decision `json:"decision"`
	Reason   *Reason        `json:"reason"`
	// Summary is the headline: what decided, down to the values compared.
	Summary   Words      `json:"summary"`
	BlockedBy *PolicyRef `json:"blockedBy,omitempty"`
	// Deciding is the first of DecidedBy's statements.
	Deciding *Statement `json:"decidingStatement,omitempty"`
	// DecidedBy lists what decided (authz.Result.DecidedBy).
	DecidedBy       []Decider    `json:"decidedBy"`
	Caller          Caller       `json:"caller"`
	ResourceAccount string       `json:"resourceAccount,omitempty"`
	SameAccount     bool         `json:"sameAccount"`
	Context         []ContextKey `json:"context"`
	Policies        []Policy     `json:"policies"`
	// Changes is what would change a deny (absent for an allow).
	Changes *Changes `json:"changes,omitempty"`
}

// Caller describes the principal.
type Caller struct {
	Kind          string `json:"kind"`
	ARN           string `json:"arn"`
	Account       string `json:"account,omitempty"`
	ServiceLinked bool   `json:"serviceLinked,omitempty"`
}

// ContextKey is one key of the request context.
type ContextKey struct {
	Key     string   `json:"key"`
	Values  []string `json:"values"`
	Derived bool     `json:"derived,omitempty"`
}

// PolicyRef names a policy.
type PolicyRef struct {
	Type   policy.Type `json:"type"`
	Name   string      `json:"name,omitempty"`
	Index  int         `json:"index"`
	Level  int         `json:"level,omitempty"`
	Target string      `json:"target,omitempty"`
}

// StatementRef names a statement of a policy, with its position.
type StatementRef struct {
	Index  int    `json:"index"`
	Sid    string `json:"sid,omitempty"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Decider is a policy, or a statement of one, that decided.
type Decider struct {
	Policy    PolicyRef     `json:"policy"`
	Statement *StatementRef `json:"statement,omitempty"`
}

// Policy is how one policy took part.
type Policy struct {
	PolicyRef
	Applies       bool        `json:"applies"`
	NotApplicable *Reason     `json:"notApplicable,omitempty"`
	Allows        bool        `json:"allows"`
	Denies        bool        `json:"denies"`
	Grant         string      `json:"grant,omitempty"`
	Statements    []Statement `json:"statements"`
}

// Statement is how one statement took part.
type Statement struct {
	PolicyRef  *PolicyRef `json:"policy,omitempty"`
	Index      int        `json:"index"`
	Sid        string     `json:"sid,omitempty"`
	Effect     string     `json:"effect"`
	Line       int        `json:"line"`
	Column     int        `json:"column"`
	Matched    bool       `json:"matched"`
	Reason     *Reason    `json:"reason"`
	Grant      string     `json:"grant,omitempty"`
	Unresolved string     `json:"unresolvedVariable,omitempty"`
	// Condition is the condition that failed, when one did.
	Condition *Condition `json:"condition,omitempty"`
	// Match is how each element took the request.
	Match *Match `json:"match,omitempty"`
}

// Match is how each element of a statement takes the request, every one
// evaluated (authz.Result.Details): what matched as well as what did not.
type Match struct {
	Action     Element     `json:"action"`
	Resource   *Element    `json:"resource,omitempty"`
	Principal  *Element    `json:"principal,omitempty"`
	Conditions []Condition `json:"conditions,omitempty"`
}

// Element is how Action, Resource or Principal (or a Not form) takes the
// request: Index is the entry that matched (for a Not form, that excluded
// the request), -1 for none, and Value its text.
type Element struct {
	Not          bool   `json:"not,omitempty"`
	Applies      bool   `json:"applies"`
	Index        int    `json:"index"`
	Value        string `json:"value,omitempty"`
	NullVariable string `json:"nullVariable,omitempty"`
	Grant        string `json:"grant,omitempty"`
}

// Condition is how one condition came out, with the values compared.
type Condition struct {
	Index    int      `json:"index"`
	Operator string   `json:"operator"`
	Key      string   `json:"key"`
	Policy   []string `json:"policyValues"`
	// Compared are the policy values compared, variables substituted,
	// when they differ from policyValues.
	Compared []string `json:"comparedValues,omitempty"`
	Request  []string `json:"requestValues"`
	Present  bool     `json:"present"`
	Holds    bool     `json:"holds"`
	// Rule is the rule that decided (condition.rule.* in Messages).
	Rule         string `json:"rule"`
	NullVariable string `json:"nullVariable,omitempty"`
	Line         int    `json:"line"`
	Column       int    `json:"column"`
}

// Changes is what would change a decision (authz.Result.Changes).
type Changes struct {
	// Decision is the decision once every edit is made.
	Decision authz.Decision `json:"decision"`
	Edits    []Edit         `json:"edits"`
	Text     Words          `json:"text"`
}

// Edit is one edit of a policy; its text says it in words.
type Edit struct {
	Kind   authz.Code `json:"kind"`
	Policy PolicyRef  `json:"policy"`
	// NewPolicy: the scenario does not have the policy yet.
	NewPolicy bool `json:"newPolicy,omitempty"`
	// Statement is the statement's index, -1 for a new statement.
	Statement    int        `json:"statement"`
	Sid          string     `json:"sid,omitempty"`
	Line         int        `json:"line,omitempty"`
	Column       int        `json:"column,omitempty"`
	Action       string     `json:"action,omitempty"`
	Resource     string     `json:"resource,omitempty"`
	PrincipalKey string     `json:"principalKey,omitempty"`
	Principal    string     `json:"principal,omitempty"`
	Condition    *Condition `json:"condition,omitempty"`
	Text         Words      `json:"text"`
}

// NewReport builds the report of a result: the trace, each statement's
// details, the headline and what would change the decision.
func NewReport(r *authz.Result) *Report {
	rep := NewTrace(r)
	rep.Changes = NewChanges(r)
	return rep
}

// NewTrace is NewReport without what would change the decision, which
// decides edited copies of the scenario again: the page shows the decision
// and its trace at once, and asks for the changes apart (NewChanges).
func NewTrace(r *authz.Result) *Report {
	rep := &Report{
		Decision:        r.Decision,
		Reason:          reason(r.Reason),
		Caller:          Caller{Kind: r.Caller.Kind.String(), ARN: r.Caller.ARN, Account: r.Caller.Account, ServiceLinked: r.Caller.ServiceLinked},
		ResourceAccount: r.ResourceAccount,
		SameAccount:     r.SameAccount,
		Context:         make([]ContextKey, len(r.Context.Entries)),
		Policies:        make([]Policy, len(r.Policies)),
		DecidedBy:       []Decider{},
	}
	for i, e := range r.Context.Entries {
		rep.Context[i] = ContextKey{Key: e.Key, Values: e.Values, Derived: e.Derived}
	}
	var cs jsonpos.Cursors
	for i := range r.Policies {
		rep.Policies[i] = policyReport(r, &r.Policies[i], cs.Of(r.Policies[i].Policy.Src))
	}
	if r.Blocked != nil {
		ref := ref(r.Blocked)
		rep.BlockedBy = &ref
	}
	by := r.DecidedBy()
	for _, d := range by {
		one := Decider{Policy: ref(d.Policy)}
		if d.Statement != nil {
			pos := cs.Of(d.Policy.Policy.Src).At(int(d.Statement.Off))
			one.Statement = &StatementRef{Index: d.Statement.Index, Sid: d.Statement.Sid, Line: pos.Line, Column: pos.Col}
		}
		rep.DecidedBy = append(rep.DecidedBy, one)
	}
	if r.Deciding != nil {
		if p := policyOf(r, r.Deciding); p != nil {
			s := statementReport(r, p, r.Deciding, cs.Of(p.Policy.Src))
			pr := ref(p)
			s.PolicyRef = &pr
			rep.Deciding = &s
		}
	}
	rep.Summary = both(func(l Lang) string { return summary(l, r, by) })
	return rep
}

// NewChanges words what would change a deny: nil for an allow.
func NewChanges(r *authz.Result) *Changes {
	if r.Decision == authz.Allowed {
		return nil
	}
	var cs jsonpos.Cursors
	return changesReport(r, &cs)
}

// policyOf returns the policy of the trace that holds a statement.
func policyOf(r *authz.Result, st *authz.StatementTrace) *authz.PolicyTrace {
	for i := range r.Policies {
		p := &r.Policies[i]
		for j := range p.Statements {
			if &p.Statements[j] == st {
				return p
			}
		}
	}
	return nil
}

func ref(p *authz.PolicyTrace) PolicyRef {
	return PolicyRef{Type: p.Type, Name: p.Name, Index: p.Index, Level: p.Level, Target: p.Target}
}

func policyReport(r *authz.Result, p *authz.PolicyTrace, cur *jsonpos.Cursor) Policy {
	out := Policy{PolicyRef: ref(p), Applies: p.Applies, NotApplicable: reason(p.NotApplicable), Allows: p.Allows, Denies: p.Denies, Statements: make([]Statement, len(p.Statements))}
	if p.Grant != authz.GrantNone {
		out.Grant = p.Grant.String()
	}
	// The statements come in the order of the text: the cursor goes
	// through it once, however many there are.
	for i := range p.Statements {
		out.Statements[i] = statementReport(r, p, &p.Statements[i], cur)
	}
	return out
}

func statementReport(r *authz.Result, p *authz.PolicyTrace, s *authz.StatementTrace, cur *jsonpos.Cursor) Statement {
	pos := cur.At(int(s.Off))
	out := Statement{Index: s.Index, Sid: s.Sid, Effect: s.Effect.String(), Line: pos.Line, Column: pos.Col, Matched: s.Matched, Reason: reason(s.Reason), Unresolved: s.Unresolved}
	if s.Grant != authz.GrantNone {
		out.Grant = s.Grant.String()
	}
	d := r.Details(p, s)
	// The conditions come after the statement's other elements in the
	// text, and in their order: the cursor reads them going forward.
	m := &Match{Action: element(d.Action)}
	if d.Resource.Present {
		e := element(d.Resource)
		m.Resource = &e
	}
	if d.Principal.Present {
		e := element(d.Principal)
		if d.Grant != authz.GrantNone {
			e.Grant = d.Grant.String()
		}
		m.Principal = &e
	}
	for i := range d.Conditions {
		m.Conditions = append(m.Conditions, condition(&d.Conditions[i], cur))
	}
	out.Match = m
	if c := s.Condition; c != nil && c.Index < len(m.Conditions) {
		cond := m.Conditions[c.Index]
		out.Condition = &cond
	}
	return out
}

func element(e authz.Element) Element {
	return Element{Not: e.Not, Applies: e.Applies, Index: e.Entry, Value: e.Value, NullVariable: e.Null}
}

func condition(c *authz.ConditionTrace, cur *jsonpos.Cursor) Condition {
	out := Condition{Index: c.Index, Operator: c.Operator, Key: c.Key, Policy: c.Policy, Request: c.Request, Present: c.Present,
		Holds: c.Holds, NullVariable: c.Null}
	if c.Rule != 0 {
		out.Rule = c.Rule.String()
	}
	if !sameStrings(c.Values, c.Policy) && c.Values != nil {
		out.Compared = c.Values
	}
	if out.Request == nil {
		out.Request = []string{}
	}
	if cur != nil {
		cp := cur.At(int(c.Off))
		out.Line, out.Column = cp.Line, cp.Col
	}
	return out
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// changesReport words what would change a deny.
func changesReport(r *authz.Result, cs *jsonpos.Cursors) *Changes {
	ch := r.Changes()
	out := &Changes{Decision: ch.Decision, Edits: make([]Edit, len(ch.Edits))}
	for i := range ch.Edits {
		e := &ch.Edits[i]
		out.Edits[i] = Edit{Kind: e.Kind, Policy: PolicyRef{Type: e.Type, Name: e.Name, Index: e.Index, Level: e.Level, Target: e.Target},
			NewPolicy: e.New, Statement: e.Statement, Sid: e.Sid, Action: e.Action, Resource: e.Resource,
			PrincipalKey: e.PrincipalKey, Principal: e.Principal, Text: both(func(l Lang) string { return editText(l, e) })}
		var cur *jsonpos.Cursor
		if p := findPolicy(r, e); p != nil && !e.New {
			cur = cs.Of(p.Policy.Src)
			pos := cur.At(int(e.Off))
			out.Edits[i].Line, out.Edits[i].Column = pos.Line, pos.Col
		}
		if e.Condition != nil {
			c := condition(e.Condition, cur)
			out.Edits[i].Condition = &c
		}
	}
	out.Text = both(func(l Lang) string {
		if len(ch.Edits) == 0 {
			return MessageIn(l, "text.nothingWouldAllow")
		}
		return fill(l, "change.thenDecision", "decision", MessageIn(l, authz.Code("word."+string(ch.Decision))))
	})
	return out
}

// findPolicy returns the policy of the trace that an edit changes.
func findPolicy(r *authz.Result, e *authz.Edit) *authz.PolicyTrace {
	for i := range r.Policies {
		if p := &r.Policies[i]; p.Type == e.Type && p.Index == e.Index && p.Level == e.Level {
			return p
		}
	}
	return nil
}

// JSON renders a result as indented JSON.
func JSON(r *authz.Result) ([]byte, error) {
	return json.MarshalIndent(NewReport(r), "", "  ")
}
