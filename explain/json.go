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

// Report is the JSON form of a result.
type Report struct {
	Decision        authz.Decision `json:"decision"`
	Reason          *Reason        `json:"reason"`
	BlockedBy       *PolicyRef     `json:"blockedBy,omitempty"`
	Deciding        *Statement     `json:"decidingStatement,omitempty"`
	Caller          Caller         `json:"caller"`
	ResourceAccount string         `json:"resourceAccount,omitempty"`
	SameAccount     bool           `json:"sameAccount"`
	Context         []ContextKey   `json:"context"`
	Policies        []Policy       `json:"policies"`
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
	Condition  *Condition `json:"condition,omitempty"`
}

// Condition is a condition that failed, with the values compared.
type Condition struct {
	Operator string   `json:"operator"`
	Key      string   `json:"key"`
	Policy   []string `json:"policyValues"`
	Request  []string `json:"requestValues"`
	Present  bool     `json:"present"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
}

// NewReport builds the report of a result.
func NewReport(r *authz.Result) *Report {
	rep := &Report{
		Decision:        r.Decision,
		Reason:          reason(r.Reason),
		Caller:          Caller{Kind: r.Caller.Kind.String(), ARN: r.Caller.ARN, Account: r.Caller.Account, ServiceLinked: r.Caller.ServiceLinked},
		ResourceAccount: r.ResourceAccount,
		SameAccount:     r.SameAccount,
		Context:         make([]ContextKey, len(r.Context.Entries)),
		Policies:        make([]Policy, len(r.Policies)),
	}
	for i, e := range r.Context.Entries {
		rep.Context[i] = ContextKey{Key: e.Key, Values: e.Values, Derived: e.Derived}
	}
	var cs jsonpos.Cursors
	for i := range r.Policies {
		rep.Policies[i] = policyReport(&r.Policies[i], cs.Of(r.Policies[i].Policy.Src))
	}
	if r.Blocked != nil {
		ref := ref(r.Blocked)
		rep.BlockedBy = &ref
	}
	if r.Deciding != nil {
		for i := range r.Policies {
			p := &r.Policies[i]
			for j := range p.Statements {
				if &p.Statements[j] == r.Deciding {
					s := statementReport(p, r.Deciding, cs.Of(p.Policy.Src))
					pr := ref(p)
					s.PolicyRef = &pr
					rep.Deciding = &s
				}
			}
		}
	}
	return rep
}

func ref(p *authz.PolicyTrace) PolicyRef {
	return PolicyRef{Type: p.Type, Name: p.Name, Index: p.Index, Level: p.Level, Target: p.Target}
}

func policyReport(p *authz.PolicyTrace, cur *jsonpos.Cursor) Policy {
	out := Policy{PolicyRef: ref(p), Applies: p.Applies, NotApplicable: reason(p.NotApplicable), Allows: p.Allows, Denies: p.Denies, Statements: make([]Statement, len(p.Statements))}
	if p.Grant != authz.GrantNone {
		out.Grant = p.Grant.String()
	}
	// The statements come in the order of the text: the cursor goes
	// through it once, however many there are.
	for i := range p.Statements {
		out.Statements[i] = statementReport(p, &p.Statements[i], cur)
	}
	return out
}

func statementReport(p *authz.PolicyTrace, s *authz.StatementTrace, cur *jsonpos.Cursor) Statement {
	pos := cur.At(int(s.Off))
	out := Statement{Index: s.Index, Sid: s.Sid, Effect: s.Effect.String(), Line: pos.Line, Column: pos.Col, Matched: s.Matched, Reason: reason(s.Reason), Unresolved: s.Unresolved}
	if s.Grant != authz.GrantNone {
		out.Grant = s.Grant.String()
	}
	if c := s.Condition; c != nil {
		cp := cur.At(int(c.Off))
		out.Condition = &Condition{Operator: c.Operator, Key: c.Key, Policy: c.Policy, Request: c.Request, Present: c.Present, Line: cp.Line, Column: cp.Col}
		if out.Condition.Request == nil {
			out.Condition.Request = []string{}
		}
	}
	return out
}

// JSON renders a result as indented JSON.
func JSON(r *authz.Result) ([]byte, error) {
	return json.MarshalIndent(NewReport(r), "", "  ")
}
