package api

import "github.com/iamlab/iamlab/explain"

// PageMessages are explain's words in every language (reason codes,
// condition rules, edits, phrases), as the page and the tutorials bundle
// them (site/messages.json, written by TestPageMessages): explain stays
// their one source, and the page words a trace without asking the module.
func PageMessages() map[explain.Lang]map[string]string {
	out := map[explain.Lang]map[string]string{}
	for _, l := range explain.Langs {
		out[l] = explain.Messages(l)
	}
	return out
}
