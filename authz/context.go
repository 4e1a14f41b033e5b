package authz

import (
	"strconv"
	"strings"
	"time"
)

// Entry is one condition key of the request context.
type Entry struct {
	Key    string
	Values []string
	// Derived marks a key that was filled in from the request, as AWS would.
	Derived bool
}

// Context is the request context: condition keys and their values, looked
// up case-insensitively as AWS does. A slice beats a map at this size.
type Context struct {
	Entries []Entry
	// derived backs the values of derived keys: one allocation for all.
	derived []string
}

// Lookup implements policy.Context.
func (c *Context) Lookup(key string) ([]string, bool) {
	for i := range c.Entries {
		if k := c.Entries[i].Key; len(k) == len(key) && foldEqual(k, key) {
			return c.Entries[i].Values, true
		}
	}
	return nil, false
}

// foldEqual compares key names case-insensitively. Key names are ASCII; a
// byte-wise fold of equal-length strings is all AWS's rule needs, and far
// cheaper than full Unicode folding.
//
// Keys of the same length often share a long prefix ("aws:Principal..."),
// so it looks at the last byte first: two different ASCII bytes there, not
// letters of different case, settle it without a call.
func foldEqual(a, b string) bool {
	if n := len(a); n > 0 && a[n-1] != b[n-1] && !asciiFold(a[n-1], b[n-1]) {
		return false
	}
	if a == b {
		return true // the usual case, compared eight bytes at a time
	}
	for i := 0; i < len(a); i++ {
		switch x, y := a[i], b[i]; {
		case x == y:
		case x|y >= 0x80:
			return strings.EqualFold(a, b) // from the start: i may be inside a character
		case !asciiFold(x, y):
			return false
		}
	}
	return true
}

// asciiFold reports whether x and y may be equal but for case: letters that
// differ in case, or a byte of a non-ASCII character, which only
// strings.EqualFold can settle.
func asciiFold(x, y byte) bool {
	if x|y >= 0x80 {
		return true
	}
	return x|0x20 == y|0x20 && x|0x20 >= 'a' && x|0x20 <= 'z'
}

// KeyLengths is a set of key lengths (modulo 64). A key whose length is
// not in the set of a context's keys is not among them, so checking it
// first spares most lookups of absent keys a scan.
type KeyLengths uint64

// Add puts the length of key in the set.
func (l *KeyLengths) Add(key string) { *l |= 1 << (len(key) % 64) }

// Has reports whether a key of this length may be in the set.
func (l *KeyLengths) Has(key string) bool { return *l&(1<<(len(key)%64)) != 0 }

// Has reports whether the key is present.
func (c *Context) Has(key string) bool {
	_, ok := c.Lookup(key)
	return ok
}

// Add appends a key; it does not replace one that is present.
func (c *Context) Add(key string, values ...string) {
	c.Entries = append(c.Entries, Entry{Key: key, Values: values})
}

// lookup is Lookup with the set of the context's key lengths at hand.
func (c *Context) lookup(key string, lens *KeyLengths) ([]string, bool) {
	if !lens.Has(key) {
		return nil, false
	}
	return c.Lookup(key)
}

func (c *Context) derive(key string, value string, lens *KeyLengths) {
	if value == "" {
		return
	}
	if _, ok := c.lookup(key, lens); ok {
		return
	}
	lens.Add(key)
	if c.derived == nil {
		c.derived = make([]string, 0, 10)
	}
	c.derived = append(c.derived, value)
	n := len(c.derived)
	c.Entries = append(c.Entries, Entry{Key: key, Values: c.derived[n-1 : n : n], Derived: true})
}

// Derive fills in the keys that AWS sets on every request and that follow
// from the request alone, for the kind of caller that makes it. Keys the
// request already has win; keys AWS would not set stay missing. A zero now
// stands for the clock.
func Derive(c *Context, caller *Caller, resourceAccount string, now time.Time) {
	var lens KeyLengths
	for i := range c.Entries {
		lens.Add(c.Entries[i].Key)
	}
	switch caller.Kind {
	case KindUser:
		c.derive("aws:PrincipalArn", caller.ARN, &lens)
		c.derive("aws:PrincipalType", "User", &lens)
		c.derive("aws:username", caller.Name, &lens)
	case KindRole, KindRoleSession:
		c.derive("aws:PrincipalArn", caller.RoleARN, &lens)
		c.derive("aws:PrincipalType", "AssumedRole", &lens)
	case KindFederatedUser:
		c.derive("aws:PrincipalArn", caller.ARN, &lens)
		c.derive("aws:PrincipalType", "FederatedUser", &lens)
	case KindRoot:
		c.derive("aws:PrincipalArn", caller.ARN, &lens)
		c.derive("aws:PrincipalType", "Account", &lens)
	case KindAnonymous:
		c.derive("aws:PrincipalType", "Anonymous", &lens)
	case KindService:
		c.derive("aws:PrincipalIsAWSService", "true", &lens)
		c.derive("aws:PrincipalServiceName", caller.Name, &lens)
	}
	if caller.InAccount() {
		c.derive("aws:PrincipalAccount", caller.Account, &lens)
		c.derive("aws:PrincipalIsAWSService", "false", &lens)
	}
	c.derive("aws:ResourceAccount", resourceAccount, &lens)
	deriveTime(c, now, &lens)
}

// deriveTime sets aws:CurrentTime and aws:EpochTime: from each other when the
// request gives one, from now when it gives neither (the clock, if now is
// zero: read only then, as most scenarios give the time).
func deriveTime(c *Context, now time.Time, lens *KeyLengths) {
	cur, hasCur := c.lookup("aws:CurrentTime", lens)
	ep, hasEp := c.lookup("aws:EpochTime", lens)
	switch {
	case hasCur && hasEp:
		return
	case hasCur && len(cur) == 1:
		if t, ok := parseTime(cur[0]); ok {
			now = t
		}
	case hasEp && len(ep) == 1:
		if sec, err := strconv.ParseInt(ep[0], 10, 64); err == nil {
			now = time.Unix(sec, 0)
		}
	}
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	c.derive("aws:CurrentTime", now.Format(time.RFC3339), lens)
	c.derive("aws:EpochTime", strconv.FormatInt(now.Unix(), 10), lens)
}

func parseTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}
