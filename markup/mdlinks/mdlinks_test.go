package mdlinks

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
)

func TestRewrite(t *testing.T) {
	src := []byte("[a](02-b.md#step-1) [c](https://example.com/x.md) [d](missing.md) [e](#here)\n")
	md := goldmark.New(goldmark.WithExtensions(Extender{}))
	pc := WithResolver(parser.NewContext(), func(p string) (string, bool) {
		return "../02-b/", p == "02-b.md"
	})
	var b bytes.Buffer
	if err := md.Convert(src, &b, parser.WithContext(pc)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="../02-b/#step-1"`, `href="https://example.com/x.md"`, `href="#here"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %s in %s", want, b.String())
		}
	}
	if errs := Errors(pc); len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing.md") {
		t.Errorf("errors %v", errs)
	}
}
