package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// scenarioText is a test scenario that S3 read-only access decides
// "allowed"; expected is what the file says it should be.
func scenarioText(expected string) string {
	return `{"expected": "` + expected + `", "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
 "identityPolicies": [{"arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}]}`
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// What a folder holds decides what runs: regular files named *.json, and
// links to them; anything else named *.json is a failure of its own, and
// the run goes on.
func TestTestFolders(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tests", "a.json"), scenarioText("allowed"))
	writeFile(t, filepath.Join(dir, "tests", "sub", "b.json"), scenarioText("allowed"))
	writeFile(t, filepath.Join(dir, "tests", "notes.txt"), "not a scenario")
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	writeFile(t, filepath.Join(dir, "untested", "c.json"), `{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*"}}`)
	symlink(t, "tests", filepath.Join(dir, "linked"))
	writeFile(t, filepath.Join(dir, "odd", "d.json"), scenarioText("allowed"))
	symlink(t, "d.json", filepath.Join(dir, "odd", "e.json"))                     // a link to a file runs
	symlink(t, filepath.Join("..", "tests"), filepath.Join(dir, "odd", "f.json")) // a link to a folder is not walked
	symlink(t, "nowhere.json", filepath.Join(dir, "odd", "g.json"))
	in := func(name string) string { return filepath.Join(dir, name) }

	for _, tc := range []struct {
		name     string
		operands []string
		code     int
		out      string // a regular expression the whole of standard output matches
		errs     string // standard error contains this
	}{
		{"folders", []string{in("tests")}, exitOK, `^2 passed, 0 failed\n$`, ""},
		{"a linked folder", []string{in("linked")}, exitOK, `^2 passed, 0 failed\n$`, ""},
		{"an empty folder", []string{in("empty")}, exitFailed, `^0 passed, 0 failed\n$`, in("empty") + `: no scenario file with "expected"`},
		{"a folder without tests", []string{in("untested")}, exitFailed, `^0 passed, 0 failed\n$`, in("untested") + `: no scenario file with "expected"`},
		{"one empty operand of two", []string{in("tests"), in("empty")}, exitFailed, `^2 passed, 0 failed\n$`, in("empty") + `: no scenario file with "expected"`},
		{"links in a folder", []string{in("odd")}, exitFailed,
			`^FAIL ` + regexp.QuoteMeta(in("odd/f.json")) + `\n  ` + regexp.QuoteMeta(in("odd/f.json")) + `:1:1: is a folder, not a file\n` +
				`FAIL ` + regexp.QuoteMeta(in("odd/g.json")) + `\n  ` + regexp.QuoteMeta(in("odd/g.json")) + `:1:1: no such file or directory\n` +
				`2 passed, 2 failed\n$`, ""},
		{"a missing operand", []string{in("tests"), in("missing")}, exitInvalid, `^$`, in("missing") + ":1:1: no such file or directory"},
	} {
		code, out, errs := runCLI(t, "", append([]string{"test"}, tc.operands...)...)
		if code != tc.code || !regexp.MustCompile(tc.out).MatchString(out) || !strings.Contains(errs, tc.errs) || tc.errs == "" && errs != "" {
			t.Errorf("%s: exit %d, want %d; stdout:\n%s\nstderr:\n%s", tc.name, code, tc.code, out, errs)
		}
	}
}

// onWrite is a Writer that calls hook with each text written to it.
type onWrite struct {
	bytes.Buffer
	hook func(string)
}

func (w *onWrite) Write(p []byte) (int, error) {
	w.hook(string(p))
	return w.Buffer.Write(p)
}

// Files are read and run one after another, in order, so that memory
// holds one at a time: a file changed after the one before it has been
// reported runs as it is then.
func TestTestStreams(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "1.json"), filepath.Join(dir, "2.json")
	writeFile(t, first, scenarioText("explicitDeny"))
	writeFile(t, second, scenarioText("explicitDeny"))
	out := &onWrite{hook: func(s string) {
		if strings.HasPrefix(s, "FAIL "+first) {
			writeFile(t, second, scenarioText("allowed"))
		}
	}}
	var errs bytes.Buffer
	code := run([]string{"test", dir}, strings.NewReader(""), out, &errs)
	if code != exitFailed || !strings.HasPrefix(out.String(), "FAIL "+first+":") || !strings.HasSuffix(out.String(), "\n1 passed, 1 failed\n") {
		t.Errorf("exit %d; the second file was read before the first ran:\n%s%s", code, out.String(), errs.String())
	}
}
