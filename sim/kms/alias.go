package kms

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Alias limits: AliasNameType is 1 to 256 characters of
// "^[a-zA-Z0-9:/_-]+$"; "Aliases per KMS key: 50" (KMS quotas, which the
// kms:ResourceAliases condition depends on).
const (
	MaxAliasName  = 256
	MaxKeyAliases = 50
	aliasPattern  = "^[a-zA-Z0-9:/_-]+$"
	// reservedPrefix: "The alias name for a customer managed key cannot
	// begin with alias/aws/. The alias/aws/ prefix is reserved for AWS
	// managed key" (KMS Developer Guide, managing aliases).
	reservedPrefix = "alias/aws/"
)

// aliasName checks an AliasName parameter: "The alias must be string of
// 1–256 characters. It can contain only alphanumeric characters, forward
// slashes (/), underscores (_), and dashes (-)"; "the alias name must
// begin with alias/ followed by a name". The answers for a missing prefix
// and a pattern failure are AWS's; the one for a colon, which the pattern
// lets through, was not seen.
func aliasName(p *string, reserved bool) (string, error) {
	name, err := required(p, "AliasName")
	if err != nil {
		return "", err
	}
	switch {
	case len(name) > MaxAliasName:
		return "", tooLong("aliasName", MaxAliasName)
	case !validAliasChars(name):
		return "", patternError(name, "aliasName", aliasPattern)
	case !strings.HasPrefix(name, aliasPrefix):
		return "", validation(`Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`)
	case strings.Contains(name, ":") || name == aliasPrefix:
		return "", validation("%s contains invalid characters for an alias", name)
	case reserved && strings.HasPrefix(name, reservedPrefix):
		// The answer moto gives; AWS's own was not seen.
		return "", kmsError("NotAuthorizedException", "")
	}
	return name, nil
}

func validAliasChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ':' || c == '/' || c == '_' || c == '-') {
			return false
		}
	}
	return s != ""
}

// liveAlias returns an alias of the caller's account and Region whose key
// still exists: the aliases of a deleted key go with it.
func liveAlias(c *service.Call, tx *world.Tx, name string) (*Alias, bool) {
	a, ok := aliases.Get(tx, aliasKey(c.Account(), c.Env.Region, name))
	if !ok {
		return nil, false
	}
	k, ok := keys.Get(tx, storeKey(a.Account, a.Region, a.Target))
	if !ok || k.Gone(c.Env.Now) {
		return nil, false
	}
	return a, true
}

// allowAlias asks for an alias operation on the alias (identity policies
// only) and on each key it affects (key policy): "principals who manage
// aliases must have permission to call the alias operation on the alias
// and on all affected KMS keys" (controlling access to aliases).
func allowAlias(c *service.Call, tx *world.Tx, action, name string, ks ...*Key) error {
	arn := AliasARN(c.Env.Region, c.Account(), name)
	if err := allowIAM(c, tx, action, arn, entry("kms:CallerAccount", c.Account())); err != nil {
		return err
	}
	for _, k := range ks {
		if err := allowKey(c, tx, k, question{action: action}); err != nil {
			return err
		}
	}
	return nil
}

// putAliases saves a copy of the key with its alias names changed.
func putAliases(tx *world.Tx, k *Key, change func([]string) []string) error {
	n := k.Clone()
	n.Aliases = change(n.Aliases)
	slices.Sort(n.Aliases)
	return keys.Put(tx, n.storeKey(), n)
}

type aliasInput struct {
	AliasName   *string
	TargetKeyId *string
}

// readAliasInput reads CreateAlias's and UpdateAlias's alias name and
// target key.
func readAliasInput(c *service.Call) (name, target string, err error) {
	var in aliasInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return "", "", err
	}
	if name, err = aliasName(in.AliasName, true); err != nil {
		return "", "", err
	}
	target, err = required(in.TargetKeyId, "TargetKeyId")
	return name, target, err
}

func createAlias(c *service.Call) (any, error) {
	name, target, err := readAliasInput(c)
	if err != nil {
		return nil, err
	}
	return nil, write(c, func(tx *world.Tx) error {
		k, _, err := resolve(c, tx, target, ownKey)
		if err != nil {
			return err
		}
		if err := allowAlias(c, tx, "kms:CreateAlias", name, k); err != nil {
			return err
		}
		if err := changeable(k); err != nil {
			return err
		}
		if _, dup := liveAlias(c, tx, name); dup {
			return alreadyExists("An alias with the name %s already exists", AliasARN(c.Env.Region, c.Account(), name))
		}
		if len(k.Aliases) >= MaxKeyAliases {
			return limitExceeded("The number of aliases of key %s has reached the limit of %d", k.ARN(), MaxKeyAliases)
		}
		now := c.Env.Now.UTC()
		a := &Alias{Name: name, Account: k.Account, Region: k.Region, Target: k.ID, Created: now, Updated: now}
		if err := aliases.Put(tx, aliasKey(a.Account, a.Region, name), a); err != nil {
			return err
		}
		return putAliases(tx, k, func(s []string) []string { return append(s, name) })
	})
}

