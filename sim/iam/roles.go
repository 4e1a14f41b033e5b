package iam

import (
	"net/http"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

type roleElem struct {
	Path                     string
	RoleName                 string
	RoleId                   string
	Arn                      string
	CreateDate               string
	AssumeRolePolicyDocument string
	Description              string `xml:",omitempty"`
	MaxSessionDuration       int
	PermissionsBoundary      *boundaryElem `xml:",omitempty"`
	Tags                     []xmlTag      `xml:"Tags>member,omitempty"`
}

func roleOf(r *world.Role) roleElem {
	return roleElem{Path: r.Path, RoleName: r.Name, RoleId: r.ID, Arn: r.ARN(), CreateDate: stamp(r.Created),
		AssumeRolePolicyDocument: encodeDoc(r.Trust.Text), Description: r.Description, MaxSessionDuration: r.MaxSession,
		PermissionsBoundary: boundaryOf(r.Boundary), Tags: xmlTags(r.Tags)}
}

type roleResult struct {
	Role roleElem
}

// roleName reads RoleName and finds the role (nil when there is none).
func roleName(tx *world.Tx, acct string, p protocol.Params) (string, *world.Role, error) {
	n, err := name(p, "RoleName", MaxRoleName)
	if err != nil {
		return "", nil, err
	}
	r, _ := world.Roles.Get(tx, world.NameKey(acct, n))
	return n, r, nil
}

func noSuchRole(n string) error { return noSuchEntity("The role with name %s cannot be found.", n) }

func createRole(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "RoleName", MaxRoleName)
	if err != nil {
		return nil, err
	}
	pth, err := path(p)
	if err != nil {
		return nil, err
	}
	tags, err := readTags(p, MaxRoleTags)
	if err != nil {
		return nil, err
	}
	maxS, has, perr := p.Int("MaxSessionDuration")
	if perr != nil {
		return nil, perr
	}
	if !has {
		maxS = world.DefaultMaxSession
	}
	if maxS < world.MinMaxSession || maxS > world.MaxMaxSession {
		return nil, protocol.Validation("1 validation error detected: Value '%d' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between %d and %d", maxS, world.MinMaxSession, world.MaxMaxSession)
	}
	boundary := p.Get("PermissionsBoundary")
	acct := c.Account()
	var out *roleResult
	err = c.World.Update(func(tx *world.Tx) error {
		arn := "arn:aws:iam::" + acct + ":role" + pth + n
		ctx := tagContext(tags)
		if boundary != "" {
			ctx = append(ctx, entry("iam:PermissionsBoundary", boundary))
		}
		if err := allow(c, tx, "iam:CreateRole", arn, ctx...); err != nil {
			return err
		}
		trust, err := document(c, tx, p, "AssumeRolePolicyDocument", world.TrustPolicy)
		if err != nil {
			return err
		}
		if _, dup := world.Roles.Get(tx, world.NameKey(acct, n)); dup {
			return alreadyExists("Role with name %s already exists.", n)
		}
		if boundary != "" {
			if _, ok := c.World.ManagedDoc(tx, boundary); !ok {
				return noSuchEntity("Scope ARN: %s does not exist or is not attachable.", boundary)
			}
		}
		r := &world.Role{Entity: world.Entity{Account: acct, Name: n, Path: pth, ID: c.World.NewID(world.PrefixRole, 17), Created: c.Env.Now.UTC()},
			Trust: trust, Description: p.Get("Description"), MaxSession: maxS, Tags: tags, Boundary: boundary}
		out = &roleResult{roleOf(r)}
		return world.Roles.Put(tx, world.NameKey(acct, n), r)
	})
	return out, err
}

func getRole(c *service.Call, p protocol.Params) (any, error) {
	acct := c.Account()
	var out *roleResult
	err := c.World.View(func(tx *world.Tx) error {
		n, r, err := roleName(tx, acct, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:GetRole", roleARN(acct, r, n), roleTags(r)...); err != nil {
			return err
		}
		if r == nil {
			return noSuchRole(n)
		}
		out = &roleResult{roleOf(r)}
		return nil
	})
	return out, err
}

func roleTags(r *world.Role) []authzEntry {
	if r == nil {
		return nil
	}
	return resourceTags(r.Tags)
}

type listRolesResult struct {
	Roles       []roleElem `xml:"Roles>member"`
	IsTruncated bool
}

func listRoles(c *service.Call, p protocol.Params) (any, error) {
	prefix := "/"
	if p.Has("PathPrefix") {
		prefix = p.Get("PathPrefix")
	}
	acct := c.Account()
	out := &listRolesResult{Roles: []roleElem{}}
	err := c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:ListRoles", "arn:aws:iam::"+acct+":role"+prefix); err != nil {
			return err
		}
		for _, r := range world.Roles.List(tx, acct+"/") {
			if len(r.Path) >= len(prefix) && r.Path[:len(prefix)] == prefix {
				e := roleOf(r)
				e.Tags = nil
				out.Roles = append(out.Roles, e)
			}
		}
		return nil
	})
	return out, err
}

