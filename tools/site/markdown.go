package main

import (
	"sync"

	"github.com/iamlab/iamlab/markup/exercise"
	"github.com/iamlab/iamlab/markup/flow"
	"github.com/iamlab/iamlab/markup/highlight"
	"github.com/iamlab/iamlab/markup/iamlab"
	"github.com/iamlab/iamlab/markup/mdlinks"
	"github.com/iamlab/iamlab/markup/wbr"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"go.abhg.dev/goldmark/anchor"
	"go.abhg.dev/goldmark/frontmatter"
	"go.abhg.dev/goldmark/mermaid"
)

var (
	mdMu    sync.Mutex
	mdCache = map[string]goldmark.Markdown{}
)

// markdown returns the converter for one language: GFM, footnotes, front
// matter, heading IDs and anchors, runnable examples, exercises, mermaid diagrams
// (left as <pre class="mermaid"> for the page script to draw), chroma
// highlighting with classes, links between .md files, identifiers in
// tables that wrap only between their parts, and for Japanese the
// CJK rules (no space where a line break falls between two CJK characters,
// emphasis next to CJK punctuation).
func markdown(lang string) goldmark.Markdown {
	mdMu.Lock()
	defer mdMu.Unlock()
	if md, ok := mdCache[lang]; ok {
		return md
	}
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		&frontmatter.Extender{},
		// One attribute only: the anchor renderer writes a map's
		// attributes in random order, and the build should be reproducible.
		// Search skips anchors by selector (pagefind.go).
		&anchor.Extender{Texter: anchor.Text("#"), Position: anchor.Before},
		iamlab.Extender{Labels: exampleLabels(lang)},
		exercise.Extender{Labels: exerciseLabels(lang), CJK: lang == "ja"},
		flow.Extender{Labels: flowLabels(lang)},
		&mermaid.Extender{RenderMode: mermaid.RenderModeClient, NoScript: true},
		highlight.Extender{},
		mdlinks.Extender{},
		wbr.Extender{},
	}
	if lang == "ja" {
		exts = append(exts, extension.CJK)
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithUnsafe()), // content is ours; allows <kbd>, <br>
	)
	mdCache[lang] = md
	return md
}
