package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/explain"
	"github.com/iamlab/iamlab/scenario"
)

// --bench times benchWindows windows of benchWindow each, every one as
// many rounds of the whole set as fit in it, and reports the mean of the
// fastest window. The machine is shared: other load slows whole windows
// (the slowest of a run is often 1.5 to 2 times the fastest, measured),
// and nothing makes one faster than the engine is, so the fastest is the
// engine's own speed. The spread of the windows is printed too.
//
// The windows are short because that load comes and goes within tenths of
// a second: measured in the same busy minutes, the fastest of twenty
// windows of 0.1 s ranged 4.02 to 4.79 µs over runs, the fastest of 200 of
// 10 ms 3.62 to 3.67. A window of 10 ms still holds thousands of scenarios
// (some sixty rounds of the 40 samples), and the figure is steadier.
const (
	benchWindow  = 10 * time.Millisecond
	benchWindows = 200
)

type testCase struct {
	name string
	src  string
}

func cmdTest(args []string, stdout, stderr io.Writer) int {
	opts, paths, err := flags(args)
	if err == nil {
		err = checkOptions(opts, "bench")
	}
	if err == nil && len(paths) == 0 {
		err = fmt.Errorf("test takes one or more files or folders")
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab test: %v\n", err)
		return exitInvalid
	}
	// A name that is not there is a wrong command line: say so before
	// anything runs.
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintln(stderr, located(p, err))
			return exitInvalid
		}
	}
	_, doBench := opts["bench"]
	r := testRun{out: stdout, keep: doBench}
	empty := false
	for _, p := range paths {
		before := r.passed + r.failed
		r.operand(p)
		if r.passed+r.failed == before {
			fmt.Fprintf(stderr, "iamlab test: %s: no scenario file with \"expected\"\n", p)
			empty = true
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", r.passed, r.failed)
	if doBench && len(r.kept) > 0 {
		w := bench(r.kept)
		fmt.Fprintf(stdout, "windows: %d of %v, µs/scenario: fastest %.2f, median %.2f, slowest %.2f; mean of all %.2f\n",
			len(w.means), benchWindow, micros(w.means[0]), micros(w.means[len(w.means)/2]), micros(w.means[len(w.means)-1]), micros(w.all))
		fmt.Fprintf(stdout, "bench: %d scenarios, %.2f µs/scenario\n", len(r.kept), micros(w.means[0]))
	}
	if r.failed > 0 || empty {
		return exitFailed
	}
	return exitOK
}

// testRun runs scenario files one at a time as it finds them, so that
// memory holds one file, not the whole set (but the texts --bench keeps).
// The parser and the evaluator keep their memory from file to file, as
// --bench does: once warm they allocate almost nothing.
type testRun struct {
	out            io.Writer
	keep           bool       // keep the tests' texts for --bench
	kept           []testCase // the tests, when keep
	passed, failed int
	parser         scenario.Parser
	evaluator      authz.Evaluator
}

// operand runs a file, or every *.json file below a folder (or a link to
// one), in the order of their names. Links found inside the folder are
// followed to files, not to folders: a link back up would never end.
func (r *testRun) operand(p string) {
	if info, err := os.Stat(p); err != nil || !info.IsDir() {
		r.file(p)
		return
	}
	fs.WalkDir(os.DirFS(p), ".", func(rel string, d fs.DirEntry, err error) error {
		name := filepath.Join(p, filepath.FromSlash(rel))
		switch {
		case err != nil: // a folder that cannot be read: listed, and the walk goes on
			r.fail(name, located(name, err))
		case !d.IsDir() && strings.HasSuffix(rel, ".json"):
			r.file(name)
		}
		return nil
	})
}

// file reads and runs one scenario file.
func (r *testRun) file(name string) {
	src, err := readRegular(name)
	if err != nil {
		r.fail(name, located(name, err))
		return
	}
	ok, isTest := r.run(testCase{name, src})
	switch {
	case !isTest:
		return
	case ok:
		r.passed++
	default:
		r.failed++
	}
	if r.keep {
		r.kept = append(r.kept, testCase{name, src})
	}
}

func (r *testRun) fail(name string, err error) {
	fmt.Fprintf(r.out, "FAIL %s\n  %v\n", name, err)
	r.failed++
}

var errNotRegular = errors.New("not a regular file")

// readRegular reads a regular file, or the file a link leads to, and
// nothing else: opening a named pipe would wait for a writer for ever.
func readRegular(name string) (string, error) {
	info, err := os.Stat(name)
	switch {
	case err != nil:
		return "", err
	case info.IsDir():
		return "", errFolder
	case !info.Mode().IsRegular():
		return "", errNotRegular
	case info.Size() > scenario.MaxBytes:
		return "", errTooLarge
	}
	return readInput(name, nil)
}

// run checks one file: its decision against "expected", and what decided
// it against "expectedBy" when it has one; isTest is false for a scenario
// without "expected".
func (r *testRun) run(c testCase) (ok, isTest bool) {
	s, err := r.parser.Parse(c.src, scenarioOptions())
	var res *authz.Result
	if err == nil {
		res, err = r.evaluator.Evaluate(&s.Input)
	}
	if err != nil {
		fmt.Fprintf(r.out, "FAIL %s\n  %v\n", c.name, located(c.name, err))
		return false, true
	}
	if s.Expected == "" {
		return false, false
	}
	diff := s.CheckDecidedBy(res)
	if res.Decision == s.Expected && diff == "" {
		return true, true
	}
	if res.Decision != s.Expected {
		fmt.Fprintf(r.out, "FAIL %s: expected %s, got %s\n", c.name, s.Expected, res.Decision)
	} else {
		fmt.Fprintf(r.out, "FAIL %s: %s\n", c.name, diff)
	}
	if s.Why != "" {
		fmt.Fprintf(r.out, "  the file says: %s\n", s.Why)
	}
	var b strings.Builder
	explain.Text(&b, res)
	fmt.Fprintf(r.out, "  %s\n", strings.ReplaceAll(strings.TrimRight(b.String(), "\n"), "\n", "\n  "))
	return false, true
}

// benchTimes are the mean times per scenario of each window, fastest
// first, and over all of them.
type benchTimes struct {
	means []time.Duration
	all   time.Duration
}

// bench times parsing and deciding every scenario from its text, window by
// window (see benchWindow). Every round parses and decides every scenario
// again; only memory is reused.
func bench(tests []testCase) benchTimes {
	opt := scenarioOptions()
	var p scenario.Parser
	var ev authz.Evaluator
	run := func() {
		for _, c := range tests {
			s, err := p.Parse(c.src, opt)
			if err != nil {
				continue
			}
			if _, err := ev.Evaluate(&s.Input); err != nil {
				continue
			}
		}
	}
	run() // warm up
	var w benchTimes
	var total time.Duration
	runs := 0
	for range benchWindows {
		start, rounds := time.Now(), 0
		for time.Since(start) < benchWindow {
			run()
			rounds++
		}
		took := time.Since(start)
		w.means = append(w.means, took/time.Duration(rounds*len(tests)))
		total += took
		runs += rounds * len(tests)
	}
	slices.Sort(w.means)
	w.all = total / time.Duration(runs)
	return w
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
