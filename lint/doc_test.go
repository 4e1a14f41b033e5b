package lint

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite docs/lint.md from the check registry")

const docPath = "../docs/lint.md"

// docText renders the list of checks as Markdown.
func docText() string {
	var b strings.Builder
	b.WriteString(`# IAM Lab lint checks

<!-- Generated from the check registry of package lint by
     go test ./lint -run TestDocs -update ; do not edit by hand. -->

` + "`iamlab lint FILE`" + ` checks a scenario, or a bare policy given with ` + "`--type identity|resource|trust|boundary|session|scp|rcp`" + `
(default identity; a resource policy whose statements allow ` + "`sts:AssumeRole*`" + ` is checked as a trust policy).
It prints one line per finding, ` + "`FILE:LINE:COL: severity code: message`" + ` (or JSON with ` + "`--format json`" + `),
and exits with 1 when a finding is an error, 2 when the file cannot be read.

Severities follow AWS IAM Access Analyzer's policy validation:

- **error**: AWS rejects the policy, or the element can never work as written;
- **security warning**: the policy grants more than it seems to;
- **warning**: the element is probably a mistake (unknown actions are warnings, not errors, so that
  actions AWS adds after the catalog was built still evaluate);
- **suggestion**: the policy works, but could be clearer or shorter.

Grammar errors come from the policy parser: a policy with one does not parse, and it is the only finding.
`)
	family := ""
	n := 0
	for _, c := range Checks() {
		if c.Family != family {
			family = c.Family
			b.WriteString("\n## " + family + "\n\n| code | severity | what it finds |\n|---|---|---|\n")
		}
		n++
		b.WriteString("| `" + c.Code + "` | " + c.Severity.String() + " | " + strings.ReplaceAll(c.Summary, "|", `\|`) + " |\n")
	}
	b.WriteString("\n" + itoa(n) + " checks.\n")
	return b.String()
}

// TestDocs fails when docs/lint.md does not list the checks as the registry
// has them; run with -update to rewrite it.
func TestDocs(t *testing.T) {
	want := docText()
	if *updateDocs {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatalf("%v (run go test ./lint -run TestDocs -update)", err)
	}
	if string(got) != want {
		t.Errorf("docs/lint.md is stale: run go test ./lint -run TestDocs -update")
	}
}
