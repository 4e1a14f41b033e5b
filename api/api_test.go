package api

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/scenario"
)

var cat = catalog.New(embedded.FS())

var opt = scenario.Options{Managed: cat.ManagedText}

func scenarioFiles(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, dir := range []string{"../testdata/sample", "../testdata/conformance", "../site/examples"} {
		p, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		paths = append(paths, p...)
	}
	if len(paths) < 500 {
		t.Fatalf("only %d scenarios", len(paths))
	}
	return paths
}

// Every scenario the CLI evaluates, the page evaluates the same: imported
// into a draft (as a file or a link is) and written back as the page sends
// it, it gives the CLI's answer: the same decision and reason, or an error
// with the same code.
func TestImportKeepsEveryDecision(t *testing.T) {
	for _, p := range scenarioFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want := Evaluate(string(src), opt)
		imp := Import(string(src))
		if imp.Kind != KindScenario || len(imp.Problems) > 0 {
			t.Errorf("%s: imported as %q with problems %v, error %v", p, imp.Kind, imp.Problems, imp.Error)
			continue
		}
		draft, _ := json.Marshal(imp.Draft)
		got := EvaluateDraft(string(draft), opt)
		switch {
		case want.Error != nil:
			if got.Error == nil || got.Error.Code != want.Error.Code {
				t.Errorf("%s: CLI error %v, page %v", p, want.Error, got)
			}
		case got.Report == nil:
			t.Errorf("%s: CLI %s, page error %v", p, want.Report.Decision, got.Error)
		case got.Report.Decision != want.Report.Decision || got.Report.Reason.Code != want.Report.Reason.Code:
			t.Errorf("%s: CLI %s (%s), page %s (%s)", p, want.Report.Decision, want.Report.Reason.Code, got.Report.Decision, got.Report.Reason.Code)
		}
	}
}

func TestImportFieldByField(t *testing.T) {
	src := `{
	  "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": 5, "resource": "*",
	    "context": {"aws:MultiFactorAuthAge": 1.50, "aws:SecureTransport": true, "aws:TagKeys": ["a", 2], "bad": {"x": 1}},
	    "note": "unknown fields are ignored"},
	  "identityPolicies": [
	    {"name": "<img src=x>", "document": "{ \"Version\": \"2012-10-17\", \"Statement\": [ "},
	    {"name": "Obj", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": 10.0}}}]}},
	    {"arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
	    {"name": "none"},
	    7
	  ],
	  "permissionsBoundary": null,
	  "serviceControlPolicies": [{"target": "r-1", "policies": []}],
	  "expected": "allowed"
	}`
	ans := Import(src)
	if ans.Kind != KindScenario || ans.Error != nil {
		t.Fatalf("Import = %+v", ans)
	}
	d := ans.Draft
	if d.Request.Action != "" || d.Request.Resource != "*" {
		t.Errorf("request = %+v", d.Request)
	}
	wantCtx := []ContextRow{{"aws:MultiFactorAuthAge", "1.50"}, {"aws:SecureTransport", "true"}, {"aws:TagKeys", `["a","2"]`}}
	if b1, b2 := mustJSON(d.Request.Context), mustJSON(wantCtx); b1 != b2 {
		t.Errorf("context = %s, want %s", b1, b2)
	}
	if len(d.Identity) != 3 || d.Identity[0].Name != "<img src=x>" || !strings.HasSuffix(d.Identity[0].Text, "[ ") {
		t.Fatalf("identity = %+v", d.Identity)
	}
	if !strings.Contains(d.Identity[1].Text, `"s3:max-keys": 10.0`) || !strings.Contains(d.Identity[1].Text, "\n  \"Statement\"") {
		t.Errorf("an object document is kept as written, indented: %s", d.Identity[1].Text)
	}
	if d.Identity[2].ARN == "" || d.Boundary != nil || d.SCPs == nil || len(d.SCPs) != 1 || d.RCPs != nil {
		t.Errorf("draft = %+v", d)
	}
	var paths []string
	for _, p := range ans.Problems {
		paths = append(paths, p.Path)
	}
	want := "request.action request.context.bad identityPolicies[3] identityPolicies[4]"
	if strings.Join(paths, " ") != want {
		t.Errorf("problems at %v, want %s", paths, want)
	}
}

