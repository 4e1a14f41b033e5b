package flow

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
)

func TestParseAndRender(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(Extender{Labels{Flow: "Flow", Expected: "expected", Run: "Run it", Code: "Go"}}))
	src := "# T\n\ntext\n\n```iamlab-flow\nflow: s3-upload-role\nsteps: [assume-role]\n```\n\n```iamlab-flow\nflow: x\nbogus: 1\n```\n"
	doc := md.Parser().Parse(textReader(src))
	es := Embeds(doc)
	if len(es) != 2 {
		t.Fatalf("%d embeds", len(es))
	}
	if es[0].Flow != "s3-upload-role" || len(es[0].Only) != 1 || es[0].Line != 5 || es[0].Err != nil {
		t.Errorf("first: %+v", es[0])
	}
	if es[1].Err == nil || !strings.Contains(es[1].Err.Error(), "bogus") || es[1].Line != 10 {
		t.Errorf("second: %+v", es[1])
	}
	es[0].Title, es[0].Href = "Upload <role>", "../flows/s3-upload-role/?lang=en"
	es[0].Steps = []Step{{ID: "assume-role", Operation: "sts:AssumeRole", Title: "assume", Expect: "AccessDenied", Label: "AccessDenied", Code: "a := <b>"}}
	var out bytes.Buffer
	if err := md.Renderer().Render(&out, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{`data-flow="s3-upload-role"`, `Upload &lt;role&gt;`, `data-operation="sts:AssumeRole" data-expect="AccessDenied"`,
		`a := &lt;b&gt;`, `href="../flows/s3-upload-role/?lang=en"`, `class="lab-flow-error"`} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in\n%s", want, html)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"", "steps: [a]\n", "flow: [\n", strings.Repeat("#", MaxBlock+1)} {
		if _, err := parse(src); err == nil {
			t.Errorf("%.20q: no error", src)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("flow: s3-upload-role\nsteps: [a, b]\n")
	f.Add("flow: x\n")
	f.Fuzz(func(t *testing.T, src string) {
		b, err := parse(src)
		if err == nil && b.Flow == "" {
			t.Fatal("a block without a flow was accepted")
		}
	})
}
