//go:build js && wasm

package main

import (
	"github.com/iamlab/iamlab/api"
	"github.com/iamlab/iamlab/lint"
)

// lintScenario(scenarioText) answers {"findings": [lint.Finding]}: every
// finding of every policy of the scenario, with its position in the
// scenario text and, for policies given as strings (as the page sends
// them), in the policy's own text (policyLine, policyCol, ...). A scenario
// that does not parse gives its error as the one finding.
//
// The checks look up the services of the actions a policy names and, for
// some checks, every service or AWS managed policy; a file not fetched yet
// turns the answer into {"needs": [...]} (see call), so a policy may take
// several rounds.
func lintScenario(args []string) any {
	return lintText(arg(args, 0))
}

// lintDraft(draftJSON) lints the page's draft as lintScenario its text.
func lintDraft(args []string) any {
	d, p := api.ReadDraft(arg(args, 0))
	if p != nil {
		return api.ErrorAnswer{Error: p}
	}
	return lintText(d.Scenario())
}

func lintText(text string) any {
	cat := files.catalog()
	fs := lint.ScenarioText(text, options(), cat)
	if fs == nil {
		fs = []lint.Finding{}
	}
	return map[string]any{"findings": fs}
}

// lintChecks() answers api.ChecksAnswer: every check with its summaries.
func lintChecks([]string) any { return api.Checks() }
