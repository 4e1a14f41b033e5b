// Command iamlab evaluates, tests and lints AWS IAM scenarios and policies.
//
//	iamlab eval [--format json|text] FILE|-
//	iamlab test [--bench] PATH...
//	iamlab expand [--format json|text] PATTERN...
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `usage:
  iamlab eval [--format json|text] FILE|-   decide a scenario and explain why
  iamlab test [--bench] PATH...             run scenario files that have "expected"
  iamlab expand [--format json|text] PATTERN...  list the actions a pattern such as s3:Put* matches
  iamlab lint [--type TYPE] [--format json|text] PATH...  check scenarios and policies (files, folders, - for standard input); a policy is of TYPE identity (default), resource, trust, boundary, session, scp or rcp
  iamlab serve [--addr HOST:PORT] [--state PATH] [--world FILE|seed]  run the simulated AWS (default 127.0.0.1:4566)
`

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // a test failed, or lint found an error
	exitInvalid = 2 // the input cannot be evaluated, or the command line is wrong
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitInvalid
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "eval":
		return cmdEval(rest, stdin, stdout, stderr)
	case "test":
		return cmdTest(rest, stdout, stderr)
	case "expand":
		return cmdExpand(rest, stdout, stderr)
	case "lint":
		return cmdLint(rest, stdin, stdout, stderr)
	case "serve":
		return cmdServe(rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "iamlab: unknown command %q\n%s", cmd, usage)
	return exitInvalid
}

// flags splits arguments into --name[=value] options and operands, so that
// options may come anywhere. valued names the options that take a value.
func flags(args []string, valued ...string) (map[string]string, []string, error) {
	opts := map[string]string{}
	var operands []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-" || !strings.HasPrefix(a, "-") {
			operands = append(operands, a)
			continue
		}
		if a == "--" {
			operands = append(operands, args[i+1:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if contains(valued, name) && !hasVal {
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("--%s needs a value", name)
			}
			i++
			val = args[i]
		}
		opts[name] = val
	}
	return opts, operands, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkOptions rejects options the command does not know.
func checkOptions(opts map[string]string, known ...string) error {
	for k := range opts {
		if !contains(known, k) {
			return fmt.Errorf("unknown option --%s", k)
		}
	}
	return nil
}
