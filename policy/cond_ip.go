package policy

import (
	"net/netip"
	"strings"
)

// ParseCIDR reads an IP address condition value: a CIDR block or a single
// address (a /32 or /128 block), IPv4 or IPv6.
func ParseCIDR(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// compareIP reports whether the request's address lies in the policy's block.
func compareIP(cv, pv string) bool {
	p, ok := ParseCIDR(pv)
	if !ok {
		return false
	}
	a, err := netip.ParseAddr(strings.TrimSpace(cv))
	if err != nil {
		return false
	}
	if a.Is4In6() && p.Addr().Is4() {
		a = a.Unmap()
	}
	return p.Contains(a)
}
