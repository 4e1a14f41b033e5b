package lang

import "testing"

func TestWordsIn(t *testing.T) {
	w := Words{En: "allowed", Ja: "許可"}
	for _, c := range []struct {
		l    Lang
		want string
	}{{English, "allowed"}, {Japanese, "許可"}, {Lang("fr"), "allowed"}} {
		if got := w.In(c.l); got != c.want {
			t.Errorf("In(%q) = %q, want %q", c.l, got, c.want)
		}
	}
	if len(All) != 2 || All[0] != English || All[1] != Japanese {
		t.Errorf("All = %v", All)
	}
}
