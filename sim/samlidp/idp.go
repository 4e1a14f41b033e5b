// Package samlidp is the lab's simulated SAML 2.0 identity provider: the
// company directory that AssumeRoleWithSAML trusts through an IAM SAML
// provider. Each IdP has an entity ID (the Issuer), a signing key, and
// users with the attributes a real IdP's claim rules would send (the Role
// pairs, RoleSessionName, session tags...). It issues signed SAML
// responses (Issue), publishes its metadata (Metadata), answers HTTP at
// /_iamlab/saml/ (Handler), and reads the world file's samlIdps and
// samlProviders sections.
//
// It runs wherever the simulator runs: its time is the world's clock, its
// IDs the world's randomness, its keys the lab's pre-made ones
// (keys/README.md) or a world file's.
package samlidp

import (
	"sort"

	"github.com/iamlab/iamlab/sim/world"
)

// IdP is a simulated identity provider.
type IdP struct {
	Name string `json:"name"`
	// EntityID is the Issuer of its responses and the entityID of its
	// metadata.
	EntityID string `json:"entityId"`
	Key      *Key   `json:"key"`
	Users    []User `json:"users,omitempty"`
}

// User is a user of the IdP and what its claim rules send for the user.
type User struct {
	Name string `json:"name"`
	// NameID is the Subject's NameID (the user's name when empty), of
	// format NameIDFormat: persistent (the default), transient, or a full
	// format URI.
	NameID       string `json:"nameId,omitempty"`
	NameIDFormat string `json:"nameIdFormat,omitempty"`
	// Roles are the Role attribute's "role ARN,provider ARN" pairs.
	Roles []string `json:"roles,omitempty"`
	// SessionName is the RoleSessionName attribute (the user's name when
	// empty).
	SessionName string `json:"sessionName,omitempty"`
	// SessionDuration, SourceIdentity, Tags (PrincipalTag:KEY) and
	// TransitiveTagKeys are sent when set.
	SessionDuration   int               `json:"sessionDuration,omitempty"`
	SourceIdentity    string            `json:"sourceIdentity,omitempty"`
	Tags              map[string]string `json:"tags,omitempty"`
	TransitiveTagKeys []string          `json:"transitiveTagKeys,omitempty"`
	// Attributes are any other attributes, by Name (eduPerson OIDs,
	// Active Directory claim URIs...).
	Attributes map[string][]string `json:"attributes,omitempty"`
}

// IdPs are the world's simulated identity providers, by name.
var IdPs = world.NewKind[IdP]("samlidp/idp")

// Get returns the IdP of that name.
func Get(tx *world.Tx, name string) (*IdP, bool) { return IdPs.Get(tx, name) }

// User returns the user of that name.
func (p *IdP) User(name string) (*User, bool) {
	for i := range p.Users {
		if p.Users[i].Name == name {
			return &p.Users[i], true
		}
	}
	return nil, false
}

// sortedKeys returns a map's keys in order (attributes are sent in a
// stable order, so that the same request gives the same document).
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
