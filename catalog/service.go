package catalog

import (
	"encoding/json"
	"fmt"
)

// ServiceInfo names a service.
type ServiceInfo struct {
	// Prefix is the service prefix used in actions and ARNs, e.g. "s3".
	Prefix string `json:"p"`
	// Name is the service's full name, e.g. "Amazon S3".
	Name string `json:"n"`
}

// Service is everything the catalog knows about one service.
type Service struct {
	ServiceInfo
	// Actions are sorted by name, case-insensitively.
	Actions []*Action `json:"a"`
	// ResourceTypes are sorted by name, case-insensitively.
	ResourceTypes []*ResourceType `json:"r,omitempty"`
	// ConditionKeys are the keys this service's actions and resource types
	// use, sorted by name case-insensitively. They include global keys such
	// as aws:TagKeys where the service supports them.
	ConditionKeys []*ConditionKey `json:"k,omitempty"`

	actions       map[string]*Action       // by lower-case name
	resourceTypes map[string]*ResourceType // by lower-case name
	keys          keySet
}

// Action returns the service's action with the given name, without its
// prefix ("GetObject"), case-insensitively.
func (s *Service) Action(name string) (*Action, bool) {
	a, ok := s.actions[lowerASCII(name)]
	return a, ok
}

// ResourceType returns the service's resource type with the given name,
// case-insensitively.
func (s *Service) ResourceType(name string) (*ResourceType, bool) {
	r, ok := s.resourceTypes[lowerASCII(name)]
	return r, ok
}

// ConditionKey returns the service's condition key named key,
// case-insensitively. A concrete key such as "s3:ExistingObjectTag/Dept"
// finds its template "s3:ExistingObjectTag/<key>".
func (s *Service) ConditionKey(key string) (*ConditionKey, bool) {
	return s.keys.find(key)
}

// parseService decodes a service file and builds its lookup tables.
func parseService(data []byte) (*Service, error) {
	var s Service
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	if err := s.link(); err != nil {
		return nil, err
	}
	return &s, nil
}

// link fills the fields that the data file leaves out: the lookup maps,
// each action's Service, and each resource reference's Type.
func (s *Service) link() error {
	s.resourceTypes = make(map[string]*ResourceType, len(s.ResourceTypes))
	for _, r := range s.ResourceTypes {
		s.resourceTypes[lowerASCII(r.Name)] = r
	}
	s.keys = newKeySet(s.ConditionKeys)
	s.actions = make(map[string]*Action, len(s.Actions))
	for _, a := range s.Actions {
		a.Service = s.Prefix
		s.actions[lowerASCII(a.Name)] = a
		if err := s.linkRefs(a.Resources); err != nil {
			return fmt.Errorf("%s:%s: %w", s.Prefix, a.Name, err)
		}
		for _, sc := range a.Scenarios {
			if err := s.linkRefs(sc.Resources); err != nil {
				return fmt.Errorf("%s:%s: %w", s.Prefix, a.Name, err)
			}
		}
	}
	return nil
}

func (s *Service) linkRefs(refs []ResourceRef) error {
	for i := range refs {
		t, ok := s.ResourceType(refs[i].Name)
		if !ok {
			return fmt.Errorf("unknown resource type %q", refs[i].Name)
		}
		refs[i].Type = t
	}
	return nil
}
