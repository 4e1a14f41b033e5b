package iam

import (
	"slices"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

type policyElem struct {
	PolicyName                    string
	PolicyId                      string
	Arn                           string
	Path                          string
	DefaultVersionId              string
	AttachmentCount               int
	PermissionsBoundaryUsageCount int
	IsAttachable                  bool
	Description                   string `xml:",omitempty"`
	CreateDate                    string
	UpdateDate                    string
}

type policyResult struct {
	Policy policyElem
}

// usage counts the attachments of a managed policy and its uses as a
// permissions boundary.
func usage(tx *world.Tx, account, arn string) (attached, boundary int) {
	count := func(e *world.Entity, b string) {
		if slices.Contains(e.Attached, arn) {
			attached++
		}
		if b == arn {
			boundary++
		}
	}
	for _, u := range world.Users.List(tx, account+"/") {
		count(&u.Entity, u.Boundary)
	}
	for _, r := range world.Roles.List(tx, account+"/") {
		count(&r.Entity, r.Boundary)
	}
	for _, g := range world.Groups.List(tx, account+"/") {
		count(&g.Entity, "")
	}
	return attached, boundary
}

func policyOf(tx *world.Tx, mp *world.ManagedPolicy) policyElem {
	a, b := usage(tx, mp.Account, mp.ARN())
	return policyElem{PolicyName: mp.Name, PolicyId: mp.ID, Arn: mp.ARN(), Path: mp.Path,
		DefaultVersionId: "v" + itoa(mp.Version), AttachmentCount: a, PermissionsBoundaryUsageCount: b,
		IsAttachable: true, Description: mp.Description, CreateDate: stamp(mp.Created), UpdateDate: stamp(mp.Updated)}
}

func itoa(n int) string { return strconv.Itoa(n) }

func createPolicy(c *service.Call, p protocol.Params) (any, error) {
	n, err := name(p, "PolicyName", MaxPolicyName)
	if err != nil {
		return nil, err
	}
	pth, err := path(p)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *policyResult
	err = c.World.Update(func(tx *world.Tx) error {
		arn := "arn:aws:iam::" + acct + ":policy" + pth + n
		if err := allow(c, tx, "iam:CreatePolicy", arn); err != nil {
			return err
		}
		d, err := document(c, tx, p, "PolicyDocument", world.IdentityPolicy)
		if err != nil {
			return err
		}
		for _, mp := range world.Policies.List(tx, "arn:aws:iam::"+acct+":policy/") {
			if strings.EqualFold(mp.Name, n) {
				return alreadyExists("A policy called %s already exists. Duplicate names are not allowed.", n)
			}
		}
		now := c.Env.Now.UTC()
		mp := &world.ManagedPolicy{Account: acct, Name: n, Path: pth, ID: c.World.NewID(world.PrefixPolicy, 17),
			Description: p.Get("Description"), Doc: d, Version: 1, Created: now, Updated: now}
		out = &policyResult{policyOf(tx, mp)}
		return world.Policies.Put(tx, mp.ARN(), mp)
	})
	return out, err
}

func getPolicy(c *service.Call, p protocol.Params) (any, error) {
	arn, perr := p.Required("PolicyArn")
	if perr != nil {
		return nil, perr
	}
	var out *policyResult
	err := c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:GetPolicy", arn); err != nil {
			return err
		}
		mp, ok := world.Policies.Get(tx, arn)
		if !ok {
			return noSuchEntity("Policy %s was not found.", arn)
		}
		out = &policyResult{policyOf(tx, mp)}
		return nil
	})
	return out, err
}

// attachable checks a managed policy ARN for AttachRolePolicy and the like.
func attachable(c *service.Call, tx *world.Tx, arn string) error {
	if _, ok := c.World.ManagedDoc(tx, arn); !ok {
		return noSuchEntity("Policy %s does not exist or is not attachable.", arn)
	}
	return nil
}

