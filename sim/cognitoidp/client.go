package cognitoidp

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strconv"
	"time"

	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Client is an app client of a user pool.
type Client struct {
	ID       string         `json:"id"`
	PoolID   string         `json:"poolId"`
	Created  time.Time      `json:"created"`
	Modified time.Time      `json:"modified"`
	Settings ClientSettings `json:"settings"`
}

// ClientSettings are CreateUserPoolClient's settings, in AWS's names.
type ClientSettings struct {
	ClientName                 string         `json:"ClientName"`
	ClientSecret               string         `json:"ClientSecret,omitempty"`
	RefreshTokenValidity       int            `json:"RefreshTokenValidity"`
	AccessTokenValidity        int            `json:"AccessTokenValidity,omitempty"`
	IdTokenValidity            int            `json:"IdTokenValidity,omitempty"`
	TokenValidityUnits         *ValidityUnits `json:"TokenValidityUnits,omitempty"`
	ReadAttributes             []string       `json:"ReadAttributes,omitempty"`
	WriteAttributes            []string       `json:"WriteAttributes,omitempty"`
	ExplicitAuthFlows          []string       `json:"ExplicitAuthFlows,omitempty"`
	SupportedIdentityProviders []string       `json:"SupportedIdentityProviders,omitempty"`
	CallbackURLs               []string       `json:"CallbackURLs,omitempty"`
	LogoutURLs                 []string       `json:"LogoutURLs,omitempty"`
	AllowedOAuthFlows          []string       `json:"AllowedOAuthFlows,omitempty"`
	AllowedOAuthScopes         []string       `json:"AllowedOAuthScopes,omitempty"`
	PreventUserExistenceErrors string         `json:"PreventUserExistenceErrors,omitempty"`
	EnableTokenRevocation      *bool          `json:"EnableTokenRevocation,omitempty"`
	AuthSessionValidity        int            `json:"AuthSessionValidity,omitempty"`
}

// ValidityUnits is TokenValidityUnitsType.
type ValidityUnits struct {
	AccessToken  string `json:"AccessToken,omitempty"`
	IdToken      string `json:"IdToken,omitempty"`
	RefreshToken string `json:"RefreshToken,omitempty"`
}

var clients = world.NewKind[Client]("cognito-idp/client")

// The auth flows (ExplicitAuthFlowsType) and the older names that mean
// the same.
var flowNames = map[string]string{
	"ALLOW_ADMIN_USER_PASSWORD_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
	"ALLOW_USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
	"ALLOW_CUSTOM_AUTH": "ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
	"ALLOW_USER_SRP_AUTH": "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH": "ALLOW_REFRESH_TOKEN_AUTH",
	"ALLOW_USER_AUTH": "ALLOW_USER_AUTH",
}

// allows reports whether the client enables a flow (ALLOW_...). A client
// created without ExplicitAuthFlows allows SRP, custom and refresh-token
// sign-in, Cognito's default.
func (cl *Client) allows(flow string) bool {
	fs := cl.Settings.ExplicitAuthFlows
	if len(fs) == 0 {
		return flow == "ALLOW_USER_SRP_AUTH" || flow == "ALLOW_CUSTOM_AUTH" || flow == "ALLOW_REFRESH_TOKEN_AUTH"
	}
	for _, f := range fs {
		if flowNames[f] == flow {
			return true
		}
	}
	return false
}

// preventsExistenceErrors: ENABLED answers an unknown user as a wrong
// password; LEGACY (the default of the API) says UserNotFoundException.
func (cl *Client) preventsExistenceErrors() bool {
	return cl.Settings.PreventUserExistenceErrors == "ENABLED"
}

// validity returns a token lifetime from a value and its unit.
func validity(v int, unit, def string, deflt time.Duration) time.Duration {
	if v == 0 {
		return deflt
	}
	if unit == "" {
		unit = def
	}
	d := time.Duration(v)
	switch unit {
	case "seconds":
		return d * time.Second
	case "minutes":
		return d * time.Minute
	case "days":
		return d * 24 * time.Hour
	}
	return d * time.Hour
}

