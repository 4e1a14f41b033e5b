//go:build js && wasm

package main

import (
	"github.com/iamlab/iamlab/api"
)

// lintScenario(scenarioText) answers api.LintAnswer: every finding of every
// policy of the scenario, with its position in the scenario text and, for
// policies given as strings (as the page sends them), in the policy's own
// text (policyLine, policyCol, ...), and its words in every language. A
// scenario that does not parse gives its error as the one finding.
//
// The checks look up the services of the actions a policy names and, for
// some checks, every service or AWS managed policy; a file not fetched yet
// turns the answer into {"needs": [...]} (see call), so a policy may take
// several rounds.
func lintScenario(args []string) any {
	return api.Lint(arg(args, 0), options(), files.catalog())
}

// lintDraft(draftJSON) lints the page's draft as lintScenario its text.
func lintDraft(args []string) any {
	return api.LintDraft(arg(args, 0), options(), files.catalog())
}

// lintChecks() answers api.ChecksAnswer: every check with its summaries.
func lintChecks([]string) any { return api.Checks() }
