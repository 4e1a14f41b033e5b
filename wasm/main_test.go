//go:build js && wasm

package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall/js"
	"testing"

	"github.com/iamlab/iamlab/api"
	"github.com/iamlab/iamlab/catalog/embedded"
)

func TestMain(m *testing.M) {
	register()
	os.Exit(m.Run())
}

// jsCall calls globalThis.iamlab[name] as the page's worker does and
// decodes its JSON answer.
func jsCall(t *testing.T, name string, args ...any) map[string]any {
	t.Helper()
	v := js.Global().Get("iamlab").Call(name, args...)
	if v.Type() != js.TypeString {
		t.Fatalf("%s answered a %s, not a JSON string", name, v.Type())
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(v.String()), &out); err != nil {
		t.Fatalf("%s answered invalid JSON %q: %v", name, v.String(), err)
	}
	return out
}

// fetching calls name and, like the worker, hands over every file the
// answer needs from the embedded catalog until it needs none.
func fetching(t *testing.T, name string, args ...any) map[string]any {
	t.Helper()
	for range 10 {
		out := jsCall(t, name, args...)
		needs, ok := out["needs"].([]any)
		if !ok {
			return out
		}
		for _, p := range needs {
			data, err := fs.ReadFile(embedded.FS(), p.(string))
			if err != nil {
				t.Fatalf("%s needs %v, which the catalog does not have: %v", name, p, err)
			}
			if got := jsCall(t, "addFile", p, string(data)); got["ok"] != true {
				t.Fatalf("addFile(%v) = %v", p, got)
			}
		}
	}
	t.Fatalf("%s kept asking for files", name)
	return nil
}

