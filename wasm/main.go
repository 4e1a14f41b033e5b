//go:build js && wasm

// Command wasm is the WebAssembly module of the playground: thin
// syscall/js entry points over the core packages. Every entry point takes
// strings and returns one JSON string, which the page's worker parses; see
// site/worker for the other side.
//
// Catalog files are not embedded: the worker fetches them when an answer
// says {"needs": [paths]}, hands them over with addFiles, and asks again.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/iamlab/iamlab/api"
)

// entryPoints are the functions the module exports on globalThis.iamlab.
// A new one is one line here and one file beside this.
var entryPoints = map[string]func(args []string) any{
	"evaluate":        evaluate,        // (scenarioText)
	"evaluateDraft":   evaluateDraft,   // (draftJSON)
	"changesDraft":    changesDraft,    // (draftJSON)
	"scenarioText":    scenarioText,    // (draftJSON)
	"importText":      importText,      // (text)
	"importPrincipal": importPrincipal, // (text, arn)
	"openLink":        openLink,        // (fragment)
	"shareDraft":      shareDraft,      // (draftJSON)
	"allows":          allows,          // (draftJSON, pattern)
	"slots":           slots,           // ()
	"template":        template,        // (draftJSON, slot)
	"lintDraft":       lintDraft,       // (draftJSON)
	"expand":          expand,          // (actionPattern)
	"services":        services,        // ()
	"actions":         actions,         // (servicePrefix)
	"action":          action,          // ("svc:Name")
	"managedPolicies": managedPolicies, // ()
	"managedPolicy":   managedPolicy,   // (arn)
	"addFile":         addFile,         // (path, text)
	"shareEncode":     shareEncode,     // (scenarioText)
	"shareDecode":     shareDecode,     // (fragment)
	"lint":            lintScenario,    // (scenarioText)
	"lintChecks":      lintChecks,      // ()
}

func main() {
	register()
	select {} // keep serving calls
}

// register puts the entry points on globalThis.iamlab.
func register() {
	obj := js.Global().Get("Object").New()
	for name, fn := range entryPoints {
		obj.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) any {
			return call(fn, args)
		}))
	}
	js.Global().Set("iamlab", obj)
}

// call runs one entry point: arguments become strings, the answer becomes
// JSON, a missing catalog file becomes {"needs": [...]}, and a panic
// becomes an error answer instead of killing the module.
func call(fn func([]string) any, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = toJSON(api.Fail("internal", "internal error: "+fmt.Sprint(r)))
		}
	}()
	strs := make([]string, len(args))
	for i, a := range args {
		if a.Type() == js.TypeString {
			strs[i] = a.String()
		}
	}
	files.startCall()
	ans := fn(strs)
	if needs := files.missed(); len(needs) > 0 {
		ans = map[string]any{"needs": needs}
	}
	return toJSON(ans)
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(api.Fail("internal", err.Error()))
	}
	return string(b)
}
