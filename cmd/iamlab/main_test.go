package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/scenario"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestEvalJSON(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "../../testdata/sample/hand-sample-scp-deny.json")
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var rep struct {
		Decision string
		Reason   struct{ Code, Message string }
		Policies []struct {
			Type       string
			Statements []struct {
				Line, Column int
				Matched      bool
				Reason       struct{ Code string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Decision != "explicitDeny" || rep.Reason.Code != "decision.explicitDeny" || rep.Reason.Message == "" {
		t.Errorf("report = %+v", rep)
	}
	last := rep.Policies[len(rep.Policies)-1]
	if last.Type != "scp" || !last.Statements[0].Matched || last.Statements[0].Line != 73 {
		t.Errorf("deny statement = %+v", last)
	}
}

func TestEvalText(t *testing.T) {
	src, _ := os.ReadFile("../../testdata/sample/hand-sample-boundary-cap.json")
	code, out, _ := runCLI(t, string(src), "eval", "--format", "text", "-")
	if code != exitOK || !strings.HasPrefix(out, "decision: implicitDeny\n") || !strings.Contains(out, "permissions boundary does not allow") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// Bad input: exit 2 and one line FILE:LINE:COL: message.
func TestEvalErrors(t *testing.T) {
	line := regexp.MustCompile(`^[^:]+:\d+:\d+: .+\n$`)
	for _, tc := range []struct{ stdin, want string }{
		{`{"request": {`, "<stdin>:1:14: unexpected end of input"},
		{`not json`, "<stdin>:1:1: unexpected"},
		{`{"request": {"principal": "arn:aws:iam::111122223333:user:bob", "action": "s3:GetObject", "resource": "*"}}`, "write arn:aws:iam::111122223333:user/bob"},
		{"{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"*\"},\n\"identityPolicies\": [{\"document\": {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3GetObject\", \"Resource\": \"*\"}}}]}", "<stdin>:2:79: identityPolicies[0].document: action \"s3GetObject\" has no service prefix"},
		{`{"x": ` + strings.Repeat(`[`, 200), "nesting deeper"},
	} {
		code, out, errs := runCLI(t, tc.stdin, "eval", "-")
		if code != exitInvalid || out != "" || !line.MatchString(errs) || !strings.Contains(errs, tc.want) {
			t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, out, errs, tc.want)
		}
	}
	code, _, errs := runCLI(t, "", "eval", "no-such-file.json")
	if code != exitInvalid || !strings.Contains(errs, "no-such-file.json") {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"eval"}, {"eval", "--format", "xml", "f"}, {"test"}, {"eval", "--bogus", "f"}} {
		if code, _, errs := runCLI(t, "", args...); code != exitInvalid || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestTestCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, expected string) {
		src := `{"expected": "` + expected + `", "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
 "identityPolicies": [{"arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}]}`
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", "allowed")
	write("b.json", "explicitDeny")
	os.WriteFile(filepath.Join(dir, "c.json"), []byte(`{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*"}}`), 0o644) // not a test
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644)
	code, out, _ := runCLI(t, "", "test", dir)
	if code != exitFailed || !strings.HasSuffix(out, "1 passed, 1 failed\n") || !strings.Contains(out, "FAIL "+filepath.Join(dir, "b.json")+": expected explicitDeny, got allowed") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "test", filepath.Join(dir, "a.json"))
	if code != exitOK || out != "1 passed, 0 failed\n" {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestTestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("bench runs for seconds")
	}
	code, out, _ := runCLI(t, "", "test", "--bench", "../../testdata/sample")
	m := regexp.MustCompile(`(?m)^40 passed, 0 failed\nwindows: 200 of 10ms, µs/scenario: fastest ([0-9.]+), median ([0-9.]+), slowest ([0-9.]+); mean of all ([0-9.]+)\nbench: 40 scenarios, ([0-9.]+) µs/scenario\n$`).FindStringSubmatch(out)
	if code != exitOK || m == nil {
		t.Fatalf("exit %d, output %q", code, out)
	}
	var v [5]float64
	for i := range v {
		v[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	fastest, median, slowest, mean, figure := v[0], v[1], v[2], v[3], v[4]
	if !(0 < fastest && fastest <= median && median <= slowest && fastest <= mean && mean <= slowest) || figure != fastest {
		t.Errorf("windows out of order, or the figure is not the fastest: %q", out)
	}
}

func TestExpand(t *testing.T) {
	code, out, _ := runCLI(t, "", "expand", "s3:PutObj*")
	if code != exitOK || !strings.Contains(out, "s3:PutObject ") || !strings.Contains(out, "Write") || strings.Contains(out, "s3:GetObject") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, _, errs := runCLI(t, "", "expand", "nosuch:Thing")
	if code != exitFailed || !strings.Contains(errs, "matches no action") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// Errors that have no position in the text (its size, reading it) point at
// its start, so that every error reads FILE:LINE:COL: message.
func TestErrorsWithoutPosition(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, bytes.Repeat([]byte(" "), scenario.MaxBytes+1), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	limit := fmt.Sprintf("larger than %d KiB", scenario.MaxBytes>>10)
	for _, tc := range []struct {
		args   []string
		stdin  string
		stderr string
	}{
		{[]string{"eval", big}, "", big + ":1:1: " + limit + "\n"},
		{[]string{"eval", "-"}, strings.Repeat(" ", scenario.MaxBytes+1), "<stdin>:1:1: " + limit + "\n"},
		{[]string{"eval", missing}, "", missing + ":1:1: no such file or directory\n"},
		{[]string{"eval", dir}, "", dir + ":1:1: is a folder, not a file\n"},
		{[]string{"test", missing}, "", missing + ":1:1: no such file or directory\n"},
	} {
		code, out, errs := runCLI(t, tc.stdin, tc.args...)
		if code != exitInvalid || out != "" || errs != tc.stderr {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", tc.args, code, out, errs, tc.stderr)
		}
	}
	// In a run of tests, such a file is a failure listed with its error.
	code, out, _ := runCLI(t, "", "test", dir)
	if want := "FAIL " + big + "\n  " + big + ":1:1: " + limit + "\n"; code != exitFailed || !strings.HasPrefix(out, want) {
		t.Errorf("test %s: exit %d, output:\n%s\nwant it to start with:\n%s", dir, code, out, want)
	}
}
