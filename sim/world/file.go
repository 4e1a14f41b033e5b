package world

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// MaxFileBytes bounds a world file.
const MaxFileBytes = 8 << 20

// The account and root key pair of a world that gives none: AWS's own
// documentation example (the simulated-aws contract).
const (
	DefaultAccount    = "123456789012"
	DefaultRootKeyID  = "AKIAIOSFODNN7EXAMPLE"
	DefaultRootSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// File is a world file: the accounts of a world and what they hold
// (docs/world.md).
type File struct {
	Organization *Organization `json:"organization,omitempty"`
	Accounts     []FileAccount `json:"accounts"`
}

// FileAccount is one account of a world file. Fields it does not name are
// sections that service packages read (RegisterSection).
type FileAccount struct {
	ID             string       `json:"id"`
	Name           string       `json:"name,omitempty"`
	RootAccessKeys []FileKey    `json:"rootAccessKeys,omitempty"`
	Policies       []FilePolicy `json:"policies,omitempty"`
	Groups         []FileEntity `json:"groups,omitempty"`
	Users          []FileEntity `json:"users,omitempty"`
	Roles          []FileEntity `json:"roles,omitempty"`
	SCPs           []FileLevel  `json:"serviceControlPolicies,omitempty"`
	RCPs           []FileLevel  `json:"resourceControlPolicies,omitempty"`
	// Sections holds the other fields, by name.
	Sections map[string]json.RawMessage `json:"-"`
}

// FileKey is an access key pair.
type FileKey struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
}

// FilePolicy is a named policy document: a JSON object or a string.
type FilePolicy struct {
	Name        string          `json:"name"`
	Path        string          `json:"path,omitempty"`
	Description string          `json:"description,omitempty"`
	Document    json.RawMessage `json:"document"`
}

// FileEntity is a user, group or role.
type FileEntity struct {
	Name               string            `json:"name"`
	Path               string            `json:"path,omitempty"`
	Groups             []string          `json:"groups,omitempty"`
	Policies           []FilePolicy      `json:"policies,omitempty"`
	ManagedPolicies    []string          `json:"managedPolicies,omitempty"`
	Boundary           string            `json:"permissionsBoundary,omitempty"`
	Tags               map[string]string `json:"tags,omitempty"`
	AccessKeys         []FileKey         `json:"accessKeys,omitempty"`
	TrustPolicy        json.RawMessage   `json:"trustPolicy,omitempty"`
	MaxSessionDuration int               `json:"maxSessionDuration,omitempty"`
	Description        string            `json:"description,omitempty"`
}

// FileLevel is one level of an organization's SCPs or RCPs.
type FileLevel struct {
	Target   string       `json:"target"`
	Policies []FilePolicy `json:"policies"`
}

var accountFields = map[string]bool{"id": true, "name": true, "rootAccessKeys": true, "policies": true,
	"groups": true, "users": true, "roles": true, "serviceControlPolicies": true, "resourceControlPolicies": true}

// UnmarshalJSON reads the known fields and keeps the others as sections.
func (a *FileAccount) UnmarshalJSON(b []byte) error {
	type plain FileAccount
	if err := strictUnmarshal(b, (*plain)(a), accountFields); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	for k, v := range all {
		if !accountFields[k] {
			if a.Sections == nil {
				a.Sections = map[string]json.RawMessage{}
			}
			a.Sections[k] = v
		}
	}
	return nil
}

// strictUnmarshal decodes the fields of known into v, refusing unknown
// fields inside them.
func strictUnmarshal(b []byte, v any, known map[string]bool) error {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	kept := map[string]json.RawMessage{}
	for k, raw := range all {
		if known[k] {
			kept[k] = raw
		}
	}
	nb, _ := json.Marshal(kept)
	d := json.NewDecoder(bytes.NewReader(nb))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// Section reads one field of a world file's account that a service owns,
// such as "buckets" or "keys", inside the Update that loads the file.
type Section func(tx *Tx, w *World, account string, raw json.RawMessage) error

var sections = struct {
	sync.Mutex
	m map[string]Section
}{m: map[string]Section{}}

// RegisterSection lets a service package read its own field of a world
// file's accounts. Sections run after IAM is set up, in name order.
func RegisterSection(name string, s Section) {
	sections.Lock()
	defer sections.Unlock()
	if accountFields[name] || sections.m[name] != nil {
		panic("world: section " + name + " registered twice")
	}
	sections.m[name] = s
}

// ParseFile reads a world file.
func ParseFile(b []byte) (*File, error) {
	if len(b) > MaxFileBytes {
		return nil, fmt.Errorf("the world file is larger than %d MiB", MaxFileBytes>>20)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var f File
	if err := d.Decode(&f); err != nil {
		return nil, fmt.Errorf("world file: %w", err)
	}
	if len(f.Accounts) == 0 {
		return nil, fmt.Errorf("world file: no accounts")
	}
	return &f, nil
}

// WithoutSections is a copy of the file without the fields that service
// packages read (buckets, hostedZones...): the world a build that holds no
// services can set up, such as this package's own tests.
func (f *File) WithoutSections() *File {
	c := *f
	c.Accounts = append([]FileAccount(nil), f.Accounts...)
	for i := range c.Accounts {
		c.Accounts[i].Sections = nil
	}
	return &c
}

// DefaultFile is the world of `iamlab serve` without --world: one account
// whose root user has AWS's documentation key pair.
func DefaultFile() *File {
	return &File{Accounts: []FileAccount{{ID: DefaultAccount}}}
}

// Apply creates what the file describes, in one Update. The first account
// gets the default root key pair unless it names its own.
func (w *World) Apply(f *File) error {
	return w.Update(func(tx *Tx) error {
		if o := f.Organization; o != nil {
			if err := Organizations.Put(tx, o.ID, o); err != nil {
				return err
			}
		}
		for i := range f.Accounts {
			if err := w.applyAccount(tx, f, &f.Accounts[i], i == 0); err != nil {
				return fmt.Errorf("world file: account %s: %w", f.Accounts[i].ID, err)
			}
		}
		return nil
	})
}

// Empty reports whether the world has no account yet (a new state file).
func (w *World) Empty() bool {
	empty := true
	_ = w.View(func(tx *Tx) error {
		empty = len(Accounts.List(tx, "")) == 0
		return nil
	})
	return empty
}

// MainAccount is the world's first account in key order... the account
// that `iamlab serve` prints: the one holding the default root key, else
// the smallest ID.
func (w *World) MainAccount() string {
	acct := ""
	_ = w.View(func(tx *Tx) error {
		if k, ok := AccessKeys.Get(tx, DefaultRootKeyID); ok {
			acct = k.Account
			return nil
		}
		if as := Accounts.List(tx, ""); len(as) > 0 {
			acct = as[0].ID
		}
		return nil
	})
	return acct
}

func (w *World) applyAccount(tx *Tx, f *File, fa *FileAccount, first bool) error {
	if len(fa.ID) != 12 || strings.Trim(fa.ID, "0123456789") != "" {
		return fmt.Errorf("the account ID must be 12 digits")
	}
	now := w.Now().UTC().Truncate(time.Second)
	acct := &Account{ID: fa.ID, Name: fa.Name}
	if f.Organization != nil {
		acct.Org = f.Organization.ID
	}
	var err error
	if acct.SCPs, err = w.levels(fa.SCPs, SCPPolicy); err != nil {
		return err
	}
	if acct.RCPs, err = w.levels(fa.RCPs, RCPPolicy); err != nil {
		return err
	}
	if err := Accounts.Put(tx, acct.ID, acct); err != nil {
		return err
	}
	keys := fa.RootAccessKeys
	if len(keys) == 0 && first {
		keys = []FileKey{{DefaultRootKeyID, DefaultRootSecret}}
	}
	for _, k := range keys {
		if err := putKey(tx, k, acct.ID, "", now); err != nil {
			return err
		}
	}
	for _, p := range fa.Policies {
		if err := w.applyPolicy(tx, acct.ID, p, now); err != nil {
			return err
		}
	}
	for _, g := range fa.Groups {
		if err := w.applyGroup(tx, acct.ID, g, now); err != nil {
			return err
		}
	}
	for _, u := range fa.Users {
		if err := w.applyUser(tx, acct.ID, u, now); err != nil {
			return err
		}
	}
	// Roles last: their trust policies may name the users.
	for _, r := range fa.Roles {
		if err := w.applyRole(tx, acct.ID, r, now); err != nil {
			return err
		}
	}
	return w.applySections(tx, fa)
}

func (w *World) applySections(tx *Tx, fa *FileAccount) error {
	names := make([]string, 0, len(fa.Sections))
	for n := range fa.Sections {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sections.Lock()
		s := sections.m[n]
		sections.Unlock()
		if s == nil {
			return fmt.Errorf("unknown field %q", n)
		}
		if err := s(tx, w, fa.ID, fa.Sections[n]); err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
	}
	return nil
}

func putKey(tx *Tx, k FileKey, account, user string, now time.Time) error {
	if len(k.ID) < 16 || k.Secret == "" {
		return fmt.Errorf("access key %q: an ID of at least 16 characters and a secret are needed", k.ID)
	}
	if _, dup := AccessKeys.Get(tx, k.ID); dup {
		return fmt.Errorf("access key %s is given twice", k.ID)
	}
	return AccessKeys.Put(tx, k.ID, &AccessKey{ID: k.ID, Secret: k.Secret, Account: account, User: user, Active: true, Created: now})
}

// DocumentText is a file's policy document as text: a string as it is, an
// object as written.
func DocumentText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", fmt.Errorf("a policy has no document")
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return s, nil
	}
	return string(raw), nil
}

