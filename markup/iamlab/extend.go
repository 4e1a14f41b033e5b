package iamlab

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Extender installs the block: parse with it, check and link each of
// Examples(doc), then render.
type Extender struct {
	Labels Labels
}

// Extend implements goldmark.Extender. The transformer runs before
// mermaid's and the highlighter never sees the block.
func (e Extender) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 50)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{e.Labels}, 50)))
}
