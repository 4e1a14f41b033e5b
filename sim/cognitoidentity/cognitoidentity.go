// Package cognitoidentity is the simulated Amazon Cognito identity pools
// service (JSON 1.1, AWSCognitoIdentityService): identity pools with user
// pool and OpenID Connect providers, guest access and the basic flow
// switch (CreateIdentityPool), their roles and rules-based role mapping
// (SetIdentityPoolRoles), and the calls apps make without a signature:
// GetId, GetCredentialsForIdentity (the enhanced flow: the engine decides
// the role's trust policy for cognito-identity.amazonaws.com with the
// :aud, :amr and :sub keys, and guests get AWS's scope-down session
// policy) and GetOpenIdToken (the basic flow, then
// sts:AssumeRoleWithWebIdentity).
package cognitoidentity

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// New returns the Cognito identity pools service.
func New() *service.JSON {
	return &service.JSON{
		SigningName:  "cognito-identity",
		TargetPrefix: "AWSCognitoIdentityService",
		Version:      "1.1",
		Ops: map[string]service.JSONOp{
			"CreateIdentityPool": createIdentityPool, "DescribeIdentityPool": describeIdentityPool,
			"ListIdentityPools": listIdentityPools, "DeleteIdentityPool": deleteIdentityPool,
			"SetIdentityPoolRoles": setIdentityPoolRoles, "GetIdentityPoolRoles": getIdentityPoolRoles,
			"GetId": getID, "GetCredentialsForIdentity": getCredentialsForIdentity, "GetOpenIdToken": getOpenIDToken,
		},
		// "You aren't required to sign requests for GetId,
		// GetCredentialsForIdentity, GetOpenIdToken": the identity pool ID
		// and the logins are the caller's proof.
		UnsignedOps: map[string]bool{"GetId": true, "GetCredentialsForIdentity": true, "GetOpenIdToken": true},
	}
}

// Pool is an identity pool, in CreateIdentityPool's names.
type Pool struct {
	IdentityPoolId                 string            `json:"IdentityPoolId"`
	IdentityPoolName               string            `json:"IdentityPoolName"`
	AllowUnauthenticatedIdentities bool              `json:"AllowUnauthenticatedIdentities"`
	AllowClassicFlow               *bool             `json:"AllowClassicFlow,omitempty"`
	SupportedLoginProviders        map[string]string `json:"SupportedLoginProviders,omitempty"`
	DeveloperProviderName          string            `json:"DeveloperProviderName,omitempty"`
	OpenIdConnectProviderARNs      []string          `json:"OpenIdConnectProviderARNs,omitempty"`
	CognitoIdentityProviders       []Provider        `json:"CognitoIdentityProviders,omitempty"`
	SamlProviderARNs               []string          `json:"SamlProviderARNs,omitempty"`
	IdentityPoolTags               map[string]string `json:"IdentityPoolTags,omitempty"`
}

// Provider is CognitoIdentityProvider: a user pool and its app client.
type Provider struct {
	ProviderName         string `json:"ProviderName"`
	ClientId             string `json:"ClientId"`
	ServerSideTokenCheck bool   `json:"ServerSideTokenCheck"`
}

// RoleMapping is RoleMapping: roles from the token, or by rules.
type RoleMapping struct {
	Type                    string       `json:"Type"`
	AmbiguousRoleResolution string       `json:"AmbiguousRoleResolution,omitempty"`
	RulesConfiguration      *RulesConfig `json:"RulesConfiguration,omitempty"`
}

// RulesConfig holds the rules, evaluated in order.
type RulesConfig struct {
	Rules []Rule `json:"Rules"`
}

// Rule maps a claim of the login's token to a role.
type Rule struct {
	Claim     string `json:"Claim"`
	MatchType string `json:"MatchType"`
	Value     string `json:"Value"`
	RoleARN   string `json:"RoleARN"`
}

// stored is how a pool is kept: its own fields and the roles.
type stored struct {
	Pool
	Account      string                 `json:"account"`
	Roles        map[string]string      `json:"roles,omitempty"`
	RoleMappings map[string]RoleMapping `json:"roleMappings,omitempty"`
}

var pools = world.NewKind[stored]("cognito-identity/pool")

// Region is the pool's region, the prefix of its ID.
func (p *stored) Region() string { return p.IdentityPoolId[:strings.IndexByte(p.IdentityPoolId, ':')] }

// ARN is arn:aws:cognito-identity:REGION:ACCOUNT:identitypool/ID.
func (p *stored) ARN() string {
	return "arn:aws:cognito-identity:" + p.Region() + ":" + p.Account + ":identitypool/" + p.IdentityPoolId
}

func (p *stored) classicFlow() bool { return p.AllowClassicFlow != nil && *p.AllowClassicFlow }

// Limits and patterns (Cognito Identity API Reference).
var (
	poolIDPattern   = regexp.MustCompile(`^[\w-]+:[0-9a-f-]+$`)
	poolNamePattern = regexp.MustCompile(`^[\w\s+=,.@-]+$`)
	roleARNPattern  = regexp.MustCompile(`^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]+$`)
)