func TestImportRefusals(t *testing.T) {
	for _, tc := range []struct{ name, src, code string }{
		{"not JSON", `{"request": `, "import.json"},
		{"not an object", `[1]`, "import.notObject"},
		{"unknown object", `{"hello": 1}`, "import.kind"},
		{"too deep", `{"request":{},"identityPolicies":[{"name":"P","document":` + strings.Repeat(`{"a":`, 40000) + `1` + strings.Repeat(`}`, 40000) + `}]}`, "import.tooDeep"},
		{"too large", `{"request":{"principal":"` + strings.Repeat("x", MaxImportBytes) + `"}}`, "import.size"},
		{"not UTF-8", "{\"request\":{\"principal\":\"\xff\"}}", "import.utf8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans := Import(tc.src)
			if ans.Error == nil || ans.Error.Code != tc.code || ans.Draft != nil {
				t.Fatalf("Import = %+v, want error %s", ans, tc.code)
			}
		})
	}
}

func TestImportBarePolicy(t *testing.T) {
	for _, tc := range []struct{ src, slot string }{
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, "identity"},
		{`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}}`, "resource"},
		{"\uFEFF" + `{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"x"},"Action":"s3:*"}]}`, "resource"},
	} {
		ans := Import(tc.src)
		if ans.Kind != KindPolicy || ans.Policy == nil || ans.Policy.Slot != tc.slot || !strings.Contains(ans.Policy.Text, "Statement") {
			t.Errorf("Import(%s) = %+v, want a policy for %s", tc.src, ans, tc.slot)
		}
	}
}

func TestOpenLink(t *testing.T) {
	text := `{"request":{"principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"*"},"identityPolicies":[{"name":"P","document":"{}"}],"future":1}`
	link := ShareLink(text)
	if link.Error != nil {
		t.Fatal(link.Error)
	}
	ans := OpenLink("#" + link.Fragment)
	if ans.Error != nil || ans.Draft.Identity[0].Text != "{}" {
		t.Fatalf("OpenLink = %+v", ans)
	}
	for frag, code := range map[string]string{"#v01.abc": "share.format", "#v2.abc": "share.version", "#" + ShareLink(`[1]`).Fragment: "import.notObject"} {
		if ans := OpenLink(frag); ans.Error == nil || ans.Error.Code != code {
			t.Errorf("OpenLink(%s) = %+v, want %s", frag, ans, code)
		}
	}
	// A bare policy is not a link's scenario.
	if ans := OpenLink(ShareLink(`{"Statement":[]}`).Fragment); ans.Kind != KindScenario {
		t.Errorf("a link holds a scenario: %+v", ans)
	}
	big := `{"request":{"principal":"` + strings.Repeat("x", 300<<10) + `"}}`
	if l := ShareLink(big); l.Error == nil || l.Error.Code != "share.encodeTooLarge" {
		t.Errorf("ShareLink of %d bytes = %+v", len(big), l)
	}
}

func TestDraftScenario(t *testing.T) {
	d := &Draft{
		Request: DraftRequest{Principal: "p", Action: "s3:GetObject", Resource: "*", ResourceAccount: " 111122223333 ",
			Context: []ContextRow{{"aws:TagKeys", `["a", 1.0]`}, {"", "skipped"}, {"aws:SourceIp", "[not json"}, {"k", "<&>"}}},
		Identity: []Entry{{Name: "P", Text: "{ broken"}, {Name: "M", ARN: "arn:aws:iam::aws:policy/X"}},
		SCPs:     []Level{},
	}
	want := `{
  "request": {
    "principal": "p",
    "action": "s3:GetObject",
    "resource": "*",
    "resourceAccount": "111122223333",
    "context": {
      "aws:TagKeys": [
        "a",
        "1.0"
      ],
      "aws:SourceIp": "[not json",
      "k": "<&>"
    }
  },
  "identityPolicies": [
    {
      "name": "P",
      "document": "{ broken"
    },
    {
      "name": "M",
      "arn": "arn:aws:iam::aws:policy/X"
    }
  ],
  "serviceControlPolicies": []
}`
	if got := d.Scenario(); got != want {
		t.Errorf("Scenario() =\n%s\nwant\n%s", got, want)
	}
}

