package kms

import (
	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// How AWS KMS authorizes a call on a key: "When authorizing access to a
// KMS key, AWS KMS evaluates ... the key policy ... all IAM policies that
// are attached to the IAM user or role making the request ... all grants
// that apply to the KMS key ... other types of policies ... such as AWS
// Organizations service control policies" (KMS Developer Guide,
// troubleshooting key access). The engine decides the key policy with the
// caller's policies; it treats a key policy as one that must allow the
// caller itself or delegate to the account ("Without this permission, IAM
// policies that allow access to the key are ineffective, although IAM
// policies that deny access to the key are still effective", default key
// policy). A grant is a further allow: "A grant can allow access to a KMS
// key, but not deny access" (grants). The lab asks the engine again with
// each grant that applies, written as a resource policy that names its
// grantee, so that explicit denies, SCPs and the rest still count.

// question is one authorization question about a key.
type question struct {
	action string        // "kms:Encrypt"
	ctx    []authz.Entry // the call's own keys; the key's are added
	// op is the grant operation that may allow the call ("Encrypt"); ""
	// when grants cannot (RevokeGrant, PutKeyPolicy...).
	op string
	// ec is the request's encryption context, for grant constraints.
	ec map[string]string
	// child limits the grants that may allow a CreateGrant to those whose
	// grantee may make that grant.
	child func(*Grant) bool
	// alias is kms:RequestAlias, when the request named the key by alias.
	alias string
}

func entry(k string, v ...string) authz.Entry { return authz.Entry{Key: k, Values: v} }

// keyContext is what AWS sets for a KMS key resource operation: the
// caller's account and the key's own properties ("Conditions for KMS keys
// used in API operations", KMS condition keys). kms:ViaService is absent:
// no AWS service calls on anyone's behalf here.
func keyContext(c *service.Call, k *Key, q *question) []authz.Entry {
	out := make([]authz.Entry, 0, 8+len(k.Tags)+len(q.ctx))
	out = append(out, q.ctx...)
	out = append(out,
		entry("kms:CallerAccount", c.Account()),
		entry("kms:KeySpec", k.Spec),
		entry("kms:KeyUsage", k.Usage),
		entry("kms:KeyOrigin", k.Origin),
		entry("kms:MultiRegion", "false"))
	if q.alias != "" {
		out = append(out, entry("kms:RequestAlias", q.alias))
	}
	if len(k.Aliases) > 0 {
		out = append(out, entry("kms:ResourceAliases", k.Aliases...))
	}
	for _, t := range k.Tags {
		out = append(out, entry("aws:ResourceTag/"+t.TagKey, t.TagValue))
	}
	return out
}

// allowKey asks whether the call may do q on key k: the key policy with
// the caller's policies, then the grants. The event records the deciding
// answer: the grant's when a grant allows, else the key policy's.
func allowKey(c *service.Call, tx *world.Tx, k *Key, q question) error {
	req := &authorize.Request{Action: q.action, Resource: k.ARN(),
		Policy: &world.NamedDoc{Name: "key policy", Doc: k.Policy}, Context: keyContext(c, k, &q)}
	d, err := authorize.Decide(c.World, tx, &c.Env, req)
	if err != nil {
		return protocol.Internal(err)
	}
	if !d.Allowed() && d.Decision != authz.ExplicitDeny && q.op != "" {
		if g, gd := grantAllows(c, tx, k, &q, req); g != nil {
			c.Event.Note = "allowed by grant " + g.ID + ", not by the key policy"
			d = gd
		}
	}
	return record(c, d)
}

// grantAllows returns the first grant on the key that allows the request,
// and the engine's answer with that grant as the resource policy.
func grantAllows(c *service.Call, tx *world.Tx, k *Key, q *question, req *authorize.Request) (*Grant, *authorize.Decision) {
	for _, g := range grants.List(tx, k.storeKey()+"/") {
		if !g.covers(q.op, q.ec) || (q.child != nil && !q.child(g)) {
			continue
		}
		gr := *req
		gr.Policy = &world.NamedDoc{Name: "grant " + g.ID, Doc: g.Doc}
		if d, err := authorize.Decide(c.World, tx, &c.Env, &gr); err == nil && d.Allowed() {
			return g, d
		}
	}
	return nil, nil
}

// allowIAM asks about an action that only identity policies decide: on
// "*" (CreateKey, ListKeys, ListAliases) or on an alias ("kms:CreateAlias
// for the alias. Provide this permission in an IAM policy", controlling
// access to aliases).
func allowIAM(c *service.Call, tx *world.Tx, action, resource string, ctx ...authz.Entry) error {
	_, err := c.Authorize(tx, &authorize.Request{Action: action, Resource: resource, Context: ctx})
	return err
}

// record adds a decision to the event and answers a denial.
func record(c *service.Call, d *authorize.Decision) error {
	c.Event.Decisions = append(c.Event.Decisions, d)
	if !d.Allowed() {
		return c.Denied(d)
	}
	return nil
}
