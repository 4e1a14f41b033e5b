package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Logs as go test -fuzz prints them (Go 1.26).
const (
	passLog = `fuzz: elapsed: 0s, gathering baseline coverage: 0/13 completed
fuzz: elapsed: 0s, gathering baseline coverage: 13/13 completed, now fuzzing with 2 workers
fuzz: elapsed: 3s, execs: 15 (5/sec), new interesting: 0 (total: 13)
fuzz: elapsed: 6s, execs: 70662 (23549/sec), new interesting: 1 (total: 14)
fuzz: elapsed: 31s, execs: 249867 (0/sec), new interesting: 2 (total: 15)
PASS
ok  	github.com/iamlab/iamlab/scenario	31.066s
`
	// A run whose time went into minimizing one input.
	fewLog = `fuzz: elapsed: 0s, gathering baseline coverage: 13/13 completed, now fuzzing with 2 workers
fuzz: elapsed: 3s, execs: 18 (6/sec), new interesting: 0 (total: 13)
fuzz: elapsed: 30s, execs: 18 (0/sec), new interesting: 0 (total: 13)
PASS
ok  	github.com/iamlab/iamlab/scenario	30.2s
`
	raceLog = `fuzz: elapsed: 27s, execs: 812345 (30000/sec), new interesting: 4 (total: 40)
fuzz: elapsed: 30s, execs: 901234 (29630/sec), new interesting: 4 (total: 40)
--- FAIL: FuzzParse (30.00s)
    context deadline exceeded
FAIL
exit status 1
FAIL	github.com/iamlab/iamlab/policy	30.1s
`
	crashLog = `fuzz: elapsed: 3s, execs: 52000 (17333/sec), new interesting: 2 (total: 5)
fuzz: minimizing 41-byte failing input file
fuzz: elapsed: 4s, minimizing
--- FAIL: FuzzParse (4.02s)
    --- FAIL: FuzzParse (0.00s)
        testing.go:1591: panic: index out of range

    Failing input written to testdata/fuzz/FuzzParse/771e938e4458e983
    To re-run:
    go test -run=FuzzParse/771e938e4458e983
FAIL
exit status 1
FAIL	github.com/iamlab/iamlab/policy	4.1s
`
	buildLog = `# github.com/iamlab/iamlab/policy
policy/parse.go:10:2: undefined: x
FAIL	github.com/iamlab/iamlab/policy [build failed]
`
)

func TestJudge(t *testing.T) {
	exit1 := errors.New("exit status 1")
	for _, tc := range []struct {
		name   string
		log    string
		runErr error
		execs  int64
		err    string // "" when the run passes
		note   string
	}{
		{"a run that fuzzed", passLog, nil, 249867, "", ""},
		{"a run that minimized instead", fewLog, nil, 18, "executed 18 inputs, fewer than 10000", ""},
		{"Go's fuzztime race", raceLog, exit1, 901234, "", "go.dev/issue/75804"},
		{"the race, in a run that hardly fuzzed", strings.ReplaceAll(raceLog, "execs: 901234", "execs: 900"), exit1, 900, "executed 900 inputs", ""},
		{"a failing input", crashLog, exit1, 52000, "found a failing input", ""},
		{"a build failure", buildLog, exit1, 0, "go test: exit status 1", ""},
		{"nothing printed", "", nil, 0, "executed 0 inputs", ""},
	} {
		execs, note, err := judge([]byte(tc.log), tc.runErr, 10000)
		if execs != tc.execs || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) || !strings.Contains(note, tc.note) || tc.note == "" && note != "" {
			t.Errorf("%s: %d inputs, note %q, error %v; want %d, note %q, error %q", tc.name, execs, note, err, tc.execs, tc.note, tc.err)
		}
	}
}

// The real thing, on a module of its own with three targets: one passes,
// one hardly runs (its inputs are slow), one finds a failing input. Every
// target is fuzzed with -fuzzminimizetime, so that minimizing cannot eat
// the run.
func TestFuzzAll(t *testing.T) {
	if testing.Short() {
		t.Skip("fuzzes for seconds")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module fixture\n\ngo 1.26\n")
	write("fixture_test.go", `package fixture

import (
	"testing"
	"time"
)

func FuzzQuick(f *testing.F) {
	f.Add("a")
	f.Fuzz(func(t *testing.T, s string) {})
}

func FuzzSlow(f *testing.F) {
	f.Add("a")
	f.Fuzz(func(t *testing.T, s string) { time.Sleep(5 * time.Millisecond) })
}

func FuzzCrash(f *testing.F) {
	f.Add("a")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1 {
			t.Fatal("too long")
		}
	})
}
`)
	var out bytes.Buffer
	ok := fuzzAll(options{fuzztime: "1s", minimizetime: "1s", minExecs: 1000}, dir, []string{"./..."}, &out)
	summary := out.String()[strings.LastIndex(out.String(), "\ninputs"):]
	for _, want := range []string{
		`(?m)^[1-9]\d{3,} +fixture FuzzQuick +ok$`,
		`(?m)^\d{1,3} +fixture FuzzSlow +FAIL: executed \d+ inputs, fewer than 1000$`,
		`(?m)^\d+ +fixture FuzzCrash +FAIL: found a failing input$`,
	} {
		if !regexp.MustCompile(want).MatchString(summary) {
			t.Errorf("the summary does not match %s:\n%s", want, out.String())
		}
	}
	if ok {
		t.Errorf("fuzzAll passed")
	}
	// The failing input stays in testdata/fuzz, where go test writes it.
	if m, _ := filepath.Glob(filepath.Join(dir, "testdata", "fuzz", "FuzzCrash", "*")); len(m) == 0 {
		t.Errorf("no failing input in testdata/fuzz/FuzzCrash")
	}
}
