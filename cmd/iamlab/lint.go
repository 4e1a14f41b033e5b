package main

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
)

// lintReport is what lint says about one file.
type lintReport struct {
	File     string         `json:"file"`
	Scenario bool           `json:"scenario"`
	Type     string         `json:"type,omitempty"`
	Findings []lint.Finding `json:"findings"`
}

// lintSummary counts the files and findings of a run; security warnings
// count as warnings.
type lintSummary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

func (s lintSummary) String() string {
	return fmt.Sprintf("%d files, %d errors, %d warnings", s.Files, s.Errors, s.Warnings)
}

// cmdLint checks scenarios and bare policies, files and folders, and
// prints each finding as FILE:LINE:COL: severity code: message, then one
// summary line.
func cmdLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, paths, err := flags(args, "type", "format")
	if err == nil {
		err = checkOptions(opts, "type", "format")
	}
	if err == nil && len(paths) == 0 {
		err = fmt.Errorf("lint takes one or more files or folders of scenarios or policies (or - for standard input)")
	}
	format := opts["format"]
	if err == nil && format != "" && format != "json" && format != "text" {
		err = fmt.Errorf("--format must be json or text")
	}
	typ := policy.Identity
	if t, ok := opts["type"]; ok && err == nil {
		var known bool
		if typ, known = policy.ParseType(t); !known {
			err = fmt.Errorf("--type must be identity, resource, trust, boundary, session, scp or rcp")
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab lint: %v\n", err)
		return exitInvalid
	}
	// The catalog, loaded once, stays live for the whole run and most of
	// what a file's checks allocate dies with it: collecting less often
	// costs some memory and saves much of the collector's work.
	debug.SetGCPercent(400)
	files, bad := lintFiles(paths, stderr)
	results := lintAll(files, stdin, typ, embedded.Catalog())
	var reports []lintReport
	var sum lintSummary
	for i, name := range files {
		r, err := results[i].report, results[i].err
		if err != nil {
			fmt.Fprintln(stderr, located(name, err))
			bad = true
			continue
		}
		sum.Files++
		for _, f := range r.Findings {
			switch f.Severity {
			case lint.Error:
				sum.Errors++
			case lint.Warning, lint.SecurityWarning:
				sum.Warnings++
			}
		}
		if format != "json" {
			for _, f := range r.Findings {
				fmt.Fprintf(stdout, "%s:%d:%d: %s %s: %s%s\n", r.File, f.Line, f.Col, f.Severity, f.Code, where(f), f.Msg)
			}
		}
		reports = append(reports, r)
	}
	if format == "json" {
		if err := writeLintJSON(stdout, paths, reports, sum); err != nil {
			fmt.Fprintf(stderr, "iamlab lint: %v\n", err)
			return exitInvalid
		}
	} else {
		fmt.Fprintln(stdout, sum)
	}
	switch {
	case bad:
		return exitInvalid
	case sum.Errors > 0:
		return exitFailed
	}
	return exitOK
}

type lintResult struct {
	report lintReport
	err    error
}

// lintAll reads and checks the files, as many at a time as there are
// processors (the checks share only the catalog, which is safe for
// concurrent use); the results are in the order of the files.
func lintAll(files []string, stdin io.Reader, t policy.Type, cat *catalog.Catalog) []lintResult {
	results := make([]lintResult, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(files))) {
		wg.Go(func() {
			for i := range next {
				src, err := readLintInput(files[i], stdin)
				if err != nil {
					results[i].err = err
					continue
				}
				results[i].report = lintFile(displayName(files[i]), src, t, cat)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// readLintInput reads standard input for "-", else a regular file (a
// named pipe would wait for a writer for ever).
func readLintInput(name string, stdin io.Reader) (string, error) {
	if name == "-" {
		return readInput(name, stdin)
	}
	return readRegular(name)
}

// lintFile checks one file's text: a scenario, or a bare policy of type t.
func lintFile(name, src string, t policy.Type, cat *catalog.Catalog) lintReport {
	r := lintReport{File: name, Scenario: looksLikeScenario(src)}
	if r.Scenario {
		r.Findings = lint.ScenarioText(src, scenarioOptions(), cat)
	} else {
		r.Type = t.String()
		r.Findings = lint.Text(src, t, cat)
	}
	if r.Findings == nil {
		r.Findings = []lint.Finding{}
	}
	return r
}

// writeLintJSON writes one file's report as an object, as for a single
// operand that is a file; otherwise every report and the summary.
func writeLintJSON(w io.Writer, paths []string, reports []lintReport, sum lintSummary) error {
	var v any = struct {
		Files   []lintReport `json:"files"`
		Summary lintSummary  `json:"summary"`
	}{reports, sum}
	if len(paths) == 1 && len(reports) == 1 && !isDir(paths[0]) {
		v = reports[0]
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

// lintFiles lists the files to check: each operand that is a file (or -
// for standard input), and every .json file below each folder or link to
// one, in name order, as iamlab test walks them. A folder that cannot be
// read is reported, and bad is set.
func lintFiles(paths []string, stderr io.Writer) (files []string, bad bool) {
	for _, p := range paths {
		if p == "-" || !isDir(p) {
			files = append(files, p)
			continue
		}
		fs.WalkDir(os.DirFS(p), ".", func(rel string, d fs.DirEntry, err error) error {
			name := filepath.Join(p, filepath.FromSlash(rel))
			switch {
			case err != nil:
				fmt.Fprintln(stderr, located(name, err))
				bad = true
			case !d.IsDir() && strings.HasSuffix(rel, ".json"):
				files = append(files, name)
			}
			return nil
		})
	}
	return files, bad
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// where names the policy of a scenario finding, with the position in the
// policy's own text when that differs from the file's.
func where(f lint.Finding) string {
	if f.Policy == "" {
		return ""
	}
	s := "in " + f.Policy
	if f.PolicyLine > 0 {
		s += " (policy text line " + strconv.Itoa(f.PolicyLine) + ", column " + strconv.Itoa(f.PolicyCol) + ")"
	}
	return s + ": "
}

// looksLikeScenario reports whether the text is a JSON object with a
// top-level "request" key, which a policy never has.
func looksLikeScenario(src string) bool {
	d := jsonpos.NewDecoder(src)
	if k, _ := d.Peek(); k != jsonpos.Object {
		return false
	}
	found := false
	_ = d.Object(func(key string, _ int32) error {
		if key == "request" {
			found = true
			return errStop
		}
		return d.Skip()
	})
	return found || strings.Contains(src, `"request"`) && !strings.Contains(src, `"Statement"`)
}

var errStop = fmt.Errorf("stop")
