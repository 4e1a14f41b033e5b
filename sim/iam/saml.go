package iam

import (
	"net/http"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// SAML identity providers: an IdP's metadata document under a name, the
// Federated principal of role trust policies (arn:aws:iam::ACCOUNT:
// saml-provider/NAME) that AssumeRoleWithSAML checks assertions against.
// The records are package saml's, which STS reads too.

// Quotas of SAML providers (IAM quotas and the API Reference).
const (
	MaxSAMLProviders  = 100 // "SAML providers in an AWS account"
	MaxSAMLPrivateKey = 16384
	MaxSAMLKeys       = 2 // PrivateKeyList's length
	MaxSAMLTags       = 50
)

type createSAMLProviderResult struct {
	SAMLProviderArn string
	Tags            []xmlTag `xml:"Tags>member,omitempty"`
}

type getSAMLProviderResult struct {
	SAMLProviderUUID        string
	SAMLMetadataDocument    string
	CreateDate              string
	ValidUntil              string
	Tags                    []xmlTag        `xml:"Tags>member,omitempty"`
	AssertionEncryptionMode string          `xml:",omitempty"`
	PrivateKeyList          []samlKeyMember `xml:"PrivateKeyList>member,omitempty"`
}

type samlKeyMember struct {
	KeyId     string
	Timestamp string
}

type samlProviderEntry struct {
	Arn        string
	ValidUntil string
	CreateDate string
}

type listSAMLProvidersResult struct {
	SAMLProviderList []samlProviderEntry `xml:"SAMLProviderList>member"`
}

type updateSAMLProviderResult struct {
	SAMLProviderArn string
}

// metadataDoc reads the SAMLMetadataDocument parameter.
func metadataDoc(p protocol.Params, required bool) (string, bool, error) {
	if !p.Has("SAMLMetadataDocument") {
		if required {
			return "", false, protocol.MissingParameter("ValidationError", "SAMLMetadataDocument")
		}
		return "", false, nil
	}
	d := p.Get("SAMLMetadataDocument")
	if len(d) < saml.MinMetadata || len(d) > saml.MaxMetadata {
		return "", false, protocol.Validation("1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length between %d and %d", saml.MinMetadata, saml.MaxMetadata)
	}
	return d, true, nil
}

func invalidInput(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidInput", format, args...)
}

// encryption reads AssertionEncryptionMode and AddPrivateKey into pr. The
// simulated AWS records the mode and the key's ID but does not decrypt.
func encryption(c *service.Call, p protocol.Params, pr *saml.Provider) error {
	if p.Has("AssertionEncryptionMode") {
		m := p.Get("AssertionEncryptionMode")
		if m != "Required" && m != "Allowed" {
			return protocol.Validation("1 validation error detected: Value '%s' at 'assertionEncryptionMode' failed to satisfy constraint: Member must satisfy enum value set: [Required, Allowed]", m)
		}
		pr.Encryption = m
	}
	if p.Has("AddPrivateKey") {
		k := p.Get("AddPrivateKey")
		if len(k) < 1 || len(k) > MaxSAMLPrivateKey {
			return protocol.Validation("1 validation error detected: Value at 'addPrivateKey' failed to satisfy constraint: Member must have length less than or equal to %d", MaxSAMLPrivateKey)
		}
		if len(pr.Keys) >= MaxSAMLKeys {
			return protocol.Errorf(http.StatusConflict, "LimitExceeded", "Cannot exceed quota for PrivateKeysPerSAMLProvider: %d", MaxSAMLKeys)
		}
		pr.Keys = append(pr.Keys, saml.PrivateKey{ID: c.World.NewID("", saml.UUIDLength), Uploaded: c.Env.Now.UTC()})
	}
	if pr.Encryption == "Required" && len(pr.Keys) == 0 {
		return invalidInput("A private key is required when AssertionEncryptionMode is Required.")
	}
	return nil
}

func createSAMLProvider(c *service.Call, p protocol.Params) (any, error) {
	n, err := p.Required("Name")
	if err != nil {
		return nil, err
	}
	if !saml.NamePattern.MatchString(n) {
		return nil, protocol.Validation("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+", n)
	}
	doc, _, err := metadataDoc(p, true)
	if err != nil {
		return nil, err
	}
	tags, err := readTags(p, MaxSAMLTags)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	arn := saml.ProviderARN(acct, n)
	var out *createSAMLProviderResult
	err = c.World.Update(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:CreateSAMLProvider", arn, tagContext(tags)...); err != nil {
			return err
		}
		if _, dup := saml.Providers.Get(tx, world.NameKey(acct, n)); dup {
			return alreadyExists("Provider with name %s already exists.", n)
		}
		if len(saml.Providers.List(tx, acct+"/")) >= MaxSAMLProviders {
			return protocol.Errorf(http.StatusConflict, "LimitExceeded", "Cannot exceed quota for SAMLProvidersPerAccount: %d", MaxSAMLProviders)
		}
		pr, err := saml.NewProvider(c.World, acct, n, doc, c.Env.Now)
		if err != nil {
			return invalidInput("%s", err.Error())
		}
		pr.Tags = tags
		if err := encryption(c, p, pr); err != nil {
			return err
		}
		out = &createSAMLProviderResult{SAMLProviderArn: arn, Tags: xmlTags(tags)}
		return saml.Providers.Put(tx, world.NameKey(acct, n), pr)
	})
	return out, err
}

