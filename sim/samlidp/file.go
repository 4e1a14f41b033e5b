package samlidp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/world"
)

// The world file's sections (docs/world.md): samlIdps are simulated
// identity providers; samlProviders are IAM SAML providers, made from a
// simulated IdP's metadata or from a metadata document. Sections run in
// name order, so an account's IdPs exist before its providers.
func init() {
	world.RegisterSection("samlIdps", applyIdPs)
	world.RegisterSection("samlProviders", applyProviders)
}

// FileIdP is an entry of samlIdps.
type FileIdP struct {
	Name string `json:"name"`
	// EntityID defaults to urn:iamlab:saml:NAME.
	EntityID string `json:"entityId,omitempty"`
	// PrivateKey (PEM, RSA) and Certificate (PEM, the key's, self-signed
	// will do) are the signing key; without them the IdP gets the next
	// unused lab key.
	PrivateKey  string `json:"privateKey,omitempty"`
	Certificate string `json:"certificate,omitempty"`
	Users       []User `json:"users,omitempty"`
}

// FileProvider is an entry of samlProviders: IdP names a simulated IdP
// whose metadata to use, or MetadataDocument gives the document itself.
type FileProvider struct {
	Name             string            `json:"name"`
	IdP              string            `json:"idp,omitempty"`
	MetadataDocument string            `json:"metadataDocument,omitempty"`
	Tags             map[string]string `json:"tags,omitempty"`
}

// idpName is what an IdP name may hold: it is a segment of its URLs.
var idpName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func strict(raw json.RawMessage, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func applyIdPs(tx *world.Tx, _ *world.World, _ string, raw json.RawMessage) error {
	var list []FileIdP
	if err := strict(raw, &list); err != nil {
		return err
	}
	for _, f := range list {
		p, err := fileIdP(tx, f)
		if err != nil {
			return fmt.Errorf("identity provider %q: %w", f.Name, err)
		}
		if err := IdPs.Put(tx, p.Name, p); err != nil {
			return err
		}
	}
	return nil
}

func fileIdP(tx *world.Tx, f FileIdP) (*IdP, error) {
	if !idpName.MatchString(f.Name) {
		return nil, fmt.Errorf("a name is 1 to 64 letters, digits, '.', '_' or '-'")
	}
	if _, dup := IdPs.Get(tx, f.Name); dup {
		return nil, fmt.Errorf("declared twice")
	}
	p := &IdP{Name: f.Name, EntityID: f.EntityID, Users: f.Users}
	if p.EntityID == "" {
		p.EntityID = "urn:iamlab:saml:" + f.Name
	}
	var err error
	if f.PrivateKey != "" {
		p.Key, err = ParseKey(f.PrivateKey + "\n" + f.Certificate)
	} else {
		n := len(IdPs.List(tx, "")) + 1
		if n > LabKeys {
			return nil, fmt.Errorf("the lab has %d keys for simulated IdPs and all are taken: give privateKey", LabKeys)
		}
		p.Key, err = LabKey(n)
	}
	if err != nil {
		return nil, err
	}
	return p, checkUsers(p.Users)
}

func checkUsers(us []User) error {
	seen := map[string]bool{}
	for _, u := range us {
		if u.Name == "" || seen[u.Name] {
			return fmt.Errorf("user %q: every user needs a name of its own", u.Name)
		}
		seen[u.Name] = true
		for _, r := range u.Roles {
			a, b, ok := strings.Cut(r, ",")
			if !ok || !strings.HasPrefix(a, "arn:") || !strings.HasPrefix(b, "arn:") {
				return fmt.Errorf("user %s: a role is written \"ROLE ARN,PROVIDER ARN\", not %q", u.Name, r)
			}
		}
	}
	return nil
}

func applyProviders(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
	var list []FileProvider
	if err := strict(raw, &list); err != nil {
		return err
	}
	for _, f := range list {
		if err := applyProvider(tx, w, account, f); err != nil {
			return fmt.Errorf("SAML provider %q: %w", f.Name, err)
		}
	}
	return nil
}

func applyProvider(tx *world.Tx, w *world.World, account string, f FileProvider) error {
	if !saml.NamePattern.MatchString(f.Name) {
		return fmt.Errorf("a name is 1 to 128 letters, digits, '.', '_' or '-'")
	}
	if _, dup := saml.Providers.Get(tx, world.NameKey(account, f.Name)); dup {
		return fmt.Errorf("declared twice")
	}
	doc := f.MetadataDocument
	switch {
	case f.IdP != "" && doc != "":
		return fmt.Errorf("give idp or metadataDocument, not both")
	case f.IdP != "":
		p, ok := IdPs.Get(tx, f.IdP)
		if !ok {
			return fmt.Errorf("no simulated identity provider %q (samlIdps)", f.IdP)
		}
		doc = string(p.Metadata(DefaultBase))
	case doc == "":
		return fmt.Errorf("give idp or metadataDocument")
	}
	pr, err := saml.NewProvider(w, account, f.Name, doc, w.Now())
	if err != nil {
		return err
	}
	for _, k := range sortedKeys(f.Tags) {
		pr.Tags = append(pr.Tags, world.Tag{Key: k, Value: f.Tags[k]})
	}
	return saml.Providers.Put(tx, world.NameKey(account, f.Name), pr)
}

// DefaultBase is the simulator's address in metadata made without a
// request (from a world file): iamlab serve's default.
const DefaultBase = "http://127.0.0.1:4566"
