//go:build js && wasm

package main

import (
	"github.com/iamlab/iamlab/api"
	"github.com/iamlab/iamlab/scenario"
)

func options() scenario.Options {
	return scenario.Options{Managed: files.catalog().ManagedText}
}

// evaluate(scenarioText) answers api.EvaluateAnswer.
func evaluate(args []string) any { return api.Evaluate(arg(args, 0), options()) }

// evaluateDraft(draftJSON) answers api.EvaluateAnswer for the page's draft:
// the decision, its headline and trace, without what would change it.
func evaluateDraft(args []string) any { return api.EvaluateDraft(arg(args, 0), options()) }

// changesDraft(draftJSON) answers api.ChangesAnswer: what would change the
// draft's decision, which the page asks for after showing it.
func changesDraft(args []string) any { return api.ChangesDraft(arg(args, 0), options()) }

// scenarioText(draftJSON) answers {"text": scenario text} (for export).
func scenarioText(args []string) any {
	d, p := api.ReadDraft(arg(args, 0))
	if p != nil {
		return api.ErrorAnswer{Error: p}
	}
	return map[string]any{"text": d.Scenario()}
}

// importText(text) answers api.ImportAnswer: a scenario, a bare policy or
// an account's authorization details.
func importText(args []string) any { return api.Import(arg(args, 0)) }

// importPrincipal(text, arn) answers api.ImportAnswer for one user or role
// of authorization details.
func importPrincipal(args []string) any { return api.ImportPrincipal(arg(args, 0), arg(args, 1)) }

// openLink(fragment) answers api.ImportAnswer for a share link.
func openLink(args []string) any { return api.OpenLink(arg(args, 0)) }

// shareDraft(draftJSON) answers api.LinkAnswer.
func shareDraft(args []string) any {
	d, p := api.ReadDraft(arg(args, 0))
	if p != nil {
		return api.ErrorAnswer{Error: p}
	}
	return api.ShareLink(d.Scenario())
}

// allows(draftJSON, pattern) answers api.AllowsAnswer.
func allows(args []string) any {
	d, p := api.ReadDraft(arg(args, 0))
	if p != nil {
		return api.ErrorAnswer{Error: p}
	}
	return api.Allows(d, arg(args, 1), options(), files.catalog())
}

// template(draftJSON, slot) answers api.TemplateAnswer: the document a
// new policy of the slot starts from.
func template(args []string) any { return api.Template(arg(args, 0), arg(args, 1)) }

// slots() answers api.SlotsAnswer.
func slots([]string) any { return api.ListSlots() }
