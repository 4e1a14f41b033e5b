//go:build js && wasm

package main

import "github.com/iamlab/iamlab/share"

// shareEncode(scenarioText) answers {"fragment": "v1...."}.
func shareEncode(args []string) any {
	f, err := share.Encode(arg(args, 0))
	if err != nil {
		return shareError(err)
	}
	return map[string]any{"fragment": f}
}

// shareDecode(fragment) answers {"scenario": text}.
func shareDecode(args []string) any {
	s, err := share.Decode(arg(args, 0))
	if err != nil {
		return shareError(err)
	}
	return map[string]any{"scenario": s}
}

func shareError(err error) any {
	code, _ := share.IsError(err)
	return errorAnswer(code, err.Error())
}
