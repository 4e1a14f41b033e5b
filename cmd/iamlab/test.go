package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/explain"
	"github.com/iamlab/iamlab/scenario"
)

// benchMinTime is how long --bench repeats the whole set of scenarios, so
// that the mean is stable.
const benchMinTime = 2 * time.Second

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
	cases, err := collect(paths)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab test: %v\n", err)
		return exitInvalid
	}
	passed, failed := 0, 0
	var tests []testCase
	for _, c := range cases {
		ok, isTest := runCase(c, stdout)
		if !isTest {
			continue
		}
		tests = append(tests, c)
		if ok {
			passed++
		} else {
			failed++
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	if _, ok := opts["bench"]; ok && len(tests) > 0 {
		per := bench(tests)
		fmt.Fprintf(stdout, "bench: %d scenarios, %.2f µs/scenario\n", len(tests), float64(per.Nanoseconds())/1e3)
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// runCase checks one file; isTest is false for a scenario without "expected".
func runCase(c testCase, w io.Writer) (ok, isTest bool) {
	s, res, err := loadScenario(c.name, c.src)
	if err != nil {
		fmt.Fprintf(w, "FAIL %s\n  %v\n", c.name, err)
		return false, true
	}
	if s.Expected == "" {
		return false, false
	}
	if res.Decision == s.Expected {
		return true, true
	}
	fmt.Fprintf(w, "FAIL %s: expected %s, got %s\n", c.name, s.Expected, res.Decision)
	if s.Why != "" {
		fmt.Fprintf(w, "  the file says: %s\n", s.Why)
	}
	var b strings.Builder
	explain.Text(&b, res)
	fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(strings.TrimRight(b.String(), "\n"), "\n", "\n  "))
	return false, true
}

// collect reads every .json file named or found below the named folders.
func collect(paths []string) ([]testCase, error) {
	var names []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			names = append(names, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
				names = append(names, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(names)
	cases := make([]testCase, 0, len(names))
	for _, n := range names {
		src, err := readInput(n, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", n, err)
		}
		cases = append(cases, testCase{name: n, src: src})
	}
	return cases, nil
}

// bench returns the mean time to parse and evaluate one scenario from its
// text, over as many rounds of the whole set as fit in benchMinTime. Every
// round parses and decides every scenario again; only memory is reused.
func bench(tests []testCase) time.Duration {
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
	rounds := 0
	start := time.Now()
	for time.Since(start) < benchMinTime {
		run()
		rounds++
	}
	return time.Since(start) / time.Duration(rounds*len(tests))
}
