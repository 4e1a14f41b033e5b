package main

import (
	"errors"
	"fmt"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/markup/iamlab"
	"github.com/iamlab/iamlab/scenario"
	"github.com/iamlab/iamlab/share"
)

// scenarioOptions resolve AWS managed policies from the embedded catalog,
// as the CLI and the playground do.
var scenarioOptions = scenario.Options{Managed: embedded.Catalog().ManagedText}

// decide evaluates a scenario's text with the engine.
func decide(src string) (string, error) {
	s, err := scenario.Parse(src, scenarioOptions)
	if err != nil {
		return "", err
	}
	res, err := s.Evaluate()
	if err != nil {
		return "", err
	}
	return string(res.Decision), nil
}

// checkExample evaluates one example and compares the engine's answer with
// the stated one; on success it sets the example's playground link. Errors
// name the Markdown file and line (of the problem inside the scenario when
// the engine gives one).
func checkExample(p *page, ex *iamlab.Example) error {
	where := fmt.Sprintf("%s:%d: example %d", p.File, ex.Line, ex.N)
	if ex.Title != "" {
		where += fmt.Sprintf(" (%q)", ex.Title)
	}
	if ex.Err != nil {
		return fmt.Errorf("%s: %v", where, ex.Err)
	}
	got, err := decide(ex.Source)
	if err != nil {
		var se *scenario.Error
		if errors.As(err, &se) && se.Line > 0 {
			// The scenario starts on the line after the fence.
			return fmt.Errorf("%s:%d:%d: example %d does not evaluate: %s", p.File, ex.Line+se.Line, se.Col, ex.N, se.Msg)
		}
		return fmt.Errorf("%s: does not evaluate: %v", where, err)
	}
	if got != ex.Expect {
		return fmt.Errorf("%s: states expect=%s but the engine says %s", where, ex.Expect, got)
	}
	frag, err := share.Encode(ex.Source)
	if err != nil {
		return fmt.Errorf("%s: share link: %v", where, err)
	}
	// The playground is the site root; the link is relative so the site
	// works under any folder of any host.
	ex.Href = p.Root() + "#" + frag
	return nil
}
