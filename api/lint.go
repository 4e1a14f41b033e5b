package api

import (
	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/scenario"
)

// Finding is a lint finding as the page shows it: lint's finding (code,
// severity, positions, the English message, its form and arguments) and
// its words in every language, from its check's templates.
type Finding struct {
	lint.Finding
	Text lint.Words `json:"text"`
}

// LintAnswer is the findings of a scenario; a scenario that does not parse
// gives its error as the one finding.
type LintAnswer struct {
	Findings []Finding `json:"findings"`
}

// Lint checks a scenario given as its JSON text, as `iamlab lint` does.
// cat may be nil (the checks that need AWS's service data are skipped).
func Lint(text string, opt scenario.Options, cat *catalog.Catalog) LintAnswer {
	fs := lint.ScenarioText(text, opt, cat)
	out := LintAnswer{Findings: make([]Finding, len(fs))}
	for i := range fs {
		out.Findings[i] = Finding{Finding: fs[i], Text: fs[i].Words()}
	}
	return out
}

// LintDraft checks a draft, as Lint checks its scenario text.
func LintDraft(draftJSON string, opt scenario.Options, cat *catalog.Catalog) any {
	d, p := ReadDraft(draftJSON)
	if p != nil {
		return ErrorAnswer{Error: p}
	}
	return Lint(d.Scenario(), opt, cat)
}
