package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/markup/exercise"
	"github.com/iamlab/iamlab/scenario"
)

// minExercises is how many exercises every topic page ends with.
const minExercises = 3

// checkExercise checks one exercise with the engine, as the page will:
// a predict exercise's answer is the engine's decision; a fix or hole
// exercise's solution meets every goal while its start misses one (a
// hole's start allows a request that must be denied); the lint codes it
// names are reported on the start and not on the solution. Errors name
// the Markdown file and line.
func checkExercise(p *page, ex *exercise.Exercise) error {
	if ex.Err != nil {
		return fmt.Errorf("%s:%v (exercise %d)", p.File, ex.Err, ex.N)
	}
	where := fmt.Sprintf("%s:%d: exercise %d (%s)", p.File, ex.Line, ex.N, ex.ID)
	if ex.Task == exercise.Predict {
		got, err := decide(ex.Scenario.Src)
		if err != nil {
			return fmt.Errorf("%s: the scenario does not evaluate: %v", where, placeIn(ex.Scenario, err))
		}
		if got != ex.Answer {
			return fmt.Errorf("%s: states answer=%s but the engine says %s", where, ex.Answer, got)
		}
		return nil
	}
	solution, err := outcomes(ex, ex.Solution)
	if err != nil {
		return fmt.Errorf("%s: the solution does not evaluate: %v", where, err)
	}
	for i, g := range ex.Goals {
		if !g.Want.Accepts(solution[i]) {
			return fmt.Errorf("%s: the solution gives %s for goal %d (line %d, %q), which wants %s", where, solution[i], i+1, g.Line, g.Say, g.Want)
		}
	}
	start, err := outcomes(ex, ex.Start)
	if err != nil {
		return fmt.Errorf("%s: the start does not evaluate: %v", where, err)
	}
	missed, hole := 0, false
	for i, g := range ex.Goals {
		if !g.Want.Accepts(start[i]) {
			missed++
			hole = hole || g.Want != exercise.Allowed && start[i] == "allowed"
		}
	}
	if missed == 0 {
		return fmt.Errorf("%s: the start already meets every goal: there is %s", where, pick(ex.Task == exercise.Hole, "no hole to find", "nothing to fix"))
	}
	if ex.Task == exercise.Hole && !hole {
		return fmt.Errorf("%s: a hole exercise's start must allow a request that a goal wants denied", where)
	}
	return checkLint(where, ex)
}

// outcomes evaluates every goal with policy in the edited place.
func outcomes(ex *exercise.Exercise, policy exercise.Text) ([]string, error) {
	out := make([]string, len(ex.Goals))
	for i := range ex.Goals {
		s, err := ex.GoalScenario(i, policy.Src)
		if err != nil {
			return nil, err
		}
		if out[i], err = decide(s); err != nil {
			var se *scenario.Error
			if errors.As(err, &se) && se.Policy == nil {
				return nil, fmt.Errorf("goal %d: %s", i+1, se.Msg) // not in the policy: no place in the file
			}
			return nil, placeIn(policy, err)
		}
	}
	return out, nil
}

// placeIn turns the engine's error about t into its line and column in the
// Markdown file: a position in t's own text when t is the scenario, or, when
// t is a policy the goal scenarios hold as a string, a position in the policy.
func placeIn(t exercise.Text, err error) error {
	var se *scenario.Error
	if !errors.As(err, &se) {
		return err
	}
	line, col, msg := se.Line, se.Col, se.Msg
	if se.Policy != nil {
		line, col, msg = se.Policy.Line, se.Policy.Col, se.Policy.Msg
	}
	if line == 0 {
		return err
	}
	return fmt.Errorf("line %d:%d: %s", t.Line+line-1, t.Col+col-1, msg)
}

// checkLint runs the linter on the first goal's scenario with the start,
// then with the solution, as the page does while the reader edits.
func checkLint(where string, ex *exercise.Exercise) error {
	if len(ex.Lint) == 0 {
		return nil
	}
	codes := func(policy string) []string {
		s, _ := ex.GoalScenario(0, policy)
		var out []string
		for _, f := range lint.ScenarioText(s, scenarioOptions, embedded.Catalog()) {
			out = append(out, f.Code)
		}
		return out
	}
	start, solution := codes(ex.Start.Src), codes(ex.Solution.Src)
	for _, c := range ex.Lint {
		if !slices.Contains(start, c) {
			return fmt.Errorf("%s: the linter does not report %s on the start (it reports %s)", where, c, strings.Join(start, ", "))
		}
		if slices.Contains(solution, c) {
			return fmt.Errorf("%s: the linter still reports %s on the solution", where, c)
		}
	}
	return nil
}

func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
