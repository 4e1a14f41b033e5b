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

func managedPolicy(arn string) (string, bool) {
	mp, err := embedded.Catalog().ManagedPolicy(arn)
	if err != nil {
		return "", false
	}
	return string(mp.Document), true
}