// updateRole runs the common shape of role changes: authorize action on
// the role, find it, change a copy.
func updateRole(c *service.Call, p protocol.Params, action string, change func(tx *world.Tx, r *world.Role) error, ctx ...authzEntry) error {
	acct := c.Account()
	return c.World.Update(func(tx *world.Tx) error {
		n, r, err := roleName(tx, acct, p)
		if err != nil {
			return err
		}
		ctx = append(ctx, roleTags(r)...)
		if err := allow(c, tx, action, roleARN(acct, r, n), ctx...); err != nil {
			return err
		}
		if r == nil {
			return noSuchRole(n)
		}
		r = r.Clone()
		if err := change(tx, r); err != nil {
			return err
		}
		return world.Roles.Put(tx, world.NameKey(acct, r.Name), r)
	})
}

func deleteRole(c *service.Call, p protocol.Params) (any, error) {
	acct := c.Account()
	return nil, c.World.Update(func(tx *world.Tx) error {
		n, r, err := roleName(tx, acct, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:DeleteRole", roleARN(acct, r, n), roleTags(r)...); err != nil {
			return err
		}
		if r == nil {
			return noSuchRole(n)
		}
		if len(r.Inline) > 0 {
			return deleteConflict("delete policies")
		}
		if len(r.Attached) > 0 {
			return deleteConflict("detach all policies")
		}
		return world.Roles.Delete(tx, world.NameKey(acct, r.Name))
	})
}

func updateAssumeRolePolicy(c *service.Call, p protocol.Params) (any, error) {
	return nil, updateRole(c, p, "iam:UpdateAssumeRolePolicy", func(tx *world.Tx, r *world.Role) error {
		d, err := document(c, tx, p, "PolicyDocument", world.TrustPolicy)
		if err != nil {
			return err
		}
		r.Trust = d
		return nil
	})
}

func putRolePolicy(c *service.Call, p protocol.Params) (any, error) {
	pn, err := name(p, "PolicyName", MaxPolicyName)
	if err != nil {
		return nil, err
	}
	return nil, updateRole(c, p, "iam:PutRolePolicy", func(tx *world.Tx, r *world.Role) error {
		d, err := document(c, tx, p, "PolicyDocument", world.IdentityPolicy)
		if err != nil {
			return err
		}
		if r.Inline == nil {
			r.Inline = map[string]*world.Doc{}
		}
		r.Inline[pn] = d
		return nil
	})
}

type rolePolicyResult struct {
	RoleName       string
	PolicyName     string
	PolicyDocument string
}

func getRolePolicy(c *service.Call, p protocol.Params) (any, error) {
	pn, err := name(p, "PolicyName", MaxPolicyName)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *rolePolicyResult
	err = c.World.View(func(tx *world.Tx) error {
		n, r, err := roleName(tx, acct, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:GetRolePolicy", roleARN(acct, r, n), roleTags(r)...); err != nil {
			return err
		}
		if r == nil {
			return noSuchRole(n)
		}
		d, ok := r.Inline[pn]
		if !ok {
			return noSuchEntity("The role policy with name %s cannot be found.", pn)
		}
		out = &rolePolicyResult{RoleName: r.Name, PolicyName: pn, PolicyDocument: encodeDoc(d.Text)}
		return nil
	})
	return out, err
}

func deleteRolePolicy(c *service.Call, p protocol.Params) (any, error) {
	pn, err := name(p, "PolicyName", MaxPolicyName)
	if err != nil {
		return nil, err
	}
	return nil, updateRole(c, p, "iam:DeleteRolePolicy", func(_ *world.Tx, r *world.Role) error {
		if _, ok := r.Inline[pn]; !ok {
			return noSuchEntity("The role policy with name %s cannot be found.", pn)
		}
		delete(r.Inline, pn)
		return nil
	})
}

func putRolePermissionsBoundary(c *service.Call, p protocol.Params) (any, error) {
	arn, err := p.Required("PermissionsBoundary")
	if err != nil {
		return nil, err
	}
	return nil, updateRole(c, p, "iam:PutRolePermissionsBoundary", func(tx *world.Tx, r *world.Role) error {
		if _, ok := c.World.ManagedDoc(tx, arn); !ok {
			return noSuchEntity("Scope ARN: %s does not exist or is not attachable.", arn)
		}
		r.Boundary = arn
		return nil
	}, entry("iam:PermissionsBoundary", arn))
}

func tagRole(c *service.Call, p protocol.Params) (any, error) {
	tags, err := readTags(p, MaxRoleTags)
	if err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, protocol.MissingParameter("ValidationError", "Tags")
	}
	return nil, updateRole(c, p, "iam:TagRole", func(_ *world.Tx, r *world.Role) error {
		for _, t := range tags {
			r.Tags = setTag(r.Tags, t)
		}
		if len(r.Tags) > MaxRoleTags {
			return protocol.Errorf(http.StatusConflict, "LimitExceeded", "The number of tags has reached the maximum limit.")
		}
		return nil
	}, tagContext(tags)...)
}

func setTag(ts []world.Tag, t world.Tag) []world.Tag {
	for i := range ts {
		if equalFold(ts[i].Key, t.Key) {
			ts[i] = t
			return ts
		}
	}
	return append(ts, t)
}
