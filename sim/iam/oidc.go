package iam

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// OIDCProvider is an IAM OpenID Connect identity provider: the issuer
// whose ID tokens STS accepts in AssumeRoleWithWebIdentity for roles of
// the account, and the audiences (client IDs) it accepts.
type OIDCProvider struct {
	Account     string      `json:"account"`
	URL         string      `json:"url"` // without https://, as IAM returns it
	ClientIDs   []string    `json:"clientIds,omitempty"`
	Thumbprints []string    `json:"thumbprints,omitempty"`
	Tags        []world.Tag `json:"tags,omitempty"`
	Created     time.Time   `json:"created"`
}

// ARN is arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH.
func (o *OIDCProvider) ARN() string { return OIDCProviderARN(o.Account, o.URL) }

// OIDCProviderARN is the ARN of the provider of an issuer (without its
// scheme) in an account.
func OIDCProviderARN(account, host string) string {
	return "arn:aws:iam::" + account + ":oidc-provider/" + host
}

var oidcProviders = world.NewKind[OIDCProvider]("iam/oidc-provider")

// FindOIDCProvider returns the account's provider for an issuer URL
// (https://host/path; a trailing slash does not count).
func FindOIDCProvider(tx *world.Tx, account, issuer string) (*OIDCProvider, bool) {
	host := strings.TrimSuffix(strings.TrimPrefix(issuer, "https://"), "/")
	return oidcProviders.Get(tx, OIDCProviderARN(account, host))
}

// Limits of OIDC providers (IAM API Reference and quotas).
const (
	MaxOIDCURL       = 255
	MaxClientIDs     = 100
	MaxClientID      = 255
	MaxThumbprints   = 5
	MaxOIDCProviders = 100
)

var thumbprintPattern = regexp.MustCompile(`^[0-9A-Fa-f]{40}$`)

type oidcArgs struct {
	host            string
	clients, prints []string
	tags            []world.Tag
}

// readOIDC checks CreateOpenIDConnectProvider's parameters.
func readOIDC(p protocol.Params) (*oidcArgs, error) {
	raw, err := p.Required("Url")
	if err != nil {
		return nil, err
	}
	host, err := oidcHost(raw)
	if err != nil {
		return nil, err
	}
	a := &oidcArgs{host: host, clients: p.List("ClientIDList"), prints: p.List("ThumbprintList")}
	if len(a.clients) > MaxClientIDs {
		return nil, protocol.Errorf(http.StatusConflict, "LimitExceeded", "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: %d", MaxClientIDs)
	}
	for _, id := range a.clients {
		if len(id) < 1 || len(id) > MaxClientID {
			return nil, protocol.Validation("1 validation error detected: Value '%s' at 'clientIDList' failed to satisfy constraint: Member must have length less than or equal to %d", id, MaxClientID)
		}
	}
	if len(a.prints) > MaxThumbprints {
		return nil, protocol.Errorf(http.StatusConflict, "LimitExceeded", "Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: %d", MaxThumbprints)
	}
	for _, t := range a.prints {
		if !thumbprintPattern.MatchString(t) {
			return nil, protocol.Validation("1 validation error detected: Value '%s' at 'thumbprintList' failed to satisfy constraint: Member must have length greater than or equal to 40", t)
		}
	}
	if a.tags, err = readTags(p, MaxRoleTags); err != nil {
		return nil, err
	}
	return a, nil
}

