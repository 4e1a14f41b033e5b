//go:build js && wasm

package main

import (
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/scenario"
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
	cat := files.catalog()
	opt := scenario.Options{Managed: cat.ManagedText}
	fs := lint.ScenarioText(arg(args, 0), opt, cat)
	if fs == nil {
		fs = []lint.Finding{}
	}
	return map[string]any{"findings": fs}
}
