package api

import (
	"errors"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/scenario"
	"github.com/iamlab/iamlab/share"
)

// Problem is why something cannot be evaluated or imported. Line and Col
// are 1-based positions in the text that was read (0 when the fault has no
// place there); Path names the field, such as "identityPolicies[0].name";
// Policy is the position inside a policy given as a string, which is what
// the page's policy editors show. Params are the values a message of Code
// names, for the page to word the message in its language.
type Problem struct {
	Code   string            `json:"code"`
	Msg    string            `json:"msg"`
	Path   string            `json:"path,omitempty"`
	Line   int               `json:"line,omitempty"`
	Col    int               `json:"col,omitempty"`
	Policy *PolicyProblem    `json:"policy,omitempty"`
	Params map[string]string `json:"params,omitempty"`
}

// PolicyProblem is a fault's place and words relative to the policy text.
type PolicyProblem struct {
	Code string `json:"code"`
	Msg  string `json:"msg"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// ErrorAnswer is the answer of an operation that failed as a whole.
type ErrorAnswer struct {
	Error *Problem `json:"error"`
}

// Fail makes an ErrorAnswer.
func Fail(code, msg string) ErrorAnswer {
	return ErrorAnswer{Error: &Problem{Code: code, Msg: msg}}
}

// problemOf describes an error of the scenario reader, the evaluator or
// the share codec.
func problemOf(err error) *Problem {
	var se *scenario.Error
	if errors.As(err, &se) {
		p := &Problem{Code: se.Code, Msg: se.Msg, Path: se.Path, Line: se.Line, Col: se.Col}
		if pe := se.Policy; pe != nil {
			p.Policy = &PolicyProblem{Code: pe.Code, Msg: pe.Msg, Line: pe.Line, Col: pe.Col}
		}
		return p
	}
	var ce *authz.CallerError
	if errors.As(err, &ce) {
		return &Problem{Code: "request.principal", Msg: ce.Msg, Path: "request.principal"}
	}
	if code, ok := share.IsError(err); ok {
		return &Problem{Code: code, Msg: err.Error()}
	}
	return &Problem{Code: "evaluate", Msg: err.Error()}
}