func (w *World) fileDoc(tx *Tx, raw json.RawMessage, t PolicyType, what string) (*Doc, error) {
	text, err := DocumentText(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	d, err := w.CheckPolicy(tx, text, t)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", what, err.(*MalformedPolicyError).Code, err)
	}
	return d, nil
}

func (w *World) levels(ls []FileLevel, t PolicyType) ([]Level, error) {
	var out []Level
	for _, l := range ls {
		lv := Level{Target: l.Target}
		for _, p := range l.Policies {
			d, err := w.fileDoc(nil, p.Document, t, "policy "+p.Name)
			if err != nil {
				return nil, err
			}
			lv.Policies = append(lv.Policies, NamedDoc{Name: p.Name, Doc: d})
		}
		out = append(out, lv)
	}
	return out, nil
}

func path(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

func (w *World) applyPolicy(tx *Tx, account string, p FilePolicy, now time.Time) error {
	d, err := w.fileDoc(tx, p.Document, IdentityPolicy, "policy "+p.Name)
	if err != nil {
		return err
	}
	mp := &ManagedPolicy{Account: account, Name: p.Name, Path: path(p.Path), ID: w.NewID(PrefixPolicy, 17),
		Description: p.Description, Doc: d, Version: 1, Created: now, Updated: now}
	return Policies.Put(tx, mp.ARN(), mp)
}

func (w *World) entity(tx *Tx, account string, e FileEntity, prefix string, now time.Time) (Entity, error) {
	ent := Entity{Account: account, Name: e.Name, Path: path(e.Path), ID: w.NewID(prefix, 17), Created: now}
	if e.Name == "" {
		return ent, fmt.Errorf("an entity without a name")
	}
	for _, p := range e.Policies {
		d, err := w.fileDoc(tx, p.Document, IdentityPolicy, e.Name+": policy "+p.Name)
		if err != nil {
			return ent, err
		}
		if ent.Inline == nil {
			ent.Inline = map[string]*Doc{}
		}
		ent.Inline[p.Name] = d
	}
	for _, arn := range e.ManagedPolicies {
		if !w.policyExists(tx, arn) {
			return ent, fmt.Errorf("%s: no managed policy %s", e.Name, arn)
		}
		ent.Attached = append(ent.Attached, arn)
	}
	if e.Boundary != "" && !w.policyExists(tx, e.Boundary) {
		return ent, fmt.Errorf("%s: no managed policy %s for the permissions boundary", e.Name, e.Boundary)
	}
	return ent, nil
}

func (w *World) applyGroup(tx *Tx, account string, e FileEntity, now time.Time) error {
	ent, err := w.entity(tx, account, e, PrefixGroup, now)
	if err != nil {
		return err
	}
	return Groups.Put(tx, NameKey(account, e.Name), &Group{Entity: ent})
}

func tags(m map[string]string) []Tag {
	var out []Tag
	for k, v := range m {
		out = append(out, Tag{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func (w *World) applyUser(tx *Tx, account string, e FileEntity, now time.Time) error {
	ent, err := w.entity(tx, account, e, PrefixUser, now)
	if err != nil {
		return err
	}
	u := &User{Entity: ent, Tags: tags(e.Tags), Boundary: e.Boundary}
	for _, g := range e.Groups {
		grp, ok := Groups.Get(tx, NameKey(account, g))
		if !ok {
			return fmt.Errorf("user %s: no group %s", e.Name, g)
		}
		u.Groups = append(u.Groups, grp.Name)
	}
	if err := Users.Put(tx, NameKey(account, e.Name), u); err != nil {
		return err
	}
	for _, k := range e.AccessKeys {
		if err := putKey(tx, k, account, u.Name, now); err != nil {
			return err
		}
	}
	return nil
}

// Role session limits: "the maximum session duration setting ... can have
// a value from 1 hour to 12 hours" (IAM User Guide, using roles).
const (
	MinMaxSession     = 3600
	MaxMaxSession     = 43200
	DefaultMaxSession = 3600
)

func (w *World) applyRole(tx *Tx, account string, e FileEntity, now time.Time) error {
	ent, err := w.entity(tx, account, e, PrefixRole, now)
	if err != nil {
		return err
	}
	trust, err := w.fileDoc(tx, e.TrustPolicy, TrustPolicy, "role "+e.Name+": trust policy")
	if err != nil {
		return err
	}
	maxS := e.MaxSessionDuration
	if maxS == 0 {
		maxS = DefaultMaxSession
	}
	if maxS < MinMaxSession || maxS > MaxMaxSession {
		return fmt.Errorf("role %s: maxSessionDuration must be from %d to %d seconds", e.Name, MinMaxSession, MaxMaxSession)
	}
	r := &Role{Entity: ent, Trust: trust, Description: e.Description, MaxSession: maxS, Tags: tags(e.Tags), Boundary: e.Boundary}
	return Roles.Put(tx, NameKey(account, e.Name), r)
}
