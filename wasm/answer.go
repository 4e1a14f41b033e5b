//go:build js && wasm

package main

import "fmt"

// Problem is the error answer of any entry point: {"error": Problem}.
// Line and Col are 1-based positions in the scenario text (0 when the
// fault has no place there); Policy is the position inside a policy given
// as a string, which is what the page's policy editors show.
type Problem struct {
	Code   string         `json:"code"`
	Msg    string         `json:"msg"`
	Path   string         `json:"path,omitempty"`
	Line   int            `json:"line,omitempty"`
	Col    int            `json:"col,omitempty"`
	Policy *PolicyProblem `json:"policy,omitempty"`
}

// PolicyProblem is a fault's place and words relative to the policy text.
type PolicyProblem struct {
	Code string `json:"code"`
	Msg  string `json:"msg"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func errorAnswer(code, msg string) map[string]any {
	return map[string]any{"error": Problem{Code: code, Msg: msg}}
}

func anyString(v any) string { return fmt.Sprint(v) }
