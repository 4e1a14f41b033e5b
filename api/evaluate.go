package api

import (
	"github.com/iamlab/iamlab/authz"
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

// EvaluateDraft decides a draft, as Evaluate decides its scenario text,
// but without what would change the decision (Report.Changes is nil):
// that decides edited copies of the scenario again, and the page asks for
// it apart (ChangesDraft), so that the decision never waits for it.
func EvaluateDraft(draftJSON string, opt scenario.Options) EvaluateAnswer {
	res, p := decideDraft(draftJSON, opt)
	if p != nil {
		return EvaluateAnswer{Error: p}
	}
	return EvaluateAnswer{Report: explain.NewTrace(res)}
}

// ChangesAnswer is what would change a draft's decision: nil Changes for
// an allow.
type ChangesAnswer struct {
	Changes *explain.Changes `json:"changes"`
	Error   *Problem         `json:"error,omitempty"`
}

// ChangesDraft says what would change a draft's decision, the part of
// Evaluate's report that EvaluateDraft leaves out.
func ChangesDraft(draftJSON string, opt scenario.Options) ChangesAnswer {
	res, p := decideDraft(draftJSON, opt)
	if p != nil {
		return ChangesAnswer{Error: p}
	}
	return ChangesAnswer{Changes: explain.NewChanges(res)}
}

// decideDraft reads a draft and decides its scenario.
func decideDraft(draftJSON string, opt scenario.Options) (*authz.Result, *Problem) {
	d, p := ReadDraft(draftJSON)
	if p != nil {
		return nil, p
	}
	s, err := scenario.Parse(d.Scenario(), opt)
	if err != nil {
		return nil, problemOf(err)
	}
	res, err := s.Evaluate()
	if err != nil {
		return nil, problemOf(err)
	}
	return res, nil
}
