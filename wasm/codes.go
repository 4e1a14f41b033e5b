//go:build js && wasm

package main

import (
	"cmp"
	"slices"

	"github.com/iamlab/iamlab/explain"
)

// reasonCodes() answers {"codes": [{"code","message"}]}: every reason code
// of the engine with its English message, for the page to translate.
func reasonCodes([]string) any {
	var list []explain.Reason
	for c, m := range explain.Codes() {
		list = append(list, explain.Reason{Code: c, Message: m})
	}
	slices.SortFunc(list, func(a, b explain.Reason) int { return cmp.Compare(a.Code, b.Code) })
	return map[string]any{"codes": list}
}

func sortBy[T any](s []T, key func(T) string) {
	slices.SortFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}
