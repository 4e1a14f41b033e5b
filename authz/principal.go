package authz

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

// Grant says how a Principal element names the caller, which decides what
// limits an Allow in a resource-based policy is subject to.
type Grant uint8

// The ways a principal can be named, weakest first.
const (
	GrantNone Grant = iota
	// GrantAccount: the caller's account (delegation: its own policies must allow too).
	GrantAccount
	// GrantRole: the role behind the caller's session (boundary and session policy still limit).
	GrantRole
	// GrantDirect: the caller itself, by its own ARN, or everyone ("*").
	GrantDirect
)

var grantNames = [...]string{"", "account", "role", "direct"}

func (g Grant) String() string { return grantNames[g] }

// identity bits: the names under which AWS looks a caller up in a Principal
// element. NotPrincipal excludes a caller only when it lists every one.
const (
	idSelf uint8 = 1 << iota
	idRole
	idAccount
)

func (c *Caller) identities() uint8 {
	switch c.Kind {
	case KindUser, KindFederatedUser:
		return idSelf | idAccount
	case KindRole:
		return idRole | idAccount
	case KindRoleSession:
		return idSelf | idRole | idAccount
	case KindRoot:
		return idAccount
	}
	return idSelf
}

// named returns which of the caller's identities the element lists.
func named(p *policy.Principal, c *Caller) uint8 {
	if p.Any {
		return idSelf | idRole | idAccount
	}
	var bits uint8
	for _, v := range p.AWS {
		bits |= namedAWS(v.S, c)
	}
	for _, v := range p.Service {
		bits |= namedService(v.S, c)
	}
	for _, v := range p.Federated {
		bits |= namedProvider(v.S, c)
	}
	return bits
}

// namingValue returns the first value of a Principal element that names
// the caller, or "".
func namingValue(p *policy.Principal, c *Caller) string {
	switch {
	case p == nil:
		return ""
	case p.Any:
		return "*"
	}
	for _, l := range []struct {
		vs    []policy.Value
		names func(string, *Caller) uint8
	}{{p.AWS, namedAWS}, {p.Service, namedService}, {p.Federated, namedProvider}} {
		for _, v := range l.vs {
			if l.names(v.S, c) != 0 {
				return v.S
			}
		}
	}
	return ""
}

// namedService matches one value of "Service": the caller's service name.
func namedService(v string, c *Caller) uint8 {
	if c.Kind == KindService && strings.EqualFold(v, c.Name) {
		return idSelf
	}
	return 0
}

// namedProvider matches one value of "Federated": the identity provider
// that calls AssumeRoleWith*.
func namedProvider(v string, c *Caller) uint8 {
	if c.Kind == KindProvider && strings.EqualFold(v, c.ARN) {
		return idSelf
	}
	return 0
}

// namedAWS matches one value of "AWS": "*", an account ID or root ARN, or an
// ARN. Wildcards inside ARNs are not allowed in principals, so ARNs compare
// exactly.
func namedAWS(v string, c *Caller) uint8 {
	if v == "*" {
		return idSelf | idRole | idAccount
	}
	if !c.InAccount() {
		return 0
	}
	if v == c.Account || v == "arn:"+c.Partition+":iam::"+c.Account+":root" {
		return idAccount
	}
	if c.Kind == KindRoot {
		return 0
	}
	if (c.Kind == KindRoleSession || c.Kind == KindRole) && sameRole(v, c) {
		return idRole
	}
	if v == c.ARN {
		return idSelf
	}
	return 0
}

// sameRole reports whether v is the ARN of the caller's role: the role's
// path, which a session ARN does not show, may differ.
func sameRole(v string, c *Caller) bool {
	if v == c.RoleARN {
		return true
	}
	a, ok := policy.ParseARN(v)
	return ok && a.Service == "iam" && a.Account == c.Account && a.Partition == c.Partition &&
		strings.HasPrefix(a.Resource, "role/") && lastSegment(a.Resource) == c.Name
}

// principalGrant evaluates a statement's Principal or NotPrincipal for the caller.
func principalGrant(s *policy.Statement, c *Caller) Grant {
	bits := named(s.Principal, c)
	if s.NotPrincipal {
		if all := c.identities(); bits&all == all {
			return GrantNone
		}
		return GrantDirect
	}
	switch {
	case bits&idSelf != 0:
		return GrantDirect
	case bits&idRole != 0:
		return GrantRole
	case bits&idAccount != 0:
		if c.Kind == KindRoot {
			return GrantDirect // the account principal is the root user's own identity
		}
		return GrantAccount
	}
	return GrantNone
}
