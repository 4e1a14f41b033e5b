package catalog

import (
	"encoding/json"
	"io/fs"
	"os"
	"slices"
	"testing"
	"testing/fstest"
)

// fuzzServices are the services FuzzExpand expands over: real data, a
// dozen services with short and long prefixes and names sharing stems, so
// that each input is checked against a few thousand actions rather than
// every action AWS has (which leaves the fuzzer too few inputs a second).
var fuzzServices = []string{"s3", "s3-object-lambda", "s3express", "iam", "sts", "kms", "ec2", "sqs", "sns", "a4b", "cognito-idp", "cognito-identity"}

// fuzzCatalog is the embedded catalog cut down to fuzzServices.
func fuzzCatalog(f *testing.F) *Catalog {
	full := os.DirFS("embedded/data")
	var idx map[string]json.RawMessage
	data, err := os.ReadFile("embedded/data/index.json")
	if err == nil {
		err = json.Unmarshal(data, &idx)
	}
	var infos []ServiceInfo
	if err == nil {
		err = json.Unmarshal(idx["s"], &infos)
	}
	if err != nil {
		f.Fatal(err)
	}
	fsys := fstest.MapFS{}
	infos = slices.DeleteFunc(infos, func(s ServiceInfo) bool { return !slices.Contains(fuzzServices, s.Prefix) })
	for _, s := range infos {
		b, err := fs.ReadFile(full, "services/"+s.Prefix+".json")
		if err != nil {
			f.Fatal(err)
		}
		fsys["services/"+s.Prefix+".json"] = &fstest.MapFile{Data: b}
	}
	if len(infos) != len(fuzzServices) {
		f.Fatalf("found %d of the %d fuzz services", len(infos), len(fuzzServices))
	}
	idx["s"], _ = json.Marshal(infos)
	b, _ := json.Marshal(idx)
	fsys["index.json"] = &fstest.MapFile{Data: b}
	return New(fsys)
}

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
	c := fuzzCatalog(f)
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
