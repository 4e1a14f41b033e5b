// Package iamlab turns a fenced code block whose info string starts with
// "iamlab" into a runnable example: a scenario (scenario.md) with its
// stated answer,
//
//	```iamlab expect=allowed title="The session uploads under uploads/"
//	{ "request": { ... }, "identityPolicies": [ ... ] }
//	```
//
// The package only parses and renders; the caller checks the answer with
// the engine between parsing and rendering (Examples lists the blocks of a
// document) and fills in Href, the share link of the example.
package iamlab

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// Kind is the node kind of an Example.
var Kind = ast.NewNodeKind("IAMLabExample")

// Decisions are the stated answers an example may give (scenario.md).
var Decisions = map[string]bool{"allowed": true, "explicitDeny": true, "implicitDeny": true}

// Example is one runnable example.
type Example struct {
	ast.BaseBlock
	// Source is the scenario's JSON text, exactly as written.
	Source string
	// Expect is the stated answer; Title the optional caption.
	Expect, Title string
	// Line is the line of the opening fence in the Markdown file.
	Line int
	// N numbers the examples of a document from 1 (their anchors).
	N int
	// Err is a problem with the info string (unknown attribute, no expect).
	Err error
	// Href is the "Open in playground" link; set by the caller.
	Href string
	// Fold holds the line ranges of context entries no policy mentions,
	// FoldKeys their names (see Fold).
	Fold     [][2]int
	FoldKeys []string
	// Changed lists the lines that differ from the previous example,
	// ChangedFrom its number, when this one is a variation of it.
	Changed     []int
	ChangedFrom int
}

// Kind implements ast.Node.
func (*Example) Kind() ast.NodeKind { return Kind }

// IsRaw implements ast.Node: the content is not Markdown.
func (*Example) IsRaw() bool { return true }

// Dump implements ast.Node.
func (e *Example) Dump(src []byte, level int) {
	ast.DumpHelper(e, src, level, map[string]string{
		"Expect": e.Expect, "Title": e.Title, "Line": fmt.Sprint(e.Line),
	}, nil)
}

// Examples returns the examples of a parsed document, in order.
func Examples(doc ast.Node) []*Example {
	var out []*Example
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*Example); ok && entering {
			out = append(out, e)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}