func TestAllows(t *testing.T) {
	d := &Draft{
		Request: DraftRequest{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:Get", Resource: "arn:aws:s3:::b/k"},
		Identity: []Entry{{Name: "P", Text: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"},
			{"Effect":"Deny","Action":"s3:GetObjectAcl","Resource":"*"}]}`}},
	}
	ans := Allows(d, "s3", opt, cat)
	if ans.Error != nil || ans.Pattern != "s3:*" || len(ans.Rows) < 100 || ans.Total != len(ans.Rows) {
		t.Fatalf("Allows = %d rows, %+v", len(ans.Rows), ans.Error)
	}
	got := map[string]string{}
	for _, r := range ans.Rows {
		got[r.Action] = string(r.Decision)
		if r.Access == "" || r.Reason == "" {
			t.Errorf("row %+v lacks access level or reason", r)
		}
	}
	for a, want := range map[string]string{"s3:GetObject": "allowed", "s3:GetObjectAcl": "explicitDeny", "s3:PutObject": "implicitDeny"} {
		if got[a] != want {
			t.Errorf("%s: %s, want %s", a, got[a], want)
		}
	}
	if ans := Allows(d, "s3:Put*", opt, cat); len(ans.Rows) == 0 || ans.Rows[0].Action[:6] != "s3:Put" {
		t.Errorf("s3:Put* = %+v", ans.Rows)
	}
	if ans := Allows(d, "nosuch", opt, cat); ans.Error == nil || ans.Error.Code != "allows.none" {
		t.Errorf("unknown service = %+v", ans.Error)
	}
	broken := *d
	broken.Identity = []Entry{{Name: "P", Text: "{"}}
	if ans := Allows(&broken, "s3", opt, cat); ans.Error == nil || ans.Error.Path != "identityPolicies[0].document" {
		t.Errorf("broken policy = %+v", ans.Error)
	}
}

func BenchmarkAllowsS3(b *testing.B) {
	d := &Draft{
		Request:  DraftRequest{Principal: "arn:aws:iam::111122223333:user/alice", Resource: "arn:aws:s3:::b/k"},
		Identity: []Entry{{Name: "P", Text: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`}},
	}
	for b.Loop() {
		Allows(d, "s3", opt, cat)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// The page's two answers make the CLI's one: EvaluateDraft's report has no
// changes, and ChangesDraft gives exactly Evaluate's of the draft's
// scenario text (positions in the policies' own text, as the page writes
// them), for every scenario.
func TestChangesDraftCompletesTheReport(t *testing.T) {
	denies := 0
	for _, p := range scenarioFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		imp := Import(string(src))
		if imp.Kind != KindScenario {
			continue
		}
		want := Evaluate(imp.Draft.Scenario(), opt)
		if want.Report == nil {
			continue
		}
		draft, _ := json.Marshal(imp.Draft)
		got := EvaluateDraft(string(draft), opt)
		if got.Report == nil || got.Report.Changes != nil {
			t.Errorf("%s: the draft's report has changes or none: %+v", p, got)
			continue
		}
		ch := ChangesDraft(string(draft), opt)
		a, _ := json.Marshal(ch.Changes)
		b, _ := json.Marshal(want.Report.Changes)
		if ch.Error != nil || string(a) != string(b) {
			t.Errorf("%s: changes %s, the CLI's %s", p, a, b)
		}
		if want.Report.Changes != nil {
			denies++
		}
	}
	if denies < 100 {
		t.Errorf("only %d denies compared", denies)
	}
}