// oidcHost checks an issuer URL: "The URL must begin with https:// and
// should correspond to the iss claim in the provider's OpenID Connect ID
// tokens ... you cannot register the same provider multiple times".
func oidcHost(raw string) (string, error) {
	if len(raw) < 1 || len(raw) > MaxOIDCURL {
		return "", protocol.Validation("1 validation error detected: Value '%s' at 'url' failed to satisfy constraint: Member must have length less than or equal to %d", raw, MaxOIDCURL)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.Port() != "" {
		return "", protocol.Errorf(http.StatusBadRequest, "InvalidInput", "Invalid Openid Connect Provider URL")
	}
	return strings.TrimSuffix(u.Host+u.Path, "/"), nil
}

type createOIDCResult struct {
	OpenIDConnectProviderArn string
	Tags                     []xmlTag `xml:"Tags>member,omitempty"`
}

func createOpenIDConnectProvider(c *service.Call, p protocol.Params) (any, error) {
	a, err := readOIDC(p)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *createOIDCResult
	err = c.World.Update(func(tx *world.Tx) error {
		arn := OIDCProviderARN(acct, a.host)
		if err := allow(c, tx, "iam:CreateOpenIDConnectProvider", arn, tagContext(a.tags)...); err != nil {
			return err
		}
		if _, dup := oidcProviders.Get(tx, arn); dup {
			return alreadyExists("Provider with url https://%s already exists.", a.host)
		}
		if len(oidcProviders.List(tx, "arn:aws:iam::"+acct+":")) >= MaxOIDCProviders {
			return protocol.Errorf(http.StatusConflict, "LimitExceeded", "Cannot exceed quota for OpenIdConnectProvidersPerAccount: %d", MaxOIDCProviders)
		}
		o := &OIDCProvider{Account: acct, URL: a.host, ClientIDs: a.clients, Thumbprints: a.prints, Tags: a.tags, Created: c.Env.Now.UTC().Truncate(time.Second)}
		out = &createOIDCResult{OpenIDConnectProviderArn: arn, Tags: xmlTags(a.tags)}
		c.Event.ResponseElements = map[string]any{"openIDConnectProviderArn": arn}
		return oidcProviders.Put(tx, arn, o)
	})
	return out, err
}

// providerArg reads OpenIDConnectProviderArn and the provider it names.
func providerArg(tx *world.Tx, p protocol.Params) (string, *OIDCProvider, error) {
	arn, err := p.Required("OpenIDConnectProviderArn")
	if err != nil {
		return "", nil, err
	}
	if len(arn) < 20 || len(arn) > 2048 {
		return "", nil, protocol.Validation("1 validation error detected: Value '%s' at 'openIDConnectProviderArn' failed to satisfy constraint: Member must have length greater than or equal to 20", arn)
	}
	o, _ := oidcProviders.Get(tx, arn)
	return arn, o, nil
}

func noSuchProvider(arn string) error {
	return noSuchEntity("OpenIDConnect Provider not found for arn %s", arn)
}

type getOIDCResult struct {
	Url            string
	ClientIDList   []string `xml:"ClientIDList>member"`
	ThumbprintList []string `xml:"ThumbprintList>member"`
	CreateDate     string
	Tags           []xmlTag `xml:"Tags>member,omitempty"`
}

func getOpenIDConnectProvider(c *service.Call, p protocol.Params) (any, error) {
	var out *getOIDCResult
	err := c.World.View(func(tx *world.Tx) error {
		arn, o, err := providerArg(tx, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:GetOpenIDConnectProvider", arn); err != nil {
			return err
		}
		if o == nil {
			return noSuchProvider(arn)
		}
		out = &getOIDCResult{Url: o.URL, ClientIDList: o.ClientIDs, ThumbprintList: o.Thumbprints, CreateDate: stamp(o.Created), Tags: xmlTags(o.Tags)}
		return nil
	})
	return out, err
}

type oidcListEntry struct {
	Arn string
}

type listOIDCResult struct {
	OpenIDConnectProviderList []oidcListEntry `xml:"OpenIDConnectProviderList>member"`
}

func listOpenIDConnectProviders(c *service.Call, _ protocol.Params) (any, error) {
	acct := c.Account()
	out := &listOIDCResult{OpenIDConnectProviderList: []oidcListEntry{}}
	err := c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:ListOpenIDConnectProviders", "*"); err != nil {
			return err
		}
		for _, o := range oidcProviders.List(tx, "arn:aws:iam::"+acct+":") {
			out.OpenIDConnectProviderList = append(out.OpenIDConnectProviderList, oidcListEntry{o.ARN()})
		}
		return nil
	})
	return out, err
}

func deleteOpenIDConnectProvider(c *service.Call, p protocol.Params) (any, error) {
	err := c.World.Update(func(tx *world.Tx) error {
		arn, o, err := providerArg(tx, p)
		if err != nil {
			return err
		}
		if err := allow(c, tx, "iam:DeleteOpenIDConnectProvider", arn); err != nil {
			return err
		}
		if o == nil {
			return noSuchProvider(arn)
		}
		return oidcProviders.Delete(tx, arn)
	})
	return nil, err
}

// fileOIDC is a provider of a world file's "openIDConnectProviders".
type fileOIDC struct {
	URL         string            `json:"url"`
	ClientIDs   []string          `json:"clientIds"`
	Thumbprints []string          `json:"thumbprints,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
}

func init() {
	world.RegisterSection("openIDConnectProviders", func(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
		var list []fileOIDC
		if err := strictJSON(raw, &list); err != nil {
			return err
		}
		now := w.Now().UTC().Truncate(time.Second)
		for _, f := range list {
			host, err := oidcHost(f.URL)
			if err != nil {
				return fmt.Errorf("%s: %v", f.URL, err)
			}
			o := &OIDCProvider{Account: account, URL: host, ClientIDs: f.ClientIDs, Thumbprints: f.Thumbprints, Created: now}
			for k, v := range f.Tags {
				o.Tags = append(o.Tags, world.Tag{Key: k, Value: v})
			}
			if _, dup := oidcProviders.Get(tx, o.ARN()); dup {
				return fmt.Errorf("provider %s is given twice", f.URL)
			}
			if err := oidcProviders.Put(tx, o.ARN(), o); err != nil {
				return err
			}
		}
		return nil
	})
}

// strictJSON decodes a world file section, refusing unknown fields.
func strictJSON(raw json.RawMessage, v any) error {
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.DisallowUnknownFields()
	return d.Decode(v)
}