// Token lifetimes: access and ID tokens an hour, refresh tokens 30 days
// unless the client says otherwise.
func (cl *Client) lifetimes() (access, id, refresh time.Duration) {
	u := cl.Settings.TokenValidityUnits
	if u == nil {
		u = &ValidityUnits{}
	}
	s := cl.Settings
	return validity(s.AccessTokenValidity, u.AccessToken, "hours", time.Hour),
		validity(s.IdTokenValidity, u.IdToken, "hours", time.Hour),
		validity(s.RefreshTokenValidity, u.RefreshToken, "days", 30*24*time.Hour)
}

// authSession is how long a challenge's session lasts (3 minutes unless
// AuthSessionValidity says up to 15).
func (cl *Client) authSession() time.Duration {
	if m := cl.Settings.AuthSessionValidity; m >= 3 && m <= 15 {
		return time.Duration(m) * time.Minute
	}
	return 3 * time.Minute
}

// checkSecretHash: "SECRET_HASH = Base64 ( HMAC_SHA256 ( Client Secret,
// Username + Client Id ) )", required when the client has a secret.
func (cl *Client) checkSecretHash(username, hash string) error {
	if cl.Settings.ClientSecret == "" {
		return nil
	}
	if hash == "" {
		return notAuthorized("Client %s is configured for secret but secret was not received", cl.ID)
	}
	m := hmac.New(sha256.New, []byte(cl.Settings.ClientSecret))
	m.Write([]byte(username + cl.ID))
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(want), []byte(hash)) != 1 {
		return notAuthorized("Unable to verify secret hash for client %s", cl.ID)
	}
	return nil
}

// clientArg finds an app client by ID (for the unsigned operations).
func clientArg(tx *world.Tx, id string) (*Client, *Pool, error) {
	if id == "" {
		return nil, nil, invalidParameter("1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null")
	}
	cl, ok := clients.Get(tx, id)
	if !ok {
		return nil, nil, resourceNotFound("User pool client %s does not exist.", id)
	}
	p, ok := pools.Get(tx, cl.PoolID)
	if !ok {
		return nil, nil, resourceNotFound("User pool client %s does not exist.", id)
	}
	return cl, p, nil
}

// clientFor finds the app client of an unsigned call that names a user,
// and checks the call's secret hash.
func clientFor(tx *world.Tx, id, username, secretHash string) (*Client, *Pool, error) {
	cl, p, err := clientArg(tx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := cl.checkSecretHash(username, secretHash); err != nil {
		return nil, nil, err
	}
	return cl, p, nil
}

type clientType struct {
	ClientSettings
	UserPoolId       string  `json:"UserPoolId"`
	ClientId         string  `json:"ClientId"`
	CreationDate     float64 `json:"CreationDate"`
	LastModifiedDate float64 `json:"LastModifiedDate"`
}

func clientOf(cl *Client) clientType {
	return clientType{ClientSettings: cl.Settings, UserPoolId: cl.PoolID, ClientId: cl.ID,
		CreationDate: epoch(cl.Created), LastModifiedDate: epoch(cl.Modified)}
}

type clientOutput struct {
	UserPoolClient clientType
}

func createUserPoolClient(c *service.Call) (any, error) {
	var in struct {
		ClientSettings
		UserPoolId     string
		GenerateSecret bool
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	s := in.ClientSettings
	if len(s.ClientName) < 1 || len(s.ClientName) > 128 {
		return nil, invalidParameter("1 validation error detected: Value '%s' at 'clientName' failed to satisfy constraint: Member must have length between 1 and 128", s.ClientName)
	}
	if err := checkClient(&s); err != nil {
		return nil, err
	}
	var out *clientOutput
	err := c.World.Update(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:CreateUserPoolClient")
		if err != nil {
			return err
		}
		cl := &Client{ID: clientID(c.World), PoolID: p.ID, Settings: s}
		if in.GenerateSecret {
			cl.Settings.ClientSecret = clientSecret(c.World)
		}
		cl.Created = c.Env.Now.UTC().Truncate(time.Millisecond)
		cl.Modified = cl.Created
		out = &clientOutput{clientOf(cl)}
		c.Event.ResponseElements = map[string]any{"userPoolClient": map[string]any{"clientId": cl.ID, "userPoolId": p.ID, "clientName": s.ClientName}}
		return clients.Put(tx, cl.ID, cl)
	})
	return out, err
}

// checkClient refuses unknown auth flows and fills in the defaults.
func checkClient(s *ClientSettings) error {
	for _, f := range s.ExplicitAuthFlows {
		if _, ok := flowNames[f]; !ok {
			return invalidParameter("1 validation error detected: Value '[%s]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_AUTH]]", f)
		}
	}
	switch s.PreventUserExistenceErrors {
	case "":
		s.PreventUserExistenceErrors = "LEGACY"
	case "LEGACY", "ENABLED":
	default:
		return invalidParameter("1 validation error detected: Value '%s' at 'preventUserExistenceErrors' failed to satisfy constraint: Member must satisfy enum value set: [LEGACY, ENABLED]", s.PreventUserExistenceErrors)
	}
	if s.RefreshTokenValidity == 0 {
		s.RefreshTokenValidity = 30
	}
	if s.AuthSessionValidity == 0 {
		s.AuthSessionValidity = 3
	}
	if s.AuthSessionValidity < 3 || s.AuthSessionValidity > 15 {
		return invalidParameter("1 validation error detected: Value '%d' at 'authSessionValidity' failed to satisfy constraint: Member must have value between 3 and 15", s.AuthSessionValidity)
	}
	return nil
}

// clientID is 26 lower-case letters and digits, as Cognito's.
func clientID(w *world.World) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := randomBytes(w, 26)
	for i, x := range b {
		b[i] = alphabet[int(x)%len(alphabet)]
	}
	return string(b)
}

