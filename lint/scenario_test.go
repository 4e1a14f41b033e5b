package lint

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/scenario"
)

const scenarioSrc = `{
  "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObjectNew", "resource": "arn:aws:s3:::b/k"},
  "identityPolicies": [
    {"name": "Inline", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjectNew", "Resource": "arn:aws:s3:::b/*"}]}},
    {"name": "Text", "document": "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObjct\", \"Resource\": \"*\"}}"}
  ],
  "resourcePolicy": {"name": "Trust", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:user:app"}, "Action": "sts:AssumeRole"}]}}
}`

func TestScenarioPositions(t *testing.T) {
	opt := scenario.Options{Managed: func(arn string) (string, bool) {
		mp, err := embedded.Catalog().ManagedPolicy(arn)
		return string(mp.Document), err == nil
	}}
	s, err := scenario.Parse(scenarioSrc, opt)
	if err != nil {
		t.Fatal(err)
	}
	fs := Scenario(s, embedded.Catalog())
	var inline, text, colon *Finding
	for i := range fs {
		f := &fs[i]
		switch {
		case f.Code == "action.unknown" && f.Path == "identityPolicies[0]":
			inline = f
		case f.Code == "action.unknown" && f.Path == "identityPolicies[1]":
			text = f
		case f.Code == "principal.colon":
			colon = f
		}
	}
	if inline == nil || text == nil || colon == nil {
		t.Fatalf("missing findings: %+v", fs)
	}
	lines := strings.Split(scenarioSrc, "\n")
	at := func(f *Finding) string {
		return lines[f.Line-1][f.Col-1:]
	}
	if !strings.HasPrefix(at(inline), `"s3:GetObjectNew"`) || inline.PolicyLine != 0 {
		t.Errorf("inline finding at %d:%d %q", inline.Line, inline.Col, at(inline))
	}
	if !strings.HasPrefix(at(text), `\"s3:GetObjct\"`) {
		t.Errorf("string-document finding at %d:%d %q", text.Line, text.Col, at(text))
	}
	if text.PolicyLine != 2 || text.PolicyCol != 45 || !strings.Contains(text.Policy, `"Text"`) {
		t.Errorf("string-document finding: policy position %d:%d in %s", text.PolicyLine, text.PolicyCol, text.Policy)
	}
	if !strings.Contains(colon.Msg, `"arn:aws:iam::111122223333:user/app"`) || colon.Severity != Error {
		t.Errorf("colon finding: %+v", colon)
	}
	if !HasErrors(fs) {
		t.Error("HasErrors = false")
	}
}

