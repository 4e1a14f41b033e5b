package saml

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/world"
)

// Provider is an IAM SAML identity provider: its name and metadata
// document, read once when saved or loaded.
type Provider struct {
	Account  string      `json:"account"`
	Name     string      `json:"name"`
	Document string      `json:"metadata"`
	UUID     string      `json:"uuid"`
	Created  time.Time   `json:"created"`
	Tags     []world.Tag `json:"tags,omitempty"`
	// Encryption is the AssertionEncryptionMode ("Allowed" or "Required").
	Encryption string `json:"encryption,omitempty"`
	// Keys are the IDs and upload times of the private keys for encrypted
	// assertions (the keys themselves are not kept: the simulated AWS
	// does not decrypt assertions).
	Keys []PrivateKey `json:"privateKeys,omitempty"`

	Meta *Metadata `json:"-"`
}

// PrivateKey is one entry of GetSAMLProvider's PrivateKeyList.
type PrivateKey struct {
	ID       string    `json:"id"`
	Uploaded time.Time `json:"uploaded"`
}

// Providers are the SAML providers of the world, by NameKey(ACCOUNT, name).
var Providers = world.NewKind[Provider]("iam/saml-provider")

// ARN is arn:aws:iam::ACCOUNT:saml-provider/NAME.
func (p *Provider) ARN() string { return ProviderARN(p.Account, p.Name) }

// ProviderARN is the ARN of the account's provider name.
func ProviderARN(account, name string) string {
	return "arn:aws:iam::" + account + ":saml-provider/" + name
}

// ValidityYears: a provider whose metadata has no validUntil is valid for
// this long from its creation (what IAM reports as ValidUntil then).
const ValidityYears = 100

// ValidUntil is the metadata's validUntil, or ValidityYears after creation.
func (p *Provider) ValidUntil() time.Time {
	if p.Meta != nil && !p.Meta.ValidUntil.IsZero() {
		return p.Meta.ValidUntil
	}
	return p.Created.AddDate(ValidityYears, 0, 0)
}

// UnmarshalJSON reads a stored provider and parses its metadata.
func (p *Provider) UnmarshalJSON(b []byte) error {
	type plain Provider
	if err := json.Unmarshal(b, (*plain)(p)); err != nil {
		return err
	}
	m, err := ParseMetadata(p.Document)
	if err != nil {
		return err
	}
	p.Meta = m
	return nil
}

// ParseProviderARN returns the account and name of a saml-provider ARN.
func ParseProviderARN(arn string) (account, name string, ok bool) {
	a, ok := policy.ParseARN(arn)
	if !ok || a.Service != "iam" || !policy.IsAccountID(a.Account) {
		return "", "", false
	}
	name, ok = strings.CutPrefix(a.Resource, "saml-provider/")
	return a.Account, name, ok && name != "" && !strings.Contains(name, "/")
}

// Find returns the provider an ARN names, or nil.
func Find(tx *world.Tx, arn string) *Provider {
	acct, name, ok := ParseProviderARN(arn)
	if !ok {
		return nil
	}
	if p, ok := Providers.Get(tx, world.NameKey(acct, name)); ok && p.ARN() == arn {
		return p
	}
	return nil
}

// The constraints of a provider's name (IAM API Reference,
// CreateSAMLProvider: 1 to 128 characters of [\w._-]).
var NamePattern = regexp.MustCompile(`^[\w._-]{1,128}$`)

// NewProvider makes a provider of the account from a metadata document,
// which must parse (ErrMetadata otherwise).
func NewProvider(w *world.World, account, name, document string, now time.Time) (*Provider, error) {
	m, err := ParseMetadata(document)
	if err != nil {
		return nil, err
	}
	return &Provider{Account: account, Name: name, Document: document, UUID: w.NewID("", UUIDLength),
		Created: now.UTC().Truncate(time.Second), Encryption: "Allowed", Meta: m}, nil
}

// UUIDLength is the length of a SAMLProviderUUID (22 to 64 of [A-Z0-9]).
const UUIDLength = 26
