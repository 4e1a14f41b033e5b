package lint

import (
	"sort"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/policy"
)

// TestManagedPolicies lints every AWS managed policy of the catalog as an
// identity-based policy: AWS's own policies must give no error.
func TestManagedPolicies(t *testing.T) {
	cat := embedded.Catalog()
	infos, err := cat.ManagedPolicies()
	if err != nil {
		t.Fatal(err)
	}
	bySev := map[Severity]int{}
	byCode := map[string]int{}
	for _, info := range infos {
		mp, err := cat.ManagedPolicy(info.ARN)
		if err != nil {
			t.Fatal(err)
		}
		p, err := policy.Parse(string(mp.Document))
		if err != nil {
			t.Errorf("%s: %v", info.Name, err)
			continue
		}
		for _, f := range Policy(p, policy.Identity, cat) {
			bySev[f.Severity]++
			byCode[f.Code]++
			if f.Severity == Error {
				t.Errorf("%s:%d:%d: %s %s: %s", info.Name, f.Line, f.Col, f.Severity, f.Code, f.Msg)
			}
		}
	}
	t.Logf("linted %d AWS managed policies: %d errors, %d security warnings, %d warnings, %d suggestions",
		len(infos), bySev[Error], bySev[SecurityWarning], bySev[Warning], bySev[Suggestion])
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		t.Logf("  %-40s %d", c, byCode[c])
	}
}

// BenchmarkLintManagedPolicies lints every AWS managed policy once per
// iteration, parsing included.
func BenchmarkLintManagedPolicies(b *testing.B) {
	cat := embedded.Catalog()
	infos, err := cat.ManagedPolicies()
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]string, len(infos))
	for i, info := range infos {
		mp, err := cat.ManagedPolicy(info.ARN)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = string(mp.Document)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Text(d, policy.Identity, cat)
		}
	}
}
