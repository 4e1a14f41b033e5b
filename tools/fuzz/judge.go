package main

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// execsLine is go test -fuzz's progress line, "fuzz: elapsed: 3s, execs:
// 70662 (23549/sec), new interesting: 1 (total: 14)"; the count is of all
// inputs executed so far.
var execsLine = regexp.MustCompile(`(?m)^fuzz: elapsed: \S+, execs: (\d+) `)

// judge reads what one go test -fuzz run printed and how it ended: the
// inputs it executed, a note on how it ended when that is worth telling,
// and an error when the target found a failing input, did not run, or
// executed fewer than minExecs inputs.
//
// Go 1.26's fuzz coordinator can end a clean run with "context deadline
// exceeded" as -fuzztime runs out (go.dev/issue/75804, fixed in Go 1.27):
// a run that ends so without writing a failing input is not a failure.
func judge(log []byte, runErr error, minExecs int64) (execs int64, note string, err error) {
	if m := execsLine.FindAllSubmatch(log, -1); m != nil {
		execs, _ = strconv.ParseInt(string(m[len(m)-1][1]), 10, 64)
	}
	switch {
	case bytes.Contains(log, []byte("Failing input written")):
		return execs, "", errors.New("found a failing input")
	case runErr != nil && !bytes.Contains(log, []byte("context deadline exceeded")):
		return execs, "", fmt.Errorf("go test: %v", runErr)
	case execs < minExecs:
		// A target that hardly ran says nothing: before -fuzzminimizetime
		// was set, minimizing one input could take Go's default 60 s, more
		// than the whole run, and a run of 18 inputs passed.
		return execs, "", fmt.Errorf("executed %d inputs, fewer than %d", execs, minExecs)
	case runErr != nil:
		return execs, " (ended by Go's fuzztime race, go.dev/issue/75804: no failing input)", nil
	}
	return execs, "", nil
}
