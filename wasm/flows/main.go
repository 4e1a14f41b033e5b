//go:build js && wasm

// Command flows is the WebAssembly module of the flow pages: the simulated
// AWS, the aws-sdk-go-v2 clients and the engine, behind thin syscall/js
// entry points over package flows. Each takes strings and returns one JSON
// string. It is a module of its own, loaded only by flow pages, so that the
// playground's stays small.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/iamlab/iamlab/flows"
	"github.com/iamlab/iamlab/share"
)

// entryPoints are the functions the module exports on globalThis.iamlabFlows.
var entryPoints = map[string]func(args []string) any{
	"flows":      list,       // ()
	"flow":       definition, // (name)
	"run":        runFlow,    // (name, editsJSON)
	"addFile":    addFile,    // (path, text): a catalog file the page fetched
	"linkEncode": linkEncode, // (stateJSON)
	"linkDecode": linkDecode, // (fragment)
	// (scenarioText): the playground's #v1. link of a check's scenario
	"shareScenario": shareScenario,
}

func main() {
	register()
	select {}
}

func register() {
	obj := js.Global().Get("Object").New()
	for name, fn := range entryPoints {
		obj.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) any { return call(fn, args) }))
	}
	registerAsync(obj) // real.go
	js.Global().Set("iamlabFlows", obj)
}

// call runs one entry point: arguments become strings, the answer JSON; a
// panic becomes an error answer instead of ending the module.
func call(fn func([]string) any, args []js.Value) any {
	strs := make([]string, len(args))
	for i, a := range args {
		if a.Type() == js.TypeString {
			strs[i] = a.String()
		}
	}
	return answer(fn, strs)
}

// answer runs fn and makes its JSON answer; a panic becomes an error answer.
func answer(fn func([]string) any, args []string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = toJSON(errorAnswer("internal", fmt.Sprint("internal error: ", r)))
		}
	}()
	return toJSON(fn(args))
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(errorAnswer("internal", err.Error()))
	}
	return string(b)
}

func errorAnswer(code, msg string) map[string]any {
	return map[string]any{"error": map[string]string{"code": code, "msg": msg}}
}

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// catalog holds the catalog files the page fetched.
var catalog = flows.NewFetched(flows.InScope)

// list() answers {"flows": [{name, title}]}.
func list([]string) any {
	type item struct {
		Name  string     `json:"name"`
		Title flows.Text `json:"title"`
	}
	out := []item{}
	for _, n := range flows.Names() {
		f, _ := flows.Get(n)
		out = append(out, item{n, f.Title})
	}
	return map[string]any{"flows": out}
}

// definition(name) answers the flow as a page shows it before a run.
func definition(args []string) any {
	d, err := flows.Describe(arg(args, 0))
	if err != nil {
		return errorAnswer("flow.unknown", err.Error())
	}
	return map[string]any{"flow": d}
}

// Seed is the randomness of every run: the same identifiers and keys each
// time, so that a run after an edit differs only where the edit matters.
const Seed = 1

// runFlow(name, editsJSON) answers {"result": flows.Result}, or
// {"needs": [paths]} when the run wanted catalog files the page has not
// handed over: the page fetches them and asks again.
func runFlow(args []string) any {
	f, edits, bad := flowAndEdits(args)
	if bad != nil {
		return bad
	}
	catalog.Missed()
	res, err := flows.RunFlow(context.Background(), f, flows.Options{Edits: edits, Catalog: catalog.Catalog(), Seed: Seed})
	if needs := catalog.Missed(); len(needs) > 0 {
		return map[string]any{"needs": needs}
	}
	if err != nil {
		return errorAnswer("flow.run", err.Error())
	}
	return map[string]any{"result": res}
}

// flowAndEdits reads a call's first two arguments, the flow's name and its
// edits (JSON, may be empty); bad is the answer when either is wrong.
func flowAndEdits(args []string) (f *flows.Flow, edits map[string]string, bad any) {
	f, ok := flows.Get(arg(args, 0))
	if !ok {
		return f, nil, errorAnswer("flow.unknown", "there is no flow "+arg(args, 0))
	}
	if e := arg(args, 1); e != "" {
		if err := json.Unmarshal([]byte(e), &edits); err != nil {
			return f, nil, errorAnswer("flow.edits", "the edits are not an object of policy texts: "+err.Error())
		}
	}
	return f, edits, nil
}

func addFile(args []string) any {
	if !catalog.Add(arg(args, 0), arg(args, 1)) {
		return errorAnswer("file", "not a catalog file: "+arg(args, 0))
	}
	return map[string]any{"ok": true}
}

// linkEncode(stateJSON) answers {"fragment": "f1...."}.
func linkEncode(args []string) any {
	var st flows.LinkState
	if err := json.Unmarshal([]byte(arg(args, 0)), &st); err != nil {
		return errorAnswer("flowlink.json", err.Error())
	}
	frag, err := flows.EncodeLink(st)
	if err != nil {
		return linkError(err)
	}
	return map[string]any{"fragment": frag}
}

// linkDecode(fragment) answers {"state": {flow, edits}}.
func linkDecode(args []string) any {
	st, err := flows.DecodeLink(arg(args, 0))
	if err != nil {
		return linkError(err)
	}
	return map[string]any{"state": st}
}

func linkError(err error) any {
	if le, ok := err.(*flows.LinkError); ok {
		return map[string]any{"error": le}
	}
	return errorAnswer("flowlink", err.Error())
}

// shareScenario(scenarioText) answers {"fragment": "v1...."}.
func shareScenario(args []string) any {
	frag, err := share.Encode(arg(args, 0))
	if err != nil {
		code, _ := share.IsError(err)
		return errorAnswer(code, err.Error())
	}
	return map[string]any{"fragment": frag}
}
