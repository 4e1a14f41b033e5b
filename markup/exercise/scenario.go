package exercise

import (
	"encoding/json"
	"fmt"
)

// GoalScenario is the scenario that decides goal i when the edited policy's
// document is policy: the exercise's scenario with policy (as JSON text, the
// way the page sends what the reader typed, so that a syntax error gets its
// line and column) in the edited place, and the goal's request fields over
// the scenario's request. The build evaluates these with the engine; the
// page receives them with the start in place (Data) and puts the reader's
// text at EditPath, nothing more.
func (e *Exercise) GoalScenario(i int, policy string) (string, error) {
	s, err := e.goalValue(i, policy)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(s)
	return string(b), err
}

func (e *Exercise) goalValue(i int, policy string) (map[string]any, error) {
	if i < 0 || i >= len(e.Goals) {
		return nil, fmt.Errorf("no goal %d", i+1)
	}
	var s map[string]any
	if err := decodeJSON(e.Scenario.Src, &s); err != nil {
		return nil, err
	}
	slot, err := lookup(s, e.EditPath[:len(e.EditPath)-1])
	if err != nil {
		return nil, err
	}
	slot["document"] = policy
	req, _ := s["request"].(map[string]any)
	if req == nil {
		req = map[string]any{}
		s["request"] = req
	}
	for k, v := range e.Goals[i].Request {
		if k != "context" {
			req[k] = v
			continue
		}
		ctx, _ := req["context"].(map[string]any)
		if ctx == nil {
			ctx = map[string]any{}
			req["context"] = ctx
		}
		add, _ := v.(map[string]any)
		for ck, cv := range add {
			if cv == nil {
				delete(ctx, ck)
			} else {
				ctx[ck] = cv
			}
		}
	}
	return s, nil
}

// Data is what the page's script needs to check the reader's answer with
// the engine: for fix and hole, each goal's scenario with the start in the
// edited place, and that place; for predict, the scenario. It is embedded
// in the page as JSON.
type Data struct {
	ID       string     `json:"id"`
	Kind     Kind       `json:"kind"`
	Scenario string     `json:"scenario,omitempty"`
	Edit     []any      `json:"edit,omitempty"`
	Start    string     `json:"start,omitempty"`
	Solution string     `json:"solution,omitempty"`
	Goals    []GoalData `json:"goals,omitempty"`
	Lint     []string   `json:"lint,omitempty"`
}

// GoalData is one goal for the page.
type GoalData struct {
	Want     Want           `json:"want"`
	Scenario map[string]any `json:"scenario"`
}

// PageData returns the exercise's Data.
func (e *Exercise) PageData() (Data, error) {
	d := Data{ID: e.ID, Kind: e.Task, Lint: e.Lint}
	if e.Task == Predict {
		d.Scenario = e.Scenario.Src
		return d, nil
	}
	d.Edit, d.Start, d.Solution = e.EditPath, e.Start.Src, e.Solution.Src
	for i, g := range e.Goals {
		s, err := e.goalValue(i, e.Start.Src)
		if err != nil {
			return Data{}, err
		}
		d.Goals = append(d.Goals, GoalData{Want: g.Want, Scenario: s})
	}
	return d, nil
}
