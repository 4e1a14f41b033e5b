package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every check of the linter has its summaries in both languages, from
// lint's registry.
func TestChecksJapanese(t *testing.T) {
	checks := Checks().Checks
	if len(checks) < 100 {
		t.Fatalf("%d checks", len(checks))
	}
	for _, c := range checks {
		if c.SummaryJa == "" || c.Summary == "" || c.SummaryJa == c.Summary {
			t.Errorf("%s: English %q, Japanese %q", c.Code, c.Summary, c.SummaryJa)
		}
	}
}

// A finding reaches the page with its words in both languages, worded
// from its code and arguments: the English is the CLI's message, the
// Japanese names the same particulars.
func TestLintWordsFindings(t *testing.T) {
	text := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
  "identityPolicies": [{"name": "P", "document": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjct\", \"Resource\": \"*\"}]}"}]}`
	ans := Lint(text, opt, cat)
	var f *Finding
	for i := range ans.Findings {
		if ans.Findings[i].Code == "action.unknown" {
			f = &ans.Findings[i]
		}
	}
	if f == nil {
		t.Fatalf("no action.unknown in %+v", ans.Findings)
	}
	if f.Text.En != f.Msg || f.Args["name"] != "GetObjct" || f.Form != "hint" {
		t.Errorf("finding %+v", f)
	}
	if !strings.Contains(f.Text.Ja, "GetObjct") || !strings.Contains(f.Text.Ja, "ではありませんか") {
		t.Errorf("Japanese %q", f.Text.Ja)
	}
	b, _ := json.Marshal(ans)
	for _, want := range []string{`"text":{"en":`, `"args":{`, `"form":"hint"`, `"message":`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
}
