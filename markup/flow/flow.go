// Package flow turns a fenced code block whose info string is
// "iamlab-flow" into an embedded flow of the simulated AWS: the flow's
// steps with their stated outcomes and a link to run it in the browser.
// The block holds YAML:
//
//	```iamlab-flow
//	flow: cognito-identity-pool     # the flow's name (package flows)
//	steps: [sign-in, get-id]        # optional: the steps this page shows (default: all)
//	```
//
// The package only parses and renders; the caller checks the flow (each
// shown step must reach its stated outcome when the flow runs) between
// parsing and rendering (Embeds lists the blocks of a document) and fills
// in Steps, Title and Href.
package flow

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"
)

// Kind is the node kind of an Embed.
var Kind = ast.NewNodeKind("IAMLabFlow")

// MaxBlock bounds a block's text.
const MaxBlock = 4 << 10

// Embed is one embedded flow.
type Embed struct {
	ast.BaseBlock
	// Flow is the flow's name; Only the IDs of the steps to show (all
	// when empty).
	Flow string
	Only []string
	// Line is the line of the opening fence in the Markdown file.
	Line int
	// Err is a problem with the block (no flow, unknown key).
	Err error

	// Set by the caller once the flow ran: its title, the steps shown and
	// the link to the flow's page.
	Title string
	Steps []Step
	Href  string
}

// Step is one step as the embed shows it.
type Step struct {
	ID, Operation, Title string
	// Expect is the stated outcome ("ok" or an AWS error code), Label how
	// the page words it.
	Expect, Label string
	Code          string
}

// Kind implements ast.Node.
func (*Embed) Kind() ast.NodeKind { return Kind }

// IsRaw implements ast.Node.
func (*Embed) IsRaw() bool { return true }

// Dump implements ast.Node.
func (e *Embed) Dump(src []byte, level int) {
	ast.DumpHelper(e, src, level, map[string]string{"Flow": e.Flow, "Line": fmt.Sprint(e.Line)}, nil)
}

// Embeds returns the embedded flows of a parsed document, in order.
func Embeds(doc ast.Node) []*Embed {
	var out []*Embed
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*Embed); ok && entering {
			out = append(out, e)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// block is the YAML of a block.
type block struct {
	Flow  string   `yaml:"flow"`
	Steps []string `yaml:"steps"`
}

// parse reads a block's YAML; errors say the line within the block.
func parse(src string) (block, error) {
	var b block
	if len(src) > MaxBlock {
		return b, fmt.Errorf("the block is longer than %d KiB", MaxBlock>>10)
	}
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&b); err != nil {
		return b, fmt.Errorf("iamlab-flow: %v", err)
	}
	if b.Flow == "" {
		return b, fmt.Errorf("iamlab-flow: no flow: name one with flow: NAME")
	}
	return b, nil
}
