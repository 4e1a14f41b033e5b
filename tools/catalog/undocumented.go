package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
)

// undocumentedNames lints every AWS managed policy against the catalog in
// dir, written without an Undocumented list, and lists the names the
// reference lacks for them (lint.UndocumentedNames): the linter's own
// judgement, so that the list holds exactly what it would otherwise call an
// error in AWS's own policies.
func undocumentedNames(dir string) (*catalog.Undocumented, error) {
	names, err := managedNames(dir)
	if err != nil {
		return nil, err
	}
	u := &catalog.Undocumented{}
	lists := map[string]*[]string{"a": &u.Actions, "p": &u.Prefixes, "k": &u.Keys, "f": &u.Forms}
	for _, n := range names {
		kind, name, _ := strings.Cut(n, ":")
		list, ok := lists[kind]
		if !ok {
			return nil, fmt.Errorf("lint.UndocumentedNames gave %q, of no kind this tool knows", n)
		}
		*list = append(*list, name)
	}
	for _, list := range lists {
		slices.Sort(*list)
		*list = slices.Compact(*list)
	}
	return u, nil
}

// managedNames lints every managed policy of the catalog in dir as an
// identity-based policy and returns the names the reference lacks for them.
func managedNames(dir string) ([]string, error) {
	cat := catalog.New(os.DirFS(dir))
	infos, err := cat.ManagedPolicies()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, info := range infos {
		mp, err := cat.ManagedPolicy(info.ARN)
		if err != nil {
			return nil, err
		}
		p, err := policy.Parse(string(mp.Document))
		if err != nil {
			return nil, fmt.Errorf("managed policy %s: %w", info.Name, err)
		}
		out = append(out, lint.UndocumentedNames(p, policy.Identity, cat)...)
	}
	return out, nil
}

// checkUndocumented fails if, with the list in place, the linter still
// finds a name the reference lacks in a managed policy.
func checkUndocumented(dir string) error {
	left, err := managedNames(dir)
	if err == nil && len(left) > 0 {
		err = fmt.Errorf("managed policies still lack %d names, such as %s", len(left), left[0])
	}
	return err
}
