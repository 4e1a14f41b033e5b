//go:build js && wasm

package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/iamlab/iamlab/catalog/embedded"
)

// jsAwait calls an asynchronous entry point and waits for its Promise.
func jsAwait(t *testing.T, name string, args ...any) map[string]any {
	t.Helper()
	p := js.Global().Get("iamlabFlows").Call(name, args...)
	if p.Type() != js.TypeObject || p.Get("then").Type() != js.TypeFunction {
		t.Fatalf("%s answered a %s, not a Promise", name, p.Type())
	}
	ch := make(chan string, 1)
	then := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- a[0].String(); return nil })
	defer then.Release()
	p.Call("then", then)
	var text string
	select {
	case text = <-ch:
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not settle", name)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatalf("%s answered invalid JSON %q: %v", name, text, err)
	}
	return out
}

func TestRealModes(t *testing.T) {
	for _, tc := range []struct{ flow, caller string }{{"s3-upload-role", "admin"}, {"kms-envelope", "app"}, {"web-identity", ""}} {
		m := jsCall(t, "realMode", tc.flow)["mode"].(map[string]any)
		callers, _ := m["callers"].([]any)
		if tc.caller == "" {
			if m["unavailable"] == nil || len(callers) != 0 {
				t.Errorf("%s: %v", tc.flow, m)
			}
			continue
		}
		found := false
		for _, c := range callers {
			found = found || c.(map[string]any)["id"] == tc.caller
		}
		if !found {
			t.Errorf("%s: callers %v, want %s among them", tc.flow, callers, tc.caller)
		}
	}
}

func TestParseCredentialsThroughJS(t *testing.T) {
	text := `{"Credentials":{"AccessKeyId":"ASIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY","SessionToken":"TOKEN","Expiration":"2999-01-01T00:00:00Z"}}`
	c := jsCall(t, "parseCredentials", text)["credentials"].(map[string]any)
	if c["accessKeyId"] != "ASIAIOSFODNN7EXAMPLE" || c["sessionToken"] != "TOKEN" || c["expires"] != "2999-01-01T00:00:00Z" {
		t.Errorf("credentials %v", c)
	}
	e := jsCall(t, "parseCredentials", "nothing here")["error"].(map[string]any)
	if e["code"] != "credentials" {
		t.Errorf("error %v", e)
	}
}

// comparing asks compare as the worker does, handing over catalog files.
func comparing(t *testing.T, text, mode, creds, origin string) map[string]any {
	t.Helper()
	for round := 0; round < 10; round++ {
		out := jsAwait(t, "compare", text, mode, creds, origin)
		needs, ok := out["needs"].([]any)
		if !ok {
			return out
		}
		for _, p := range needs {
			data, err := fs.ReadFile(embedded.FS(), p.(string))
			if err != nil {
				t.Fatalf("compare needs %v: %v", p, err)
			}
			jsCall(t, "addFile", p, string(data))
		}
	}
	t.Fatal("compare kept asking for files")
	return nil
}

// TestCompareSimulated: a sample scenario, given whole, gets the engine's
// decision from the simulated IAM in the module, with no
// SimulatePrincipalPolicy (the simulated account holds none of the
// scenario's principals) and no note about it.
func TestCompareSimulated(t *testing.T) {
	b, err := os.ReadFile("../../testdata/sample/hand-sample-boundary-cap.json")
	if err != nil {
		t.Fatal(err)
	}
	out := comparing(t, string(b), "simulated", "", "")
	a, ok := out["answer"].(map[string]any)
	if !ok {
		t.Fatalf("compare: %v", out)
	}
	custom := a["custom"].(map[string]any)
	if custom["decision"] != a["ours"] || custom["same"] != true {
		t.Errorf("AWS (simulated) %v, ours %v", custom["decision"], a["ours"])
	}
	if a["principal"] != nil {
		t.Errorf("principal side %v in simulated mode", a["principal"])
	}
	notes, _ := a["notes"].([]any)
	if len(notes) == 0 {
		t.Error("no notes")
	}
	for _, n := range notes {
		if n.(map[string]any)["code"] == "principal" {
			t.Errorf("a note about SimulatePrincipalPolicy in simulated mode: %v", n)
		}
	}
	bad := comparing(t, `{"request":{}}`, "simulated", "", "")
	if e, _ := bad["error"].(map[string]any); e == nil || e["code"] != "compare.scenario" {
		t.Errorf("a scenario without a request: %v", bad)
	}
}

// Real mode's refusals come as error answers, before or instead of a call:
// no credentials, no relay, a relay that does not answer.
func TestRealRefusals(t *testing.T) {
	creds := `{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}`
	for _, tc := range []struct {
		name string
		args []any
		code string
	}{
		{"runReal", []any{"s3-upload-role", "", `{"app":` + creds + `}`, "http://127.0.0.1:1"}, "flow.run"},
		{"runReal", []any{"web-identity", "", `{}`, "http://127.0.0.1:1"}, "flow.run"},
		{"runReal", []any{"s3-upload-role", "", `[]`, "http://127.0.0.1:1"}, "credentials"},
		{"whoami", []any{creds, "ftp://relay.example"}, "relay"},
		{"whoami", []any{creds, "http://127.0.0.1:1"}, "call"},
		{"compare", []any{`{"request":{"principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"*"}}`, "real", "", "http://127.0.0.1:1"}, "credentials"},
	} {
		out := jsAwait(t, tc.name, tc.args...)
		e, _ := out["error"].(map[string]any)
		if e == nil || e["code"] != tc.code {
			t.Errorf("%s%v = %v, want error %s", tc.name, tc.args[:1], out, tc.code)
			continue
		}
		if strings.Contains(e["msg"].(string), "wJalrXUtnFEMI") {
			t.Errorf("%s: the message holds the secret: %v", tc.name, e["msg"])
		}
	}
}
