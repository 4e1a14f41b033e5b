package iamlab

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

func TestParseInfo(t *testing.T) {
	e, title, err := parseInfo(`iamlab expect=implicitDeny title="Outside the \"folder\""`)
	if err != nil || e != "implicitDeny" || title != `Outside the "folder"` {
		t.Fatalf("got %q %q %v", e, title, err)
	}
	for _, bad := range []string{"iamlab", "iamlab expect=maybe", "iamlab expect=allowed colour=red", `iamlab expect=allowed title="open`} {
		if _, _, err := parseInfo(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestRender(t *testing.T) {
	src := []byte("# T\n\n```iamlab expect=allowed title=\"A <b>\"\n{\"request\": {}}\n```\n\n```json\n{}\n```\n")
	md := goldmark.New(goldmark.WithExtensions(Extender{Labels: Labels{Example: "Example", Open: "Open"}}))
	doc := md.Parser().Parse(text.NewReader(src))
	exs := Examples(doc)
	if len(exs) != 1 || exs[0].Line != 3 || exs[0].Source != "{\"request\": {}}\n" {
		t.Fatalf("examples %+v", exs)
	}
	exs[0].Href = "../#v1.x"
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`data-testid="decision" data-decision="" data-expect="allowed"`,
		`id="example-1"`, `href="../#v1.x"`, `A &lt;b&gt;`, `<pre class="chroma"><code class="language-json">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	if strings.Count(out, "data-iamlab") != 1 {
		t.Errorf("the json block became an example too")
	}
}
