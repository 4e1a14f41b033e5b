package main

import (
	"fmt"
	"io"

	"github.com/iamlab/iamlab/explain"
)

func cmdEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, files, err := flags(args, "format")
	if err == nil {
		err = checkOptions(opts, "format")
	}
	if err == nil && len(files) != 1 {
		err = fmt.Errorf("eval takes one scenario file (or - for standard input)")
	}
	format := opts["format"]
	if err == nil && format != "" && format != "json" && format != "text" {
		err = fmt.Errorf("--format must be json or text")
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab eval: %v\n", err)
		return exitInvalid
	}
	src, err := readInput(files[0], stdin)
	if err != nil {
		fmt.Fprintln(stderr, located(files[0], err))
		return exitInvalid
	}
	_, res, err := loadScenario(files[0], src)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	if format == "text" {
		explain.Text(stdout, res)
		return exitOK
	}
	out, err := explain.JSON(res)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab eval: %v\n", err)
		return exitInvalid
	}
	fmt.Fprintf(stdout, "%s\n", out)
	return exitOK
}
