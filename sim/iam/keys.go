package iam

import (
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// keysOf lists a user's access keys.
func keysOf(tx *world.Tx, account, user string) []*world.AccessKey {
	var out []*world.AccessKey
	for _, k := range world.AccessKeys.List(tx, "") {
		if k.Account == account && k.User == user {
			out = append(out, k)
		}
	}
	return out
}

type accessKeyElem struct {
	UserName        string
	AccessKeyId     string
	Status          string
	SecretAccessKey string `xml:",omitempty"`
	CreateDate      string
}

func status(k *world.AccessKey) string {
	if k.Active {
		return "Active"
	}
	return "Inactive"
}

type createAccessKeyResult struct {
	AccessKey accessKeyElem
}

func createAccessKey(c *service.Call, p protocol.Params) (any, error) {
	n, err := userArg(c, p)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *createAccessKeyResult
	err = c.World.Update(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:CreateAccessKey", userARN(acct, u, n)); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		if len(keysOf(tx, acct, u.Name)) >= MaxAccessKeys {
			return protocol.Errorf(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: %d", MaxAccessKeys)
		}
		k := &world.AccessKey{ID: c.World.NewID(world.PrefixAccessKey, 16), Secret: c.World.NewSecret(),
			Account: acct, User: u.Name, Active: true, Created: c.Env.Now.UTC()}
		out = &createAccessKeyResult{accessKeyElem{UserName: u.Name, AccessKeyId: k.ID, Status: "Active",
			SecretAccessKey: k.Secret, CreateDate: stamp(k.Created)}}
		c.Event.ResponseElements = map[string]any{"accessKey": map[string]any{"userName": u.Name, "accessKeyId": k.ID, "status": "Active"}}
		return world.AccessKeys.Put(tx, k.ID, k)
	})
	return out, err
}

type listAccessKeysResult struct {
	AccessKeyMetadata []accessKeyElem `xml:"AccessKeyMetadata>member"`
	IsTruncated       bool
}

func listAccessKeys(c *service.Call, p protocol.Params) (any, error) {
	n, err := userArg(c, p)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	out := &listAccessKeysResult{AccessKeyMetadata: []accessKeyElem{}}
	err = c.World.View(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:ListAccessKeys", userARN(acct, u, n)); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		for _, k := range keysOf(tx, acct, u.Name) {
			out.AccessKeyMetadata = append(out.AccessKeyMetadata, accessKeyElem{UserName: u.Name, AccessKeyId: k.ID, Status: status(k), CreateDate: stamp(k.Created)})
		}
		return nil
	})
	return out, err
}

func deleteAccessKey(c *service.Call, p protocol.Params) (any, error) {
	n, err := userArg(c, p)
	if err != nil {
		return nil, err
	}
	id, err := p.Required("AccessKeyId")
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	return nil, c.World.Update(func(tx *world.Tx) error {
		u, _ := world.Users.Get(tx, world.NameKey(acct, n))
		if err := allow(c, tx, "iam:DeleteAccessKey", userARN(acct, u, n)); err != nil {
			return err
		}
		k, ok := world.AccessKeys.Get(tx, id)
		if !ok || k.Account != acct || k.User == "" || u == nil || k.User != u.Name {
			return noSuchEntity("The Access Key with id %s cannot be found.", id)
		}
		return world.AccessKeys.Delete(tx, id)
	})
}
