package main

import (
	"html"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/lint"
)

// anchors lists the id attributes of an HTML or Markdown text.
func anchors(text string) []string {
	var ids []string
	for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(text, -1) {
		if !strings.HasPrefix(m[1], "family-") {
			ids = append(ids, m[1])
		}
	}
	slices.Sort(ids)
	return ids
}

// The lint reference pages and docs/lint.md list the same checks, the
// registry's, under the same anchors (the codes the page's findings link
// to); each page words every check in its language, the Japanese one with
// the registry's Japanese summaries.
func TestChecksPagesMatchDocs(t *testing.T) {
	var codes []string
	for _, c := range lint.Checks() {
		codes = append(codes, c.Code)
	}
	slices.Sort(codes)
	doc, err := os.ReadFile("../../docs/lint.md")
	if err != nil {
		t.Fatal(err)
	}
	if got := anchors(string(doc)); !slices.Equal(got, codes) {
		t.Errorf("docs/lint.md anchors %d, registry %d codes (go test ./lint -run TestDocs -update)", len(got), len(codes))
	}
	for _, l := range lint.Langs {
		var b strings.Builder
		if err := renderChecks(&b, l); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		if got := anchors(page); !slices.Equal(got, codes) {
			t.Errorf("checks/%s.html anchors %d, registry %d codes", l, len(got), len(codes))
		}
		if !strings.Contains(page, `<html lang="`+string(l)+`">`) {
			t.Errorf("checks/%s.html is not in its language", l)
		}
		text := html.UnescapeString(page)
		for _, c := range lint.Checks() {
			if !strings.Contains(text, c.Summary.In(l)) {
				t.Errorf("checks/%s.html lacks the summary of %s: %q", l, c.Code, c.Summary.In(l))
				break
			}
		}
	}
}
