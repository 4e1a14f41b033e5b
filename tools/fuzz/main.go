// Command fuzz runs every fuzz target of the module (`make fuzz`), each for
// a while, and fails when one finds a failing input or hardly ran:
//
//	go run ./tools/fuzz [-fuzztime 30s] [-minimizetime 3s] [-minexecs 10000] [PACKAGE...]
//
// Each target runs alone (go test -fuzz takes one target at a time);
// failing inputs stay in the package's testdata/fuzz. A summary lists the
// inputs each target executed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.fuzztime, "fuzztime", "30s", "how long to fuzz each target (go test -fuzztime)")
	flag.StringVar(&o.minimizetime, "minimizetime", "3s", "how long to minimize one input (go test -fuzzminimizetime)")
	flag.Int64Var(&o.minExecs, "minexecs", 10000, "the fewest inputs a target must execute")
	flag.Parse()
	pkgs := flag.Args()
	if len(pkgs) == 0 {
		pkgs = []string{"./..."}
	}
	if !fuzzAll(o, ".", pkgs, os.Stdout) {
		os.Exit(1)
	}
}

type options struct {
	fuzztime, minimizetime string
	minExecs               int64
}

// target is one fuzz target of one package.
type target struct{ pkg, name string }

// fuzzAll fuzzes every target of the packages, in dir, and reports whether
// all of them passed.
func fuzzAll(o options, dir string, pkgs []string, out io.Writer) bool {
	targets, err := list(dir, pkgs)
	if err != nil {
		fmt.Fprintln(out, "fuzz:", err)
		return false
	}
	type row struct {
		t     target
		execs int64
		err   error
	}
	var rows []row
	for _, t := range targets {
		fmt.Fprintf(out, "== %s %s\n", t.pkg, t.name)
		start := time.Now()
		log, runErr := goTest(dir, t, o)
		execs, note, err := judge(log, runErr, o.minExecs)
		if err != nil {
			out.Write(log)
		}
		fmt.Fprintf(out, "   %d inputs in %v%s\n", execs, time.Since(start).Round(time.Second), note)
		rows = append(rows, row{t, execs, err})
	}
	fmt.Fprintf(out, "\n%-12s %s\n", "inputs", "target")
	ok := true
	for _, r := range rows {
		verdict := "ok"
		if r.err != nil {
			verdict, ok = "FAIL: "+r.err.Error(), false
		}
		fmt.Fprintf(out, "%-12d %-44s %s\n", r.execs, strings.TrimPrefix(r.t.pkg, modulePrefix(targets))+" "+r.t.name, verdict)
	}
	return ok
}

// list names the fuzz targets of the packages, package by package.
func list(dir string, pkgs []string) ([]target, error) {
	names, err := output(dir, append([]string{"list"}, pkgs...)...)
	if err != nil {
		return nil, err
	}
	var targets []target
	for _, pkg := range strings.Fields(names) {
		funcs, err := output(dir, "test", pkg, "-list", "^Fuzz")
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(funcs, "\n") {
			if strings.HasPrefix(line, "Fuzz") {
				targets = append(targets, target{pkg, strings.TrimSpace(line)})
			}
		}
	}
	return targets, nil
}

// output runs the go command in dir and returns what it printed.
func output(dir string, args ...string) (string, error) {
	cmd := exec.Command(goCommand(), args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out), nil
}

// goTest fuzzes one target and returns all it printed.
func goTest(dir string, t target, o options) ([]byte, error) {
	cmd := exec.Command(goCommand(), "test", t.pkg, "-run", "^$", "-fuzz", "^"+t.name+"$",
		"-fuzztime", o.fuzztime, "-fuzzminimizetime", o.minimizetime)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

// goCommand is the go command that runs this one (make's $(GO)), else go.
func goCommand() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

// modulePrefix is the import path the targets' packages share, up to its
// last slash, so that the summary can name them shortly.
func modulePrefix(targets []target) string {
	if len(targets) == 0 {
		return ""
	}
	prefix := targets[0].pkg
	for _, t := range targets[1:] {
		for !strings.HasPrefix(t.pkg, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	return prefix[:strings.LastIndex(prefix, "/")+1]
}
