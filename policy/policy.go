// Package policy is the IAM policy language: a parser that keeps the position
// of every element, the policy model, ARNs, wildcards, policy variables and
// the condition operators.
//
// Offsets in the model are byte offsets into Policy.Src; Policy.Position turns
// one into a line and column.
package policy

import "github.com/iamlab/iamlab/internal/jsonpos"

// The policy language versions AWS knows.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Policy is one parsed policy document.
type Policy struct {
	// Src is the text that the offsets refer to: the policy's own text, or the
	// whole file that holds it when it was embedded as a JSON object.
	Src string
	// Off is the offset of the policy's opening brace in Src.
	Off        int32
	Version    string
	VersionOff int32
	ID         string
	Statements []Statement
	// StatementOff is the offset of the Statement element's value.
	StatementOff int32
}

// Vars reports whether policy variables are substituted: only in policies of
// language version 2012-10-17; elsewhere ${...} is literal text.
func (p *Policy) Vars() bool { return p.Version == Version2012 }

// Position converts an offset of this policy into a line and column of Src.
func (p *Policy) Position(off int32) jsonpos.Position {
	return jsonpos.PositionOf(p.Src, int(off))
}

// Effect is Allow or Deny.
type Effect uint8

// The two effects.
const (
	Allow Effect = iota + 1
	Deny
)

func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	}
	return ""
}

// Value is a string of the policy with the offset of its literal.
type Value struct {
	S   string
	Off int32
}

// Statement is one statement of a policy.
type Statement struct {
	Off    int32
	Sid    string
	SidOff int32
	Effect Effect

	// Principal is nil when the statement has neither Principal nor NotPrincipal.
	Principal    *Principal
	NotPrincipal bool

	Actions   []Value
	NotAction bool
	ActionOff int32

	// HasResource is false when the statement names neither Resource nor
	// NotResource (allowed in resource-based policies: the resource is the one
	// the policy is attached to).
	HasResource bool
	Resources   []Value
	NotResource bool
	ResourceOff int32

	Conditions   []Condition
	ConditionOff int32
}

// Principal is the value of a Principal or NotPrincipal element.
type Principal struct {
	Off int32
	// Any is true for "Principal": "*".
	Any           bool
	AWS           []Value
	Service       []Value
	Federated     []Value
	CanonicalUser []Value
}
