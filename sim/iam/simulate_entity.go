package iam

import (
	"sort"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// entityPolicies adds the policies of the user, group or role that
// PolicySourceArn names: "If you specify a user, group, or role, the
// simulation includes all policies that are associated with that entity.
// If you specify a user, the simulation also includes all policies that
// are attached to any groups the user belongs to." Its permissions
// boundary is simulated unless a PermissionsBoundaryPolicyInputList
// replaces it, and the SCPs of its account apply when the account is in an
// organization ("Only applies if the simulated user's account is part of
// an organization").
func (s *simulation) entityPolicies(c *service.Call, tx *world.Tx, source string) error {
	a, ok := policy.ParseARN(source)
	if !ok || a.Service != "iam" || !policy.IsAccountID(a.Account) {
		return invalidInput("PolicySourceArn %s is not the ARN of an IAM user, group or role.", source)
	}
	kind, rest, _ := strings.Cut(a.Resource, "/")
	name := rest[strings.LastIndexByte(rest, '/')+1:]
	key := world.NameKey(a.Account, name)
	var boundary string
	switch kind {
	case "user":
		u, ok := world.Users.Get(tx, key)
		if !ok || u.ARN() != source {
			return noSuchEntity("The user with name %s cannot be found.", name)
		}
		s.addEntity(c, tx, &u.Entity, "user")
		for _, g := range u.Groups {
			if grp, ok := world.Groups.Get(tx, world.NameKey(a.Account, g)); ok {
				s.addEntity(c, tx, &grp.Entity, "group")
			}
		}
		boundary = u.Boundary
	case "role":
		r, ok := world.Roles.Get(tx, key)
		if !ok || r.ARN() != source {
			return noSuchEntity("The role with name %s cannot be found.", name)
		}
		s.addEntity(c, tx, &r.Entity, "role")
		boundary = r.Boundary
	case "group":
		g, ok := world.Groups.Get(tx, key)
		if !ok || g.ARN() != source {
			return noSuchEntity("The group with name %s cannot be found.", name)
		}
		s.addEntity(c, tx, &g.Entity, "group")
	default:
		return invalidInput("PolicySourceArn %s is not the ARN of an IAM user, group or role.", source)
	}
	if s.boundary == nil && boundary != "" {
		if d, ok := c.World.ManagedDoc(tx, boundary); ok {
			s.boundary = &simPolicy{id: managedName(boundary), source: managedSource(boundary), doc: d.Policy}
		}
	}
	s.scps, s.inOrg = accountSCPs(tx, a.Account)
	return nil
}

// addEntity adds an entity's inline policies (by name) and the managed
// policies attached to it.
func (s *simulation) addEntity(c *service.Call, tx *world.Tx, e *world.Entity, kind string) {
	names := make([]string, 0, len(e.Inline))
	for n := range e.Inline {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s.identity = append(s.identity, simPolicy{id: n, source: kind, doc: e.Inline[n].Policy})
	}
	for _, arn := range e.Attached {
		if d, ok := c.World.ManagedDoc(tx, arn); ok {
			s.identity = append(s.identity, simPolicy{id: managedName(arn), source: managedSource(arn), doc: d.Policy})
		}
	}
}

func managedName(arn string) string { return arn[strings.LastIndexByte(arn, '/')+1:] }

// managedSource is the SourcePolicyType of a managed policy.
func managedSource(arn string) string {
	if strings.HasPrefix(arn, world.AWSManagedPrefix) {
		return "aws-managed"
	}
	return "user-managed"
}

// accountSCPs are the SCPs of an account in an organization, none for its
// management account ("SCPs don't affect users or roles in the management
// account"), and whether the account is in an organization at all.
func accountSCPs(tx *world.Tx, account string) ([]authz.Level, bool) {
	a, ok := world.Accounts.Get(tx, account)
	if !ok || a.Org == "" {
		return nil, false
	}
	if o, ok := world.Organizations.Get(tx, a.Org); ok && o.ManagementAccount == a.ID {
		return nil, true
	}
	var out []authz.Level
	for _, l := range a.SCPs {
		lv := authz.Level{Target: l.Target}
		for _, p := range l.Policies {
			lv.Policies = append(lv.Policies, authz.Named{Name: p.Name, Policy: p.Doc.Policy})
		}
		out = append(out, lv)
	}
	return out, true
}