// updateAlias points an alias at another key: "you need three permission
// elements: one for the alias, one for the current KMS key, and one for
// the new KMS key". "If the source KMS key is pending deletion, the command
// succeeds. If the destination KMS key is pending deletion, the command
// fails" (key states).
func updateAlias(c *service.Call) (any, error) {
	name, target, err := readAliasInput(c)
	if err != nil {
		return nil, err
	}
	return nil, write(c, func(tx *world.Tx) error {
		a, ok := liveAlias(c, tx, name)
		if !ok {
			return aliasMissing(AliasARN(c.Env.Region, c.Account(), name))
		}
		old, _ := keys.Get(tx, storeKey(a.Account, a.Region, a.Target))
		k, _, err := resolve(c, tx, target, ownKey)
		if err != nil {
			return err
		}
		if err := allowAlias(c, tx, "kms:UpdateAlias", name, old, k); err != nil {
			return err
		}
		if err := changeable(k); err != nil {
			return err
		}
		if k.ID == old.ID {
			return nil
		}
		if len(k.Aliases) >= MaxKeyAliases {
			return limitExceeded("The number of aliases of key %s has reached the limit of %d", k.ARN(), MaxKeyAliases)
		}
		n := *a
		n.Target, n.Updated = k.ID, c.Env.Now.UTC()
		if err := aliases.Put(tx, aliasKey(n.Account, n.Region, name), &n); err != nil {
			return err
		}
		if err := putAliases(tx, old, func(s []string) []string { return slices.DeleteFunc(s, func(x string) bool { return x == name }) }); err != nil {
			return err
		}
		return putAliases(tx, k, func(s []string) []string { return append(s, name) })
	})
}

type deleteAliasInput struct {
	AliasName *string
}

func deleteAlias(c *service.Call) (any, error) {
	var in deleteAliasInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	name, err := aliasName(in.AliasName, false)
	if err != nil {
		return nil, err
	}
	return nil, write(c, func(tx *world.Tx) error {
		a, ok := liveAlias(c, tx, name)
		if !ok {
			return aliasMissing(AliasARN(c.Env.Region, c.Account(), name))
		}
		k, _ := keys.Get(tx, storeKey(a.Account, a.Region, a.Target))
		if err := allowAlias(c, tx, "kms:DeleteAlias", name, k); err != nil {
			return err
		}
		if err := aliases.Delete(tx, aliasKey(a.Account, a.Region, name)); err != nil {
			return err
		}
		return putAliases(tx, k, func(s []string) []string { return slices.DeleteFunc(s, func(x string) bool { return x == name }) })
	})
}

type listAliasesInput struct {
	KeyId  *string
	Limit  *int
	Marker *string
}

type aliasEntry struct {
	AliasName       string
	AliasArn        string
	TargetKeyId     string
	CreationDate    *epoch
	LastUpdatedDate *epoch
}

// listAliases lists the aliases of the caller's account and Region, or of
// one of its keys: "To list aliases in the account and Region, the
// principal must have kms:ListAliases permission in an IAM policy".
// "Limit ... must be between 1 and 100, inclusive. If you do not include a
// value, it defaults to 50."
func listAliases(c *service.Call) (any, error) {
	var in listAliasesInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	pg, err := readPage(in.Limit, in.Marker, 50, 100)
	if err != nil {
		return nil, err
	}
	var list []aliasEntry
	err = c.World.View(func(tx *world.Tx) error {
		if err := allowIAM(c, tx, "kms:ListAliases", "*"); err != nil {
			return err
		}
		only := ""
		if in.KeyId != nil {
			k, _, err := resolve(c, tx, *in.KeyId, ownKey)
			if err != nil {
				return err
			}
			only = k.ID
		}
		for _, a := range aliases.List(tx, c.Account()+"/"+c.Env.Region+"/") {
			if _, live := liveAlias(c, tx, a.Name); live && (only == "" || a.Target == only) {
				list = append(list, aliasEntry{a.Name, a.ARN(), a.Target, stamp(a.Created), stamp(a.Updated)})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	items, next, more := paginate(list, pg)
	return struct {
		Aliases    []aliasEntry
		NextMarker string `json:",omitempty"`
		Truncated  bool
	}{orEmpty(items), next, more}, nil
}