func attachRolePolicy(c *service.Call, p protocol.Params) (any, error) {
	arn, err := p.Required("PolicyArn")
	if err != nil {
		return nil, err
	}
	return nil, updateRole(c, p, "iam:AttachRolePolicy", func(tx *world.Tx, r *world.Role) error {
		if err := attachable(c, tx, arn); err != nil {
			return err
		}
		if slices.Contains(r.Attached, arn) {
			return nil
		}
		if len(r.Attached) >= MaxManagedPerEntity {
			return protocol.Errorf(409, "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: %d", MaxManagedPerEntity)
		}
		r.Attached = append(r.Attached, arn)
		return nil
	}, entry("iam:PolicyARN", arn))
}

func detachRolePolicy(c *service.Call, p protocol.Params) (any, error) {
	arn, err := p.Required("PolicyArn")
	if err != nil {
		return nil, err
	}
	return nil, updateRole(c, p, "iam:DetachRolePolicy", func(_ *world.Tx, r *world.Role) error {
		i := slices.Index(r.Attached, arn)
		if i < 0 {
			return noSuchEntity("Policy %s was not found.", arn)
		}
		r.Attached = slices.Delete(r.Attached, i, i+1)
		return nil
	}, entry("iam:PolicyARN", arn))
}

// updateUser is updateRole for users.
func updateUser(c *service.Call, p protocol.Params, action string, change func(tx *world.Tx, u *world.User) error, ctx ...authzEntry) error {
	n, err := name(p, "UserName", MaxUserName)
	if err != nil {
		return err
	}
	acct := c.Account()
	return c.World.Update(func(tx *world.Tx) error {
		u, ok := world.Users.Get(tx, world.NameKey(acct, n))
		if ok {
			ctx = append(ctx, resourceTags(u.Tags)...)
		}
		if err := allow(c, tx, action, userARN(acct, u, n), ctx...); err != nil {
			return err
		}
		if !ok {
			return noSuchEntity("The user with name %s cannot be found.", n)
		}
		u = u.Clone()
		if err := change(tx, u); err != nil {
			return err
		}
		return world.Users.Put(tx, world.NameKey(acct, u.Name), u)
	})
}

func attachUserPolicy(c *service.Call, p protocol.Params) (any, error) {
	arn, err := p.Required("PolicyArn")
	if err != nil {
		return nil, err
	}
	return nil, updateUser(c, p, "iam:AttachUserPolicy", func(tx *world.Tx, u *world.User) error {
		if err := attachable(c, tx, arn); err != nil {
			return err
		}
		if slices.Contains(u.Attached, arn) {
			return nil
		}
		if len(u.Attached) >= MaxManagedPerEntity {
			return protocol.Errorf(409, "LimitExceeded", "Cannot exceed quota for PoliciesPerUser: %d", MaxManagedPerEntity)
		}
		u.Attached = append(u.Attached, arn)
		return nil
	}, entry("iam:PolicyARN", arn))
}

func detachUserPolicy(c *service.Call, p protocol.Params) (any, error) {
	arn, err := p.Required("PolicyArn")
	if err != nil {
		return nil, err
	}
	return nil, updateUser(c, p, "iam:DetachUserPolicy", func(_ *world.Tx, u *world.User) error {
		i := slices.Index(u.Attached, arn)
		if i < 0 {
			return noSuchEntity("Policy %s was not found.", arn)
		}
		u.Attached = slices.Delete(u.Attached, i, i+1)
		return nil
	}, entry("iam:PolicyARN", arn))
}

type attachedPolicy struct {
	PolicyName string
	PolicyArn  string
}

type listAttachedResult struct {
	AttachedPolicies []attachedPolicy `xml:"AttachedPolicies>member"`
	IsTruncated      bool
}

func listAttachedRolePolicies(c *service.Call, p protocol.Params) (any, error) {
	acct := c.Account()
	out := &listAttachedResult{AttachedPolicies: []attachedPolicy{}}
	err := c.World.View(func(tx *world.Tx) error {
		n, r, err := roleName(tx, acct, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:ListAttachedRolePolicies", roleARN(acct, r, n), roleTags(r)...); err != nil {
			return err
		}
		if r == nil {
			return noSuchRole(n)
		}
		for _, arn := range r.Attached {
			out.AttachedPolicies = append(out.AttachedPolicies, attachedPolicy{PolicyName: arn[strings.LastIndexByte(arn, '/')+1:], PolicyArn: arn})
		}
		return nil
	})
	return out, err
}
