package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/iamlab/iamlab/catalog"
)

// verify reads the written catalog back through package catalog and checks
// that it holds what was written.
func verify(out string, services []*catalog.Service, policies []managedPolicy) error {
	c := catalog.New(os.DirFS(out))
	infos, err := c.Services()
	if err != nil {
		return err
	}
	if len(infos) != len(services) {
		return fmt.Errorf("%d services, want %d", len(infos), len(services))
	}
	for _, want := range services {
		got, err := c.Service(want.Prefix)
		if err != nil {
			return err
		}
		if len(got.Actions) != len(want.Actions) || len(got.ResourceTypes) != len(want.ResourceTypes) ||
			len(got.ConditionKeys) != len(want.ConditionKeys) {
			return fmt.Errorf("service %s does not read back as written", want.Prefix)
		}
	}
	list, err := c.ManagedPolicies()
	if err != nil {
		return err
	}
	if len(list) != len(policies) {
		return fmt.Errorf("%d managed policies, want %d", len(list), len(policies))
	}
	for _, want := range policies {
		got, err := c.ManagedPolicy(managedARNPrefix + want.Path + want.Name)
		if err != nil {
			return err
		}
		if got.Version != want.Version || !bytes.Equal(got.Document, want.Document) || !json.Valid(got.Document) {
			return fmt.Errorf("managed policy %s does not read back as written", want.Name)
		}
	}
	return nil
}

// report prints counts, and sizes raw and gzipped (each file on its own, as
// a web server would send it).
func report(out string, services []*catalog.Service, policies []managedPolicy) error {
	var actions, types, keys int
	for _, s := range services {
		actions += len(s.Actions)
		types += len(s.ResourceTypes)
		keys += len(s.ConditionKeys)
	}
	fmt.Printf("services %d, actions %d, resource types %d, condition keys %d, managed policies %d\n",
		len(services), actions, types, keys, len(policies))
	groups := []struct{ label, pattern string }{
		{"index.json", "index.json"},
		{"services/", "services/*.json"},
		{"managed/index.json", "managed/index.json"},
		{"managed/policies/", "managed/policies/*.json"},
		{"licenses/", "licenses/*"},
	}
	var totalRaw, totalGz int
	for _, g := range groups {
		files, _ := filepath.Glob(filepath.Join(out, g.pattern))
		raw, gz, err := sizes(files)
		if err != nil {
			return err
		}
		totalRaw, totalGz = totalRaw+raw, totalGz+gz
		fmt.Printf("%-20s %5d files %9d bytes, %8d gzipped\n", g.label, len(files), raw, gz)
	}
	fmt.Printf("%-20s %5s       %9d bytes, %8d gzipped\n", "total", "", totalRaw, totalGz)
	return nil
}

func sizes(files []string) (raw, gz int, err error) {
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, 0, err
		}
		raw += len(data)
		gz += gzipSize(data)
	}
	return raw, gz, nil
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}
