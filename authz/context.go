package authz

import (
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/policy"
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

// The keys Derive may set, numbered.
const (
	keyPrincipalArn = iota
	keyPrincipalType
	keyUsername
	keyPrincipalIsAWSService
	keyPrincipalServiceName
	keyPrincipalAccount
	keyResourceAccount
	keyCurrentTime
	keyEpochTime
	derivable
)

var derivableKeys = [derivable]string{"aws:PrincipalArn", "aws:PrincipalType", "aws:username",
	"aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:PrincipalAccount", "aws:ResourceAccount",
	"aws:CurrentTime", "aws:EpochTime"}

// derivableByLen numbers the derivable keys by their lengths, which all
// differ (a test checks it): a key of the context is one of them only if
// it has the length of one.
var derivableByLen = func() (t [32]int8) {
	for i := range t {
		t[i] = -1
	}
	for i, k := range derivableKeys {
		t[len(k)] = int8(i)
	}
	return t
}()

// deriving is a context as Derive fills it in, with the entry of each
// derivable key it has: one pass over the entries instead of a lookup per
// key.
type deriving struct {
	c  *Context
	at [derivable]int // the entry's index + 1, or 0
}

// find notes the derivable keys of the context.
func (d *deriving) find() {
	c := d.c
	for i := range c.Entries {
		k := c.Entries[i].Key
		if len(k) >= len(derivableByLen) {
			continue
		}
		if n := derivableByLen[len(k)]; n >= 0 && d.at[n] == 0 && foldEqual(k, derivableKeys[n]) {
			d.at[n] = i + 1
		}
	}
}

// values returns the values of a derivable key, as Lookup does.
func (d *deriving) values(n int) ([]string, bool) {
	if d.at[n] == 0 {
		return nil, false
	}
	return d.c.Entries[d.at[n]-1].Values, true
}

// set adds a derivable key with its value unless the context has it.
func (d *deriving) set(n int, value string) {
	if value == "" || d.at[n] != 0 {
		return
	}
	c := d.c
	if c.derived == nil {
		c.derived = make([]string, 0, 10)
	}
	c.derived = append(c.derived, value)
	m := len(c.derived)
	c.Entries = append(c.Entries, Entry{Key: derivableKeys[n], Values: c.derived[m-1 : m : m], Derived: true})
	d.at[n] = len(c.Entries)
}

// Derive fills in the keys that AWS sets on every request and that follow
// from the request alone, for the kind of caller that makes it. Keys the
// request already has win; keys AWS would not set stay missing. A zero now
// stands for the clock.
func Derive(c *Context, caller *Caller, resourceAccount string, now time.Time) {
	d := deriving{c: c}
	d.find()
	switch caller.Kind {
	case KindUser:
		d.set(keyPrincipalArn, caller.ARN)
		d.set(keyPrincipalType, "User")
		d.set(keyUsername, caller.Name)
	case KindRole, KindRoleSession:
		d.set(keyPrincipalArn, caller.RoleARN)
		d.set(keyPrincipalType, "AssumedRole")
	case KindFederatedUser:
		d.set(keyPrincipalArn, caller.ARN)
		d.set(keyPrincipalType, "FederatedUser")
	case KindRoot:
		d.set(keyPrincipalArn, caller.ARN)
		d.set(keyPrincipalType, "Account")
	case KindAnonymous:
		// "For anonymous requests, the request context returns anonymous"
		// (aws:PrincipalAccount on the global condition keys page).
		d.set(keyPrincipalType, "Anonymous")
		d.set(keyPrincipalAccount, "anonymous")
	case KindService:
		d.set(keyPrincipalIsAWSService, "true")
		d.set(keyPrincipalServiceName, caller.Name)
	}
	if caller.InAccount() {
		d.set(keyPrincipalAccount, caller.Account)
		d.set(keyPrincipalIsAWSService, "false")
	}
	d.set(keyResourceAccount, resourceAccount)
	d.time(now)
}

// time sets aws:CurrentTime and aws:EpochTime: from each other when the
// request gives one (in any form the date operators read: ISO 8601 with or
// without seconds, fractional epochs...), from now when it gives neither
// (the clock, if now is zero: read only then, as most scenarios give the
// time).
func (d *deriving) time(now time.Time) {
	cur, hasCur := d.values(keyCurrentTime)
	ep, hasEp := d.values(keyEpochTime)
	given := false // a time given in the request, even the zero time
	switch {
	case hasCur && hasEp:
		return
	case hasCur && len(cur) == 1:
		now, given = pick(cur[0], now)
	case hasEp && len(ep) == 1:
		now, given = pick(ep[0], now)
	}
	if !given && now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	d.set(keyCurrentTime, now.Format(time.RFC3339))
	d.set(keyEpochTime, strconv.FormatInt(now.Unix(), 10))
}

// pick returns the time s gives, or now when it is no date.
func pick(s string, now time.Time) (time.Time, bool) {
	if t, ok := policy.ParseDate(s); ok {
		return t, true
	}
	return now, false
}
