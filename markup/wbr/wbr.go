// Package wbr lets identifiers in table cells wrap only between their
// parts. An ARN such as arn:aws:iam::111122223333:user/app-user is one long
// word to the browser: left alone it overflows the cell, and with CSS's
// overflow-wrap: anywhere it breaks mid-name. This renderer writes a <wbr>
// (a break opportunity) after each separator of a code span in a table
// cell, and the site's CSS forbids breaking anywhere else.
package wbr

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// separators are the characters after which an identifier may wrap.
const separators = "/:._,=*"

// Extender installs the code span renderer.
type Extender struct{}

// Extend implements goldmark.Extender. Priority 100 wins over goldmark's
// own code span renderer (1000).
func (Extender) Extend(md goldmark.Markdown) {
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeSpan{}, 100)))
}

type codeSpan struct{}

func (codeSpan) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeSpan, render)
}

func render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code>")
		return ast.WalkContinue, nil
	}
	var text strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			text.Write(t.Segment.Value(src))
		}
	}
	// As goldmark does: a line ending inside a code span is a space.
	code := strings.ReplaceAll(text.String(), "\n", " ")
	_, _ = w.WriteString("<code>")
	_, _ = w.WriteString(Break(code, inTable(n)))
	return ast.WalkSkipChildren, nil
}

// Break escapes code for HTML and, when breakable, puts <wbr> after each
// separator that has more of the identifier after it.
func Break(code string, breakable bool) string {
	if !breakable {
		return string(util.EscapeHTML([]byte(code)))
	}
	var b strings.Builder
	for i, r := range code {
		b.Write(util.EscapeHTML([]byte(string(r))))
		if strings.ContainsRune(separators, r) && i+1 < len(code) && !strings.ContainsRune(separators, rune(code[i+1])) {
			b.WriteString("<wbr>")
		}
	}
	return b.String()
}

func inTable(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindTableCell {
			return true
		}
	}
	return false
}
