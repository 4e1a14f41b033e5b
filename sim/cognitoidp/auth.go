package cognitoidp

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/srp"
	"github.com/iamlab/iamlab/sim/world"
)

// challenge is the state of a sign-in between InitiateAuth and
// RespondToAuthChallenge, kept under the digest of its secret (the
// SECRET_BLOCK of PASSWORD_VERIFIER, the Session of NEW_PASSWORD_REQUIRED).
// It is used once.
type challenge struct {
	Key      string    `json:"key"` // the digest it is kept under
	Name     string    `json:"name"`
	PoolID   string    `json:"poolId"`
	ClientID string    `json:"clientId"`
	Username string    `json:"username"` // "" for the decoy of an unknown user
	A        string    `json:"a,omitempty"`
	B        string    `json:"b,omitempty"`
	Secret   string    `json:"secret,omitempty"` // the server's SRP b, hex
	Expires  time.Time `json:"expires"`
}

var challenges = world.NewKind[challenge]("cognito-idp/challenge")

// Challenge names.
const (
	passwordVerifier = "PASSWORD_VERIFIER"
	newPasswordReq   = "NEW_PASSWORD_REQUIRED"
)

// Sizes of the random parts.
const (
	secretBlockBytes = 128
	sessionBytes     = 96
	srpSecretBytes   = 32
	// pruneEvery is how many challenges are made between two sweeps of
	// the expired ones.
	pruneEvery = 256
)

var madeChallenges atomic.Uint64

func putChallenge(tx *world.Tx, secret string, ch *challenge, now time.Time) error {
	if madeChallenges.Add(1)%pruneEvery == 0 {
		if err := pruneChallenges(tx, now); err != nil {
			return err
		}
	}
	ch.Key = digest(secret)
	return challenges.Put(tx, ch.Key, ch)
}

// pruneChallenges deletes the expired challenges, which a sign-in left
// unanswered, and the expired refresh tokens.
func pruneChallenges(tx *world.Tx, now time.Time) error {
	for _, ch := range challenges.List(tx, "") {
		if now.After(ch.Expires) {
			if err := challenges.Delete(tx, ch.Key); err != nil {
				return err
			}
		}
	}
	for _, rt := range refreshTokens.List(tx, "") {
		if now.After(rt.Expires) {
			if err := refreshTokens.Delete(tx, rt.Key); err != nil {
				return err
			}
		}
	}
	return nil
}

// takeChallenge returns and deletes the challenge kept under secret.
func takeChallenge(tx *world.Tx, secret, name, clientID string, now time.Time) (*challenge, error) {
	k := digest(secret)
	ch, ok := challenges.Get(tx, k)
	if !ok || ch.Name != name || ch.ClientID != clientID {
		return nil, notAuthorized("Invalid session for the user.")
	}
	if err := challenges.Delete(tx, k); err != nil {
		return nil, err
	}
	if now.After(ch.Expires) {
		return nil, notAuthorized("Invalid session for the user, session is expired.")
	}
	return ch, nil
}

type authInput struct {
	AuthFlow       string
	ClientId       string
	UserPoolId     string
	AuthParameters map[string]string
	Session        string
}

type authOutput struct {
	ChallengeName        string            `json:",omitempty"`
	Session              string            `json:",omitempty"`
	ChallengeParameters  map[string]string `json:"ChallengeParameters"`
	AuthenticationResult *authResult       `json:",omitempty"`
}

// signIn is a sign-in in progress: the call, its pool and client.
type signIn struct {
	c      *service.Call
	pool   *Pool
	client *Client
}

