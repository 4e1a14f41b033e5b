package catalog

import "fmt"

// AccessLevel is the access level AWS assigns to an action in the Service
// Authorization Reference.
type AccessLevel uint8

// The access levels. The zero value is not a valid level.
const (
	List AccessLevel = iota + 1
	Read
	Write
	PermissionsManagement
	Tagging
)

// accessLevels maps each level to its AWS name and its one-letter code in the
// data files.
var accessLevels = [...]struct{ name, code string }{
	List:                  {"List", "L"},
	Read:                  {"Read", "R"},
	Write:                 {"Write", "W"},
	PermissionsManagement: {"Permissions management", "P"},
	Tagging:               {"Tagging", "T"},
}

// String returns the level as AWS writes it, e.g. "Permissions management".
func (l AccessLevel) String() string {
	if l == 0 || int(l) >= len(accessLevels) {
		return fmt.Sprintf("AccessLevel(%d)", l)
	}
	return accessLevels[l].name
}

// ParseAccessLevel returns the level with the given AWS name, as String
// writes it.
func ParseAccessLevel(name string) (AccessLevel, bool) {
	for l := List; int(l) < len(accessLevels); l++ {
		if accessLevels[l].name == name {
			return l, true
		}
	}
	return 0, false
}

// MarshalText encodes the level as its one-letter code.
func (l AccessLevel) MarshalText() ([]byte, error) {
	if l == 0 || int(l) >= len(accessLevels) {
		return nil, fmt.Errorf("catalog: invalid access level %d", l)
	}
	return []byte(accessLevels[l].code), nil
}

// UnmarshalText decodes a one-letter code written by MarshalText.
func (l *AccessLevel) UnmarshalText(text []byte) error {
	for v := List; int(v) < len(accessLevels); v++ {
		if accessLevels[v].code == string(text) {
			*l = v
			return nil
		}
	}
	return fmt.Errorf("catalog: unknown access level code %q", text)
}
