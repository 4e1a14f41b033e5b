package main

import (
	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/scenario"
)

// scenarioOptions are the options every command reads scenarios with: AWS
// managed policies come from the embedded catalog.
func scenarioOptions() scenario.Options {
	return scenario.Options{Managed: managedPolicy}
}

// managedPolicy opens the catalog only when a scenario names a managed
// policy.
func managedPolicy(arn string) (string, bool) {
	return embedded.Catalog().ManagedText(arn)
}
