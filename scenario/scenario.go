// Package scenario reads the scenario file format (docs/scenario.md): one
// authorization question with the policies that apply to it.
package scenario

import (
	"github.com/iamlab/iamlab/authz"
)

// Limits on what a scenario may hold.
const (
	// MaxBytes is the largest scenario file accepted.
	MaxBytes = 1 << 20
	// MaxPolicies is the most policies of all kinds in one scenario.
	MaxPolicies = 1000
	// MaxContextKeys is the most condition keys in request.context.
	MaxContextKeys = 1000
)

// Scenario is a parsed scenario.
type Scenario struct {
	Src   string
	Input authz.Input
	// Expected is the "expected" decision of a test scenario, or "".
	Expected authz.Decision
	// Why is the "why" note of a test scenario.
	Why string
	// ExpectedBy is what should decide a test scenario ("expectedBy"): nil
	// when the scenario does not say, empty when nothing should (no policy
	// allows the request at all).
	ExpectedBy []Decider
}

// Resolver finds an AWS managed policy's document by ARN.
type Resolver func(arn string) (document string, ok bool)

// Options change how a scenario is read.
type Options struct {
	// Managed resolves {"arn": ...} policy entries; nil refuses them.
	Managed Resolver
}

// Evaluate decides the scenario's request.
func (s *Scenario) Evaluate() (*authz.Result, error) {
	return authz.Evaluate(&s.Input)
}
