package sts

import (
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

type sessionTokenResult struct {
	Credentials *Credentials
}

// getSessionToken: "No permissions are required for users to perform
// this operation. The purpose of the sts:GetSessionToken operation is to
// authenticate the user using MFA. You cannot use policies to control
// authentication operations" (STS API Reference). It is refused to
// session credentials.
func getSessionToken(c *service.Call, p protocol.Params) (any, error) {
	caller := c.Env.Principal
	if caller.Session != nil {
		return nil, accessDenied("Cannot call GetSessionToken with session credentials")
	}
	def, max := DefaultTokenSeconds, MaxTokenDuration
	if caller.Root {
		def, max = RootTokenSeconds, RootTokenSeconds
	}
	seconds, err := duration(p, def, max)
	if err != nil {
		return nil, err
	}
	hasMFA, err := mfa(p)
	if err != nil {
		return nil, err
	}
	c.Event.Note = "GetSessionToken needs no permission: policies cannot control authentication operations"
	var out *sessionTokenResult
	uerr := c.World.Update(func(tx *world.Tx) error {
		s := newSession(c.World, world.SessionToken, caller.Account, c.Env.Now, seconds)
		s.MFA, s.Root = hasMFA, caller.Root
		if caller.User != nil {
			s.User = caller.User.Name
		}
		out = &sessionTokenResult{Credentials: credentials(s)}
		return putSession(tx, s, c.Env.Now)
	})
	if uerr != nil {
		return nil, uerr
	}
	c.Event.ResponseElements = map[string]any{"credentials": map[string]any{"accessKeyId": out.Credentials.AccessKeyId, "expiration": out.Credentials.Expiration}}
	return out, nil
}

type federatedUser struct {
	FederatedUserId string
	Arn             string
}

type federationTokenResult struct {
	Credentials      *Credentials
	FederatedUser    federatedUser
	PackedPolicySize int
}

// getFederationToken needs sts:GetFederationToken on the federated user;
// role sessions cannot call it.
func getFederationToken(c *service.Call, p protocol.Params) (any, error) {
	caller := c.Env.Principal
	if caller.Session != nil {
		return nil, accessDenied("Cannot call GetFederationToken with session credentials")
	}
	name, perr := p.Required("Name")
	if perr != nil {
		return nil, perr
	}
	if err := checkString(name, "name", 2, 32, namePattern); err != nil {
		return nil, err
	}
	def, max := DefaultTokenSeconds, MaxTokenDuration
	if caller.Root {
		def, max = RootTokenSeconds, RootTokenSeconds
	}
	seconds, perr := duration(p, def, max)
	if perr != nil {
		return nil, perr
	}
	var out *federationTokenResult
	err := c.World.Update(func(tx *world.Tx) error {
		sp, err := readSession(c, tx, p)
		if err != nil {
			return err
		}
		arn := "arn:aws:sts::" + caller.Account + ":federated-user/" + name
		req := &authorize.Request{Action: "sts:GetFederationToken", Resource: arn, Context: sp.tagContext()}
		if _, err := c.Authorize(tx, req); err != nil {
			return err
		}
		if len(sp.tags) > 0 {
			tag := *req
			tag.Action = "sts:TagSession"
			if _, err := c.Authorize(tx, &tag); err != nil {
				return err
			}
		}
		pct, perr := sp.packed()
		if perr != nil {
			return perr
		}
		s := newSession(c.World, world.SessionFederated, caller.Account, c.Env.Now, seconds)
		s.Name, s.Root, s.Policy, s.PolicyARNs, s.Tags = name, caller.Root, sp.policy, sp.policyARNs, sp.tags
		if caller.User != nil {
			s.User = caller.User.Name
		}
		out = &federationTokenResult{Credentials: credentials(s), PackedPolicySize: pct,
			FederatedUser: federatedUser{FederatedUserId: caller.Account + ":" + name, Arn: arn}}
		return putSession(tx, s, c.Env.Now)
	})
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = map[string]any{"credentials": map[string]any{"accessKeyId": out.Credentials.AccessKeyId, "expiration": out.Credentials.Expiration},
		"federatedUser": map[string]any{"federatedUserId": out.FederatedUser.FederatedUserId, "arn": out.FederatedUser.Arn}}
	return out, nil
}
