package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
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
	if !strings.HasPrefix(out, want) || !strings.Contains(out, `"arn:aws:iam::111122223333:user/app-user"`) ||
		!strings.HasSuffix(out, "\n1 files, 1 errors, 0 warnings\n") {
		t.Errorf("output:\n%s", out)
	}
}

// An action that does not exist is an error, as Access Analyzer's
// INVALID_ACTION; the JSON report of one file is one object.
func TestLintUnknownActionAndJSON(t *testing.T) {
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjct","Resource":"arn:aws:s3:::b/*"}]}`
	code, out, _ := runCLI(t, src, "lint", "--format", "json", "-")
	if code != exitFailed {
		t.Fatalf("exit %d (an unknown action is an error)\n%s", code, out)
	}
	var rep struct {
		Type     string
		Findings []struct{ Code, Severity, Message string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Type != "identity" || len(rep.Findings) != 1 || rep.Findings[0].Code != "action.unknown" || rep.Findings[0].Severity != "error" ||
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
	line := regexp.MustCompile(`^<stdin>:2:\d+: error statement\.principalNotAllowed: .*identityPolicies\[0\].*line 1, column \d+.*\n1 files, 1 errors, 0 warnings\n$`)
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

// lint takes files and folders, walks folders for .json files, reports each
// finding with its file, and ends with one summary line; a file it cannot
// read gives exit 2 after the others are checked.
func TestLintManyFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`)
	write("sub/b.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjct","Resource":"arn:aws:s3:::b/*"}]}`)
	write("sub/c.json", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`)
	write("notes.txt", "not a policy")
	code, out, errs := runCLI(t, "", "lint", dir, "../../testdata/sample/hand-sample-scp-deny.json")
	if code != exitFailed || errs != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	last := lines[len(lines)-1]
	if last != "4 files, 1 errors, 1 warnings" {
		t.Errorf("summary %q\n%s", last, out)
	}
	if !strings.Contains(out, filepath.Join(dir, "sub", "b.json")+":1:") || !strings.Contains(out, "error action.unknown") ||
		!strings.Contains(out, filepath.Join(dir, "sub", "c.json")+":1:1: warning version.missing") {
		t.Errorf("output:\n%s", out)
	}
	code, out, errs = runCLI(t, "", "lint", "--format", "json", dir, "no-such-file.json")
	var rep struct {
		Files   []struct{ File string }
		Summary struct{ Files, Errors, Warnings int }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if code != exitInvalid || !strings.Contains(errs, "no-such-file.json") || len(rep.Files) != 3 || rep.Summary.Files != 3 || rep.Summary.Errors != 1 {
		t.Errorf("exit %d, stderr %q, report %+v", code, errs, rep)
	}
}

// writeManaged writes every AWS managed policy of the catalog to dir as a
// file of its own, as a user would keep them.
func writeManaged(t testing.TB, dir string) int {
	cat := embedded.Catalog()
	infos, err := cat.ManagedPolicies()
	if err != nil {
		t.Fatal(err)
	}
	for _, info := range infos {
		mp, err := cat.ManagedPolicy(info.ARN)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, info.Name+".json"), mp.Document, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return len(infos)
}

// AWS's own managed policies, linted as files, give no error.
func TestLintManagedPoliciesAsFiles(t *testing.T) {
	dir := t.TempDir()
	n := writeManaged(t, dir)
	code, out, errs := runCLI(t, "", "lint", dir)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	summary := regexp.MustCompile(`^(\d+) files, 0 errors, \d+ warnings$`).FindStringSubmatch(lines[len(lines)-1])
	if code != exitOK || errs != "" || summary == nil || summary[1] != strconv.Itoa(n) {
		t.Errorf("exit %d, stderr %q, summary %q", code, errs, lines[len(lines)-1])
	}
}

// BenchmarkLintManagedFiles lints every AWS managed policy as a file, as
// iamlab lint DIR does (the catalog warm after the first round).
func BenchmarkLintManagedFiles(b *testing.B) {
	dir := b.TempDir()
	writeManaged(b, dir)
	for b.Loop() {
		if code := run([]string{"lint", dir}, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