// samlProviderArg reads SAMLProviderArn and finds the provider of the caller's
// account it names (nil when there is none).
func samlProviderArg(c *service.Call, tx *world.Tx, p protocol.Params) (string, *saml.Provider, error) {
	arn, err := p.Required("SAMLProviderArn")
	if err != nil {
		return "", nil, err
	}
	if len(arn) < 20 || len(arn) > 2048 {
		return "", nil, protocol.Validation("1 validation error detected: Value '%s' at 'sAMLProviderArn' failed to satisfy constraint: Member must have length between 20 and 2048", arn)
	}
	acct, _, ok := saml.ParseProviderARN(arn)
	if !ok {
		return "", nil, invalidInput("ARN %s is not valid.", arn)
	}
	if acct != c.Account() {
		return arn, nil, nil
	}
	return arn, saml.Find(tx, arn), nil
}

func noSuchSAMLProvider(arn string) *protocol.Error {
	return noSuchEntity("Manifest not found for arn %s", arn)
}

func samlProviderTags(pr *saml.Provider) []authzEntry {
	if pr == nil {
		return nil
	}
	return resourceTags(pr.Tags)
}

func getSAMLProvider(c *service.Call, p protocol.Params) (any, error) {
	var out *getSAMLProviderResult
	err := c.World.View(func(tx *world.Tx) error {
		arn, pr, err := samlProviderArg(c, tx, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:GetSAMLProvider", arn, samlProviderTags(pr)...); err != nil {
			return err
		}
		if pr == nil {
			return noSuchSAMLProvider(arn)
		}
		out = &getSAMLProviderResult{SAMLProviderUUID: pr.UUID, SAMLMetadataDocument: pr.Document,
			CreateDate: stamp(pr.Created), ValidUntil: stamp(pr.ValidUntil()), Tags: xmlTags(pr.Tags),
			AssertionEncryptionMode: pr.Encryption}
		for _, k := range pr.Keys {
			out.PrivateKeyList = append(out.PrivateKeyList, samlKeyMember{k.ID, stamp(k.Uploaded)})
		}
		return nil
	})
	return out, err
}

func listSAMLProviders(c *service.Call, _ protocol.Params) (any, error) {
	acct := c.Account()
	out := &listSAMLProvidersResult{SAMLProviderList: []samlProviderEntry{}}
	err := c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:ListSAMLProviders", "*"); err != nil {
			return err
		}
		for _, pr := range saml.Providers.List(tx, acct+"/") {
			out.SAMLProviderList = append(out.SAMLProviderList, samlProviderEntry{Arn: pr.ARN(),
				ValidUntil: stamp(pr.ValidUntil()), CreateDate: stamp(pr.Created)})
		}
		return nil
	})
	return out, err
}

func updateSAMLProvider(c *service.Call, p protocol.Params) (any, error) {
	doc, hasDoc, err := metadataDoc(p, false)
	if err != nil {
		return nil, err
	}
	var out *updateSAMLProviderResult
	err = c.World.Update(func(tx *world.Tx) error {
		arn, pr, err := samlProviderArg(c, tx, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:UpdateSAMLProvider", arn, samlProviderTags(pr)...); err != nil {
			return err
		}
		if pr == nil {
			return noSuchSAMLProvider(arn)
		}
		changed := *pr
		changed.Keys = append([]saml.PrivateKey(nil), pr.Keys...)
		if hasDoc {
			m, err := saml.ParseMetadata(doc)
			if err != nil {
				return invalidInput("%s", err.Error())
			}
			changed.Document, changed.Meta = doc, m
		}
		if err := removeKey(p, &changed); err != nil {
			return err
		}
		if err := encryption(c, p, &changed); err != nil {
			return err
		}
		out = &updateSAMLProviderResult{SAMLProviderArn: arn}
		return saml.Providers.Put(tx, world.NameKey(changed.Account, changed.Name), &changed)
	})
	return out, err
}

// removeKey applies RemovePrivateKey.
func removeKey(p protocol.Params, pr *saml.Provider) error {
	if !p.Has("RemovePrivateKey") {
		return nil
	}
	id := p.Get("RemovePrivateKey")
	for i, k := range pr.Keys {
		if k.ID == id {
			pr.Keys = append(pr.Keys[:i], pr.Keys[i+1:]...)
			return nil
		}
	}
	return invalidInput("The private key %s does not exist for this SAML provider.", id)
}

func deleteSAMLProvider(c *service.Call, p protocol.Params) (any, error) {
	return nil, c.World.Update(func(tx *world.Tx) error {
		arn, pr, err := samlProviderArg(c, tx, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:DeleteSAMLProvider", arn, samlProviderTags(pr)...); err != nil {
			return err
		}
		if pr == nil {
			return noSuchSAMLProvider(arn)
		}
		return saml.Providers.Delete(tx, world.NameKey(pr.Account, pr.Name))
	})
}
