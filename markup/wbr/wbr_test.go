package wbr

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestBreak(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"arn:aws:iam::111122223333:user/app-user", "arn:<wbr>aws:<wbr>iam::<wbr>111122223333:<wbr>user/<wbr>app-user"},
		{"s3:Get*", "s3:<wbr>Get*"},
		{"a<b>/c", "a&lt;b&gt;/<wbr>c"},
		{"end/", "end/"},
	} {
		if got := Break(c.in, true); got != c.want {
			t.Errorf("Break(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Break("a/b", false); got != "a/b" {
		t.Errorf("outside a table: %q", got)
	}
}

func TestRender(t *testing.T) {
	src := "`arn:aws:s3:::b/k` in prose\n\n| ARN |\n|---|\n| `arn:aws:s3:::b/k` |\n"
	var b bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.Table, Extender{}))
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "<p><code>arn:aws:s3:::b/k</code> in prose") {
		t.Errorf("prose code changed:\n%s", out)
	}
	if !strings.Contains(out, "<td><code>arn:<wbr>aws:<wbr>s3:::<wbr>b/<wbr>k</code></td>") {
		t.Errorf("table code has no breaks:\n%s", out)
	}
}
