package api

import (
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/scenario"
)

// Slot is a place for policies in a scenario (docs/scenario.md) as the
// page shows it: one editor per policy.
type Slot struct {
	// Name is the page's name of the slot: identity, boundary, session,
	// resource, scp or rcp.
	Name string `json:"name"`
	// Field is the scenario file's field.
	Field string `json:"field"`
	// Types are the policy types a trace can report for policies of the
	// slot (policy.Type's short names): the resource slot holds a role's
	// trust policy when the request assumes the role.
	Types []policy.Type `json:"types"`
	// List is set for a list of policies, Levels for a list of levels
	// (organization root, OUs, account), each with its policies.
	List   bool `json:"list,omitempty"`
	Levels bool `json:"levels,omitempty"`
	// Managed is set when the slot takes AWS managed policies by ARN.
	Managed bool `json:"managed,omitempty"`
}

// Slots are the scenario's policy slots, in the order of a trace. Which
// take AWS managed policies is the scenario reader's rule.
var Slots = withManaged([]Slot{
	{Name: "identity", Field: "identityPolicies", Types: []policy.Type{policy.Identity}, List: true},
	{Name: "boundary", Field: "permissionsBoundary", Types: []policy.Type{policy.Boundary}},
	{Name: "session", Field: "sessionPolicy", Types: []policy.Type{policy.Session}},
	{Name: "resource", Field: "resourcePolicy", Types: []policy.Type{policy.Resource, policy.Trust}},
	{Name: "scp", Field: "serviceControlPolicies", Types: []policy.Type{policy.SCP}, Levels: true},
	{Name: "rcp", Field: "resourceControlPolicies", Types: []policy.Type{policy.RCP}, Levels: true},
})

// withManaged sets Managed on the slots whose type the scenario reader
// lets name an AWS managed policy.
func withManaged(slots []Slot) []Slot {
	for i := range slots {
		slots[i].Managed = scenario.TakesManaged(slots[i].Types[0])
	}
	return slots
}

// SlotsAnswer lists the slots.
type SlotsAnswer struct {
	Slots []Slot `json:"slots"`
}

// ListSlots answers the slots.
func ListSlots() SlotsAnswer { return SlotsAnswer{Slots: Slots} }

// slotOf finds a slot by its page name.
func slotOf(name string) (Slot, bool) {
	for _, s := range Slots {
		if s.Name == name {
			return s, true
		}
	}
	return Slot{}, false
}
