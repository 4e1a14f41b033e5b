// Package cognitoidp is the simulated Amazon Cognito user pools service
// (JSON 1.1, AWSCognitoIdentityProviderService): user pools with the
// settings of CreateUserPool (sign-in attributes, password policy, MFA
// setting, account recovery, verification, the admin-create-user
// policy), app clients with their auth flows and "prevent user existence
// errors", users (AdminCreateUser, SignUp and ConfirmSignUp, AdminGetUser,
// ListUsers, GetUser; ForgotPassword and ConfirmForgotPassword by the
// pool's recovery setting), and sign-in: USER_SRP_AUTH (package srp),
// USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH and
// the NEW_PASSWORD_REQUIRED challenge. Tokens are RS256 JWTs with AWS's
// claims, signed by the pool's keys (package issuers), which
// GET /{userPoolId}/.well-known/jwks.json publishes.
//
// Passwords are never stored: a user keeps an SRP salt and verifier, and
// USER_PASSWORD_AUTH is checked against them. No mail or SMS is sent: the
// confirmation code of SignUp is written in the event log's note
// (iamlab.note of the SignUp event), where a learner reads it.
package cognitoidp

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// New returns the Cognito user pools service.
func New() *Service {
	return &Service{JSON: service.JSON{
		SigningName:  "cognito-idp",
		TargetPrefix: "AWSCognitoIdentityProviderService",
		Version:      "1.1",
		Ops: map[string]service.JSONOp{
			"CreateUserPool": createUserPool, "DescribeUserPool": describeUserPool,
			"ListUserPools": listUserPools, "DeleteUserPool": deleteUserPool,
			"CreateUserPoolClient": createUserPoolClient, "DescribeUserPoolClient": describeUserPoolClient,
			"ListUserPoolClients": listUserPoolClients, "DeleteUserPoolClient": deleteUserPoolClient,
			"AdminCreateUser": adminCreateUser, "AdminGetUser": adminGetUser, "AdminDeleteUser": adminDeleteUser,
			"AdminSetUserPassword": adminSetUserPassword, "AdminConfirmSignUp": adminConfirmSignUp,
			"ListUsers": listUsers, "GetUser": getUser,
			"SignUp": signUp, "ConfirmSignUp": confirmSignUp,
			"InitiateAuth": initiateAuth, "AdminInitiateAuth": adminInitiateAuth,
			"RespondToAuthChallenge": respondToAuthChallenge, "AdminRespondToAuthChallenge": adminRespondToAuthChallenge,
			"ForgotPassword": forgotPassword, "ConfirmForgotPassword": confirmForgotPassword,
		},
		// The operations AWS answers without a signature ("Amazon Cognito
		// doesn't evaluate IAM policies in requests for this API
		// operation"): a client ID, a session or an access token is the
		// caller's proof.
		UnsignedOps: map[string]bool{"InitiateAuth": true, "RespondToAuthChallenge": true, "SignUp": true,
			"ConfirmSignUp": true, "GetUser": true, "ForgotPassword": true, "ConfirmForgotPassword": true},
	}}
}

// Service is the JSON service with the JWKS endpoint.
type Service struct {
	service.JSON
}

// ServePublic answers GET /{userPoolId}/.well-known/jwks.json, making the
// pool's keys on first use.
func (s *Service) ServePublic(wd *world.World, w http.ResponseWriter, r *http.Request) bool {
	id, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/.well-known/jwks.json")
	if !ok || strings.Contains(id, "/") || !poolIDPattern.MatchString(id) {
		return false
	}
	var p *Pool
	_ = wd.View(func(tx *world.Tx) error {
		p, _ = pools.Get(tx, id)
		return nil
	})
	if p == nil {
		return false // the handler answers 404, "User pool does not exist."
	}
	is, err := issuers.Ensure(wd, p.Issuer(), poolKeys, false)
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return true
	}
	writeJSON(w, is.JWKS())
	return true
}

// poolKeys: "different keys are used to sign ID tokens and access tokens"
// (Cognito Developer Guide, using the access token): key 0 signs ID
// tokens, key 1 access tokens.
const (
	poolKeys  = 2
	idKey     = 0
	accessKey = 1
)

// Errors in Cognito's words.

func notAuthorized(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "NotAuthorizedException", format, args...)
}

func invalidParameter(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidParameterException", format, args...)
}

func resourceNotFound(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "ResourceNotFoundException", format, args...)
}

func userNotFound() *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "UserNotFoundException", "User does not exist.")
}

// incorrect is the answer to a wrong password, and to an unknown user when
// the client prevents user existence errors.
func incorrect() *protocol.Error { return notAuthorized("Incorrect username or password.") }

// decode reads a request body.
func decode(c *service.Call, v any) error { return protocol.DecodeJSON(c.Body, v) }

// hidden is how CloudTrail shows the secret parts of Cognito requests.
const hidden = "HIDDEN_DUE_TO_SECURITY_REASONS"

// hide replaces request parameters that carry secrets in their values
// (AuthParameters, ChallengeResponses, Session, ConfirmationCode, the
// user's attributes) as CloudTrail does.
func hide(c *service.Call, names ...string) {
	for _, n := range names {
		if _, ok := c.Event.RequestParameters[n]; ok {
			c.Event.RequestParameters[n] = hidden
		}
	}
}

// digest is the key under which a secret's record is kept: its SHA-256,
// so that the world never holds refresh tokens, sessions or codes.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// randomBytes reads n bytes of the world's randomness.
func randomBytes(w *world.World, n int) []byte {
	b, _ := base64.StdEncoding.DecodeString(w.NewToken(n))
	return b
}

func writeJSON(w http.ResponseWriter, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}
