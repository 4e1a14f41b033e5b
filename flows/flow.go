// Package flows holds the source document's flows as data and Go: each flow
// is a starting world (a world file, docs/world.md), the policies a learner
// may edit, and ordered steps, each one call made with the real
// aws-sdk-go-v2 client against the simulated AWS. The same definitions run
// natively (tests, the tutorials' build check), under Node and in the flow
// pages (wasm/flows).
//
// A run records, per step, the HTTP exchange (secrets masked), the outcome
// and every authorization the engine decided, with its trace and the
// request as a playground scenario.
package flows

//go:generate go run ./internal/snippet/gen

import (
	"context"
	"sort"
	"sync"

	"github.com/iamlab/iamlab/policy"
)

// Text is a sentence in English and Japanese.
type Text struct {
	En string `json:"en"`
	Ja string `json:"ja"`
}

// Slot is a policy of a flow that the learner may edit in place.
type Slot struct {
	ID    string      `json:"id"`
	Type  policy.Type `json:"type"`
	Label Text        `json:"label"`
	// Path locates the document in the flow's world file
	// ("accounts/0/roles/NAME/trustPolicy"): array entries by index or by
	// their "name". Empty for a policy that a step sends itself.
	Path string `json:"-"`
	// Default is the text of a policy that a step sends (Path empty); for
	// a policy of the world it is read from the world file.
	Default string `json:"-"`
}

// Step is one SDK call of a flow.
type Step struct {
	ID string `json:"id"`
	// Operation is the IAM action the call is authorized as
	// ("sts:AssumeRole", "s3:PutObject").
	Operation string `json:"operation"`
	// Expect is what the flow's author says happens: "ok" or the AWS error
	// code.
	Expect string `json:"expect"`
	Title  Text   `json:"title"`
	// Uses lists the slots whose text can change this step's outcome.
	Uses []string `json:"uses,omitempty"`
	// Snippet names the code the step shows when steps share it
	// ("acm-dns/describe"); by default FLOW/ID.
	Snippet string `json:"-"`
	// Run makes the call. It reads what earlier steps left with r.Get
	// (a value missing because an earlier step failed skips this step)
	// and returns the call's error.
	Run func(ctx context.Context, r *Run) error `json:"-"`
}

// Flow is one of the source document's flows.
type Flow struct {
	Name    string `json:"name"`
	Title   Text   `json:"title"`
	Summary Text   `json:"summary"`
	// World is the world file the flow starts from.
	World string `json:"-"`
	Slots []Slot `json:"slots"`
	Steps []Step `json:"steps"`
	// Services are the simulated services the flow calls.
	Services []string `json:"services"`

	defaults struct { // the slots' texts without edits (defaultTexts)
		sync.Once
		texts map[string]string
		err   error
	}
}

// The outcomes of a step besides an AWS error code.
const (
	OK      = "ok"
	Skipped = "skipped" // an earlier step's result it needs is missing
)

var registry = map[string]*Flow{}

// register adds a flow; each flow's file calls it from init.
func register(f *Flow) {
	if registry[f.Name] != nil {
		panic("flows: " + f.Name + " registered twice")
	}
	registry[f.Name] = f
}

// Get returns the flow of a name.
func Get(name string) (*Flow, bool) {
	f, ok := registry[name]
	return f, ok
}

// Names lists the flows, in the order of the source document.
func Names() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return order(out[i]) < order(out[j]) })
	return out
}

// documentOrder is the order in which the source document tells the flows.
var documentOrder = []string{"s3-upload-role", "acm-dns", "cognito-identity-pool", "web-identity", "kms-envelope"}

func order(name string) int {
	for i, n := range documentOrder {
		if n == name {
			return i
		}
	}
	return len(documentOrder)
}

// Slot returns a slot of the flow.
func (f *Flow) Slot(id string) (*Slot, bool) {
	for i := range f.Slots {
		if f.Slots[i].ID == id {
			return &f.Slots[i], true
		}
	}
	return nil, false
}

// FirstAffected is the index of the first step whose outcome an edit of
// the slot can change (len(Steps) when none): a page re-runs the flow
// from there.
func (f *Flow) FirstAffected(slot string) int {
	for i, s := range f.Steps {
		for _, u := range s.Uses {
			if u == slot {
				return i
			}
		}
	}
	return len(f.Steps)
}

// Code is the Go code a step runs, as the page shows it: the SDK call, cut
// from the step's source.
func (f *Flow) Code(step string) string {
	for _, s := range f.Steps {
		if s.ID == step && s.Snippet != "" {
			return code[s.Snippet]
		}
	}
	return code[f.Name+"/"+step]
}

// ConfigCode is how every step builds its aws.Config.
func ConfigCode() string { return code["config"] }
