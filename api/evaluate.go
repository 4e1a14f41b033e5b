package api

import (
	"github.com/iamlab/iamlab/explain"
	"github.com/iamlab/iamlab/scenario"
)

// EvaluateAnswer is a scenario's decision with its trace, or why it cannot
// be evaluated.
type EvaluateAnswer struct {
	Report *explain.Report `json:"report,omitempty"`
	Error  *Problem        `json:"error,omitempty"`
}

// Evaluate decides a scenario given as its JSON text, exactly as
// `iamlab eval` does.
func Evaluate(text string, opt scenario.Options) EvaluateAnswer {
	s, err := scenario.Parse(text, opt)
	if err != nil {
		return EvaluateAnswer{Error: problemOf(err)}
	}
	res, err := s.Evaluate()
	if err != nil {
		return EvaluateAnswer{Error: problemOf(err)}
	}
	return EvaluateAnswer{Report: explain.NewReport(res)}
}

// EvaluateDraft decides a draft, as Evaluate decides its scenario text.
func EvaluateDraft(draftJSON string, opt scenario.Options) EvaluateAnswer {
	d, p := ReadDraft(draftJSON)
	if p != nil {
		return EvaluateAnswer{Error: p}
	}
	return Evaluate(d.Scenario(), opt)
}
