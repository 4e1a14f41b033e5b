package cognitoidentity

import (
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/iam"
	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/jwt"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sts"
	"github.com/iamlab/iamlab/sim/world"
)

// Identity is an identity of a pool: a guest's, or a user's whose logins
// (provider and subject) are linked to it.
type Identity struct {
	ID      string    `json:"id"`
	PoolID  string    `json:"poolId"`
	Logins  []string  `json:"logins,omitempty"` // PROVIDER|SUB
	Created time.Time `json:"created"`
}

var (
	identities = world.NewKind[Identity]("cognito-identity/identity")
	// loginIndex maps POOL|PROVIDER|SUB to the identity the login is
	// linked to.
	loginIndex = world.NewKind[string]("cognito-identity/login")
)

// Limits of the unsigned calls.
const (
	// MaxLogins bounds the Logins map ("Logins: maximum number of 10 items").
	MaxLogins = 10
	// CredentialSeconds is the lifetime of GetCredentialsForIdentity's
	// credentials: one hour.
	CredentialSeconds = 3600
	// OpenIDTokenLifetime is GetOpenIdToken's token lifetime: "The OpenID
	// token is valid for 10 minutes."
	OpenIDTokenLifetime = 10 * time.Minute
	// SessionName is the role session name of the enhanced flow.
	SessionName = "CognitoIdentityCredentials"
	// guestPolicy is "the scope-down policy" that "Cognito Identity Service
	// will automatically include ... when creating credentials" for
	// unauthenticated identities (the AWS managed policy's description).
	guestPolicy = "arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy"
)

// login is one verified entry of a Logins map.
type login struct {
	provider string // the map's key: cognito-idp.REGION.amazonaws.com/POOL or an OIDC host
	sub, aud string
	claims   jwt.Claims
	// principalARN is the IAM OIDC provider's ARN ("" for a user pool).
	principalARN string
}

func (l *login) key() string { return l.provider + "|" + l.sub }

