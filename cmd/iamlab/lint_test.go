package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// The source document's trust policy, with its colon: an error that says
// how to write the ARN, and the line format FILE:LINE:COL: severity code: message.
func TestLintTrustPolicy(t *testing.T) {
	src := `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:user:app-user"},
    "Action": "sts:AssumeRole"}]
}`
	code, out, errs := runCLI(t, src, "lint", "--type", "trust", "-")
	if code != exitFailed || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	want := `<stdin>:4:26: error principal.colon: `
	if !strings.HasPrefix(out, want) || !strings.Contains(out, `"arn:aws:iam::111122223333:user/app-user"`) {
		t.Errorf("output:\n%s", out)
	}
}

func TestLintCleanPolicyAndJSON(t *testing.T) {
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjct","Resource":"arn:aws:s3:::b/*"}]}`
	code, out, _ := runCLI(t, src, "lint", "--format", "json", "-")
	if code != exitOK {
		t.Fatalf("exit %d (an unknown action is a warning)\n%s", code, out)
	}
	var rep struct {
		Type     string
		Findings []struct{ Code, Severity, Message string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Type != "identity" || len(rep.Findings) != 1 || rep.Findings[0].Code != "action.unknown" || rep.Findings[0].Severity != "warning" ||
		!strings.Contains(rep.Findings[0].Message, `"s3:GetObject"`) {
		t.Errorf("%+v", rep)
	}
}

// A scenario is recognized by its "request"; findings of a policy written
// as a string name the policy and its own line and column.
func TestLintScenario(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
 "identityPolicies": [{"name": "P", "document": "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\", \"Principal\": \"*\"}}"}]}`
	code, out, _ := runCLI(t, src, "lint", "-")
	line := regexp.MustCompile(`^<stdin>:2:\d+: error statement\.principalNotAllowed: .*identityPolicies\[0\].*line 1, column \d+.*\n$`)
	if code != exitFailed || !line.MatchString(out) {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "lint", "../../testdata/sample/hand-sample-scp-deny.json")
	if code == exitInvalid {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestLintUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"lint"}, {"lint", "--type", "bucket", "-"}, {"lint", "--format", "xml", "-"}, {"lint", "no-such-file.json"}} {
		if code, _, errs := runCLI(t, "", args...); code != exitInvalid || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}