const (
	MaxPoolName     = 128
	MaxPoolID       = 55
	MaxRules        = 25
	MaxListResults  = 60
	MaxRoleMappings = 10
)

func invalidParameter(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidParameterException", format, args...)
}

func notAuthorized(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "NotAuthorizedException", format, args...)
}

func resourceNotFound(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "ResourceNotFoundException", format, args...)
}

// badConfiguration is Cognito's answer when the pool's role cannot be
// assumed: no role for the identity, or a trust policy that refuses it.
func badConfiguration() *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool.")
}

func decode(c *service.Call, v any) error { return protocol.DecodeJSON(c.Body, v) }

func allow(c *service.Call, tx *world.Tx, action, resource string, ctx ...authz.Entry) error {
	_, err := c.Authorize(tx, &authorize.Request{Action: action, Resource: resource, Context: ctx})
	return err
}

// checkPool refuses what CreateIdentityPool refuses.
func checkPool(p *Pool) error {
	if len(p.IdentityPoolName) < 1 || len(p.IdentityPoolName) > MaxPoolName || !poolNamePattern.MatchString(p.IdentityPoolName) {
		return invalidParameter("1 validation error detected: Value '%s' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+", p.IdentityPoolName)
	}
	for _, pr := range p.CognitoIdentityProviders {
		if !strings.HasPrefix(pr.ProviderName, "cognito-idp.") || !strings.Contains(pr.ProviderName, ".amazonaws.com/") || pr.ClientId == "" {
			return invalidParameter("Invalid Cognito Identity Provider: %s", pr.ProviderName)
		}
	}
	for _, arn := range p.OpenIdConnectProviderARNs {
		if !strings.Contains(arn, ":oidc-provider/") {
			return invalidParameter("Invalid OpenIdConnect provider ARN: %s", arn)
		}
	}
	return nil
}

type createInput struct {
	Pool
}

func createIdentityPool(c *service.Call) (any, error) {
	var in createInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	if err := checkPool(&in.Pool); err != nil {
		return nil, err
	}
	var out *Pool
	err := c.World.Update(func(tx *world.Tx) error {
		if err := allow(c, tx, "cognito-identity:CreateIdentityPool", "*", tagContext(in.IdentityPoolTags)...); err != nil {
			return err
		}
		p := &stored{Pool: in.Pool, Account: c.Account()}
		p.IdentityPoolId = c.Env.Region + ":" + c.World.NewRequestID()
		pp := p.Pool
		out = &pp
		c.Event.ResponseElements = map[string]any{"identityPoolId": p.IdentityPoolId, "identityPoolName": p.IdentityPoolName}
		return pools.Put(tx, p.IdentityPoolId, p)
	})
	return out, err
}

