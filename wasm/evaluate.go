//go:build js && wasm

package main

import (
	"errors"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/explain"
	"github.com/iamlab/iamlab/scenario"
)

// evaluate(scenarioText) answers {"report": explain.Report} or
// {"error": Problem}.
func evaluate(args []string) any {
	opt := scenario.Options{Managed: files.catalog().ManagedText}
	s, err := scenario.Parse(arg(args, 0), opt)
	if err != nil {
		return map[string]any{"error": problem(err)}
	}
	res, err := s.Evaluate()
	if err != nil {
		return map[string]any{"error": problem(err)}
	}
	return map[string]any{"report": explain.NewReport(res)}
}

// problem describes a scenario that cannot be evaluated.
func problem(err error) Problem {
	var se *scenario.Error
	if errors.As(err, &se) {
		p := Problem{Code: se.Code, Msg: se.Msg, Path: se.Path, Line: se.Line, Col: se.Col}
		if pe := se.Policy; pe != nil {
			p.Policy = &PolicyProblem{Code: pe.Code, Msg: pe.Msg, Line: pe.Line, Col: pe.Col}
		}
		return p
	}
	var ce *authz.CallerError
	if errors.As(err, &ce) {
		return Problem{Code: "request.principal", Msg: ce.Msg, Path: "request.principal"}
	}
	return Problem{Code: "evaluate", Msg: err.Error()}
}
