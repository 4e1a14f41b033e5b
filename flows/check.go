package flows

import "github.com/iamlab/iamlab/explain"

// Check is one authorization the engine decided during a step.
type Check struct {
	Action   string `json:"action"`
	Resource string `json:"resource"`
	Decision string `json:"decision"`
	// Message is AWS's access denied message ("" when allowed).
	Message string          `json:"message,omitempty"`
	Trace   *explain.Report `json:"trace"`
	// Slots names, for each policy of Trace, the flow's slot whose text it
	// is ("" for a policy the learner cannot edit here).
	Slots []string `json:"slots"`
	// Scenario is the question as a playground scenario; the page makes
	// its share link (share.Encode) when the learner opens it, since
	// compressing every check of every run would cost more than the run.
	Scenario string `json:"scenario"`
}

// checks are the decisions of the calls since the event log held before
// records, with their traces.
func (r *Run) checks(before int) []Check {
	out := []Check{}
	evs := r.Sim.Log().Snapshot()
	if before > len(evs) {
		before = 0 // the log dropped old records
	}
	for _, ev := range evs[before:] {
		for _, d := range ev.Decisions {
			c := Check{Action: d.Action, Resource: d.Resource, Decision: string(d.Decision), Message: d.Message, Slots: []string{}}
			res, err := d.Trace()
			if err != nil || res == nil {
				out = append(out, c)
				continue
			}
			c.Trace = explain.NewReport(res)
			for i := range res.Policies {
				c.Slots = append(c.Slots, r.slotOf(res.Policies[i].Policy.Src))
			}
			c.Scenario, _ = Scenario(d.Action, d.Resource, res)
			out = append(out, c)
		}
	}
	return out
}

// slotOf is the slot whose text a policy was parsed from.
func (r *Run) slotOf(src string) string {
	for _, s := range r.flow.Slots {
		if r.texts[s.ID] == src {
			return s.ID
		}
	}
	return ""
}
