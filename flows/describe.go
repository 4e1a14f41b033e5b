package flows

import "fmt"

// Description is a flow as a page shows it before any run: its policies
// with their starting texts, and its steps with their code.
type Description struct {
	Name    string     `json:"name"`
	Title   Text       `json:"title"`
	Summary Text       `json:"summary"`
	Config  string     `json:"config"`
	Slots   []SlotView `json:"slots"`
	Steps   []StepView `json:"steps"`
}

// SlotView is a slot with its starting text and the first step an edit
// of it affects.
type SlotView struct {
	Slot
	Text  string `json:"text"`
	First int    `json:"first"`
}

// StepView is a step with its code.
type StepView struct {
	Step
	Code string `json:"code"`
}

// Describe returns the description of a flow.
func Describe(name string) (*Description, error) {
	f, ok := Get(name)
	if !ok {
		return nil, fmt.Errorf("there is no flow %q", name)
	}
	texts, err := f.Texts(nil)
	if err != nil {
		return nil, err
	}
	d := &Description{Name: f.Name, Title: f.Title, Summary: f.Summary, Config: ConfigCode()}
	for _, s := range f.Slots {
		d.Slots = append(d.Slots, SlotView{Slot: s, Text: texts[s.ID], First: f.FirstAffected(s.ID)})
	}
	for _, s := range f.Steps {
		d.Steps = append(d.Steps, StepView{Step: s, Code: f.Code(s.ID)})
	}
	return d, nil
}
