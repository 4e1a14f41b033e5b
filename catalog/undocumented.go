package catalog

import "strings"

// Undocumented lists names that AWS's own managed policies use although the
// Service Authorization Reference does not define them: actions and service
// prefixes of retired services (mobilehub, zocalo) or of services AWS does
// not document (builderid), condition keys the reference does not list (or
// does not list for the actions they are used with), and ARN forms that
// leave out a Region or account the reference's format has (AWS-owned SSM
// documents, arn:aws:ssm:us-east-1::document/AWS-RunShellScript). AWS
// accepts them,
// so a checker that calls them errors would call AWS's own policies wrong;
// tools/catalog derives the list from the managed policies it ships.
// Names are lower case.
type Undocumented struct {
	Actions  []string `json:"a,omitempty"` // "mobilehub:listprojects"
	Prefixes []string `json:"p,omitempty"` // "zocalo"
	Keys     []string `json:"k,omitempty"` // "lakeformation:gluearn"
	// Forms are "service:resource-type:part", part region or account:
	// "ssm:document:account".
	Forms []string `json:"f,omitempty"`
}

// undocumentedSets is Undocumented as sets, for lookups.
type undocumentedSets struct {
	actions, prefixes, keys, forms map[string]bool
}

func newUndocumentedSets(u *Undocumented) undocumentedSets {
	set := func(names []string) map[string]bool {
		m := make(map[string]bool, len(names))
		for _, n := range names {
			m[n] = true
		}
		return m
	}
	if u == nil {
		u = &Undocumented{}
	}
	return undocumentedSets{set(u.Actions), set(u.Prefixes), set(u.Keys), set(u.Forms)}
}

// UndocumentedAction reports whether AWS's managed policies use the action
// ("svc:Name", or a pattern of a service the reference does not have)
// although the Service Authorization Reference does not define it.
func (c *Catalog) UndocumentedAction(action string) bool {
	idx, err := c.index()
	if err != nil {
		return false
	}
	a := lowerASCII(action)
	svc, _, _ := strings.Cut(a, ":")
	return idx.undocumented.actions[a] || idx.undocumented.prefixes[svc]
}

// UndocumentedKey reports whether AWS's managed policies use the condition
// key although the reference does not define it, or not for the actions
// those policies use it with.
func (c *Catalog) UndocumentedKey(key string) bool {
	idx, err := c.index()
	if err != nil {
		return false
	}
	k := lowerASCII(key)
	prefix, _, _ := strings.Cut(k, ":")
	return idx.undocumented.keys[k] || idx.undocumented.prefixes[prefix]
}

// UndocumentedForm reports whether AWS's managed policies leave out a part
// of the ARNs of a resource type that the reference's format has; form is
// "service:resource-type:part" with part region or account.
func (c *Catalog) UndocumentedForm(form string) bool {
	idx, err := c.index()
	if err != nil {
		return false
	}
	return idx.undocumented.forms[lowerASCII(form)]
}
