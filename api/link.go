package api

import (
	"strings"

	"github.com/iamlab/iamlab/share"
)

// OpenLink reads a share link's fragment into a Draft: the link is decoded
// by package share and its scenario read as Import reads a file, so a link
// opens in the page exactly when the codec accepts it.
func OpenLink(fragment string) ImportAnswer {
	text, err := share.Decode(fragment)
	if err != nil {
		p := problemOf(err)
		if p.Code == share.CodeVersion {
			ver, _, _ := strings.Cut(strings.TrimPrefix(fragment, "#"), ".")
			p.Params = map[string]string{"v": strings.TrimPrefix(ver, "v")}
		}
		return ImportAnswer{Error: p}
	}
	return ImportScenario(text)
}

// LinkAnswer is a share link's fragment ("v1....", without '#'), or why
// the scenario cannot be shared as a link.
type LinkAnswer struct {
	Fragment string   `json:"fragment,omitempty"`
	Error    *Problem `json:"error,omitempty"`
}

// ShareLink makes the fragment of a scenario's text, refusing what
// OpenLink would refuse.
func ShareLink(text string) LinkAnswer {
	f, err := share.Encode(text)
	if err != nil {
		return LinkAnswer{Error: problemOf(err)}
	}
	return LinkAnswer{Fragment: f}
}
