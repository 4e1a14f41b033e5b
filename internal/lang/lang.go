// Package lang names the languages the lab's words are written in, and a
// text in each of them. explain (the trace's words) and lint (the checks'
// words) share it, so a language is added in one place.
package lang

// Lang is a language of the lab's words.
type Lang string

// The languages.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
)

// All lists the languages.
var All = []Lang{English, Japanese}

// Words is one text in every language.
type Words struct {
	En string `json:"en"`
	Ja string `json:"ja"`
}

// In returns the text in l (English for a language it does not have).
func (t Words) In(l Lang) string {
	if l == Japanese {
		return t.Ja
	}
	return t.En
}
