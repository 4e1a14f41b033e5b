package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/scenario"
)

var (
	errTooLarge = fmt.Errorf("larger than %d KiB", scenario.MaxBytes>>10)
	errFolder   = errors.New("is a folder, not a file")
)

// readInput reads a file, or standard input for "-", refusing anything
// larger than a scenario may be.
func readInput(name string, stdin io.Reader) (string, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.IsDir() {
			return "", errFolder
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, scenario.MaxBytes+1))
	if err != nil {
		return "", err
	}
	if len(b) > scenario.MaxBytes {
		return "", errTooLarge
	}
	return string(b), nil
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// loadScenario parses and evaluates a scenario; the error is already in
// the one-line FILE:LINE:COL: form.
func loadScenario(name, src string) (*scenario.Scenario, *authz.Result, error) {
	s, err := scenario.Parse(src, scenarioOptions())
	if err != nil {
		return nil, nil, located(name, err)
	}
	res, err := s.Evaluate()
	if err != nil {
		return s, nil, located(name, err)
	}
	return s, res, nil
}

// located prefixes an error with FILE:LINE:COL. An error that has no
// position in the text (its size, reading the file) points at its start,
// so that editors and CI read every error the same way.
func located(name string, err error) error {
	var se *scenario.Error
	if errors.As(err, &se) {
		return fmt.Errorf("%s:%d:%d: %s", displayName(name), se.Line, se.Col, se.Msg)
	}
	var ce *authz.CallerError
	if errors.As(err, &ce) {
		return fmt.Errorf("%s:1:1: request.principal: %s", displayName(name), ce.Msg)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the file is named already
	}
	return fmt.Errorf("%s:1:1: %v", displayName(name), err)
}
