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

` + "`iamlab lint PATH...`" + ` checks scenarios and bare policies, files and folders (every ` + "`.json`" + ` file below a folder);
a bare policy is of the type given with ` + "`--type identity|resource|trust|boundary|session|scp|rcp`" + `
(default identity; a resource policy whose statements allow ` + "`sts:AssumeRole*`" + ` is checked as a trust policy).
It prints one line per finding, ` + "`FILE:LINE:COL: severity code: message`" + ` (or JSON with ` + "`--format json`" + `),
then one summary line, ` + "`N files, N errors, N warnings`" + ` (security warnings count as warnings),
and exits with 1 when a finding is an error, 2 when a file cannot be read.

Severities follow AWS IAM Access Analyzer's policy validation:

- **error**: AWS refuses the policy when it is saved, or the element cannot work as written (an action
  that does not exist matches nothing: IAM stores the policy, Access Analyzer reports INVALID_ACTION);
- **security warning**: the policy grants more than it seems to;
- **warning**: the element is probably a mistake;
- **suggestion**: the policy works, but could be clearer or shorter.

The evaluation of a scenario does not depend on these: a request for an action the catalog does not
know is still decided, so that actions AWS adds after the catalog was built can be tried.

Names that AWS's own managed policies use although the Service Authorization Reference does not define
them (retired services such as mobilehub, undocumented ones such as builderid, some condition keys, and
AWS-owned SSM documents whose ARNs have no account) are warnings (` + "`action.undocumented`" + `,
` + "`condition.undocumentedKey`" + `) or pass: the catalog lists them, from the managed policies it ships.

**Access Analyzer** names the issue codes of Access Analyzer's policy checks that find the same
problem, with Access Analyzer's severity in parentheses where it differs from ours.
**Refused on save** names the services that refuse to store a policy with the finding: IAM for
identity policies, permissions boundaries and role trust policies, STS for session policies, S3 for
bucket policies, KMS for key policies, Organizations for SCPs and RCPs (` + "`lint.SaveErrors`" + `, which the
simulated AWS uses); the messages they answer with are listed at the end.

Grammar errors come from the policy parser: a policy with one does not parse, and it is the only finding.

Each check's code is also its anchor, here (` + "`docs/lint.md#action.unknown`" + `) and on the lab's lint reference pages
(` + "`checks/en.html#action.unknown`, `checks/ja.html#action.unknown`" + `), which the playground's findings link to;
a finding carries its code, the form of its message and its particulars (` + "`form`, `args`" + ` in the JSON), from
which each check's templates word it in English (` + "`message`" + `) and Japanese.
`)
	family := ""
	n := 0
	for _, c := range Checks() {
		if c.Family != family {
			family = c.Family
			b.WriteString("\n## " + family + "\n\n| code | severity | Access Analyzer | refused on save | what it finds |\n|---|---|---|---|---|\n")
		}
		n++
		b.WriteString("| <a id=\"" + c.Code + "\"></a>`" + c.Code + "` | " + c.Severity.String() + " | " + aaCell(c) + " | " + refusedCell(c) + " | " + cell(c.Summary.En) + " |\n")
	}
	b.WriteString("\n" + itoa(n) + " checks.\n")
	b.WriteString(messagesSection())
	return b.String()
}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// aaCell lists the check's Access Analyzer issue codes, each with
// Access Analyzer's severity where it differs from the check's.
func aaCell(c Check) string {
	var parts []string
	for _, code := range c.AccessAnalyzer {
		p := "`" + code + "`"
		if sev, ok := AccessAnalyzerSeverity(code); ok && sev != c.Severity {
			p += " (" + sev.String() + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

func refusedCell(c Check) string {
	var parts []string
	for _, r := range c.Refusals {
		p := r.Store.String()
		if r.Only != "" {
			p += " (" + r.Only + ")"
		}
		parts = append(parts, p)
	}
	return cell(strings.Join(parts, ", "))
}

// messagesSection lists, per check, the error each store answers with.
func messagesSection() string {
	var b strings.Builder
	b.WriteString(`
## AWS's answers on save

The error code and message each service answers with when it refuses a policy, as ` + "`lint.SaveErrors`" + `
gives them (` + "`{value}`" + ` is the text at fault as AWS quotes it). "Seen" is a public report quoting AWS's
answer to a real call; a message without one was not verified, and no message means it is not known.

| code | service | error code | message | seen |
|---|---|---|---|---|
`)
	for _, c := range Checks() {
		for _, r := range c.Refusals {
			msg := "`" + r.Msg + "`"
			if r.Msg == "" {
				msg = "not known"
			}
			if r.Note != "" {
				msg += "; " + r.Note
			}
			seen := r.Seen
			if seen == "" {
				seen = "not verified"
			}
			b.WriteString("| `" + c.Code + "` | " + r.Store.String() + " | " + r.Code + " | " + cell(msg) + " | " + seen + " |\n")
		}
	}
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
