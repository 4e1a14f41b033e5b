package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/iamlab/iamlab/catalog/embedded"
)

type expanded struct {
	Action string `json:"action"`
	Access string `json:"accessLevel"`
}

// cmdExpand lists the actions that action patterns match, with their access levels.
func cmdExpand(args []string, stdout, stderr io.Writer) int {
	opts, patterns, err := flags(args, "format")
	if err == nil {
		err = checkOptions(opts, "format")
	}
	if err == nil && len(patterns) == 0 {
		err = fmt.Errorf("expand takes one or more action patterns, such as s3:Put*")
	}
	format := opts["format"]
	if err == nil && format != "" && format != "json" && format != "text" {
		err = fmt.Errorf("--format must be json or text")
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab expand: %v\n", err)
		return exitInvalid
	}
	var out []expanded
	status := exitOK
	for _, p := range patterns {
		acts, err := embedded.Catalog().Expand(p)
		if err != nil {
			fmt.Fprintf(stderr, "iamlab expand: %s: %v\n", p, err)
			return exitInvalid
		}
		if len(acts) == 0 {
			fmt.Fprintf(stderr, "iamlab expand: %s matches no action\n", p)
			status = exitFailed
		}
		for _, a := range acts {
			out = append(out, expanded{Action: a.FullName(), Access: a.Access.String()})
		}
	}
	if format == "json" {
		b, _ := json.MarshalIndent(out, "", "  ")
		fmt.Fprintf(stdout, "%s\n", b)
		return status
	}
	for _, e := range out {
		fmt.Fprintf(stdout, "%-60s %s\n", e.Action, e.Access)
	}
	return status
}
