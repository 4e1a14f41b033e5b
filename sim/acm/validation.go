package acm

import (
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/iamlab/iamlab/sim/world"
)

// dnsRecord is the validation CNAME of a domain in an account. ACM gives
// the same record to every certificate of the account that names the
// domain (and its wildcard), so that one record validates them all and
// their renewals.
type dnsRecord struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// dnsRecords are keyed by account and base domain ("123456789012/example.com").
var dnsRecords = world.NewKind[dnsRecord]("acm/dnsrecord")

// baseDomain is the domain a name's validation is about: a wildcard
// name's is the domain below it ("*.example.com" is validated at
// example.com), in lower case.
func baseDomain(name string) string {
	return strings.ToLower(strings.TrimPrefix(name, "*."))
}

// validationRecord returns the account's validation record for a domain,
// making it on first use, in AWS's format: the name
// "_<32 hex digits>.<domain>." and the value
// "_<32 hex digits>.<10 letters>.acm-validations.aws.".
func validationRecord(w *world.World, tx *world.Tx, account, domain string) (*dnsRecord, error) {
	base := baseDomain(domain)
	key := account + "/" + base
	if r, ok := dnsRecords.Get(tx, key); ok {
		return r, nil
	}
	b := randomBytes(w, 42)
	letters := make([]byte, 10)
	for i := range letters {
		letters[i] = 'a' + b[32+i]%26
	}
	r := &dnsRecord{
		Name:  "_" + hex.EncodeToString(b[:16]) + "." + base + ".",
		Value: "_" + hex.EncodeToString(b[16:32]) + "." + string(letters) + ".acm-validations.aws.",
	}
	return r, dnsRecords.Put(tx, key, r)
}

// randomBytes are n bytes of the world's randomness.
func randomBytes(w *world.World, n int) []byte {
	b, _ := base64.StdEncoding.DecodeString(w.NewToken(n))
	return b
}

// validationEmails are the addresses ACM writes to for email validation:
// "administrator, hostmaster, postmaster, webmaster, and admin" at the
// validation domain (ACM User Guide, email validation). The world has no
// WHOIS, so no registrant contacts are added.
func validationEmails(domain string) []string {
	var out []string
	for _, u := range []string{"admin", "administrator", "hostmaster", "postmaster", "webmaster"} {
		out = append(out, u+"@"+domain)
	}
	return out
}

// isSuperdomain reports whether parent is name or a domain above it: "This
// must be the same as the DomainName value or a superdomain of the
// DomainName value" (DomainValidationOption, ValidationDomain).
func isSuperdomain(parent, name string) bool {
	parent, name = baseDomain(parent), baseDomain(name)
	return name == parent || strings.HasSuffix(name, "."+parent)
}
