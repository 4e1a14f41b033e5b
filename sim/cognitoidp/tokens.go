package cognitoidp

import (
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// authResult is AuthenticationResultType.
type authResult struct {
	AccessToken  string
	ExpiresIn    int
	TokenType    string
	RefreshToken string `json:",omitempty"`
	IdToken      string
}

// refreshToken is what a refresh token stands for, kept under its digest.
type refreshToken struct {
	Key       string    `json:"key"`
	PoolID    string    `json:"poolId"`
	ClientID  string    `json:"clientId"`
	Username  string    `json:"username"`
	AuthTime  time.Time `json:"authTime"`
	OriginJTI string    `json:"originJti"`
	Expires   time.Time `json:"expires"`
}

var refreshTokens = world.NewKind[refreshToken]("cognito-idp/refresh")

// refreshHeader is the JWE header of Cognito's refresh tokens, which are
// encrypted and opaque to clients; the lab's are random behind it.
const refreshHeader = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"

// scope is the access token's scope for sign-in through the API.
const scope = "aws.cognito.signin.user.admin"

// tokens signs the ID and access tokens of a sign-in (and a refresh token
// for a new one) with AWS's claims (Cognito Developer Guide, using the ID
// token and the access token).
func (s *signIn) tokens(tx *world.Tx, u *User, authTime time.Time, originJTI string, withRefresh bool) (*authResult, error) {
	is, ok := issuers.Get(tx, s.pool.Issuer())
	if !ok {
		return nil, protocol.Internal(errors.New("the user pool's keys are missing"))
	}
	w, now := s.c.World, s.c.Env.Now.UTC()
	accessLife, idLife, refreshLife := s.client.lifetimes()
	if originJTI == "" {
		originJTI = w.NewRequestID()
	}
	event := w.NewRequestID()
	id := map[string]any{
		"sub": u.Attr("sub"), "iss": s.pool.Issuer(), "aud": s.client.ID, "token_use": "id",
		"cognito:username": u.Username, "origin_jti": originJTI, "event_id": event,
		"auth_time": authTime.Unix(), "iat": now.Unix(), "exp": now.Add(idLife).Unix(), "jti": w.NewRequestID(),
	}
	for _, a := range u.Attrs {
		switch a.Name {
		case "sub":
		case "email_verified", "phone_number_verified":
			id[a.Name] = a.Value == "true"
		default:
			id[a.Name] = a.Value
		}
	}
	access := map[string]any{
		"sub": u.Attr("sub"), "iss": s.pool.Issuer(), "client_id": s.client.ID, "origin_jti": originJTI,
		"event_id": event, "token_use": "access", "scope": scope, "auth_time": authTime.Unix(),
		"iat": now.Unix(), "exp": now.Add(accessLife).Unix(), "jti": w.NewRequestID(), "username": u.Username,
	}
	idTok, err := is.Sign(idKey, id)
	if err != nil {
		return nil, protocol.Internal(err)
	}
	accTok, err := is.Sign(accessKey, access)
	if err != nil {
		return nil, protocol.Internal(err)
	}
	res := &authResult{AccessToken: accTok, IdToken: idTok, TokenType: "Bearer", ExpiresIn: int(accessLife / time.Second)}
	if withRefresh {
		tok := refreshHeader + "." + segment(w, 256) + "." + segment(w, 12) + "." + segment(w, 1024) + "." + segment(w, 16)
		rt := &refreshToken{Key: digest(tok), PoolID: s.pool.ID, ClientID: s.client.ID, Username: u.Username,
			AuthTime: authTime.UTC(), OriginJTI: originJTI, Expires: now.Add(refreshLife)}
		if err := refreshTokens.Put(tx, rt.Key, rt); err != nil {
			return nil, err
		}
		res.RefreshToken = tok
	}
	return res, nil
}

func segment(w *world.World, n int) string {
	return base64.RawURLEncoding.EncodeToString(randomBytes(w, n))
}

// refresh is REFRESH_TOKEN_AUTH: new ID and access tokens for the sign-in
// the refresh token belongs to (no new refresh token).
func (s *signIn) refresh(tx *world.Tx, tok, name, secretHash string) (*authOutput, error) {
	if tok == "" {
		return nil, invalidParameter("Missing required parameter REFRESH_TOKEN")
	}
	rt, ok := refreshTokens.Get(tx, digest(tok))
	if !ok || rt.ClientID != s.client.ID || rt.PoolID != s.pool.ID {
		return nil, notAuthorized("Invalid Refresh Token")
	}
	if s.c.Env.Now.After(rt.Expires) {
		return nil, notAuthorized("Refresh Token has expired")
	}
	u, ok := users.Get(tx, userKey(s.pool, rt.Username))
	if !ok {
		return nil, notAuthorized("Invalid Refresh Token")
	}
	if err := s.client.checkSecretHash(orDefault(name, u.Username), secretHash); err != nil {
		return nil, err
	}
	if !u.Enabled {
		return nil, notAuthorized("User is disabled.")
	}
	res, err := s.tokens(tx, u, rt.AuthTime, rt.OriginJTI, false)
	if err != nil {
		return nil, err
	}
	return &authOutput{ChallengeParameters: map[string]string{}, AuthenticationResult: res}, nil
}

// accessUser reads an access token: signed by a pool of the world, for
// access, unexpired, of a user that still exists.
func accessUser(c *service.Call, tx *world.Tx, tok string) (*Pool, *User, error) {
	if tok == "" {
		return nil, nil, invalidParameter("1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null")
	}
	t, _, err := issuers.Verify(tx, tok)
	if err != nil || t.Claims.String("token_use") != "access" {
		return nil, nil, notAuthorized("Invalid Access Token")
	}
	iss := t.Claims.String("iss")
	i := strings.LastIndexByte(iss, '/')
	p, ok := pools.Get(tx, iss[i+1:])
	if !ok || p.Issuer() != iss {
		return nil, nil, notAuthorized("Invalid Access Token")
	}
	if issuers.Current(t, c.Env.Now) != nil {
		return nil, nil, notAuthorized("Access Token has expired")
	}
	u, ok := users.Get(tx, userKey(p, t.Claims.String("username")))
	if !ok || u.Attr("sub") != t.Claims.String("sub") {
		return nil, nil, notAuthorized("Access Token has been revoked")
	}
	return p, u, nil
}

// getUser answers with the user of an access token ("Amazon Cognito
// doesn't evaluate IAM policies": the token authorizes).
func getUser(c *service.Call) (any, error) {
	var in struct{ AccessToken string }
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	var out struct {
		Username       string
		UserAttributes []Attribute
	}
	err := c.World.View(func(tx *world.Tx) error {
		_, u, err := accessUser(c, tx, in.AccessToken)
		if err != nil {
			return err
		}
		out.Username, out.UserAttributes = u.Username, u.Attrs
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
