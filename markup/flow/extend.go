package flow

import (
	"bytes"
	"fmt"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Labels are the words of the rendered embed, in the page's language.
type Labels struct {
	Flow     string // caption prefix, "Flow"
	Expected string // "expected"
	Run      string // "Run it step by step"
	Code     string // "Go code"
}

// Extender installs the block: parse with it, check each of Embeds(doc)
// and fill it in, then render.
type Extender struct{ Labels Labels }

// Extend implements goldmark.Extender; the transformer runs before the
// highlighter sees the block.
func (e Extender) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 50)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{e.Labels}, 50)))
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering && f.Info != nil && string(f.Info.Value(src)) == "iamlab-flow" {
			blocks = append(blocks, f)
		}
		return ast.WalkContinue, nil
	})
	for _, f := range blocks {
		var body bytes.Buffer
		for j := 0; j < f.Lines().Len(); j++ {
			seg := f.Lines().At(j)
			body.Write(seg.Value(src))
		}
		e := &Embed{Line: 1 + bytes.Count(src[:f.Info.Segment.Start], []byte{'\n'})}
		b, err := parse(body.String())
		e.Flow, e.Only, e.Err = b.Flow, b.Steps, err
		f.Parent().ReplaceChild(f.Parent(), f, e)
	}
}

type nodeRenderer struct{ labels Labels }

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(Kind, r.render)
}

// render writes the flow as a figure that works without scripts: each
// step's call, title, stated outcome and Go code, and the link to run the
// flow in the browser on the simulated AWS.
func (r nodeRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	e := node.(*Embed)
	esc := html.EscapeString
	fmt.Fprintf(w, `<figure class="lab-flow" data-flow="%s">`+"\n", esc(e.Flow))
	fmt.Fprintf(w, `<figcaption class="lab-head"><span class="lab-n">%s</span> <span class="lab-title">%s</span></figcaption>`+"\n", esc(r.labels.Flow), esc(e.Title))
	w.WriteString(`<ol class="lab-flow-steps">` + "\n")
	for _, s := range e.Steps {
		fmt.Fprintf(w, `<li class="lab-flow-step" data-step="%s" data-operation="%s" data-expect="%s">`, esc(s.ID), esc(s.Operation), esc(s.Expect))
		fmt.Fprintf(w, `<code class="lab-flow-op">%s</code> %s <span class="lab-flow-expect">%s: <strong class="lab-flow-%s">%s</strong></span>`,
			esc(s.Operation), esc(s.Title), esc(r.labels.Expected), outcomeClass(s.Expect), esc(s.Label))
		if s.Code != "" {
			fmt.Fprintf(w, `<details><summary>%s</summary><pre><code class="language-go">%s</code></pre></details>`, esc(r.labels.Code), esc(s.Code))
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ol>\n")
	fmt.Fprintf(w, `<p class="lab-foot"><a class="lab-open" data-testid="flow-embed-link" href="%s">%s</a></p>`+"\n", esc(e.Href), esc(r.labels.Run))
	w.WriteString("</figure>\n")
	return ast.WalkSkipChildren, nil
}

func outcomeClass(expect string) string {
	if expect == "ok" {
		return "ok"
	}
	return "error"
}
