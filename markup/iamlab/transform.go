package iamlab

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer replaces ```iamlab fenced blocks by Example nodes.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering && f.Info != nil {
			if info := string(f.Info.Value(src)); info == "iamlab" || strings.HasPrefix(info, "iamlab ") {
				blocks = append(blocks, f)
			}
		}
		return ast.WalkContinue, nil
	})
	var prev *Example
	for i, f := range blocks {
		ex := &Example{N: i + 1}
		ex.Expect, ex.Title, ex.Err = parseInfo(string(f.Info.Value(src)))
		var code bytes.Buffer
		lines := f.Lines()
		for j := 0; j < lines.Len(); j++ {
			seg := lines.At(j)
			code.Write(seg.Value(src))
		}
		ex.Source = code.String()
		// The info segment sits on the opening fence's line.
		ex.Line = 1 + bytes.Count(src[:f.Info.Segment.Start], []byte{'\n'})
		ex.Fold, ex.FoldKeys = Fold(ex.Source)
		if prev != nil {
			if ex.Changed = Changed(prev.Source, ex.Source); ex.Changed != nil {
				ex.ChangedFrom = prev.N
			}
		}
		prev = ex
		ex.SetLines(f.Lines())
		f.Parent().ReplaceChild(f.Parent(), f, ex)
	}
}