// TestUnknownActionStillEvaluates: a request for an action that the catalog
// does not know is decided as usual, though lint calls the policy's entry an
// error (Access Analyzer's INVALID_ACTION) and the request's action too.
func TestUnknownActionStillEvaluates(t *testing.T) {
	s, err := scenario.Parse(scenarioSrc, scenario.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Input.Resource = nil
	res, err := s.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != authz.Allowed {
		t.Errorf("decision %s, want allowed", res.Decision)
	}
	n := 0
	for _, f := range Scenario(s, embedded.Catalog()) {
		if f.Code == "action.unknown" {
			n++
			if f.Severity != Error {
				t.Errorf("unknown action reported as %s", f.Severity)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d action.unknown findings, want 2 (one per policy)", n)
	}
}

func TestScenarioParseError(t *testing.T) {
	src := `{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*"},
 "identityPolicies": [{"name": "T", "document": "{\"Statement\": {\"Effect\": \"Alow\"}}"}]}`
	fs := ScenarioText(src, scenario.Options{}, embedded.Catalog())
	if len(fs) != 1 || fs[0].Code != "statement.effect" || fs[0].PolicyLine != 1 || fs[0].Line != 2 || fs[0].Severity != Error {
		t.Fatalf("%+v", fs)
	}
}

func TestScenarioManagedPolicy(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
 "identityPolicies": [{"arn": "arn:aws:iam::aws:policy/AWSBackupFullAccess"}, {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}`
	opt := scenario.Options{Managed: func(arn string) (string, bool) {
		mp, err := embedded.Catalog().ManagedPolicy(arn)
		return string(mp.Document), err == nil
	}}
	fs := ScenarioText(src, opt, embedded.Catalog())
	admin := false
	for _, f := range fs {
		if f.Severity != SecurityWarning {
			t.Errorf("managed policy finding %+v", f)
		}
		if f.Code == "security.fullAccess" && f.Line == 2 && f.Col == 87 && f.PolicyLine == 1 {
			admin = true
		}
	}
	if !admin {
		t.Errorf("no fullAccess finding at the AdministratorAccess arn: %+v", fs)
	}
}

// Some requests AWS refuses for the kind of credentials alone; the lint
// says so at the request's action.
func TestRequestCredentials(t *testing.T) {
	for _, tc := range []struct {
		principal, action string
		fire              bool
	}{
		{"arn:aws:iam::111122223333:root", "sts:AssumeRole", true},
		{"*", "STS:assumerole", true},
		{"arn:aws:sts::111122223333:federated-user/bob", "iam:GetRole", true},
		{"arn:aws:sts::111122223333:federated-user/bob", "sts:AssumeRole", true},
		{"arn:aws:sts::111122223333:federated-user/bob", "sts:GetCallerIdentity", false},
		{"arn:aws:sts::111122223333:federated-user/bob", "s3:GetObject", false},
		{"arn:aws:sts::111122223333:assumed-role/Dev/s", "sts:GetSessionToken", true},
		{"arn:aws:sts::111122223333:assumed-role/Dev/s", "sts:AssumeRole", false},
		{"arn:aws:iam::111122223333:user/alice", "sts:AssumeRole", false},
		{"arn:aws:iam::111122223333:root", "sts:GetSessionToken", false},
	} {
		src := `{"request": {"principal": "` + tc.principal + `",
  "action": "` + tc.action + `", "resource": "*"}}`
		s, err := scenario.Parse(src, scenario.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []Finding
		for _, f := range Scenario(s, embedded.Catalog()) {
			if f.Code == chkCredentials.Code {
				got = append(got, f)
			}
		}
		if (len(got) > 0) != tc.fire {
			t.Errorf("%s calling %s: findings %+v, want fired=%v", tc.principal, tc.action, got, tc.fire)
			continue
		}
		if tc.fire && (got[0].Line != 2 || got[0].Col != 13 || got[0].Path != "request.action") {
			t.Errorf("%s calling %s: finding at %d:%d %s, want 2:13 request.action", tc.principal, tc.action, got[0].Line, got[0].Col, got[0].Path)
		}
	}
}

// requestCases make each check of a scenario's request fire on one request
// and keep it quiet on another; the policy is the same.
var requestCases = []struct {
	code        string
	fire, quiet string // the request's JSON
}{
	{"request.unknownAction",
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObjct", "resource": "arn:aws:s3:::b/k"}`,
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}`},
	{"request.unknownAction",
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s4:GetObject", "resource": "arn:aws:s3:::b/k"}`,
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "S3:getobject", "resource": "arn:aws:s3:::b/k"}`},
	{"action.undocumented",
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "mobilehub:ListProjects", "resource": "*"}`,
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:ListAllMyBuckets", "resource": "*"}`},
	{"request.resourceType",
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b"}`,
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b"}`},
	{"request.resourceType",
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:ListAllMyBuckets", "resource": "arn:aws:s3:::b"}`,
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:ListAllMyBuckets", "resource": "*"}`},
	{"request.contextKey",
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "context": {"s3:prefix": "home/"}}`,
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b", "context": {"s3:prefix": "home/", "aws:SourceIp": "203.0.113.7"}}`},
	{"request.contextKey",
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b", "context": {"s3:prefx": "home/"}}`,
		`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b", "context": {"aws:PrincipalTag/team": "a"}}`},
}

func TestRequestChecks(t *testing.T) {
	cat := embedded.Catalog()
	doc := `"identityPolicies": [{"name": "P", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]`
	for _, tc := range requestCases {
		t.Run(tc.code, func(t *testing.T) {
			if _, ok := Lookup(tc.code); !ok {
				t.Fatalf("%s is not a registered check", tc.code)
			}
			fire := ScenarioText(`{"request": `+tc.fire+`, `+doc+`}`, scenario.Options{}, cat)
			var f *Finding
			for i := range fire {
				if fire[i].Code == tc.code {
					f = &fire[i]
				}
			}
			if f == nil {
				t.Fatalf("%s did not fire on %s\n got %+v", tc.code, tc.fire, fire)
			}
			// The finding points at the request's text, on line 1.
			if f.Line != 1 || f.Col < 12 || !strings.HasPrefix(f.Path, "request.") {
				t.Errorf("finding at %d:%d %s", f.Line, f.Col, f.Path)
			}
			quiet := ScenarioText(`{"request": `+tc.quiet+`, `+doc+`}`, scenario.Options{}, cat)
			if has(quiet, tc.code) {
				t.Errorf("%s fired on %s\n got %+v", tc.code, tc.quiet, quiet)
			}
		})
	}
}

// The request's unknown action offers the nearest one.
func TestRequestDidYouMean(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObjct", "resource": "arn:aws:s3:::b/k"}}`
	for _, f := range ScenarioText(src, scenario.Options{}, embedded.Catalog()) {
		if f.Code == "request.unknownAction" {
			if !strings.Contains(f.Msg, `did you mean "s3:GetObject"?`) || src[f.Off:f.Off+13] != `"s3:GetObjct"` {
				t.Errorf("%+v", f)
			}
			return
		}
	}
	t.Error("request.unknownAction did not fire")
}

// nameCases make policy.name fire on a policy entry's name and keep it
// quiet on another: IAM's names are 1 to 128 of [\w+=,.@-].
var nameCases = []struct {
	fire, quiet string // a scenario's policy entries after its request
	form        string // the form of the message that fires
}{
	{`"identityPolicies": [{"name": "S3 Upload", "document": ` + good + `}]`,
		`"identityPolicies": [{"name": "S3Upload_v2+=,.@-", "document": ` + good + `}]`, ""},
	{`"identityPolicies": [{"name": "ok", "document": ` + good + `}, {"name": "アップロード", "document": ` + good + `}]`,
		`"identityPolicies": [{"name": "ok", "document": ` + good + `}, {"document": ` + good + `}]`, ""},
	{`"permissionsBoundary": {"name": "", "document": ` + good + `}`,
		`"permissionsBoundary": {"name": "Boundary", "document": ` + good + `}`, "empty"},
	{`"identityPolicies": [{"name": "` + strings.Repeat("p", 129) + `", "document": ` + good + `}]`,
		`"identityPolicies": [{"name": "` + strings.Repeat("p", 128) + `", "document": ` + good + `}]`, "long"},
	// Session, resource-based and organization policies have no IAM name.
	{`"permissionsBoundary": {"name": "a/b", "document": ` + good + `}`,
		`"sessionPolicy": {"name": "a b", "document": ` + good + `}, "resourcePolicy": {"name": "Bucket policy", "document": ` + res(`"*"`) + `}`, ""},
}

func TestPolicyName(t *testing.T) {
	cat := embedded.Catalog()
	req := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, `
	for _, c := range nameCases {
		fire := ScenarioText(req+c.fire+`}`, scenario.Options{}, cat)
		var f *Finding
		for i := range fire {
			if fire[i].Code == "policy.name" {
				f = &fire[i]
			}
		}
		if f == nil {
			t.Errorf("policy.name did not fire on %s\n got %+v", c.fire, fire)
			continue
		}
		src := req + c.fire + `}`
		// The finding is at the name's literal in the file, whole.
		at := lineCol(src, f.Line, f.Col)
		if f.Form != c.form || f.Severity != Error || !strings.HasSuffix(f.Path, ".name") || f.EndLine == 0 || !strings.HasPrefix(src[at:], `"`) || f.PolicyLine != 0 {
			t.Errorf("%s: %+v (at %q)", c.fire, *f, src[at:min(len(src), at+12)])
		}
		if has(ScenarioText(req+c.quiet+`}`, scenario.Options{}, cat), "policy.name") {
			t.Errorf("policy.name fired on the quiet case %s", c.quiet)
		}
	}
	// An AWS managed policy keeps AWS's name.
	managed := req + `"identityPolicies": [{"name": "x y", "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}`
	if has(ScenarioText(managed, scenario.Options{Managed: cat.ManagedText}, cat), "policy.name") {
		t.Error("policy.name fired on an AWS managed policy")
	}
	for _, n := range []string{"a", "S3Upload", "x_y+z=1,2.3@4-5", strings.Repeat("n", MaxPolicyName)} {
		if !ValidPolicyName(n) {
			t.Errorf("%q refused", n)
		}
	}
	for _, n := range []string{"", "a b", "a/b", "é", strings.Repeat("n", MaxPolicyName+1)} {
		if ValidPolicyName(n) {
			t.Errorf("%q taken", n)
		}
	}
}

// lineCol is the byte offset of a 1-based line and column (in runes).
func lineCol(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		off += strings.IndexByte(src[off:], '\n') + 1
	}
	for c := 1; c < col; c++ {
		_, w := utf8.DecodeRuneInString(src[off:])
		off += w
	}
	return off
}