func TestEvaluateSamples(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/sample/*.json")
	if len(paths) == 0 {
		t.Fatal("no samples")
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var want struct{ Expected string }
		json.Unmarshal(src, &want)
		out := jsCall(t, "evaluate", string(src))
		rep, ok := out["report"].(map[string]any)
		if !ok {
			t.Errorf("%s: %v", p, out)
			continue
		}
		if rep["decision"] != want.Expected {
			t.Errorf("%s: decision %v, want %s", p, rep["decision"], want.Expected)
		}
	}
}

const alice = `"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::amzn-s3-demo-bucket/a.txt"`

func TestEvaluateErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, path string
		line, col       int
		policyLine      int
		policyCol       int
	}{
		{"syntax", `{"request": {`, "", 1, 14, 0, 0},
		{"no request", `{}`, "", 1, 1, 0, 0},
		{"string policy", `{"request":{` + alice + `},
"identityPolicies":[{"name":"P","document":"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"}]}`,
			"identityPolicies[0].document", 2, 0, 4, 1},
		{"principal", `{"request":{"principal":"arn:nope","action":"s3:GetObject","resource":"*"}}`, "request.principal", 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := jsCall(t, "evaluate", tc.src)
			b, _ := json.Marshal(out["error"])
			var p api.Problem
			json.Unmarshal(b, &p)
			if p.Msg == "" || p.Code == "" {
				t.Fatalf("no error: %v", out)
			}
			if p.Path != tc.path || (tc.line != 0 && p.Line != tc.line) || (tc.col != 0 && p.Col != tc.col) {
				t.Errorf("error %+v, want path %q at %d:%d", p, tc.path, tc.line, tc.col)
			}
			if tc.policyLine != 0 && (p.Policy == nil || p.Policy.Line != tc.policyLine || p.Policy.Col != tc.policyCol) {
				t.Errorf("policy position %+v, want %d:%d", p.Policy, tc.policyLine, tc.policyCol)
			}
		})
	}
}

func TestEvaluateManagedPolicy(t *testing.T) {
	src := `{"request":{` + alice + `},"identityPolicies":[{"arn":"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}]}`
	out := fetching(t, "evaluate", src)
	rep, _ := out["report"].(map[string]any)
	if rep == nil || rep["decision"] != "allowed" {
		t.Fatalf("evaluate = %v", out)
	}
	out = fetching(t, "evaluate", strings.Replace(src, "ReadOnly", "Nonexistent", 1))
	if e, _ := out["error"].(map[string]any); e == nil || !strings.Contains(e["msg"].(string), "unknown AWS managed policy") {
		t.Fatalf("unknown managed policy: %v", out)
	}
}

func TestCatalogLookups(t *testing.T) {
	if out := jsCall(t, "actions", "sqs"); out["needs"] == nil {
		t.Fatalf("actions before any file was fetched = %v, want needs", out)
	}
	out := fetching(t, "actions", "s3")
	if acts, _ := out["actions"].([]any); len(acts) < 100 || out["service"] != "Amazon S3" {
		t.Fatalf("actions(s3) = %d actions, service %v", len(acts), out["service"])
	}
	out = fetching(t, "action", "s3:getobject")
	if out["name"] != "s3:GetObject" {
		t.Fatalf("action = %v", out)
	}
	b, _ := json.Marshal(out)
	for _, want := range []string{`arn:${Partition}:s3:::${BucketName}/${ObjectName}`, `"s3:ExistingObjectTag/\u003ckey\u003e"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("action(s3:GetObject) lacks %s: %s", want, b)
		}
	}
	out = fetching(t, "expand", "s3:GetObjectAcl*")
	if acts, _ := out["actions"].([]any); len(acts) != 1 || acts[0] != "s3:GetObjectAcl" {
		t.Fatalf("expand = %v", out)
	}
	if out := fetching(t, "services"); len(out["services"].([]any)) < 400 {
		t.Fatalf("services = %v", out)
	}
	if out := fetching(t, "action", "nosuch:Thing"); out["error"] == nil {
		t.Fatalf("unknown action = %v", out)
	}
	if out := fetching(t, "managedPolicies"); len(out["policies"].([]any)) < 1000 {
		t.Fatal("managedPolicies too short")
	}
	if out := jsCall(t, "addFile", "../etc/passwd", "x"); out["error"] == nil {
		t.Fatal("addFile accepted a bad path")
	}
}

func TestShareAndCodes(t *testing.T) {
	enc := jsCall(t, "shareEncode", `{"a":"日本"}`)
	dec := jsCall(t, "shareDecode", enc["fragment"])
	if dec["scenario"] != `{"a":"日本"}` {
		t.Fatalf("round trip = %v", dec)
	}
	if out := jsCall(t, "shareDecode", "v9.x"); out["error"] == nil {
		t.Fatal("later version accepted")
	}
}

func TestBadArguments(t *testing.T) {
	out := jsCall(t, "evaluate") // no argument at all
	if out["error"] == nil {
		t.Fatalf("evaluate() = %v", out)
	}
	out = jsCall(t, "evaluate", 42)
	if out["error"] == nil {
		t.Fatalf("evaluate(42) = %v", out)
	}
}

func TestTopLevelErrorHasNoPathPrefix(t *testing.T) {
	out := jsCall(t, "evaluate", `{"request": {`)
	e, _ := out["error"].(map[string]any)
	if e == nil || strings.HasPrefix(e["msg"].(string), "[0]") || e["path"] != nil {
		t.Fatalf("top-level syntax error = %v, want a message without a path", out)
	}
}

// lintFinding is the part of a lint finding the page uses.
type lintFinding struct {
	Code       string                  `json:"code"`
	Severity   string                  `json:"severity"`
	Message    string                  `json:"message"`
	Text       struct{ En, Ja string } `json:"text"`
	Path       string                  `json:"path"`
	PolicyLine int                     `json:"policyLine"`
	PolicyCol  int                     `json:"policyCol"`
}

func lintFindings(t *testing.T, out map[string]any) []lintFinding {
	t.Helper()
	b, _ := json.Marshal(out["findings"])
	var fs []lintFinding
	if err := json.Unmarshal(b, &fs); err != nil || out["findings"] == nil {
		t.Fatalf("lint = %v", out)
	}
	return fs
}

func TestLint(t *testing.T) {
	// The page sends policies as strings: positions are in their own text.
	identity := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Action\": \"s3:GetObjekt\",\n    \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/*\"\n  }]\n}"
	trust := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user:bob\"},\n    \"Action\": \"sts:AssumeRole\"\n  }]\n}"
	sc, _ := json.Marshal(map[string]any{
		"request":          map[string]any{"principal": "arn:aws:iam::111122223333:user/bob", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/app"},
		"identityPolicies": []any{map[string]any{"name": "P", "document": identity}},
		"resourcePolicy":   map[string]any{"name": "Trust", "document": trust},
	})
	// The needs protocol, as the worker runs it: possibly several rounds.
	rounds := 0
	var out map[string]any
	for ; rounds < 10; rounds++ {
		out = jsCall(t, "lint", string(sc))
		needs, ok := out["needs"].([]any)
		if !ok {
			break
		}
		for _, p := range needs {
			data, err := fs.ReadFile(embedded.FS(), p.(string))
			if err != nil {
				t.Fatalf("lint needs %v: %v", p, err)
			}
			jsCall(t, "addFile", p, string(data))
		}
	}
	if rounds == 0 {
		t.Error("lint answered before any service file was fetched")
	}
	t.Logf("lint answered after %d rounds of fetching", rounds)
	want := map[string]lintFinding{
		"action.unknown":  {Severity: "error", Path: "identityPolicies[0]", PolicyLine: 5, PolicyCol: 15},
		"principal.colon": {Severity: "error", Path: "resourcePolicy", PolicyLine: 5, PolicyCol: 26},
	}
	got := map[string]lintFinding{}
	for _, f := range lintFindings(t, out) {
		got[f.Code] = f
	}
	for code, w := range want {
		f, ok := got[code]
		if !ok {
			t.Errorf("no %s finding in %v", code, got)
			continue
		}
		if f.Path != w.Path || f.PolicyLine != w.PolicyLine || f.PolicyCol != w.PolicyCol || f.Severity != w.Severity {
			t.Errorf("%s = %+v, want %+v", code, f, w)
		}
	}
	if f := got["action.unknown"]; !strings.Contains(f.Message, "s3:GetObject") {
		t.Errorf("action.unknown gives no did-you-mean: %q", f.Message)
	}
	// The page words each finding in its language from the module's words.
	if f := got["action.unknown"]; f.Text.En != f.Message || !strings.Contains(f.Text.Ja, "s3:GetObject") || !strings.Contains(f.Text.Ja, "ではありませんか") {
		t.Errorf("action.unknown words: %+v", f.Text)
	}
}

func TestLintUnparsable(t *testing.T) {
	fs := lintFindings(t, fetching(t, "lint", `{"request": {`))
	if len(fs) != 1 || fs[0].Severity != "error" {
		t.Fatalf("lint of a broken scenario = %+v, want its one error", fs)
	}
}

// The page's operations on drafts: import, link, evaluate, table.
func TestDraftOperations(t *testing.T) {
	src := `{"request":{` + alice + `},"identityPolicies":[{"name":"P","document":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}"}]}`
	imp := jsCall(t, "importText", src)
	draft, _ := json.Marshal(imp["draft"])
	if imp["kind"] != "scenario" || imp["draft"] == nil {
		t.Fatalf("importText = %v", imp)
	}
	if rep, _ := jsCall(t, "evaluateDraft", string(draft))["report"].(map[string]any); rep == nil || rep["decision"] != "allowed" {
		t.Fatalf("evaluateDraft(%s) gave no allow", draft)
	}
	link := jsCall(t, "shareDraft", string(draft))
	opened := jsCall(t, "openLink", "#"+link["fragment"].(string))
	if again, _ := json.Marshal(opened["draft"]); string(again) != string(draft) {
		t.Fatalf("openLink(shareDraft(d)) = %s, want %s", again, draft)
	}
	if out := jsCall(t, "openLink", "#v01.abc"); out["error"] == nil {
		t.Fatalf("openLink accepted v01.: %v", out)
	}
	table := fetching(t, "allows", string(draft), "s3")
	rows, _ := table["rows"].([]any)
	if len(rows) < 100 {
		t.Fatalf("allows = %v", table["error"])
	}
	if text := jsCall(t, "scenarioText", string(draft))["text"].(string); !strings.Contains(text, `"identityPolicies"`) {
		t.Fatalf("scenarioText = %q", text)
	}
	if s := jsCall(t, "slots")["slots"].([]any); len(s) != 6 {
		t.Fatalf("slots = %v", s)
	}
	// A deny: the decision comes without what would change it, which a
	// second call gives.
	deny := strings.Replace(string(draft), `s3:Get*`, `s3:Put*`, 1)
	rep, _ := jsCall(t, "evaluateDraft", deny)["report"].(map[string]any)
	if rep == nil || rep["decision"] != "implicitDeny" || rep["summary"] == nil || rep["changes"] != nil {
		t.Fatalf("evaluateDraft of a deny = %v", rep)
	}
	ch, _ := jsCall(t, "changesDraft", deny)["changes"].(map[string]any)
	if edits, _ := ch["edits"].([]any); len(edits) == 0 || ch["decision"] != "allowed" {
		t.Fatalf("changesDraft = %v", ch)
	}
	if ch := jsCall(t, "changesDraft", string(draft)); ch["changes"] != nil {
		t.Fatalf("changesDraft of an allow = %v", ch)
	}
	// A new policy's template comes from the module: a trust policy has no
	// Resource.
	trust := strings.Replace(string(draft), `"action":"s3:GetObject"`, `"action":"sts:AssumeRole"`, 1)
	if text, _ := jsCall(t, "template", trust, "resource")["text"].(string); !strings.Contains(text, `"Action": "sts:AssumeRole"`) || strings.Contains(text, "Resource") {
		t.Fatalf("template of a trust policy = %q (draft %s)", text, trust)
	}
}
