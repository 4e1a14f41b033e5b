package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
)

// cmdLint checks a scenario or a bare policy and prints its findings as
// FILE:LINE:COL: severity code: message.
func cmdLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, files, err := flags(args, "type", "format")
	if err == nil {
		err = checkOptions(opts, "type", "format")
	}
	if err == nil && len(files) != 1 {
		err = fmt.Errorf("lint takes one file: a scenario or a policy (or - for standard input)")
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
	src, err := readInput(files[0], stdin)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", displayName(files[0]), err)
		return exitInvalid
	}
	cat := embedded.Catalog()
	var findings []lint.Finding
	isScenario := looksLikeScenario(src)
	if isScenario {
		findings = lint.ScenarioText(src, scenarioOptions(), cat)
	} else {
		findings = lint.Text(src, typ, cat)
	}
	if findings == nil {
		findings = []lint.Finding{}
	}
	name := displayName(files[0])
	if format == "json" {
		out, err := json.MarshalIndent(struct {
			File     string         `json:"file"`
			Scenario bool           `json:"scenario"`
			Type     string         `json:"type,omitempty"`
			Findings []lint.Finding `json:"findings"`
		}{name, isScenario, map[bool]string{false: typ.String(), true: ""}[isScenario], findings}, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "iamlab lint: %v\n", err)
			return exitInvalid
		}
		fmt.Fprintf(stdout, "%s\n", out)
	} else {
		for _, f := range findings {
			fmt.Fprintf(stdout, "%s:%d:%d: %s %s: %s%s\n", name, f.Line, f.Col, f.Severity, f.Code, where(f), f.Msg)
		}
	}
	if lint.HasErrors(findings) {
		return exitFailed
	}
	return exitOK
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