// begin finds the client (and checks it is the pool's, for the Admin
// calls, which IAM authorizes), then makes the pool's keys so that
// tokens can be signed inside the Update that follows.
func begin(c *service.Call, clientID, poolID, adminAction string) (*signIn, error) {
	s := &signIn{c: c}
	err := c.World.View(func(tx *world.Tx) error {
		if adminAction != "" {
			p, err := poolArg(c, tx, poolID, adminAction)
			if err != nil {
				return err
			}
			cl, ok := clients.Get(tx, clientID)
			if !ok || cl.PoolID != p.ID {
				return resourceNotFound("User pool client %s does not exist.", clientID)
			}
			s.pool, s.client = p, cl
			return nil
		}
		var err error
		s.client, s.pool, err = clientArg(tx, clientID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, err := issuers.Ensure(c.World, s.pool.Issuer(), poolKeys, false); err != nil {
		return nil, protocol.Internal(err)
	}
	return s, nil
}

func initiateAuth(c *service.Call) (any, error) {
	return startAuth(c, "")
}

func adminInitiateAuth(c *service.Call) (any, error) {
	return startAuth(c, "cognito-idp:AdminInitiateAuth")
}

// startAuth runs InitiateAuth or, with the IAM action, AdminInitiateAuth.
func startAuth(c *service.Call, adminAction string) (any, error) {
	var in authInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hide(c, "AuthParameters", "ClientMetadata")
	if in.AuthFlow == "" {
		return nil, invalidParameter("1 validation error detected: Value null at 'authFlow' failed to satisfy constraint: Member must not be null")
	}
	s, err := begin(c, in.ClientId, in.UserPoolId, adminAction)
	if err != nil {
		return nil, err
	}
	ap := in.AuthParameters
	var out *authOutput
	err = c.World.Update(func(tx *world.Tx) error {
		var err error
		switch in.AuthFlow {
		case "USER_SRP_AUTH":
			out, err = s.srpStart(tx, ap["USERNAME"], ap["SRP_A"], ap["SECRET_HASH"])
		case "USER_PASSWORD_AUTH":
			if !s.client.allows("ALLOW_USER_PASSWORD_AUTH") {
				return invalidParameter("USER_PASSWORD_AUTH flow not enabled for this client")
			}
			out, err = s.password(tx, ap["USERNAME"], ap["PASSWORD"], ap["SECRET_HASH"])
		case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH":
			if adminAction == "" {
				return invalidParameter("Initiate Auth method not supported.")
			}
			if !s.client.allows("ALLOW_ADMIN_USER_PASSWORD_AUTH") {
				return invalidParameter("Auth flow not enabled for this client")
			}
			out, err = s.password(tx, ap["USERNAME"], ap["PASSWORD"], ap["SECRET_HASH"])
		case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN":
			if !s.client.allows("ALLOW_REFRESH_TOKEN_AUTH") {
				return invalidParameter("Refresh Token auth flow not enabled for this client")
			}
			out, err = s.refresh(tx, ap["REFRESH_TOKEN"], ap["USERNAME"], ap["SECRET_HASH"])
		case "CUSTOM_AUTH":
			return invalidParameter("Custom auth lambda trigger is not configured for the user pool.")
		case "USER_AUTH":
			return invalidParameter("USER_AUTH flow not enabled for this client")
		default:
			return invalidParameter("1 validation error detected: Value '%s' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]", in.AuthFlow)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lookup finds a signing-in user; an unknown one is "Incorrect username or
// password." when the client prevents user existence errors.
func (s *signIn) lookup(tx *world.Tx, name, secretHash string) (*User, error) {
	if name == "" {
		return nil, invalidParameter("Missing required parameter USERNAME")
	}
	if err := s.client.checkSecretHash(name, secretHash); err != nil {
		return nil, err
	}
	u, ok := findUser(tx, s.pool, name)
	if !ok {
		if s.client.preventsExistenceErrors() {
			return nil, incorrect()
		}
		return nil, userNotFound()
	}
	return u, nil
}

// password is USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the
// password is checked against the user's SRP verifier.
func (s *signIn) password(tx *world.Tx, name, pw, secretHash string) (*authOutput, error) {
	if pw == "" {
		return nil, invalidParameter("Missing required parameter PASSWORD")
	}
	u, err := s.lookup(tx, name, secretHash)
	if err != nil {
		return nil, err
	}
	if !u.Enabled {
		return nil, notAuthorized("User is disabled.")
	}
	if !passwordMatches(s.pool, u, pw) {
		return nil, incorrect()
	}
	return s.signedIn(tx, u)
}

// signedIn ends a sign-in whose password was proven: the first sign-in
// with a temporary password gets NEW_PASSWORD_REQUIRED, others tokens.
func (s *signIn) signedIn(tx *world.Tx, u *User) (*authOutput, error) {
	now := s.c.Env.Now
	switch u.Status {
	case StatusUnconfirmed:
		return nil, protocol.Errorf(http.StatusBadRequest, "UserNotConfirmedException", "User is not confirmed.")
	case StatusForceChange:
		if !u.TempExpires.IsZero() && now.After(u.TempExpires) {
			return nil, notAuthorized("Temporary password has expired and must be reset by an administrator.")
		}
		return s.newPasswordChallenge(tx, u)
	}
	res, err := s.tokens(tx, u, now, "", true)
	if err != nil {
		return nil, err
	}
	return &authOutput{ChallengeParameters: map[string]string{}, AuthenticationResult: res}, nil
}

func (s *signIn) newPasswordChallenge(tx *world.Tx, u *User) (*authOutput, error) {
	session := "AYABe" + base64.RawURLEncoding.EncodeToString(randomBytes(s.c.World, sessionBytes))
	ch := &challenge{Name: newPasswordReq, PoolID: s.pool.ID, ClientID: s.client.ID, Username: u.Username,
		Expires: s.c.Env.Now.Add(s.client.authSession())}
	if err := putChallenge(tx, session, ch, s.c.Env.Now); err != nil {
		return nil, err
	}
	attrs := map[string]string{}
	for _, a := range u.Attrs {
		if a.Name != "sub" {
			attrs[a.Name] = a.Value
		}
	}
	var missing []string
	for _, r := range s.pool.required() {
		if u.Attr(r) == "" {
			missing = append(missing, "userAttributes."+r)
		}
	}
	sort.Strings(missing)
	ab, _ := json.Marshal(attrs)
	if missing == nil {
		missing = []string{}
	}
	rb, _ := json.Marshal(missing)
	return &authOutput{ChallengeName: newPasswordReq, Session: session, ChallengeParameters: map[string]string{
		"USER_ID_FOR_SRP": u.Username, "requiredAttributes": string(rb), "userAttributes": string(ab)}}, nil
}

// srpStart answers USER_SRP_AUTH with the PASSWORD_VERIFIER challenge:
// SALT, SRP_B, SECRET_BLOCK, USERNAME and USER_ID_FOR_SRP. For an
// unknown user of a client that prevents user existence errors it gives a
// decoy challenge that no answer passes.
func (s *signIn) srpStart(tx *world.Tx, name, a, secretHash string) (*authOutput, error) {
	if !s.client.allows("ALLOW_USER_SRP_AUTH") {
		return nil, invalidParameter("USER_SRP_AUTH is not enabled for the client.")
	}
	if a == "" {
		return nil, invalidParameter("Missing required parameter SRP_A")
	}
	A, err := srp.ParseA(a)
	if err != nil {
		return nil, invalidParameter("SRP_A is not a valid value.")
	}
	w := s.c.World
	ch := &challenge{Name: passwordVerifier, PoolID: s.pool.ID, ClientID: s.client.ID, A: srp.Hex(A),
		Expires: s.c.Env.Now.Add(s.client.authSession())}
	u, err := s.lookup(tx, name, secretHash)
	var salt, verifier string
	switch {
	case err == nil:
		ch.Username, salt, verifier = u.Username, u.Salt, u.Verifier
	case s.client.preventsExistenceErrors() && strings.Contains(err.Error(), "Incorrect username"):
		decoy := &User{}
		setPassword(w, s.pool, decoy, string(randomBytes(w, 16)))
		salt, verifier = decoy.Salt, decoy.Verifier
		u = &User{Username: name}
	default:
		return nil, err
	}
	v, ok := srp.ParseHex(verifier)
	if !ok {
		return nil, notAuthorized("Incorrect username or password.")
	}
	sc := srp.NewChallenge(randomBytes(w, srpSecretBytes), v)
	ch.B, ch.Secret = srp.Hex(sc.B), srp.Hex(sc.Secret())
	block := base64.StdEncoding.EncodeToString(randomBytes(w, secretBlockBytes))
	if err := putChallenge(tx, block, ch, s.c.Env.Now); err != nil {
		return nil, err
	}
	return &authOutput{ChallengeName: passwordVerifier, ChallengeParameters: map[string]string{
		"SALT": salt, "SRP_B": ch.B, "SECRET_BLOCK": block, "USERNAME": u.Username, "USER_ID_FOR_SRP": u.Username}}, nil
}

type respondInput struct {
	ClientId           string
	UserPoolId         string
	ChallengeName      string
	Session            string
	ChallengeResponses map[string]string
}

func respondToAuthChallenge(c *service.Call) (any, error) {
	return respond(c, "")
}

func adminRespondToAuthChallenge(c *service.Call) (any, error) {
	return respond(c, "cognito-idp:AdminRespondToAuthChallenge")
}

func respond(c *service.Call, adminAction string) (any, error) {
	var in respondInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hide(c, "ChallengeResponses", "Session", "ClientMetadata")
	s, err := begin(c, in.ClientId, in.UserPoolId, adminAction)
	if err != nil {
		return nil, err
	}
	r := in.ChallengeResponses
	var out *authOutput
	err = c.World.Update(func(tx *world.Tx) error {
		var err error
		switch in.ChallengeName {
		case passwordVerifier:
			out, err = s.verifyPassword(tx, r)
		case newPasswordReq:
			out, err = s.newPassword(tx, in.Session, r)
		default:
			return invalidParameter("The challenge %s is not one the lab's Cognito asks (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED)", in.ChallengeName)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// verifyPassword checks the PASSWORD_VERIFIER answer: the claim signature
// over the pool name, user ID, secret block and timestamp, keyed with the
// SRP key the server derives from SRP_A and the verifier. TIMESTAMP must
// have Cognito's form, but its value is not compared with the clock:
// clients in use write a 12-hour hour (cognito-srp formats "03:04:05"),
// and what makes an answer fresh is the secret block, which serves once
// and expires with the auth session.
func (s *signIn) verifyPassword(tx *world.Tx, r map[string]string) (*authOutput, error) {
	block, claim, ts := r["PASSWORD_CLAIM_SECRET_BLOCK"], r["PASSWORD_CLAIM_SIGNATURE"], r["TIMESTAMP"]
	if block == "" || claim == "" || ts == "" {
		return nil, invalidParameter("Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE or TIMESTAMP")
	}
	if _, err := srp.ParseTimestamp(ts); err != nil {
		return nil, invalidParameter("TIMESTAMP format is invalid: %s", err.Error())
	}
	ch, err := takeChallenge(tx, block, passwordVerifier, s.client.ID, s.c.Env.Now)
	if err != nil {
		return nil, err
	}
	if ch.Username == "" {
		return nil, incorrect() // the decoy of an unknown user
	}
	u, ok := users.Get(tx, userKey(s.pool, ch.Username))
	if !ok {
		return nil, incorrect()
	}
	if err := s.client.checkSecretHash(orDefault(r["USERNAME"], u.Username), r["SECRET_HASH"]); err != nil {
		return nil, err
	}
	A, _ := srp.ParseHex(ch.A)
	B, _ := srp.ParseHex(ch.B)
	b, _ := srp.ParseHex(ch.Secret)
	v, ok := srp.ParseHex(u.Verifier)
	if A == nil || B == nil || b == nil || !ok {
		return nil, incorrect()
	}
	key, err := srp.Resume(b, B).Key(A, v)
	if err != nil {
		return nil, incorrect()
	}
	raw, err := base64.StdEncoding.DecodeString(block)
	if err != nil {
		return nil, incorrect()
	}
	if srp.Verify(key, s.pool.PoolName(), u.Username, raw, ts, claim) != nil {
		return nil, incorrect()
	}
	if !u.Enabled {
		return nil, notAuthorized("User is disabled.")
	}
	return s.signedIn(tx, u)
}

// newPassword answers NEW_PASSWORD_REQUIRED: the new password must meet
// the policy; userAttributes.NAME responses set attributes (the required
// ones that are missing must be given).
func (s *signIn) newPassword(tx *world.Tx, session string, r map[string]string) (*authOutput, error) {
	if session == "" {
		return nil, invalidParameter("Missing required parameter Session")
	}
	pw := r["NEW_PASSWORD"]
	if pw == "" {
		return nil, invalidParameter("Missing required parameter NEW_PASSWORD")
	}
	ch, err := takeChallenge(tx, session, newPasswordReq, s.client.ID, s.c.Env.Now)
	if err != nil {
		return nil, err
	}
	u, ok := users.Get(tx, userKey(s.pool, ch.Username))
	if !ok {
		return nil, incorrect()
	}
	if err := s.client.checkSecretHash(orDefault(r["USERNAME"], u.Username), r["SECRET_HASH"]); err != nil {
		return nil, err
	}
	if err := checkPassword(s.pool, pw); err != nil {
		return nil, err
	}
	u = u.clone()
	for k, v := range r {
		if name, ok := strings.CutPrefix(k, "userAttributes."); ok {
			if name == "sub" {
				return nil, invalidParameter("Cannot modify the non-mutable attribute sub")
			}
			u.Attrs = setAttr(u.Attrs, name, v)
		}
	}
	if err := checkRequired(s.pool, u); err != nil {
		return nil, err
	}
	setPassword(s.c.World, s.pool, u, pw)
	u.Status, u.TempExpires, u.Modified = StatusConfirmed, time.Time{}, s.c.Env.Now.UTC()
	if err := users.Put(tx, userKey(s.pool, u.Username), u); err != nil {
		return nil, err
	}
	return s.signedIn(tx, u)
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
