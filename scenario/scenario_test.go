package scenario

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamlab/iamlab/authz"
)

// Every scenario of the project's corpora gives its expected decision.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.json")
	if len(files) < 40 {
		t.Fatalf("only %d corpus files", len(files))
	}
	opt := Options{Managed: func(arn string) (string, bool) {
		// The scenario package does not depend on the catalog: corpus
		// files that use managed policies are run by the CLI tests.
		return "", false
	}}
	ran := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(string(b), opt)
		if err != nil {
			if strings.Contains(err.Error(), "unknown AWS managed policy") {
				continue
			}
			t.Errorf("%s: %v", f, err)
			continue
		}
		if s.Expected == "" {
			continue
		}
		r, err := s.Evaluate()
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		ran++
		if r.Decision != s.Expected {
			t.Errorf("%s: got %s, want %s", f, r.Decision, s.Expected)
		}
		if diff := s.CheckDecidedBy(r); diff != "" {
			t.Errorf("%s: %s", f, diff)
		}
	}
	t.Logf("%d scenarios", ran)
}

const minimal = `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}%s}`

func TestParseFields(t *testing.T) {
	src := `{
  "note": {"anything": [1, 2, {"deep": true}]},
  "expected": "allowed",
  "why": "because",
  "request": {
    "principal": "arn:aws:iam::111122223333:user/a",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::b/k",
    "resourceAccount": "111122223333",
    "context": {"aws:SourceIp": "203.0.113.1", "aws:TagKeys": ["a", "b"], "s3:max-keys": 10, "aws:SecureTransport": true},
    "extra": "ignored"
  },
  "identityPolicies": [{"name": "one", "document": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}},
                       {"name": "two", "document": "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}}"}],
  "permissionsBoundary": null,
  "resourceControlPolicies": [{"target": "r-1", "policies": []}]
}`
	s, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := s.Input
	if s.Expected != authz.Allowed || s.Why != "because" || in.Request.ResourceAccount != "111122223333" || len(in.Identity) != 2 || in.Boundary != nil || len(in.RCPs) != 1 {
		t.Fatalf("scenario = %+v", s)
	}
	if v, _ := in.Request.Context.Lookup("s3:max-keys"); v[0] != "10" {
		t.Errorf("number value = %v", v)
	}
	if v, _ := in.Request.Context.Lookup("aws:TagKeys"); len(v) != 2 {
		t.Errorf("list value = %v", v)
	}
	if in.Identity[1].Policy.Src == src {
		t.Error("a string document should have its own text")
	}
	if r, err := s.Evaluate(); err != nil || r.Decision != authz.Allowed {
		t.Errorf("evaluate: %v %v", r, err)
	}
}

// Errors point into the file, also inside policies written as strings.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, msg string
		line, col      int
	}{
		{"not json", `{"request": `, "unexpected end of input", 1, 13},
		{"no request", `{}`, `no "request"`, 1, 1},
		{"no action", `{"request": {"principal": "*", "resource": "*"}}`, `request: has no "action"`, 1, 13},
		{"pattern action", `{"request": {"principal": "*", "action": "s3:*", "resource": "*"}}`, "request.action: a request names one action", 1, 42},
		{"action without service", `{"request": {"principal": "*", "action": "GetObject", "resource": "*"}}`, "not an action", 1, 42},
		{"bad account", `{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*", "resourceAccount": "12"}}`, "12-digit", 1, 94},
		{"context type", "{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"*\",\n \"context\": {\"k\": {}}}}", "request.context.k: values must be strings", 2, 19},
		{"context duplicate", `{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*", "context": {"a:b": "1", "A:B": "2"}}}`, "is given twice", 1, 99},
		{"duplicate field", `{"request": {"principal": "*", "principal": "*"}}`, "duplicate key", 1, 32},
		{"expected value", `{"expected": "deny", "request": {}}`, "expected: must be", 1, 14},
		{"policy object error", "{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"*\"},\n \"identityPolicies\": [{\"document\": {\"Statement\": {\"Effect\": \"Permit\"}}}]}", "identityPolicies[0].document: Effect must be", 2, 61},
		{"policy string error", "{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"*\"},\n \"resourcePolicy\": {\"document\": \"{\\n  \\\"Statement\\\": {\\\"Effect\\\": \\\"Nope\\\"}}\"}}", "(line 2, column 27 of the policy text)", 2, 67},
		{"identity with principal", fmtMinimal(`, "identityPolicies": [{"document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}}}]`), "identityPolicies[0].document.Statement.Principal: an identity-based policy cannot have Principal", 1, 235},
		{"resource policy without principal", fmtMinimal(`, "resourcePolicy": {"document": {"Statement": {"Effect": "Allow", "Action": "*"}}}`), "no Principal or NotPrincipal", 1, 167},
		{"rcp principal", fmtMinimal(`, "resourceControlPolicies": [{"target": "r", "policies": [{"document": {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}}]}]`), "must have \"Principal\": \"*\"", 1, 206},
		{"managed unavailable", fmtMinimal(`, "identityPolicies": [{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]`), "not available", 1, 151},
		{"managed in resource slot", fmtMinimal(`, "resourcePolicy": {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}`), "only identity policies", 1, 148},
		{"document and arn", fmtMinimal(`, "identityPolicies": [{"document": {"Statement": []}, "arn": "x"}]`), "either", 1, 175},
		{"no document", fmtMinimal(`, "identityPolicies": [{"name": "x"}]`), `has no "document"`, 1, 143},
		{"deep nesting", `{"x": ` + strings.Repeat("[", 100) + `}`, "nesting deeper", 1, 70},
		{"bad value before bad syntax", `{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*", "resourceAccount": "12" x}}`, "unexpected 'x'", 1, 99},
		{"missing brace of a document", "{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"*\"},\n \"resourcePolicy\": {\"document\": \"Version\": \"2012-10-17\"}}", "unexpected ':'", 2, 42},
		{"bad utf8", "{\"request\": \"\xff\"}", "not valid UTF-8", 1, 14},
		{"bad utf8 in a long string", "{\"request\": \"abcdefghijklmnop\xffq\"}", "not valid UTF-8", 1, 30},
		{"bad utf8 after an escape", "{\"request\": \"\\\xff\"}", "not valid UTF-8", 1, 15},
		{"bad utf8 after the value", "{}\xff", "not valid UTF-8", 1, 3},
		{"bad utf8 after an error", "{\"a\" 1, \"\xff\"}", "not valid UTF-8", 1, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.src, Options{})
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("err = %v", err)
			}
			if !strings.Contains(e.Msg, tc.msg) || e.Line != tc.line || e.Col != tc.col || strings.HasPrefix(e.Msg, "[") {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", e.Line, e.Col, e.Msg, tc.line, tc.col, tc.msg)
			}
		})
	}
}

