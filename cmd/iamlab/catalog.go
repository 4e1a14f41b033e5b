package main

import "github.com/iamlab/iamlab/scenario"

// scenarioOptions are the options every command reads scenarios with.
func scenarioOptions() scenario.Options {
	return scenario.Options{}
}
