package iamlab

import (
	"fmt"
	"html"
	"strings"

	"github.com/iamlab/iamlab/markup/highlight"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Labels are the words of the rendered example, in the page's language.
type Labels struct {
	Example    string // caption prefix, "Example"
	Expected   string // "Expected"
	Open       string // "Open in playground"
	Decisions  map[string]string
	EditorHint string // aria-label of the editor
	// Folded introduces the names of folded context keys; ChangedFrom
	// says that marked lines changed from example %d.
	Folded, ChangedFrom string
}

type nodeRenderer struct{ labels Labels }

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(Kind, r.render)
}

// render writes the example as a figure that works without scripts (the
// scenario as highlighted JSON, its stated answer, the playground link);
// the site's script later upgrades it in place into an editor that runs the
// engine. The decision element follows share-url.md: data-decision stays
// "" until the engine in the page has answered.
func (r nodeRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	e := node.(*Example)
	id := fmt.Sprintf("example-%d", e.N)
	esc := html.EscapeString
	fmt.Fprintf(w, `<figure class="lab" id="%s" data-iamlab data-expect="%s"%s>`+"\n", id, esc(e.Expect), foldAttrs(e))
	fmt.Fprintf(w, `<figcaption class="lab-head"><a class="lab-n" href="#%s">%s %d</a>`, id, esc(r.labels.Example), e.N)
	if e.Title != "" {
		fmt.Fprintf(w, ` <span class="lab-title">%s</span>`, esc(e.Title))
	}
	fmt.Fprintf(w, "</figcaption>\n")
	fmt.Fprintf(w, `<div class="lab-body" data-label="%s">`, esc(r.labels.EditorHint))
	w.WriteString(highlight.HTMLMarked(e.Source, "json", e.Changed))
	w.WriteString("</div>\n")
	r.notes(w, e)
	fmt.Fprintf(w, `<div class="lab-foot"><span class="lab-expect">%s: <strong class="lab-word lab-%s">%s</strong></span>`,
		esc(r.labels.Expected), esc(e.Expect), esc(r.labels.Decisions[e.Expect]))
	fmt.Fprintf(w, ` <output class="lab-decision" data-testid="decision" data-decision="" data-expect="%s" aria-live="polite"></output>`, esc(e.Expect))
	fmt.Fprintf(w, ` <a class="lab-open" href="%s">%s</a></div>`+"\n", esc(e.Href), esc(r.labels.Open))
	w.WriteString("</figure>\n")
	return ast.WalkSkipChildren, nil
}

// foldAttrs carries the lines to fold and to mark to the page's editor:
// data-fold="5-6 9-9", data-changed="12 13".
func foldAttrs(e *Example) string {
	var b strings.Builder
	if len(e.Fold) > 0 {
		var rs []string
		for _, r := range e.Fold {
			rs = append(rs, fmt.Sprintf("%d-%d", r[0], r[1]))
		}
		fmt.Fprintf(&b, ` data-fold="%s"`, strings.Join(rs, " "))
	}
	if len(e.Changed) > 0 {
		var ls []string
		for _, l := range e.Changed {
			ls = append(ls, fmt.Sprint(l))
		}
		fmt.Fprintf(&b, ` data-changed="%s"`, strings.Join(ls, " "))
	}
	return b.String()
}

// notes say what the reader does not see (folded keys) and what is marked.
func (r nodeRenderer) notes(w util.BufWriter, e *Example) {
	if len(e.FoldKeys) == 0 && e.ChangedFrom == 0 {
		return
	}
	w.WriteString(`<p class="lab-notes">`)
	if len(e.FoldKeys) > 0 {
		fmt.Fprintf(w, `<span class="lab-folded">%s <code>%s</code></span>`, html.EscapeString(r.labels.Folded), html.EscapeString(strings.Join(e.FoldKeys, ", ")))
	}
	if e.ChangedFrom > 0 {
		fmt.Fprintf(w, ` <span class="lab-changed">%s</span>`, html.EscapeString(fmt.Sprintf(r.labels.ChangedFrom, e.ChangedFrom)))
	}
	w.WriteString("</p>\n")
}