// clientSecret is 51 characters of lower-case letters and digits.
func clientSecret(w *world.World) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := randomBytes(w, 51)
	for i, x := range b {
		b[i] = alphabet[int(x)%len(alphabet)]
	}
	return string(b)
}

type clientInput struct {
	UserPoolId string
	ClientId   string
}

func describeUserPoolClient(c *service.Call) (any, error) {
	var in clientInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	var out *clientOutput
	err := c.World.View(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:DescribeUserPoolClient")
		if err != nil {
			return err
		}
		cl, ok := clients.Get(tx, in.ClientId)
		if !ok || cl.PoolID != p.ID {
			return resourceNotFound("User pool client %s does not exist.", in.ClientId)
		}
		out = &clientOutput{clientOf(cl)}
		return nil
	})
	return out, err
}

type clientDescription struct {
	ClientId   string `json:"ClientId"`
	UserPoolId string `json:"UserPoolId"`
	ClientName string `json:"ClientName"`
}

func listUserPoolClients(c *service.Call) (any, error) {
	var in struct {
		UserPoolId string
		MaxResults int
		NextToken  string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	if in.MaxResults == 0 {
		in.MaxResults = MaxListResults
	}
	out := struct {
		UserPoolClients []clientDescription
		NextToken       string `json:",omitempty"`
	}{UserPoolClients: []clientDescription{}}
	err := c.World.View(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:ListUserPoolClients")
		if err != nil {
			return err
		}
		var all []*Client
		for _, cl := range clients.List(tx, "") {
			if cl.PoolID == p.ID {
				all = append(all, cl)
			}
		}
		page, next := paginate(len(all), in.NextToken, in.MaxResults)
		for _, cl := range all[page[0]:page[1]] {
			out.UserPoolClients = append(out.UserPoolClients, clientDescription{cl.ID, p.ID, cl.Settings.ClientName})
		}
		out.NextToken = next
		return nil
	})
	return out, err
}

func deleteUserPoolClient(c *service.Call) (any, error) {
	var in clientInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	err := c.World.Update(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:DeleteUserPoolClient")
		if err != nil {
			return err
		}
		cl, ok := clients.Get(tx, in.ClientId)
		if !ok || cl.PoolID != p.ID {
			return resourceNotFound("User pool client %s does not exist.", in.ClientId)
		}
		return clients.Delete(tx, cl.ID)
	})
	return nil, err
}

// paginate returns the bounds of a page of n items and the next token,
// the index where the next page starts.
func paginate(n int, token string, max int) ([2]int, string) {
	start, _ := strconv.Atoi(token)
	if start < 0 || start > n {
		start = n
	}
	end := start + max
	if end >= n {
		return [2]int{start, n}, ""
	}
	return [2]int{start, end}, strconv.Itoa(end)
}
