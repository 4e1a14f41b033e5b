//go:build js && wasm

package main

import (
	"github.com/iamlab/iamlab/api"
	"github.com/iamlab/iamlab/share"
)

// shareEncode(scenarioText) answers {"fragment": "v1...."}.
func shareEncode(args []string) any { return api.ShareLink(arg(args, 0)) }

// shareDecode(fragment) answers {"scenario": text}: the link's text as it
// is, for the tests and the tutorials (the page opens links with openLink).
func shareDecode(args []string) any {
	s, err := share.Decode(arg(args, 0))
	if err != nil {
		code, _ := share.IsError(err)
		return api.Fail(code, err.Error())
	}
	return map[string]any{"scenario": s}
}
