package api

import "github.com/iamlab/iamlab/lint"

// Check is a lint check as the lint reference page shows it: its code,
// severity and summary in English and Japanese, from lint's registry.
type Check struct {
	Code      string `json:"code"`
	Severity  string `json:"severity"`
	Family    string `json:"family"`
	Summary   string `json:"summary"`
	SummaryJa string `json:"summaryJa"`
}

// ChecksAnswer lists every check of the linter.
type ChecksAnswer struct {
	Checks []Check `json:"checks"`
}

// Checks lists the linter's checks in the order of its registry.
func Checks() ChecksAnswer {
	var out []Check
	for _, c := range lint.Checks() {
		out = append(out, Check{Code: c.Code, Severity: c.Severity.String(), Family: c.Family, Summary: c.Summary.En, SummaryJa: c.Summary.Ja})
	}
	return ChecksAnswer{Checks: out}
}