func fmtMinimal(extra string) string { return strings.Replace(minimal, "%s", extra, 1) }

func TestParseManaged(t *testing.T) {
	opt := Options{Managed: func(arn string) (string, bool) {
		if arn == "arn:aws:iam::aws:policy/X" {
			return `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}}`, true
		}
		return "", false
	}}
	s, err := Parse(fmtMinimal(`, "identityPolicies": [{"arn": "arn:aws:iam::aws:policy/X"}]`), opt)
	if err != nil {
		t.Fatal(err)
	}
	if s.Input.Identity[0].Name != "arn:aws:iam::aws:policy/X" {
		t.Errorf("name = %q", s.Input.Identity[0].Name)
	}
	if r, _ := s.Evaluate(); r.Decision != authz.Allowed {
		t.Errorf("decision %s", r.Decision)
	}
	if _, err := Parse(fmtMinimal(`, "identityPolicies": [{"arn": "arn:aws:iam::aws:policy/Y"}]`), opt); err == nil || !strings.Contains(err.Error(), "unknown AWS managed policy") {
		t.Errorf("unknown managed policy: %v", err)
	}
}

func TestLimits(t *testing.T) {
	big := `{"x": "` + strings.Repeat("a", MaxBytes) + `"}`
	if _, err := Parse(big, Options{}); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("size: %v", err)
	}
	var b strings.Builder
	for i := 0; i <= MaxContextKeys; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + `_` + itoa(i) + `": "v"`)
	}
	src := `{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*", "context": {` + b.String() + `}}}`
	if _, err := Parse(src, Options{}); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("context keys: %v", err)
	}
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		i /= 10
		if i == 0 {
			return s
		}
	}
}

func FuzzScenario(f *testing.F) {
	files, _ := filepath.Glob("../testdata/sample/*.json")
	for _, name := range files[:min(len(files), 10)] {
		b, _ := os.ReadFile(name)
		f.Add(string(b))
	}
	f.Add(`{"request": {"principal": "*", "action": "a:b", "resource": "*"}, "resourcePolicy": {"document": "{\"Statement\": []}"}}`)
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(src, Options{})
		checkJSON(t, src, err)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Line < 1 || e.Col < 1 {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		r, err := s.Evaluate()
		if err == nil && r.Decision != authz.Allowed && r.Decision != authz.ExplicitDeny && r.Decision != authz.ImplicitDeny {
			t.Fatalf("decision %q", r.Decision)
		}
	})
}

func TestRequestKey(t *testing.T) {
	for i, k := range requestKeys {
		if got := requestKey(k); got != i {
			t.Errorf("requestKey(%q) = %d, want %d", k, got, i)
		}
	}
}

// checkJSON checks Parse's verdict against encoding/json's: what Parse
// reads is JSON, and what is not JSON (UTF-8 aside, which Parse checks
// first) Parse refuses as such.
func checkJSON(t *testing.T, src string, err error) {
	t.Helper()
	valid := json.Valid([]byte(src))
	var se *Error
	switch {
	case err == nil && !valid:
		t.Fatalf("%.200q: read, but it is not JSON", src)
	case err == nil && !utf8.ValidString(src):
		t.Fatalf("%.200q: read, but it is not UTF-8", src)
	case err != nil && !valid && utf8.ValidString(src) && (!errors.As(err, &se) || se.Code != "json.syntax"):
		t.Fatalf("%.200q: not JSON, but the error is %v", src, err)
	}
}

// Every file of testdata reads as encoding/json reads it: JSON, or not.
func TestFilesAreJSON(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.json")
	more, _ := filepath.Glob("../testdata/*/*/*.json")
	files = append(files, more...)
	if len(files) < 100 {
		t.Fatalf("only %d files", len(files))
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse(string(b), Options{})
		checkJSON(t, string(b), err)
	}
}
