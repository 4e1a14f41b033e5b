package kms

import (
	"strings"

	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// MaxKeyIDLength bounds the KeyId parameter (the KeyIdType shape).
const MaxKeyIDLength = 2048

// ref is how a request names a KMS key: "Key ID", "Key ARN", "Alias name"
// or "Alias ARN" (the KeyId parameter of the KMS API Reference).
type ref struct {
	account string // the key's or alias's account: the ARN's, else the caller's
	region  string
	id      string // a key ID, or "" when the request names an alias
	alias   string // "alias/NAME"
}

// keyUse is how an operation may name its key. Aliases: "You can use an
// alias name or alias ARN to identify a KMS key in cryptographic
// operations, DescribeKey, and GetPublicKey ... Aliases are not valid
// identifiers for KMS keys in other AWS KMS operations" (KMS Developer
// Guide, aliases). Accounts: the API Reference says of each operation
// whether "Cross-account use" is allowed; where it is not, a key ARN of
// another account names no key the caller can see.
type keyUse uint8

const (
	ownKey     keyUse = iota // key ID or key ARN, of the caller's account
	anyAccount               // key ID or key ARN, of any account (grant operations)
	anyName                  // also alias names and alias ARNs (cryptographic operations, DescribeKey)
)

const (
	arnPrefix   = "arn:aws:kms:"
	aliasPrefix = "alias/"
)

// parseRef reads a KeyId parameter. A key ARN or alias ARN may name
// another account (cross-account use), but not another Region.
func parseRef(c *service.Call, raw string, use keyUse) (ref, error) {
	r := ref{account: c.Account(), region: c.Env.Region}
	if len(raw) > MaxKeyIDLength {
		return r, tooLong("keyId", MaxKeyIDLength)
	}
	switch {
	case strings.HasPrefix(raw, "arn:"):
		if err := r.parseARN(c, raw); err != nil {
			return r, err
		}
	case strings.HasPrefix(raw, aliasPrefix):
		r.alias = raw
	default:
		r.id = raw
	}
	if r.alias != "" && use != anyName {
		if strings.HasPrefix(raw, "arn:") {
			return r, invalidArn("Key Aliases are not supported for this operation.")
		}
		return r, invalidKeyID(raw)
	}
	if r.alias == "" && !isKeyID(r.id) {
		return r, invalidKeyID(r.id)
	}
	return r, nil
}

// parseARN reads arn:aws:kms:REGION:ACCOUNT:key/ID or
// arn:aws:kms:REGION:ACCOUNT:alias/NAME.
func (r *ref) parseARN(c *service.Call, raw string) error {
	parts := strings.SplitN(raw, ":", 6)
	if len(parts) != 6 || !strings.HasPrefix(raw, arnPrefix) || len(parts[4]) != 12 {
		return notFound("Invalid arn")
	}
	if parts[3] != c.Env.Region {
		return notFound("Invalid arn %s", parts[3])
	}
	r.region, r.account = parts[3], parts[4]
	switch res := parts[5]; {
	case strings.HasPrefix(res, "key/"):
		r.id = res[len("key/"):]
	case strings.HasPrefix(res, aliasPrefix) && len(res) > len(aliasPrefix):
		r.alias = res
	default:
		return notFound("Invalid arn")
	}
	return nil
}

// isKeyID reports whether s is a key ID: a UUID in lower-case hexadecimal
// (the lab makes no multi-Region "mrk-" keys).
func isKeyID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}

// aliasARN is the ARN of the alias the reference names.
func (r ref) aliasARN() string { return AliasARN(r.region, r.account, r.alias) }

// requestAlias is kms:RequestAlias: the alias name when the request named
// the key by an alias name or alias ARN.
func (r ref) requestAlias() string { return r.alias }

// find returns the key the reference names. A key whose deletion date has
// passed no longer exists.
func find(c *service.Call, tx *world.Tx, r ref) (*Key, error) {
	id := r.id
	if r.alias != "" {
		a, ok := aliases.Get(tx, aliasKey(r.account, r.region, r.alias))
		if !ok {
			return nil, aliasMissing(r.aliasARN())
		}
		id = a.Target
	}
	k, ok := keys.Get(tx, storeKey(r.account, r.region, id))
	switch {
	case (!ok || k.Gone(c.Env.Now)) && r.alias != "":
		return nil, aliasMissing(r.aliasARN()) // deleted with its key
	case !ok || k.Gone(c.Env.Now):
		return nil, keyMissing(KeyARN(r.region, r.account, id))
	}
	return k, nil
}

// resolve parses a KeyId parameter and finds its key.
func resolve(c *service.Call, tx *world.Tx, raw string, use keyUse) (*Key, ref, error) {
	r, err := parseRef(c, raw, use)
	if err != nil {
		return nil, r, err
	}
	if use == ownKey && r.account != c.Account() {
		return nil, r, keyMissing(KeyARN(r.region, r.account, r.id))
	}
	k, err := find(c, tx, r)
	return k, r, err
}

// required reads a required string parameter.
func required(v *string, member string) (string, error) {
	if v == nil {
		return "", missing(member)
	}
	if *v == "" {
		return "", tooShort(lowerFirst(member), 1)
	}
	return *v, nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
