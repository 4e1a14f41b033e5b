package exercise

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extender installs the block: parse with it, check each of Exercises(doc)
// (Err holds a problem with the block itself), then render.
type Extender struct {
	Labels Labels
	// CJK renders the prompts with goldmark's CJK rules (Japanese pages).
	CJK bool
}

// Extend implements goldmark.Extender. The transformer runs before
// mermaid's and the highlighter never sees the block.
func (e Extender) Extend(md goldmark.Markdown) {
	exts := []goldmark.Extender{extension.GFM}
	if e.CJK {
		exts = append(exts, extension.CJK)
	}
	prompts := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithRendererOptions(html.WithUnsafe()))
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 50)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{e.Labels, prompts}, 50)))
}

// transformer replaces ```iamlab-exercise fenced blocks by Exercise nodes.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering && f.Info != nil {
			if string(bytes.TrimSpace(f.Info.Value(src))) == Info {
				blocks = append(blocks, f)
			}
		}
		return ast.WalkContinue, nil
	})
	for i, f := range blocks {
		var body bytes.Buffer
		lines := f.Lines()
		for j := 0; j < lines.Len(); j++ {
			seg := lines.At(j)
			body.Write(seg.Value(src))
		}
		// The info segment sits on the opening fence's line; the body
		// starts on the next.
		fence := 1 + bytes.Count(src[:f.Info.Segment.Start], []byte{'\n'})
		ex, err := Parse(body.String(), fence+1)
		if err != nil {
			ex = &Exercise{Err: err}
		}
		ex.N, ex.Line = i+1, fence
		ex.SetLines(f.Lines())
		f.Parent().ReplaceChild(f.Parent(), f, ex)
	}
}
