package api

import "testing"

// Every check of the linter has a Japanese summary, and no summary is left
// for a code the linter no longer has.
func TestChecksJapanese(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks().Checks {
		seen[c.Code] = true
		if c.SummaryJa == "" || c.Summary == "" {
			t.Errorf("%s: English %q, Japanese %q", c.Code, c.Summary, c.SummaryJa)
		}
	}
	for code := range lintJa {
		if !seen[code] {
			t.Errorf("lintJa has %s, which lint does not", code)
		}
	}
}
