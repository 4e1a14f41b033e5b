package world

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// The namespaces of IAM and STS records. Keys are ACCOUNT/name in lower
// case (IAM names are unique regardless of case), policy ARNs, and access
// key IDs.
var (
	Accounts      = NewKind[Account]("account")
	Users         = NewKind[User]("iam/user")
	Groups        = NewKind[Group]("iam/group")
	Roles         = NewKind[Role]("iam/role")
	Policies      = NewKind[ManagedPolicy]("iam/policy")
	AccessKeys    = NewKind[AccessKey]("iam/accesskey")
	Sessions      = NewKind[Session]("sts/session")
	Organizations = NewKind[Organization]("organizations/organization")
)

// NameKey is the key of a named IAM entity of an account.
func NameKey(account, name string) string { return account + "/" + strings.ToLower(name) }

// Tag is a key and value pair.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Entity is what users, groups and roles share.
type Entity struct {
	Account string    `json:"account"`
	Name    string    `json:"name"`
	Path    string    `json:"path"`
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	// Inline maps an inline policy's name to its document.
	Inline map[string]*Doc `json:"inline,omitempty"`
	// Attached lists the ARNs of attached managed policies.
	Attached []string `json:"attached,omitempty"`
}

func (e Entity) clone() Entity {
	e.Inline = maps.Clone(e.Inline)
	e.Attached = slices.Clone(e.Attached)
	return e
}

// User is an IAM user.
type User struct {
	Entity
	Tags   []Tag    `json:"tags,omitempty"`
	Groups []string `json:"groups,omitempty"` // group names
	// Boundary is the ARN of the permissions boundary's managed policy.
	Boundary string `json:"boundary,omitempty"`
}

// ARN is arn:aws:iam::ACCOUNT:user/PATH/NAME.
func (u *User) ARN() string { return "arn:aws:iam::" + u.Account + ":user" + u.Path + u.Name }

// Clone returns a copy that can be changed.
func (u *User) Clone() *User {
	c := *u
	c.Entity = u.Entity.clone()
	c.Tags, c.Groups = slices.Clone(u.Tags), slices.Clone(u.Groups)
	return &c
}

// Group is an IAM group.
type Group struct {
	Entity
}

// ARN is arn:aws:iam::ACCOUNT:group/PATH/NAME.
func (g *Group) ARN() string { return "arn:aws:iam::" + g.Account + ":group" + g.Path + g.Name }

// Clone returns a copy that can be changed.
func (g *Group) Clone() *Group { c := *g; c.Entity = g.Entity.clone(); return &c }

// Role is an IAM role.
type Role struct {
	Entity
	Trust       *Doc   `json:"trust"`
	Description string `json:"description,omitempty"`
	// MaxSession is the maximum session duration in seconds (3600 to 43200).
	MaxSession int    `json:"maxSession"`
	Tags       []Tag  `json:"tags,omitempty"`
	Boundary   string `json:"boundary,omitempty"`
}

// ARN is arn:aws:iam::ACCOUNT:role/PATH/NAME.
func (r *Role) ARN() string { return "arn:aws:iam::" + r.Account + ":role" + r.Path + r.Name }

// Clone returns a copy that can be changed.
func (r *Role) Clone() *Role {
	c := *r
	c.Entity = r.Entity.clone()
	c.Tags = slices.Clone(r.Tags)
	return &c
}

// ManagedPolicy is a customer managed policy (AWS managed policies come
// from the catalog, by ARN).
type ManagedPolicy struct {
	Account     string    `json:"account"`
	Name        string    `json:"name"`
	Path        string    `json:"path"`
	ID          string    `json:"id"`
	Description string    `json:"description,omitempty"`
	Doc         *Doc      `json:"document"`
	Version     int       `json:"version"` // the default version is "v" + Version
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
	Tags        []Tag     `json:"tags,omitempty"`
}

// ARN is arn:aws:iam::ACCOUNT:policy/PATH/NAME.
func (p *ManagedPolicy) ARN() string {
	return "arn:aws:iam::" + p.Account + ":policy" + p.Path + p.Name
}

