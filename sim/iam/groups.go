package iam

import (
	"slices"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

type groupElem struct {
	Path       string
	GroupName  string
	GroupId    string
	Arn        string
	CreateDate string
}

type groupResult struct {
	Group groupElem
}

func createGroup(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "GroupName", MaxGroupName)
	if err != nil {
		return nil, err
	}
	pth, err := path(p)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *groupResult
	err = c.World.Update(func(tx *world.Tx) error {
		arn := "arn:aws:iam::" + acct + ":group" + pth + n
		if err := allow(c, tx, "iam:CreateGroup", arn); err != nil {
			return err
		}
		if _, dup := world.Groups.Get(tx, world.NameKey(acct, n)); dup {
			return alreadyExists("Group with name %s already exists.", n)
		}
		g := &world.Group{Entity: world.Entity{Account: acct, Name: n, Path: pth, ID: c.World.NewID(world.PrefixGroup, 17), Created: c.Env.Now.UTC()}}
		out = &groupResult{groupElem{Path: pth, GroupName: n, GroupId: g.ID, Arn: g.ARN(), CreateDate: stamp(g.Created)}}
		return world.Groups.Put(tx, world.NameKey(acct, n), g)
	})
	return out, err
}

func addUserToGroup(c *service.Call, p protocol.Params) (any, error) {
	gn, err := name(p, "GroupName", MaxGroupName)
	if err != nil {
		return nil, err
	}
	un, err := name(p, "UserName", MaxUserName)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	return nil, c.World.Update(func(tx *world.Tx) error {
		g, ok := world.Groups.Get(tx, world.NameKey(acct, gn))
		arn := "arn:aws:iam::" + acct + ":group/" + gn
		if ok {
			arn = g.ARN()
		}
		if err := allow(c, tx, "iam:AddUserToGroup", arn); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The group with name %s cannot be found.", gn)
		}
		u, ok := world.Users.Get(tx, world.NameKey(acct, un))
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", un)
		}
		if slices.Contains(u.Groups, g.Name) {
			return nil
		}
		u = u.Clone()
		u.Groups = append(u.Groups, g.Name)
		return world.Users.Put(tx, world.NameKey(acct, u.Name), u)
	})
}
