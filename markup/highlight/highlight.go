// Package highlight renders fenced and indented code blocks with chroma,
// emitting CSS classes instead of inline styles so that one page can switch
// between a light and a dark theme with CSS alone (see CSS).
package highlight

import (
	"bytes"
	"html"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Extender installs the code-block renderer.
type Extender struct{}

// Extend implements goldmark.Extender.
func (Extender) Extend(md goldmark.Markdown) {
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeRenderer{}, 100)))
}

type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, render)
	reg.Register(ast.KindCodeBlock, render)
}

func render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok && f.Info != nil {
		lang = strings.Fields(string(f.Info.Value(src)) + " ")[0]
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	_, err := w.WriteString(HTML(code.String(), lang))
	return ast.WalkSkipChildren, err
}

// formatter writes classes, no wrapping <pre> of its own (we write it, so
// the block carries its language for CSS and scripts).
var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// HTML returns a <pre><code> block of code highlighted as lang (plain text
// when chroma does not know the language).
func HTML(code, lang string) string { return HTMLMarked(code, lang, nil) }

// HTMLMarked is HTML with the given lines (1-based) marked: chroma wraps
// each in a span of class "hl".
func HTMLMarked(code, lang string, marked []int) string {
	var b strings.Builder
	b.WriteString(`<pre class="chroma"><code`)
	if lang != "" {
		b.WriteString(` class="language-` + html.EscapeString(lang) + `"`)
	}
	b.WriteString(`>`)
	b.WriteString(spans(code, lang, marked))
	b.WriteString("</code></pre>\n")
	return b.String()
}

// Spans returns code as highlighted spans only.
func Spans(code, lang string) string { return spans(code, lang, nil) }

func spans(code, lang string, marked []int) string {
	lexer := lexers.Get(lang)
	if lang == "" || lexer == nil {
		return html.EscapeString(code)
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return html.EscapeString(code)
	}
	f := formatter
	if len(marked) > 0 {
		ranges := make([][2]int, len(marked))
		for i, l := range marked {
			ranges[i] = [2]int{l, l}
		}
		f = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true), chromahtml.HighlightLines(ranges))
	}
	var b strings.Builder
	if err := f.Format(&b, chroma.MustNewStyle("x", chroma.StyleEntries{}), it); err != nil {
		return html.EscapeString(code)
	}
	return b.String()
}