// verifyLogins checks each token of a Logins map: issued by a provider
// the pool has, for its client ID, signed and unexpired.
func verifyLogins(c *service.Call, tx *world.Tx, p *stored, logins map[string]string) ([]*login, error) {
	if len(logins) > MaxLogins {
		return nil, invalidParameter("1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to %d", MaxLogins)
	}
	names := make([]string, 0, len(logins))
	for k := range logins {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []*login
	for _, name := range names {
		l, err := verifyLogin(c, tx, p, name, logins[name])
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

func verifyLogin(c *service.Call, tx *world.Tx, p *stored, name, token string) (*login, error) {
	l := &login{provider: name}
	var clients []string
	switch {
	case strings.HasPrefix(name, "cognito-idp."):
		for _, pr := range p.CognitoIdentityProviders {
			if pr.ProviderName == name {
				clients = append(clients, pr.ClientId)
			}
		}
	default:
		for _, arn := range p.OpenIdConnectProviderARNs {
			if strings.HasSuffix(arn, ":oidc-provider/"+name) {
				if o, ok := iam.FindOIDCProvider(tx, p.Account, "https://"+name); ok {
					clients, l.principalARN = o.ClientIDs, arn
				}
			}
		}
	}
	if clients == nil {
		return nil, notAuthorized("Token is not from a supported provider of this identity pool.")
	}
	t, _, err := issuers.Verify(tx, token)
	if err != nil || t.Claims.String("iss") != "https://"+name {
		return nil, notAuthorized("Invalid login token. Not a valid OpenId Connect identity token.")
	}
	if strings.HasPrefix(name, "cognito-idp.") && t.Claims.String("token_use") != "id" {
		return nil, notAuthorized("Invalid login token. Not a valid OpenId Connect identity token.")
	}
	if issuers.Current(t, c.Env.Now) != nil {
		exp, _ := t.Claims.Time("exp")
		return nil, notAuthorized("Invalid login token. Token expired: %d >= %d", c.Env.Now.Unix(), exp.Unix())
	}
	l.claims, l.sub = t.Claims, t.Claims.String("sub")
	for _, a := range t.Claims.Strings("aud") {
		for _, id := range clients {
			if a == id {
				l.aud = a
			}
		}
	}
	if l.aud == "" || l.sub == "" {
		return nil, notAuthorized("Invalid login token. Incorrect token audience.")
	}
	return l, nil
}

// amr is the authentication methods of a login: "authenticated" and the
// provider, and for a user pool the pool, client and subject.
func (l *login) amr() []string {
	out := []string{"authenticated", l.provider}
	if l.principalARN != "" {
		return append(out, l.principalARN)
	}
	return append(out, l.provider+":"+l.aud+":"+l.sub)
}

// unsignedPool finds the pool of an unsigned call.
func unsignedPool(tx *world.Tx, id string) (*stored, error) {
	if err := checkPoolID(id); err != nil {
		return nil, err
	}
	p, ok := pools.Get(tx, id)
	if !ok {
		return nil, resourceNotFound("IdentityPool '%s' not found.", id)
	}
	return p, nil
}

func hideLogins(c *service.Call) {
	if m, ok := c.Event.RequestParameters["Logins"].(map[string]any); ok {
		for k := range m {
			m[k] = "HIDDEN_DUE_TO_SECURITY_REASONS"
		}
	}
}

// getID returns the identity of the logins (a new one the first time),
// or a new guest identity when the pool allows guests.
func getID(c *service.Call) (any, error) {
	var in struct {
		AccountId      string
		IdentityPoolId string
		Logins         map[string]string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hideLogins(c)
	var out struct{ IdentityId string }
	err := c.World.Update(func(tx *world.Tx) error {
		p, err := unsignedPool(tx, in.IdentityPoolId)
		if err != nil {
			return err
		}
		if in.AccountId != "" && in.AccountId != p.Account {
			return resourceNotFound("IdentityPool '%s' not found.", in.IdentityPoolId)
		}
		ls, err := verifyLogins(c, tx, p, in.Logins)
		if err != nil {
			return err
		}
		if len(ls) == 0 && !p.AllowUnauthenticatedIdentities {
			return notAuthorized("Unauthenticated access is not supported for this identity pool.")
		}
		id, err := identityFor(c, tx, p, ls)
		if err != nil {
			return err
		}
		out.IdentityId = id.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = map[string]any{"identityId": out.IdentityId}
	return out, nil
}

// identityFor returns the identity linked to the first login, linking
// the others to it, or makes one.
func identityFor(c *service.Call, tx *world.Tx, p *stored, ls []*login) (*Identity, error) {
	for _, l := range ls {
		if id, ok := loginIndex.Get(tx, p.IdentityPoolId+"|"+l.key()); ok {
			if ident, ok := identities.Get(tx, *id); ok {
				return ident, link(tx, p, ident, ls)
			}
		}
	}
	ident := &Identity{ID: p.Region() + ":" + c.World.NewRequestID(), PoolID: p.IdentityPoolId, Created: c.Env.Now.UTC()}
	return ident, link(tx, p, ident, ls)
}

// link records the logins as the identity's.
func link(tx *world.Tx, p *stored, ident *Identity, ls []*login) error {
	cp := *ident
	cp.Logins = append([]string(nil), ident.Logins...)
	for _, l := range ls {
		k := p.IdentityPoolId + "|" + l.key()
		if id, ok := loginIndex.Get(tx, k); ok && *id != ident.ID {
			return protocol.Errorf(400, "ResourceConflictException", "Logins are linked to another identity.")
		}
		if !containsString(cp.Logins, l.key()) {
			cp.Logins = append(cp.Logins, l.key())
			id := ident.ID
			if err := loginIndex.Put(tx, k, &id); err != nil {
				return err
			}
		}
	}
	return identities.Put(tx, cp.ID, &cp)
}

func containsString(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// authenticate reads an identity and checks the logins given for it: an
// authenticated identity must show one of its logins.
func authenticate(c *service.Call, tx *world.Tx, identityID string, logins map[string]string) (*stored, *Identity, []*login, error) {
	if identityID == "" {
		return nil, nil, nil, invalidParameter("1 validation error detected: Value null at 'identityId' failed to satisfy constraint: Member must not be null")
	}
	ident, ok := identities.Get(tx, identityID)
	if !ok {
		return nil, nil, nil, resourceNotFound("Identity '%s' not found.", identityID)
	}
	p, ok := pools.Get(tx, ident.PoolID)
	if !ok {
		return nil, nil, nil, resourceNotFound("Identity '%s' not found.", identityID)
	}
	ls, err := verifyLogins(c, tx, p, logins)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(ls) == 0 {
		if len(ident.Logins) > 0 {
			return nil, nil, nil, notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.")
		}
		if !p.AllowUnauthenticatedIdentities {
			return nil, nil, nil, notAuthorized("Unauthenticated access is not supported for this identity pool.")
		}
		return p, ident, nil, nil
	}
	if err := link(tx, p, ident, ls); err != nil {
		return nil, nil, nil, err
	}
	return p, ident, ls, nil
}

// getCredentialsForIdentity is the enhanced flow: the pool's role for the
// identity (guest, default authenticated, or chosen by the login's role
// mapping), assumed with sts:AssumeRoleWithWebIdentity on the identity's
// behalf, which the role's trust policy must allow for
// cognito-identity.amazonaws.com with the :aud (pool), :amr and :sub
// (identity) keys.
func getCredentialsForIdentity(c *service.Call) (any, error) {
	var in struct {
		IdentityId    string
		Logins        map[string]string
		CustomRoleArn string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hideLogins(c)
	type creds struct {
		AccessKeyId  string
		SecretKey    string
		SessionToken string
		Expiration   float64
	}
	var out struct {
		IdentityId  string
		Credentials creds
	}
	err := c.World.Update(func(tx *world.Tx) error {
		p, ident, ls, err := authenticate(c, tx, in.IdentityId, in.Logins)
		if err != nil {
			return err
		}
		wi := &sts.WebIdentity{Principal: sts.CognitoIdentityProvider, Name: sts.CognitoIdentityProvider,
			Subject: ident.ID, Audience: p.IdentityPoolId, AMR: []string{"unauthenticated"}}
		g := &sts.WebIdentityGrant{SessionName: SessionName, Seconds: CredentialSeconds}
		if len(ls) == 0 {
			g.RoleARN = p.Roles["unauthenticated"]
			doc, ok := c.World.ManagedDoc(tx, guestPolicy)
			if !ok {
				return protocol.Internal(errors.New("the catalog lacks " + guestPolicy))
			}
			g.Policy, g.PolicyARNs = doc, []string{guestPolicy}
		} else {
			wi.AMR = ls[0].amr()
			if g.RoleARN, err = chooseRole(p, ls[0], in.CustomRoleArn); err != nil {
				return err
			}
		}
		if g.RoleARN == "" {
			return badConfiguration()
		}
		s, err := sts.AssumeWebIdentity(c, tx, wi, g)
		if errors.Is(err, sts.ErrNotTrusted) {
			return badConfiguration()
		}
		if err != nil {
			return err
		}
		out.IdentityId = ident.ID
		out.Credentials = creds{AccessKeyId: s.KeyID, SecretKey: s.Secret, SessionToken: s.Token, Expiration: epoch(s.Expires)}
		c.Event.ResponseElements = map[string]any{"identityId": ident.ID,
			"credentials": map[string]any{"accessKeyId": s.KeyID, "expiration": s.Expires.UTC().Format(time.RFC3339)},
			"assumedRole": s.ARN()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// chooseRole picks an authenticated identity's role: the login
// provider's role mapping (Token: the ID token's cognito:preferred_role
// or one of cognito:roles named by CustomRoleArn; Rules: the first rule
// whose claim matches), else the pool's authenticated role.
func chooseRole(p *stored, l *login, custom string) (string, error) {
	def := p.Roles["authenticated"]
	m, ok := p.RoleMappings[l.provider]
	if !ok {
		return def, nil
	}
	ambiguous := func() (string, error) {
		if m.AmbiguousRoleResolution == "Deny" {
			return "", notAuthorized("Ambiguous role mapping rules for: %s", l.provider)
		}
		return def, nil
	}
	switch m.Type {
	case "Token":
		roles := strings.Split(l.claims.String("cognito:roles"), ",")
		if custom != "" {
			if containsString(roles, custom) {
				return custom, nil
			}
			return "", notAuthorized("The role %s is not in the token's cognito:roles.", custom)
		}
		if r := l.claims.String("cognito:preferred_role"); r != "" {
			return r, nil
		}
		return ambiguous()
	case "Rules":
		for _, r := range m.RulesConfiguration.Rules {
			if ruleMatches(r, l.claims) {
				return r.RoleARN, nil
			}
		}
		return ambiguous()
	}
	return def, nil
}

// ruleMatches: "If the match type is NotEqual and the claim doesn't
// exist, the rule is not evaluated."
func ruleMatches(r Rule, claims jwt.Claims) bool {
	vs := claims.Strings(r.Claim)
	if len(vs) == 0 {
		return false
	}
	for _, v := range vs {
		switch r.MatchType {
		case "Equals":
			if v == r.Value {
				return true
			}
		case "NotEqual":
			if v != r.Value {
				return true
			}
		case "StartsWith":
			if strings.HasPrefix(v, r.Value) {
				return true
			}
		case "Contains":
			if strings.Contains(v, r.Value) {
				return true
			}
		}
	}
	return false
}

// getOpenIDToken is the basic flow's first half: an OpenID token of
// https://cognito-identity.amazonaws.com for the identity, which the app
// then gives to sts:AssumeRoleWithWebIdentity with a role of its choice.
// It is refused unless the pool allows the classic flow.
func getOpenIDToken(c *service.Call) (any, error) {
	var in struct {
		IdentityId string
		Logins     map[string]string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hideLogins(c)
	is, err := issuers.Ensure(c.World, issuers.CognitoIdentity, 1, false)
	if err != nil {
		return nil, protocol.Internal(err)
	}
	var out struct {
		IdentityId string
		Token      string
	}
	err = c.World.Update(func(tx *world.Tx) error {
		p, ident, ls, err := authenticate(c, tx, in.IdentityId, in.Logins)
		if err != nil {
			return err
		}
		if !p.classicFlow() {
			return invalidParameter("Basic (classic) flow is not enabled, please use enhanced flow.")
		}
		amr := []string{"unauthenticated"}
		if len(ls) > 0 {
			amr = ls[0].amr()
		}
		now := c.Env.Now.UTC()
		tok, err := is.Sign(0, map[string]any{"iss": issuers.CognitoIdentity, "sub": ident.ID, "aud": p.IdentityPoolId,
			"amr": amr, "iat": now.Unix(), "exp": now.Add(OpenIDTokenLifetime).Unix()})
		if err != nil {
			return protocol.Internal(err)
		}
		out.IdentityId, out.Token = ident.ID, tok
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = map[string]any{"identityId": out.IdentityId}
	return out, nil
}