func tagContext(tags map[string]string) []authz.Entry {
	if len(tags) == 0 {
		return nil
	}
	var out []authz.Entry
	keys := make([]string, 0, len(tags))
	for k, v := range tags {
		out = append(out, authz.Entry{Key: "aws:RequestTag/" + k, Values: []string{v}})
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return append(out, authz.Entry{Key: "aws:TagKeys", Values: keys})
}

// poolArg reads IdentityPoolId and the caller's pool, authorizing action
// on it.
func poolArg(c *service.Call, tx *world.Tx, id, action string) (*stored, error) {
	if err := checkPoolID(id); err != nil {
		return nil, err
	}
	region, _, _ := strings.Cut(id, ":")
	arn := "arn:aws:cognito-identity:" + region + ":" + c.Account() + ":identitypool/" + id
	if err := allow(c, tx, action, arn); err != nil {
		return nil, err
	}
	p, ok := pools.Get(tx, id)
	if !ok || p.Account != c.Account() {
		return nil, resourceNotFound("IdentityPool '%s' not found.", id)
	}
	return p, nil
}

func checkPoolID(id string) error {
	if id == "" {
		return invalidParameter("1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null")
	}
	if len(id) > MaxPoolID || !poolIDPattern.MatchString(id) {
		return invalidParameter("1 validation error detected: Value '%s' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+", id)
	}
	return nil
}

type poolIDInput struct {
	IdentityPoolId string
}

func describeIdentityPool(c *service.Call) (any, error) {
	var in poolIDInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	var out Pool
	err := c.World.View(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.IdentityPoolId, "cognito-identity:DescribeIdentityPool")
		if err != nil {
			return err
		}
		out = p.Pool
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func listIdentityPools(c *service.Call) (any, error) {
	var in struct {
		MaxResults int
		NextToken  string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	if in.MaxResults < 1 || in.MaxResults > MaxListResults {
		return nil, invalidParameter("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and %d", in.MaxResults, MaxListResults)
	}
	type desc struct {
		IdentityPoolId   string
		IdentityPoolName string
	}
	out := struct {
		IdentityPools []desc
	}{IdentityPools: []desc{}}
	err := c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "cognito-identity:ListIdentityPools", "*"); err != nil {
			return err
		}
		for _, p := range pools.List(tx, c.Env.Region+":") {
			if p.Account == c.Account() && len(out.IdentityPools) < in.MaxResults {
				out.IdentityPools = append(out.IdentityPools, desc{p.IdentityPoolId, p.IdentityPoolName})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func deleteIdentityPool(c *service.Call) (any, error) {
	var in poolIDInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	return nil, c.World.Update(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.IdentityPoolId, "cognito-identity:DeleteIdentityPool")
		if err != nil {
			return err
		}
		return pools.Delete(tx, p.IdentityPoolId)
	})
}

type rolesInput struct {
	IdentityPoolId string
	Roles          map[string]string
	RoleMappings   map[string]RoleMapping
}

// setIdentityPoolRoles needs cognito-identity:SetIdentityPoolRoles and
// iam:PassRole for every role ("To allow an IAM user to set roles with
// permissions in excess of the user's existing permissions on an identity
// pool, you grant that user iam:PassRole permission").
func setIdentityPoolRoles(c *service.Call) (any, error) {
	var in rolesInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	if err := checkRoles(in.Roles, in.RoleMappings); err != nil {
		return nil, err
	}
	return nil, c.World.Update(func(tx *world.Tx) error {
		if err := checkPoolID(in.IdentityPoolId); err != nil {
			return err
		}
		if err := allow(c, tx, "cognito-identity:SetIdentityPoolRoles", "*"); err != nil {
			return err
		}
		p, ok := pools.Get(tx, in.IdentityPoolId)
		if !ok || p.Account != c.Account() {
			return resourceNotFound("IdentityPool '%s' not found.", in.IdentityPoolId)
		}
		for _, arn := range rolesOf(in.Roles, in.RoleMappings) {
			if err := allow(c, tx, "iam:PassRole", arn, authz.Entry{Key: "iam:PassedToService", Values: []string{"cognito-identity.amazonaws.com"}}); err != nil {
				return err
			}
		}
		cp := *p
		cp.Roles, cp.RoleMappings = in.Roles, in.RoleMappings
		return pools.Put(tx, cp.IdentityPoolId, &cp)
	})
}

// rolesOf lists every role ARN of the roles and mappings, once each.
func rolesOf(roles map[string]string, mappings map[string]RoleMapping) []string {
	seen := map[string]bool{}
	for _, r := range roles {
		seen[r] = true
	}
	for _, m := range mappings {
		if m.RulesConfiguration != nil {
			for _, r := range m.RulesConfiguration.Rules {
				seen[r.RoleARN] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// checkRoles refuses what SetIdentityPoolRoles refuses.
func checkRoles(roles map[string]string, mappings map[string]RoleMapping) error {
	for k, arn := range roles {
		if k != "authenticated" && k != "unauthenticated" {
			return invalidParameter("Invalid role type: %s. Valid values are authenticated and unauthenticated", k)
		}
		if !roleARNPattern.MatchString(arn) {
			return invalidParameter("Invalid role ARN: %s", arn)
		}
	}
	if len(mappings) > MaxRoleMappings {
		return invalidParameter("1 validation error detected: Value at 'roleMappings' failed to satisfy constraint: Member must have length less than or equal to %d", MaxRoleMappings)
	}
	for prov, m := range mappings {
		switch m.Type {
		case "Token", "Rules":
		default:
			return invalidParameter("1 validation error detected: Value '%s' at 'roleMappings.%s.member.type' failed to satisfy constraint: Member must satisfy enum value set: [Token, Rules]", m.Type, prov)
		}
		switch m.AmbiguousRoleResolution {
		case "AuthenticatedRole", "Deny":
		default:
			return invalidParameter("AmbiguousRoleResolution must be AuthenticatedRole or Deny for the role mapping of %s", prov)
		}
		if m.Type == "Rules" {
			if m.RulesConfiguration == nil || len(m.RulesConfiguration.Rules) == 0 {
				return invalidParameter("RulesConfiguration is required for the role mapping of %s, whose type is Rules", prov)
			}
			if len(m.RulesConfiguration.Rules) > MaxRules {
				return invalidParameter("A role mapping holds at most %d rules", MaxRules)
			}
			for _, r := range m.RulesConfiguration.Rules {
				if !roleARNPattern.MatchString(r.RoleARN) || r.Claim == "" {
					return invalidParameter("Invalid rule: claim %q, role %q", r.Claim, r.RoleARN)
				}
				switch r.MatchType {
				case "Equals", "Contains", "StartsWith", "NotEqual":
				default:
					return invalidParameter("Invalid MatchType %s: Equals, Contains, StartsWith or NotEqual", r.MatchType)
				}
			}
		}
	}
	return nil
}

func getIdentityPoolRoles(c *service.Call) (any, error) {
	var in poolIDInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	var out struct {
		IdentityPoolId string
		Roles          map[string]string      `json:",omitempty"`
		RoleMappings   map[string]RoleMapping `json:",omitempty"`
	}
	err := c.World.View(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.IdentityPoolId, "cognito-identity:GetIdentityPoolRoles")
		if err != nil {
			return err
		}
		out.IdentityPoolId, out.Roles, out.RoleMappings = p.IdentityPoolId, p.Roles, p.RoleMappings
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// epoch is a time as the JSON protocol writes timestamps.
func epoch(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }
