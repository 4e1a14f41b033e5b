// Package exercise turns a fenced code block whose info string is
// "iamlab-exercise" into an exercise the reader answers on the page:
//
//	```iamlab-exercise
//	id: trust-colon
//	kind: fix
//	title: Repair the trust policy
//	prompt: |
//	  The role must trust app-user only.
//	scenario: |
//	  { "request": {...}, "resourcePolicy": {"name": "Trust"} }
//	edit: resourcePolicy
//	start: |
//	  { ...the broken policy... }
//	solution: |
//	  { ...a policy that meets every goal... }
//	goals:
//	  - say: app-user assumes the role
//	    request: {principal: "arn:aws:iam::111122223333:user/app-user"}
//	    expect: allowed
//	```
//
// Three kinds: predict (the reader commits to a decision before the engine
// shows it), fix (a broken policy and goals as requests that must come out
// allowed or denied) and hole (a too-open policy the reader tightens until
// the goals that must be denied are, without breaking the others).
//
// The package parses and renders only; the caller checks each exercise with
// the engine (GoalScenario builds what to evaluate), and the page checks the
// reader's answer with the engine in the browser, from the same scenarios.
package exercise

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// Info is the fenced block's info string.
const Info = "iamlab-exercise"

// NodeKind is the node kind of an Exercise.
var NodeKind = ast.NewNodeKind("IAMLabExercise")

// Kind is what the reader does.
type Kind string

// The kinds of exercise.
const (
	Predict Kind = "predict" // commit to a decision, then see the engine's
	Fix     Kind = "fix"     // repair a policy until every goal holds
	Hole    Kind = "hole"    // tighten a too-open policy until every goal holds
)

var kinds = map[string]Kind{"predict": Predict, "fix": Fix, "hole": Hole}

// Want is a goal's expected outcome: one of the engine's decisions, or
// Denied for either kind of deny.
type Want string

// The outcomes a goal may want.
const (
	Allowed      Want = "allowed"
	Denied       Want = "denied"
	ExplicitDeny Want = "explicitDeny"
	ImplicitDeny Want = "implicitDeny"
)

var wants = map[string]Want{"allowed": Allowed, "denied": Denied, "explicitDeny": ExplicitDeny, "implicitDeny": ImplicitDeny}

// Accepts reports whether the engine's decision meets the want.
func (w Want) Accepts(decision string) bool {
	if w == Denied {
		return decision == string(ExplicitDeny) || decision == string(ImplicitDeny)
	}
	return decision == string(w)
}

// Goal is one request the reader's policy must get right.
type Goal struct {
	// Say describes the request in words, in the page's language.
	Say string
	// Request holds the fields that replace the scenario's request
	// (principal, action, resource, resourceAccount); its context entries
	// are added to the scenario's context.
	Request map[string]any
	Want    Want
	// Line is the goal's line in the Markdown file.
	Line int
}

// Text is a block of text in the exercise with the place of its first line
// in the Markdown file, so that a problem inside it can be reported there.
type Text struct {
	Src string
	// Line and Col are where Src's first character sits in the file.
	Line, Col int
}

// Exercise is one exercise block.
type Exercise struct {
	ast.BaseBlock
	// N numbers the exercises of a document from 1 (their anchors).
	N int
	// Line is the line of the opening fence in the Markdown file.
	Line int

	ID, Title string
	// Task is the kind of exercise.
	Task Kind
	// Prompt, Hint and Explain are Markdown: the task, what to look at
	// after a wrong answer, what to take away after the right one.
	Prompt, Hint, Explain string

	// Scenario is the scenario (scenario.md) the goals start from.
	Scenario Text
	// Answer is a predict exercise's decision.
	Answer string

	// Edit names the policy the reader edits (identityPolicies[0],
	// resourcePolicy, serviceControlPolicies[1].policies[0]...); EditPath
	// is its path in the scenario's JSON, down to "document".
	Edit     string
	EditPath []any
	// Start is the policy the reader begins with, Solution one that meets
	// every goal.
	Start, Solution Text
	Goals           []Goal
	// Lint lists codes the linter must report on Start and not on
	// Solution (the page shows the linter's findings as the reader edits).
	Lint []string

	// Err is the first problem with the block, with its position.
	Err error
}

// Kind implements ast.Node.
func (*Exercise) Kind() ast.NodeKind { return NodeKind }

// IsRaw implements ast.Node: the content is not Markdown.
func (*Exercise) IsRaw() bool { return true }

// Dump implements ast.Node.
func (e *Exercise) Dump(src []byte, level int) {
	ast.DumpHelper(e, src, level, map[string]string{
		"ID": e.ID, "Task": string(e.Task), "Line": fmt.Sprint(e.Line),
	}, nil)
}

// Exercises returns the exercises of a parsed document, in order.
func Exercises(doc ast.Node) []*Exercise {
	var out []*Exercise
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*Exercise); ok && entering {
			out = append(out, e)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Error is a problem at a place in the Markdown file.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%d: %s", e.Line, e.Msg)
}
