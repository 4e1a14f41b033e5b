package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// managedARNPrefix starts the ARN of every AWS managed policy in the aws
// partition; the policy's path and name follow.
const managedARNPrefix = "arn:aws:iam::aws:policy"

// ManagedPolicyInfo describes an AWS managed policy.
type ManagedPolicyInfo struct {
	// Name is the policy name, e.g. "AWSLambdaBasicExecutionRole".
	Name string
	// Path is the policy's IAM path, e.g. "/" or "/service-role/".
	Path string
	// ARN is e.g.
	// "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole".
	ARN string
	// Version is the ID of the default (current) version, e.g. "v3".
	Version string
}

// ManagedPolicy is an AWS managed policy with its current document.
type ManagedPolicy struct {
	ManagedPolicyInfo
	// Document is the policy document of the default version, as compact
	// JSON text with its keys in AWS's order. It is the caller's copy.
	Document json.RawMessage
}

// managedEntry is one entry of managed/index.json.
type managedEntry struct {
	Name    string `json:"n"`
	Path    string `json:"p,omitempty"` // omitted for "/"
	Version string `json:"v"`
}

// managedIndex is managed/index.json, with lookup maps.
type managedIndex struct {
	list   []ManagedPolicyInfo // sorted by name
	byName map[string]int
	byARN  map[string]int
}

func (c *Catalog) loadManagedIndex() (*managedIndex, error) {
	var entries []managedEntry
	if err := c.readJSON("managed/index.json", &entries); err != nil {
		return nil, err
	}
	m := &managedIndex{
		list:   make([]ManagedPolicyInfo, len(entries)),
		byName: make(map[string]int, len(entries)),
		byARN:  make(map[string]int, len(entries)),
	}
	for i, e := range entries {
		if e.Path == "" {
			e.Path = "/"
		}
		m.list[i] = ManagedPolicyInfo{Name: e.Name, Path: e.Path, Version: e.Version,
			ARN: managedARNPrefix + e.Path + e.Name}
	}
	slices.SortFunc(m.list, func(a, b ManagedPolicyInfo) int { return strings.Compare(a.Name, b.Name) })
	for i, info := range m.list {
		m.byName[info.Name], m.byARN[info.ARN] = i, i
	}
	return m, nil
}

// ManagedPolicies lists every AWS managed policy, sorted by name.
func (c *Catalog) ManagedPolicies() ([]ManagedPolicyInfo, error) {
	m, err := c.managed()
	if err != nil {
		return nil, err
	}
	return slices.Clone(m.list), nil
}

// ManagedPolicy returns the AWS managed policy with the given ARN, which
// must match exactly (ARNs are case-sensitive), and reads its document. The
// error wraps ErrNotFound if there is no such policy.
func (c *Catalog) ManagedPolicy(arn string) (ManagedPolicy, error) {
	return c.managedPolicy(arn, func(m *managedIndex) (int, bool) {
		i, ok := m.byARN[arn]
		return i, ok
	})
}

// ManagedPolicyByName returns the AWS managed policy with the given name,
// case-sensitively as in IAM, e.g. "AmazonS3ReadOnlyAccess".
func (c *Catalog) ManagedPolicyByName(name string) (ManagedPolicy, error) {
	return c.managedPolicy(name, func(m *managedIndex) (int, bool) {
		i, ok := m.byName[name]
		return i, ok
	})
}

func (c *Catalog) managedPolicy(what string, find func(*managedIndex) (int, bool)) (ManagedPolicy, error) {
	m, err := c.managed()
	if err != nil {
		return ManagedPolicy{}, err
	}
	i, ok := find(m)
	if !ok {
		return ManagedPolicy{}, fmt.Errorf("catalog: managed policy %q: %w", what, ErrNotFound)
	}
	info := m.list[i]
	// Documents are not cached: each is read when asked for, and the
	// caller owns the bytes.
	doc, err := fs.ReadFile(c.fsys, "managed/policies/"+info.Name+".json")
	if err != nil {
		return ManagedPolicy{}, fmt.Errorf("catalog: %w", err)
	}
	return ManagedPolicy{ManagedPolicyInfo: info, Document: doc}, nil
}

// Text returns the policy document as the lab shows it: indented with two
// spaces, one element per line. Scenarios read managed policies in this
// form (ManagedText), so that the lines and columns the engine and the
// linter report point into the text the playground displays.
func (p ManagedPolicy) Text() string {
	var b bytes.Buffer
	if json.Indent(&b, p.Document, "", "  ") != nil {
		return string(p.Document) // not JSON: shown, and reported, as it is
	}
	return b.String()
}

// ManagedText resolves an AWS managed policy by ARN to its Text, the
// form of scenario.Options.Managed; ok is false when there is no such
// policy.
func (c *Catalog) ManagedText(arn string) (text string, ok bool) {
	p, err := c.ManagedPolicy(arn)
	if err != nil {
		return "", false
	}
	return p.Text(), true
}
