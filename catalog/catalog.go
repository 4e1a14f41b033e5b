package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// ErrNotFound is returned (wrapped) for an unknown service or managed
// policy.
var ErrNotFound = errors.New("not found")

// Catalog reads the catalog files from a file system on demand and caches
// what it has parsed. It is safe for concurrent use.
type Catalog struct {
	fsys fs.FS

	index   func() (*index, error)        // loads index.json once
	managed func() (*managedIndex, error) // loads managed/index.json once

	mu       sync.Mutex
	services map[string]func() (*Service, error) // by lower-case prefix
}

// index is the content of index.json.
type index struct {
	// Sources maps each npm package the data came from to its version.
	Sources  map[string]string `json:"src"`
	Services []ServiceInfo     `json:"s"`
	// Globals are the global condition keys, which apply to every action.
	Globals []*ConditionKey `json:"g"`
	// KeyPrefixes maps condition key prefixes that are not service prefixes
	// (saml, accounts.google.com, ...) to the services that define them.
	KeyPrefixes map[string][]string `json:"u,omitempty"`
	// Partitions are the AWS partitions and their Regions.
	Partitions []Partition `json:"r,omitempty"`
	// Undocumented are the names AWS's managed policies use that the
	// Service Authorization Reference does not define.
	Undocumented *Undocumented `json:"x,omitempty"`

	prefixes     map[string]bool // lower-case service prefixes
	globals      keySet
	regions      map[string]string // Region name -> partition ID
	undocumented undocumentedSets
}

// New returns a catalog that reads files from fsys, laid out as described
// in the package documentation. It reads nothing until it is first used.
func New(fsys fs.FS) *Catalog {
	c := &Catalog{fsys: fsys, services: make(map[string]func() (*Service, error))}
	c.index = sync.OnceValues(c.loadIndex)
	c.managed = sync.OnceValues(c.loadManagedIndex)
	return c
}

// readJSON decodes the file at path into v.
func (c *Catalog) readJSON(path string, v any) error {
	data, err := fs.ReadFile(c.fsys, path)
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("catalog: %s: %w", path, err)
	}
	return nil
}

func (c *Catalog) loadIndex() (*index, error) {
	var idx index
	if err := c.readJSON("index.json", &idx); err != nil {
		return nil, err
	}
	idx.prefixes = make(map[string]bool, len(idx.Services))
	for _, s := range idx.Services {
		idx.prefixes[s.Prefix] = true
	}
	idx.globals = newKeySet(idx.Globals)
	idx.regions = map[string]string{}
	for _, p := range idx.Partitions {
		for _, r := range p.Regions {
			idx.regions[r] = p.ID
		}
	}
	idx.undocumented = newUndocumentedSets(idx.Undocumented)
	return &idx, nil
}

// Services lists every service, sorted by prefix.
func (c *Catalog) Services() ([]ServiceInfo, error) {
	idx, err := c.index()
	if err != nil {
		return nil, err
	}
	return append([]ServiceInfo(nil), idx.Services...), nil
}

// Sources reports which version of each source npm package the data was
// built from.
func (c *Catalog) Sources() (map[string]string, error) {
	idx, err := c.index()
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(idx.Sources))
	for k, v := range idx.Sources {
		m[k] = v
	}
	return m, nil
}

// Service returns the service with the given prefix, case-insensitively,
// loading it on first use. The error wraps ErrNotFound if there is no such
// service.
func (c *Catalog) Service(prefix string) (*Service, error) {
	idx, err := c.index()
	if err != nil {
		return nil, err
	}
	prefix = lowerASCII(prefix)
	if !idx.prefixes[prefix] {
		return nil, fmt.Errorf("catalog: service %q: %w", prefix, ErrNotFound)
	}
	return c.serviceLoader(prefix)()
}

// serviceLoader returns the function that loads a known service once; the
// lock is held only to find or create it, so different services load in
// parallel.
func (c *Catalog) serviceLoader(prefix string) func() (*Service, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	load, ok := c.services[prefix]
	if !ok {
		load = sync.OnceValues(func() (*Service, error) {
			path := "services/" + prefix + ".json"
			data, err := fs.ReadFile(c.fsys, path)
			if err != nil {
				return nil, fmt.Errorf("catalog: %w", err)
			}
			s, err := parseService(data)
			if err != nil {
				return nil, fmt.Errorf("catalog: %s: %w", path, err)
			}
			return s, nil
		})
		c.services[prefix] = load
	}
	return load
}

// Action returns the action named "prefix:Name", e.g. "s3:GetObject",
// matching both parts case-insensitively as AWS does. It reports false for
// an unknown action, a name with wildcards, or a service file that cannot
// be read (Service returns that error).
func (c *Catalog) Action(name string) (*Action, bool) {
	prefix, action, ok := strings.Cut(name, ":")
	if !ok {
		return nil, false
	}
	s, err := c.Service(prefix)
	if err != nil {
		return nil, false
	}
	return s.Action(action)
}

// GlobalConditionKey returns the global condition key named key,
// case-insensitively; "aws:PrincipalTag/Team" finds
// "aws:PrincipalTag/${TagKey}". Besides the aws: keys, AWS documents a few
// service keys that every request may carry (ec2:SourceInstanceArn,
// lambda:SourceFunctionArn, ...); they are global keys here too.
func (c *Catalog) GlobalConditionKey(key string) (*ConditionKey, bool) {
	idx, err := c.index()
	if err != nil {
		return nil, false
	}
	return idx.globals.find(key)
}

// ConditionKey finds the definition of any condition key: a global key, or
// else a key of the service named by the key's prefix ("s3:prefix" in s3).
// Keys whose prefix is not a service (saml:aud, accounts.google.com:sub)
// are looked up in the services that define them (sts). It reports false
// if the key is unknown or a file cannot be read.
func (c *Catalog) ConditionKey(key string) (*ConditionKey, bool) {
	if k, ok := c.GlobalConditionKey(key); ok {
		return k, true
	}
	idx, err := c.index()
	if err != nil {
		return nil, false
	}
	prefix, _, ok := strings.Cut(key, ":")
	if !ok {
		return nil, false
	}
	for _, p := range idx.keyServices(lowerASCII(prefix)) {
		if s, err := c.Service(p); err == nil {
			if k, ok := s.ConditionKey(key); ok {
				return k, true
			}
		}
	}
	return nil, false
}

// keyServices returns the services that may define keys with the given
// lower-case prefix. Some prefixes in KeyPrefixes are templates themselves
// (token.actions.${Domain}.ghe.com).
func (idx *index) keyServices(prefix string) []string {
	if idx.prefixes[prefix] {
		return []string{prefix}
	}
	var out []string
	for p, services := range idx.KeyPrefixes {
		if lowerASCII(p) == prefix || templateMatches(p, prefix) {
			out = append(out, services...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func templateMatches(template, text string) bool {
	p, ok := templatePattern(template)
	if !ok {
		return false
	}
	g := compileGlob(p)
	return g.match(text)
}
