package s3

import (
	"net/netip"
	"strings"

	"github.com/iamlab/iamlab/policy"
)

// Public reports whether S3 considers a bucket policy public ("The meaning
// of public", S3 User Guide): "Amazon S3 begins by assuming that the
// policy is public. ... To be considered non-public, a bucket policy must
// grant access only to fixed values (values that don't contain a wildcard
// or an AWS Identity and Access Management Policy Variable)" of a
// principal or of one of the listed condition keys. A policy is public
// when one of its Allow statements grants to others.
func Public(p *policy.Policy) bool {
	if p == nil {
		return false
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect == policy.Allow && !fixedPrincipal(s) && !fixedCondition(s) {
			return true
		}
	}
	return false
}

// fixedPrincipal: "An AWS principal, user, role, or service principal"
// named by fixed values. "*", a wildcard in an ARN, a federated principal
// (the guide's first example of a public policy is one for
// graph.facebook.com) or NotPrincipal grant to others.
func fixedPrincipal(s *policy.Statement) bool {
	p := s.Principal
	if p == nil || s.NotPrincipal || p.Any || len(p.Federated) > 0 {
		return false
	}
	n := 0
	for _, vs := range [][]policy.Value{p.AWS, p.Service, p.CanonicalUser} {
		for _, v := range vs {
			if !fixed(v.S) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// limitingKeys are the condition keys whose fixed values make a grant
// non-public: the guide's list, and aws:PrincipalOrgID, aws:PrincipalAccount
// and aws:PrincipalArn, which name principals as its first item does
// ("An AWS principal, user, role, or service principal (e.g.
// aws:PrincipalOrgID)"). Lower case: keys are case-insensitive.
var limitingKeys = map[string]bool{
	"aws:sourceip": true, "aws:sourcearn": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:sourceowner": true, "aws:sourceaccount": true, "s3:x-amz-server-side-encryption-aws-kms-key-id": true,
	"aws:userid": true, "s3:dataaccesspointarn": true, "s3:dataaccesspointaccount": true,
	"aws:principalorgid": true, "aws:principalaccount": true, "aws:principalarn": true,
}

// fixedCondition reports whether a condition of the statement limits it
// to fixed values of a limiting key: an operator that must match (not a
// negated one, not IfExists, not ForAllValues, which an absent key
// satisfies) with values free of wildcards and variables.
func fixedCondition(s *policy.Statement) bool {
	for i := range s.Conditions {
		c := &s.Conditions[i]
		k := strings.ToLower(c.Key)
		if !limitingKeys[k] || c.Op.IfExists || c.Op.Set == policy.ForAllValues || c.Op.Base.Negated() || len(c.Values) == 0 {
			continue
		}
		switch c.Op.Base {
		case policy.OpStringEquals, policy.OpStringEqualsIgnoreCase, policy.OpStringLike, policy.OpArnEquals, policy.OpArnLike:
			if k != "aws:sourceip" && allFixed(c.Values) {
				return true
			}
		case policy.OpIPAddress:
			if k == "aws:sourceip" && narrowRanges(c.Values) {
				return true
			}
		}
	}
	return false
}

func allFixed(vs []policy.Value) bool {
	for _, v := range vs {
		if !fixed(v.S) {
			return false
		}
	}
	return true
}

// fixed: no wildcard, no policy variable.
func fixed(v string) bool { return !strings.ContainsAny(v, "*?") && !strings.Contains(v, "${") }

// Broadest aws:SourceIp ranges of a non-public policy: "values broader
// than /8 for IPv4 and /32 for IPv6 (excluding RFC1918 private ranges)"
// are public.
const (
	minIPv4Prefix = 8
	minIPv6Prefix = 32
)

// narrowRanges reports whether every CIDR is at most as broad as S3
// allows a non-public policy's. The private ranges that the rule
// excludes are no broader than /8 (10.0.0.0/8), so they need no case.
func narrowRanges(vs []policy.Value) bool {
	for _, v := range vs {
		p, err := netip.ParsePrefix(v.S)
		if err != nil {
			a, aerr := netip.ParseAddr(v.S)
			if aerr != nil {
				return false
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		min := minIPv4Prefix
		if p.Addr().Is6() && !p.Addr().Is4In6() {
			min = minIPv6Prefix
		}
		if p.Bits() < min {
			return false
		}
	}
	return true
}
