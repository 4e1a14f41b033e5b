package highlight

import (
	"strings"
	"testing"
)

func TestHTMLUsesClasses(t *testing.T) {
	out := HTML(`{"a": 1}`, "json")
	if strings.Contains(out, "style=") || !strings.Contains(out, `class="nt"`) {
		t.Errorf("want classes, no inline styles: %s", out)
	}
	if got := HTML("<x>", "no-such-language"); !strings.Contains(got, "&lt;x&gt;") {
		t.Errorf("unknown language not escaped: %s", got)
	}
	css, err := CSS("github", "github-dark")
	if err != nil || !strings.Contains(css, "prefers-color-scheme: dark") || !strings.Contains(css, `:root[data-theme="dark"] .chroma .nt`) {
		t.Errorf("css: %v\n%.400s", err, css)
	}
}
