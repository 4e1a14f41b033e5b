package compare

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
)

// Answer is AWS's answer beside the engine's.
type Answer struct {
	Ours   string `json:"ours"`
	Reason string `json:"reason"`
	// Custom is SimulateCustomPolicy's answer: the scenario's policies.
	Custom *Side `json:"custom"`
	// Principal is SimulatePrincipalPolicy's: the policies the scenario's
	// caller has in the account (nil when not asked).
	Principal *Side  `json:"principal,omitempty"`
	Source    string `json:"source,omitempty"` // its PolicySourceArn
	Notes     []Note `json:"notes"`
}

// Side is one simulation's result, or the error AWS answered.
type Side struct {
	Decision string `json:"decision,omitempty"`
	// Same is whether AWS decided as the engine did.
	Same    bool        `json:"same"`
	Matched []Statement `json:"matched"`
	Missing []string    `json:"missing"`
	// OrgAllowed and BoundaryAllowed are AWS's details, when it gave them.
	OrgAllowed      *bool      `json:"orgAllowed,omitempty"`
	BoundaryAllowed *bool      `json:"boundaryAllowed,omitempty"`
	Error           *SideError `json:"error,omitempty"`
}

// Statement is a statement AWS says decided, in the scenario's names.
type Statement struct {
	Policy string `json:"policy"`
	Type   string `json:"type,omitempty"`
	Line   int32  `json:"line"`
	Column int32  `json:"column"`
}

// SideError is an error AWS answered (AccessDenied, NoSuchEntity...).
type SideError struct {
	Code string `json:"code"`
	Msg  string `json:"msg"`
}

// Ask puts the question to IAM with client and returns the answers. An
// error of AWS is the side's answer, not Ask's error; Ask fails only when
// the call could not be made at all.
func Ask(ctx context.Context, q *Question, client *iam.Client) (*Answer, error) {
	a := &Answer{Ours: string(q.Ours), Reason: string(q.Reason), Notes: q.Notes}
	var results []iamtypes.EvaluationResult
	out, err := client.SimulateCustomPolicy(ctx, q.Custom)
	if err == nil {
		results = out.EvaluationResults
	}
	if a.Custom, err = q.side(results, err); err != nil {
		return nil, err
	}
	if q.Principal != nil {
		a.Source = aws.ToString(q.Principal.PolicySourceArn)
		results = nil
		out, err := client.SimulatePrincipalPolicy(ctx, q.Principal)
		if err == nil {
			results = out.EvaluationResults
		}
		if a.Principal, err = q.side(results, err); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// side reads one simulation's answer.
func (q *Question) side(results []iamtypes.EvaluationResult, err error) (*Side, error) {
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			return &Side{Matched: []Statement{}, Missing: []string{}, Error: &SideError{Code: ae.ErrorCode(), Msg: ae.ErrorMessage()}}, nil
		}
		return nil, err
	}
	if len(results) == 0 {
		return nil, errors.New("IAM answered the simulation with no result")
	}
	r := results[0]
	s := &Side{Decision: string(r.EvalDecision), Matched: []Statement{}, Missing: append([]string{}, r.MissingContextValues...)}
	s.Same = s.Decision == string(q.Ours)
	statements := r.MatchedStatements
	if len(r.ResourceSpecificResults) > 0 {
		rs := r.ResourceSpecificResults[0]
		statements = rs.MatchedStatements
		s.Missing = append(s.Missing, rs.MissingContextValues...)
		if rs.PermissionsBoundaryDecisionDetail != nil && r.PermissionsBoundaryDecisionDetail == nil {
			r.PermissionsBoundaryDecisionDetail = rs.PermissionsBoundaryDecisionDetail
		}
	}
	for _, m := range statements {
		st := Statement{Policy: aws.ToString(m.SourcePolicyId), Type: string(m.SourcePolicyType)}
		if name, ok := q.Names[st.Policy]; ok {
			st.Policy = name
		}
		if m.StartPosition != nil {
			st.Line, st.Column = m.StartPosition.Line, m.StartPosition.Column
		}
		s.Matched = append(s.Matched, st)
	}
	if d := r.OrganizationsDecisionDetail; d != nil {
		s.OrgAllowed = aws.Bool(d.AllowedByOrganizations)
	}
	if d := r.PermissionsBoundaryDecisionDetail; d != nil {
		s.BoundaryAllowed = aws.Bool(d.AllowedByPermissionsBoundary)
	}
	return s, nil
}
