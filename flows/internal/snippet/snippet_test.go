package snippet

import (
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	src := "func f() {\n\tx := 1\n\t// show: a/b\n\tclient := New(cfg)\n\tif x {\n\t\tcall()\n\t}\n\n\t// end show\n}\n"
	got, err := Extract("f.go", src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "client := New(cfg)\nif x {\n\tcall()\n}\n"; got["a/b"] != want {
		t.Errorf("got %q, want %q", got["a/b"], want)
	}
}

func TestExtractErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"// show: a\nx\n", "f.go:1: snippet a has no"},
		{"// show: a\n// show: b\n// end show\n", "f.go:1: snippet a has no"},
		{"// end show\n", "f.go:1:"},
		{"// show: a\n// end show\n// show: a\n// end show\n", "f.go:3: snippet a twice"},
		{"// show: \n// end show\n", "without a key"},
	} {
		_, err := Extract("f.go", tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

func TestSourceIsGofmtedGo(t *testing.T) {
	s := Source("p", map[string]string{"b": "y", "a": "x\n\"q\""})
	if !strings.Contains(s, "\"a\": \"x\\n\\\"q\\\"\",\n") || strings.Index(s, `"a"`) > strings.Index(s, `"b"`) {
		t.Errorf("%s", s)
	}
}
