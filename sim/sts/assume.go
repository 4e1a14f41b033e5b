package sts

import (
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

type assumedRoleUser struct {
	AssumedRoleId string
	Arn           string
}

type assumeRoleResult struct {
	Credentials      *Credentials
	AssumedRoleUser  assumedRoleUser
	PackedPolicySize int
	SourceIdentity   string `xml:",omitempty"`
}

// assumeArgs are AssumeRole's parameters, checked.
type assumeArgs struct {
	roleARN, name, externalID, sourceIdentity string
	mfa                                       bool
	session                                   *sessionParams
}

func readAssume(c *service.Call, tx *world.Tx, p protocol.Params) (*assumeArgs, error) {
	a := &assumeArgs{}
	var err error
	if a.roleARN, err = p.Required("RoleArn"); err != nil {
		return nil, err
	}
	if err := checkString(a.roleARN, "roleArn", 20, 2048, nil); err != nil {
		return nil, err
	}
	if a.name, err = p.Required("RoleSessionName"); err != nil {
		return nil, err
	}
	if err := checkString(a.name, "roleSessionName", 2, 64, namePattern); err != nil {
		return nil, err
	}
	if p.Has("ExternalId") {
		a.externalID = p.Get("ExternalId")
		if err := checkString(a.externalID, "externalId", 2, 1224, externalPattern); err != nil {
			return nil, err
		}
	}
	if p.Has("SourceIdentity") {
		a.sourceIdentity = p.Get("SourceIdentity")
		if err := checkString(a.sourceIdentity, "sourceIdentity", 2, 64, namePattern); err != nil {
			return nil, err
		}
	}
	if a.mfa, err = mfa(p); err != nil {
		return nil, err
	}
	s, e := readSession(c, tx, p)
	if e != nil {
		return nil, e
	}
	a.session = s
	return a, nil
}

// assumeRole: the caller's identity policies and the role's trust policy
// decide (the engine takes the trust policy as the resource policy, which
// must allow the caller itself); session tags need sts:TagSession and a
// source identity sts:SetSourceIdentity, in the trust policy too.
func assumeRole(c *service.Call, p protocol.Params) (any, error) {
	caller := c.Env.Principal
	if caller.Root {
		// "Roles may not be assumed by root accounts" (STS's answer).
		return nil, accessDenied("Roles may not be assumed by root accounts.")
	}
	var out *assumeRoleResult
	err := c.World.Update(func(tx *world.Tx) error {
		a, err := readAssume(c, tx, p)
		if err != nil {
			return err
		}
		role := findRole(tx, a.roleARN)
		chained := caller.Session != nil && caller.Session.Kind == world.SessionAssumedRole
		if err := authorizeAssume(c, tx, a, role, chained); err != nil {
			return err
		}
		if role == nil {
			return accessDenied("User: " + caller.ARN + " is not authorized to perform: sts:AssumeRole on resource: " + a.roleARN)
		}
		seconds, err := assumeDuration(p, role, chained)
		if err != nil {
			return err
		}
		pct, perr := a.session.packed()
		if perr != nil {
			return perr
		}
		s := newSession(c.World, world.SessionAssumedRole, role.Account, c.Env.Now, seconds)
		s.RoleName, s.RoleID, s.RoleARN, s.Name = role.Name, role.ID, role.ARN(), a.name
		s.Policy, s.PolicyARNs, s.MFA, s.Chained = a.session.policy, a.session.policyARNs, a.mfa, chained
		s.Tags, s.Transitive, s.SourceIdentity = a.session.tags, a.session.transitive, a.sourceIdentity
		if chained {
			inherit(s, caller.Session)
		}
		if err := putSession(tx, s, c.Env.Now); err != nil {
			return err
		}
		out = &assumeRoleResult{Credentials: credentials(s), PackedPolicySize: pct, SourceIdentity: s.SourceIdentity,
			AssumedRoleUser: assumedRoleUser{AssumedRoleId: s.RoleID + ":" + s.Name, Arn: s.ARN()}}
		c.Event.ResponseElements = map[string]any{
			"credentials":     map[string]any{"accessKeyId": s.KeyID, "expiration": s.Expires.UTC().Format(timeFormat)},
			"assumedRoleUser": map[string]any{"assumedRoleId": out.AssumedRoleUser.AssumedRoleId, "arn": out.AssumedRoleUser.Arn},
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// inherit passes a chained session what persists through role chaining:
// the transitive tags ("transitive session tags persist during role
// chaining") and the source identity.
func inherit(s, from *world.Session) {
	for _, k := range from.Transitive {
		for _, t := range from.Tags {
			if strings.EqualFold(t.Key, k) {
				s.Tags = setTag(s.Tags, t)
				s.Transitive = appendKey(s.Transitive, k)
			}
		}
	}
	if s.SourceIdentity == "" {
		s.SourceIdentity = from.SourceIdentity
	}
}

func setTag(ts []world.Tag, t world.Tag) []world.Tag {
	for i := range ts {
		if strings.EqualFold(ts[i].Key, t.Key) {
			ts[i] = t
			return ts
		}
	}
	return append(ts, t)
}

func appendKey(ks []string, k string) []string {
	for _, x := range ks {
		if strings.EqualFold(x, k) {
			return ks
		}
	}
	return append(ks, k)
}

// findRole returns the role an ARN names, or a stand-in without a trust
// policy when there is none (AWS answers AccessDenied either way, not
// telling whether the role exists).
func findRole(tx *world.Tx, arn string) *world.Role {
	a, ok := policy.ParseARN(arn)
	if ok && a.Service == "iam" && strings.HasPrefix(a.Resource, "role/") {
		name := a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]
		if r, ok := world.Roles.Get(tx, world.NameKey(a.Account, name)); ok && r.ARN() == arn {
			return r
		}
	}
	return nil
}

func authorizeAssume(c *service.Call, tx *world.Tx, a *assumeArgs, role *world.Role, chained bool) error {
	req := &authorize.Request{Action: "sts:AssumeRole", Resource: a.roleARN, Trust: true}
	if role != nil {
		req.Policy = &world.NamedDoc{Name: "trust policy of " + role.Name, Doc: role.Trust}
	}
	ctx := []authz.Entry{{Key: "sts:RoleSessionName", Values: []string{a.name}}}
	if a.externalID != "" {
		ctx = append(ctx, authz.Entry{Key: "sts:ExternalId", Values: []string{a.externalID}})
	}
	if a.mfa {
		ctx = append(ctx, authz.Entry{Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}},
			authz.Entry{Key: "aws:MultiFactorAuthAge", Values: []string{"0"}})
	}
	if a.sourceIdentity != "" {
		ctx = append(ctx, authz.Entry{Key: "sts:SourceIdentity", Values: []string{a.sourceIdentity}})
	}
	ctx = append(ctx, a.session.tagContext()...)
	req.Context = ctx
	if _, err := c.Authorize(tx, req); err != nil {
		return err
	}
	if role == nil {
		return nil // the caller answers: without a trust policy the engine denies
	}
	if len(a.session.tags) > 0 {
		tag := *req
		tag.Action = "sts:TagSession"
		if _, err := c.Authorize(tx, &tag); err != nil {
			return err
		}
	}
	if a.sourceIdentity != "" {
		set := *req
		set.Action = "sts:SetSourceIdentity"
		if _, err := c.Authorize(tx, &set); err != nil {
			return err
		}
	}
	return nil
}

// assumeDuration is DurationSeconds within the role's maximum session
// duration; role chaining "limits your AWS CLI or AWS API role session to
// a maximum of one hour" (IAM User Guide, role chaining).
func assumeDuration(p protocol.Params, role *world.Role, chained bool) (int, error) {
	n, err := duration(p, 3600, world.MaxMaxSession)
	if err != nil {
		return 0, err
	}
	if chained && n > MaxChainedDuration {
		return 0, protocol.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	}
	if n > role.MaxSession {
		return 0, protocol.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	return n, nil
}
