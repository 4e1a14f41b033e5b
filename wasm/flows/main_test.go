//go:build js && wasm

package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"syscall/js"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
)

func TestMain(m *testing.M) {
	register()
	os.Exit(m.Run())
}

// jsCall calls globalThis.iamlabFlows[name] as the page's worker does.
func jsCall(t *testing.T, name string, args ...any) map[string]any {
	t.Helper()
	v := js.Global().Get("iamlabFlows").Call(name, args...)
	if v.Type() != js.TypeString {
		t.Fatalf("%s answered a %s, not a JSON string", name, v.Type())
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(v.String()), &out); err != nil {
		t.Fatalf("%s answered invalid JSON %q: %v", name, v.String(), err)
	}
	return out
}

// running runs a flow as the worker does: it hands over the catalog files
// each answer needs until one needs none, and counts the rounds.
func running(t *testing.T, name, edits string) (map[string]any, int) {
	t.Helper()
	for round := 0; round < 10; round++ {
		out := jsCall(t, "run", name, edits)
		needs, ok := out["needs"].([]any)
		if !ok {
			return out, round
		}
		for _, p := range needs {
			data, err := fs.ReadFile(embedded.FS(), p.(string))
			if err != nil {
				t.Fatalf("run needs %v: %v", p, err)
			}
			if got := jsCall(t, "addFile", p, string(data)); got["ok"] != true {
				t.Fatalf("addFile(%v) = %v", p, got)
			}
		}
	}
	t.Fatalf("run kept asking for files")
	return nil, 0
}

func TestEveryFlowRunsInWasm(t *testing.T) {
	list := jsCall(t, "flows")["flows"].([]any)
	if len(list) == 0 {
		t.Fatal("no flows")
	}
	for _, item := range list {
		name := item.(map[string]any)["name"].(string)
		def := jsCall(t, "flow", name)["flow"].(map[string]any)
		steps := def["steps"].([]any)
		if len(steps) == 0 || steps[0].(map[string]any)["code"] == "" {
			t.Fatalf("%s: definition %v", name, def)
		}
		out, rounds := running(t, name, "")
		res, ok := out["result"].(map[string]any)
		if !ok {
			t.Fatalf("%s: %v", name, out)
		}
		got := res["steps"].([]any)
		if len(got) != len(steps) {
			t.Fatalf("%s: %d step results for %d steps", name, len(got), len(steps))
		}
		for _, s := range got {
			s := s.(map[string]any)
			if s["outcome"] != s["expect"] {
				t.Errorf("%s/%s: outcome %v (%v), want %v", name, s["id"], s["outcome"], s["message"], s["expect"])
			}
		}
		t.Logf("%s: %d steps, catalog fetched in %d rounds", name, len(got), rounds)
	}
}

// An edit travels as JSON and decides the steps that use it; a run again
// needs no file it already has.
func TestEditedRun(t *testing.T) {
	running(t, "s3-upload-role", "")
	edits, _ := json.Marshal(map[string]string{"trust": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`})
	out := jsCall(t, "run", "s3-upload-role", string(edits))
	res, ok := out["result"].(map[string]any)
	if !ok {
		t.Fatalf("run after the files were fetched: %v", out)
	}
	for _, s := range res["steps"].([]any) {
		s := s.(map[string]any)
		if s["id"] == "assume-role" {
			checks := s["checks"].([]any)
			if s["outcome"] != "AccessDenied" || len(checks) == 0 || checks[0].(map[string]any)["trace"] == nil {
				t.Errorf("assume-role with another principal trusted: %v", s["outcome"])
			}
		}
	}
	out = jsCall(t, "run", "s3-upload-role", `{"trust": "{"}`)
	setup, _ := out["result"].(map[string]any)["setup"].(map[string]any)
	if setup == nil || setup["slot"] != "trust" || setup["line"] == nil {
		t.Errorf("a malformed edit: %v", out)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []any
		code string
	}{
		{"flow", []any{"nope"}, "flow.unknown"},
		{"run", []any{"nope", ""}, "flow.unknown"},
		{"run", []any{"s3-upload-role", "[1"}, "flow.edits"},
		{"addFile", []any{"../x", "{}"}, "file"},
		{"linkDecode", []any{"#f9.x"}, "flowlink.version"},
		{"linkEncode", []any{`{"flow": "nope"}`}, "flowlink.flow"},
		{"run", []any{js.ValueOf(3)}, "flow.unknown"}, // a number is no name
	} {
		out := jsCall(t, tc.name, tc.args...)
		e, _ := out["error"].(map[string]any)
		if e == nil || e["code"] != tc.code || e["msg"] == "" {
			t.Errorf("%s%v = %v, want error %s", tc.name, tc.args, out, tc.code)
		}
	}
}

func TestLinkThroughJS(t *testing.T) {
	state := `{"flow": "s3-upload-role", "edits": {"trust": "{ \"unfinished\": "}}`
	frag := jsCall(t, "linkEncode", state)["fragment"].(string)
	if !strings.HasPrefix(frag, "f1.") {
		t.Fatalf("fragment %q", frag)
	}
	st := jsCall(t, "linkDecode", "#"+frag)["state"].(map[string]any)
	if st["flow"] != "s3-upload-role" || st["edits"].(map[string]any)["trust"] != `{ "unfinished": ` {
		t.Errorf("state %v", st)
	}
}
