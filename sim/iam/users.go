package iam

import (
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

type userElem struct {
	Path                string
	UserName            string
	UserId              string
	Arn                 string
	CreateDate          string
	PermissionsBoundary *boundaryElem `xml:",omitempty"`
	Tags                []xmlTag      `xml:"Tags>member,omitempty"`
}

func userOf(u *world.User) userElem {
	return userElem{Path: u.Path, UserName: u.Name, UserId: u.ID, Arn: u.ARN(), CreateDate: stamp(u.Created),
		PermissionsBoundary: boundaryOf(u.Boundary), Tags: xmlTags(u.Tags)}
}

type userResult struct {
	User userElem
}

func createUser(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "UserName", MaxUserName)
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
	boundary := p.Get("PermissionsBoundary")
	acct := c.Account()
	var out *userResult
	err = c.World.Update(func(tx *world.Tx) error {
		arn := "arn:aws:iam::" + acct + ":user" + pth + n
		ctx := tagContext(tags)
		if boundary != "" {
			ctx = append(ctx, entry("iam:PermissionsBoundary", boundary))
		}
		if err := allow(c, tx, "iam:CreateUser", arn, ctx...); err != nil {
			return err
		}
		if _, dup := world.Users.Get(tx, world.NameKey(acct, n)); dup {
			return alreadyExists("User with name %s already exists.", n)
		}
		if boundary != "" {
			if _, ok := c.World.ManagedDoc(tx, boundary); !ok {
				return noSuchEntity("Scope ARN: %s does not exist or is not attachable.", boundary)
			}
		}
		u := &world.User{Entity: world.Entity{Account: acct, Name: n, Path: pth, ID: c.World.NewID(world.PrefixUser, 17), Created: c.Env.Now.UTC()},
			Tags: tags, Boundary: boundary}
		out = &userResult{userOf(u)}
		return world.Users.Put(tx, world.NameKey(acct, n), u)
	})
	return out, err
}

func getUser(c *service.Call, p protocol.Params) (any, error) {
	n, err := userArg(c, p)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *userResult
	err = c.World.View(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:GetUser", userARN(acct, u, n)); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		out = &userResult{userOf(u)}
		return nil
	})
	return out, err
}

type listUsersResult struct {
	Users       []userElem `xml:"Users>member"`
	IsTruncated bool
}

func listUsers(c *service.Call, p protocol.Params) (any, error) {
	prefix := "/"
	if p.Has("PathPrefix") {
		prefix = p.Get("PathPrefix")
	}
	acct := c.Account()
	out := &listUsersResult{Users: []userElem{}}
	err := c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:ListUsers", "arn:aws:iam::"+acct+":user"+prefix); err != nil {
			return err
		}
		for _, u := range world.Users.List(tx, acct+"/") {
			if len(u.Path) >= len(prefix) && u.Path[:len(prefix)] == prefix {
				e := userOf(u)
				e.Tags = nil // ListUsers does not return tags
				out.Users = append(out.Users, e)
			}
		}
		return nil
	})
	return out, err
}

func deleteUser(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "UserName", MaxUserName)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	return nil, c.World.Update(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:DeleteUser", userARN(acct, u, n)); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		switch {
		case len(keysOf(tx, acct, u.Name)) > 0:
			return deleteConflict("delete access keys")
		case len(u.Inline) > 0:
			return deleteConflict("delete policies")
		case len(u.Attached) > 0:
			return deleteConflict("detach all policies")
		case len(u.Groups) > 0:
			return deleteConflict("remove users from group")
		}
		return world.Users.Delete(tx, world.NameKey(acct, n))
	})
}

func putUserPolicy(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "UserName", MaxUserName)
	if err != nil {
		return nil, err
	}
	pn, err := name(p, "PolicyName", MaxPolicyName)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	return nil, c.World.Update(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:PutUserPolicy", userARN(acct, u, n)); err != nil {
			return err
		}
		d, err := document(c, tx, p, "PolicyDocument", world.IdentityPolicy)
		if err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		u = u.Clone()
		if u.Inline == nil {
			u.Inline = map[string]*world.Doc{}
		}
		u.Inline[pn] = d
		return world.Users.Put(tx, world.NameKey(acct, n), u)
	})
}

type userPolicyResult struct {
	UserName       string
	PolicyName     string
	PolicyDocument string
}

func getUserPolicy(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "UserName", MaxUserName)
	if err != nil {
		return nil, err
	}
	pn, err := name(p, "PolicyName", MaxPolicyName)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *userPolicyResult
	err = c.World.View(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:GetUserPolicy", userARN(acct, u, n)); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		d, ok := u.Inline[pn]
		if !ok {
			return noSuchEntity("The user policy with name %s cannot be found.", pn)
		}
		out = &userPolicyResult{UserName: u.Name, PolicyName: pn, PolicyDocument: encodeDoc(d.Text)}
		return nil
	})
	return out, err
}

func deleteUserPolicy(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "UserName", MaxUserName)
	if err != nil {
		return nil, err
	}
	pn, err := name(p, "PolicyName", MaxPolicyName)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	return nil, c.World.Update(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:DeleteUserPolicy", userARN(acct, u, n)); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		if _, ok := u.Inline[pn]; !ok {
			return noSuchEntity("The user policy with name %s cannot be found.", pn)
		}
		u = u.Clone()
		delete(u.Inline, pn)
		return world.Users.Put(tx, world.NameKey(acct, n), u)
	})
}
