package catalog

import (
	"os"
	"slices"
	"testing"
)

// FuzzExpand checks Expand on the real data against the obvious, slow
// method: match the whole pattern against every "prefix:Name". Expand's
// way of lining up the colon (splitPattern) must give the same actions, in
// order, without error, panic or undue time.
func FuzzExpand(f *testing.F) {
	for _, p := range []string{"s3:Put*", "*", "iam:*User*", "s?s:Send*", "*:*", "s3*", "s3?Get*", "*?*",
		"a*a*a*a*a*a*a*a*b", "?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*:*", "ec2:*a*e*i*o*u*", "", ":", "::",
		"\xff*", "*3:GetObject", "s*Object", "iam?PassRole"} {
		f.Add(p)
	}
	c := New(os.DirFS("embedded/data"))
	all, err := c.Expand("*")
	if err != nil {
		f.Fatal(err)
	}
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.FullName()
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		got, err := c.Expand(pattern)
		if err != nil {
			t.Fatal(err)
		}
		whole := compileGlob(pattern)
		var want []*Action
		for i, a := range all {
			if whole.match(names[i]) {
				want = append(want, a)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("Expand(%q) gave %d actions, want %d", pattern, len(got), len(want))
		}
	})
}

// TestMaxActionLen checks that no action is longer than Expand assumes.
func TestMaxActionLen(t *testing.T) {
	all, err := New(os.DirFS("embedded/data")).Expand("*")
	if err != nil {
		t.Fatal(err)
	}
	longest := ""
	for _, a := range all {
		if n := a.FullName(); len(n) > len(longest) {
			longest = n
		}
	}
	if len(longest) >= maxActionLen/2 {
		t.Errorf("%s has %d characters; raise maxActionLen", longest, len(longest))
	}
	t.Logf("longest action: %s (%d)", longest, len(longest))
}