// AccessKey is a long-term access key of an IAM user, or of the root user
// when User is empty.
type AccessKey struct {
	ID      string    `json:"id"`
	Secret  string    `json:"secret"`
	Account string    `json:"account"`
	User    string    `json:"user,omitempty"`
	Active  bool      `json:"active"`
	Created time.Time `json:"created"`
}

// SessionKind is how temporary credentials were issued.
type SessionKind string

// The kinds of session.
const (
	SessionAssumedRole SessionKind = "assumed-role"   // AssumeRole
	SessionFederated   SessionKind = "federated-user" // GetFederationToken
	SessionToken       SessionKind = "session-token"  // GetSessionToken
)

// Session is a set of temporary credentials (ASIA...) and what they carry.
type Session struct {
	KeyID   string      `json:"id"`
	Secret  string      `json:"secret"`
	Token   string      `json:"token"`
	Kind    SessionKind `json:"kind"`
	Account string      `json:"account"`
	// RoleName, RoleID and RoleARN (with its path) are the assumed role's.
	RoleName string `json:"roleName,omitempty"`
	RoleID   string `json:"roleId,omitempty"`
	RoleARN  string `json:"roleArn,omitempty"`
	// Name is the role session name, or the federated user's name.
	Name string `json:"name,omitempty"`
	// User is the IAM user behind a session token or a federated user
	// ("" and Root for the root user).
	User string `json:"user,omitempty"`
	Root bool   `json:"root,omitempty"`
	// Policy is the session policy: the inline one and the managed ones
	// (PolicyARNs) as one document.
	Policy     *Doc     `json:"policy,omitempty"`
	PolicyARNs []string `json:"policyArns,omitempty"`
	// Tags are the session tags; Transitive the keys that pass on to a
	// chained role session.
	Tags           []Tag    `json:"tags,omitempty"`
	Transitive     []string `json:"transitive,omitempty"`
	SourceIdentity string   `json:"sourceIdentity,omitempty"`
	// Context holds the condition keys that the way the session was
	// issued puts in every request it makes: a web identity session's
	// PROVIDER:sub, :aud and :amr, aws:FederatedProvider.
	Context []ContextKey `json:"context,omitempty"`
	MFA     bool         `json:"mfa,omitempty"`
	Chained bool         `json:"chained,omitempty"`
	Issued  time.Time    `json:"issued"`
	Expires time.Time    `json:"expires"`
}

// ARN is the session's principal ARN.
func (s *Session) ARN() string {
	switch s.Kind {
	case SessionAssumedRole:
		return "arn:aws:sts::" + s.Account + ":assumed-role/" + s.RoleName + "/" + s.Name
	case SessionFederated:
		return "arn:aws:sts::" + s.Account + ":federated-user/" + s.Name
	}
	if s.Root {
		return "arn:aws:iam::" + s.Account + ":root"
	}
	return "" // a session token's ARN is its user's, which the caller knows
}

// ContextKey is a condition key with its values.
type ContextKey struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

// Account is an AWS account of the world.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Org is the ID of the organization the account belongs to, if any.
	Org string `json:"org,omitempty"`
	// SCPs and RCPs are the organization's policies that apply to the
	// account, one level per entry from the root down to the account, as
	// the scenario format writes them.
	SCPs []Level `json:"serviceControlPolicies,omitempty"`
	RCPs []Level `json:"resourceControlPolicies,omitempty"`
}

// Level is the policies attached at one level of an organization.
type Level struct {
	Target   string     `json:"target"`
	Policies []NamedDoc `json:"policies"`
}

// NamedDoc is a policy with its name.
type NamedDoc struct {
	Name string `json:"name"`
	Doc  *Doc   `json:"document"`
}

// Organization is an AWS Organizations organization.
type Organization struct {
	ID                string `json:"id"`
	ManagementAccount string `json:"managementAccount"`
}

// PruneSessions deletes the sessions that expired before now, which no
// request can use any more; it returns how many it deleted.
func PruneSessions(tx *Tx, now time.Time) (int, error) {
	var expired []string
	Sessions.Each(tx, func(key string, s *Session) bool {
		if s.Expires.Before(now) {
			expired = append(expired, key)
		}
		return true
	})
	for _, key := range expired {
		if err := Sessions.Delete(tx, key); err != nil {
			return 0, err
		}
	}
	return len(expired), nil
}
