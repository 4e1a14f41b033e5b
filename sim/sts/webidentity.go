package sts

import (
	"errors"
	"net/http"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/events"
	"github.com/iamlab/iamlab/sim/iam"
	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/jwt"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// CognitoIdentityProvider is the web identity provider of Cognito
// identity pools, as trust policies name it ("Federated":
// "cognito-identity.amazonaws.com") and as the prefix of its keys.
const CognitoIdentityProvider = "cognito-identity.amazonaws.com"

// MaxWebIdentityToken is WebIdentityToken's length limit.
const MaxWebIdentityToken = 20000

// WebIdentity is a caller whose identity provider vouches for it: the
// principal that trust policies name, and what the token says.
type WebIdentity struct {
	// Principal is "cognito-identity.amazonaws.com" or the ARN of the
	// account's IAM OIDC provider.
	Principal string
	// Name prefixes the condition keys: "cognito-identity.amazonaws.com"
	// or the provider's URL without https://.
	Name     string
	Subject  string
	Audience string // aud, or azp when the token has one
	// OAudience is the token's aud (the :oaud key).
	OAudience string
	// AMR is Cognito's authentication methods (the :amr key).
	AMR []string
}

// context is what the web identity puts in the request context: the
// provider's aud, oaud, sub (and amr for Cognito) keys ("Available keys
// for AWS web identity federation", IAM User Guide).
func (wi *WebIdentity) context() []world.ContextKey {
	out := []world.ContextKey{
		{Key: wi.Name + ":aud", Values: []string{wi.Audience}},
		{Key: wi.Name + ":sub", Values: []string{wi.Subject}},
	}
	if wi.OAudience != "" {
		out = append(out, world.ContextKey{Key: wi.Name + ":oaud", Values: []string{wi.OAudience}})
	}
	if len(wi.AMR) > 0 {
		out = append(out, world.ContextKey{Key: wi.Name + ":amr", Values: wi.AMR})
	}
	return out
}

// ErrNotTrusted is the trust policy's refusal of a web identity, in STS's
// words; Cognito answers it as a configuration error of the identity pool.
var ErrNotTrusted = errors.New("Not authorized to perform sts:AssumeRoleWithWebIdentity")

// WebIdentityGrant is what AssumeWebIdentity is asked for.
type WebIdentityGrant struct {
	RoleARN, SessionName string
	Seconds              int
	// Policy and PolicyARNs are the session policy (Cognito's scope-down
	// policy for guests is an AWS managed policy).
	Policy     *world.Doc
	PolicyARNs []string
}

// AssumeWebIdentity asks the engine whether the role's trust policy
// trusts the web identity for sts:AssumeRoleWithWebIdentity, with the
// provider's keys in the context, and makes the role session. It is the
// core of AssumeRoleWithWebIdentity and of Cognito's
// GetCredentialsForIdentity ("functionally equivalent to calling
// GetOpenIdToken followed by AssumeRoleWithWebIdentity"). A refusal is
// ErrNotTrusted (recorded in the call's event with its trace).
func AssumeWebIdentity(c *service.Call, tx *world.Tx, wi *WebIdentity, g *WebIdentityGrant) (*world.Session, error) {
	role := findRole(tx, g.RoleARN)
	keys := wi.context()
	ctx := make([]authz.Entry, 0, len(keys)+1)
	for _, k := range keys {
		ctx = append(ctx, authz.Entry{Key: k.Key, Values: k.Values})
	}
	ctx = append(ctx, authz.Entry{Key: "sts:RoleSessionName", Values: []string{g.SessionName}})
	req := &authorize.Request{Action: "sts:AssumeRoleWithWebIdentity", Resource: g.RoleARN, Trust: true, Caller: wi.Principal, Context: ctx}
	if role != nil {
		req.Policy = &world.NamedDoc{Name: "trust policy of " + role.Name, Doc: role.Trust}
	}
	if _, err := c.Authorize(tx, req); err != nil {
		var pe *protocol.Error
		if errors.As(err, &pe) && pe.Server {
			return nil, err
		}
		return nil, ErrNotTrusted
	}
	if role == nil {
		return nil, ErrNotTrusted
	}
	if g.Seconds > role.MaxSession {
		return nil, protocol.Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	s := newSession(c.World, world.SessionAssumedRole, role.Account, c.Env.Now, g.Seconds)
	s.RoleName, s.RoleID, s.RoleARN, s.Name = role.Name, role.ID, role.ARN(), g.SessionName
	s.Policy, s.PolicyARNs = g.Policy, g.PolicyARNs
	s.Context = append(keys, world.ContextKey{Key: "aws:FederatedProvider", Values: []string{wi.Principal}})
	if err := putSession(tx, s, c.Env.Now); err != nil {
		return nil, err
	}
	return s, nil
}

type webIdentityResult struct {
	Credentials                 *Credentials
	SubjectFromWebIdentityToken string
	AssumedRoleUser             assumedRoleUser
	PackedPolicySize            int
	Provider                    string
	Audience                    string
}

// assumeRoleWithWebIdentity is answered without a signature: the token is
// the proof. STS verifies it against the issuer's keys (issuers), finds
// the provider (Cognito identity, or the role account's IAM OIDC provider
// of the token's iss, whose client IDs must list its aud), and lets the
// trust policy decide.
func assumeRoleWithWebIdentity(c *service.Call, p protocol.Params) (any, error) {
	roleARN, err := p.Required("RoleArn")
	if err != nil {
		return nil, err
	}
	if err := checkString(roleARN, "roleArn", 20, 2048, nil); err != nil {
		return nil, err
	}
	name, err := p.Required("RoleSessionName")
	if err != nil {
		return nil, err
	}
	if err := checkString(name, "roleSessionName", 2, 64, namePattern); err != nil {
		return nil, err
	}
	token, err := p.Required("WebIdentityToken")
	if err != nil {
		return nil, err
	}
	if err := checkString(token, "webIdentityToken", 4, MaxWebIdentityToken, nil); err != nil {
		return nil, err
	}
	seconds, err := duration(p, 3600, world.MaxMaxSession)
	if err != nil {
		return nil, err
	}
	var out *webIdentityResult
	err = c.World.Update(func(tx *world.Tx) error {
		wi, err := verifyWebIdentity(c, tx, token, accountOf(roleARN))
		if err != nil {
			return err
		}
		// CloudTrail's caller of the call: the token's subject at its
		// provider ("type": "WebIdentityUser").
		c.Event.UserIdentity = &events.UserIdentity{Type: "WebIdentityUser", PrincipalID: wi.Principal + ":" + wi.Audience + ":" + wi.Subject,
			UserName: wi.Subject, IdentityProvider: wi.Principal}
		sp, err := readSession(c, tx, p)
		if err != nil {
			return err
		}
		pct, perr := sp.packed()
		if perr != nil {
			return perr
		}
		s, err := AssumeWebIdentity(c, tx, wi, &WebIdentityGrant{RoleARN: roleARN, SessionName: name, Seconds: seconds, Policy: sp.policy, PolicyARNs: sp.policyARNs})
		if errors.Is(err, ErrNotTrusted) {
			return accessDenied(err.Error())
		}
		if err != nil {
			return err
		}
		out = &webIdentityResult{Credentials: credentials(s), SubjectFromWebIdentityToken: wi.Subject, PackedPolicySize: pct,
			AssumedRoleUser: assumedRoleUser{AssumedRoleId: s.RoleID + ":" + s.Name, Arn: s.ARN()}, Provider: wi.Principal, Audience: wi.Audience}
		c.Event.ResponseElements = map[string]any{
			"credentials":                 map[string]any{"accessKeyId": s.KeyID, "expiration": s.Expires.UTC().Format(timeFormat)},
			"subjectFromWebIdentityToken": wi.Subject, "provider": wi.Principal, "audience": wi.Audience,
			"assumedRoleUser": map[string]any{"assumedRoleId": out.AssumedRoleUser.AssumedRoleId, "arn": out.AssumedRoleUser.Arn},
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func invalidToken(msg string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidIdentityToken", "%s", msg)
}

// verifyWebIdentity checks a WebIdentityToken as STS does, for a role of
// account, and returns who it vouches for.
func verifyWebIdentity(c *service.Call, tx *world.Tx, token, account string) (*WebIdentity, error) {
	t, _, err := issuers.Verify(tx, token)
	switch {
	case t == nil, errors.Is(err, jwt.ErrMalformed), errors.Is(err, jwt.ErrAlgorithm):
		return nil, invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
	}
	iss := t.Claims.String("iss")
	wi := &WebIdentity{Subject: t.Claims.String("sub")}
	auds := t.Claims.Strings("aud")
	if len(auds) > 0 {
		wi.Audience = auds[0]
	}
	if iss == issuers.CognitoIdentity {
		wi.Principal, wi.Name = CognitoIdentityProvider, CognitoIdentityProvider
		wi.AMR = t.Claims.Strings("amr")
	} else {
		prov, ok := iam.FindOIDCProvider(tx, account, iss)
		if !ok {
			return nil, invalidToken("No OpenIDConnect provider found in your account for " + iss)
		}
		wi.Principal, wi.Name = prov.ARN(), prov.URL
		if azp := t.Claims.String("azp"); azp != "" {
			wi.OAudience, wi.Audience = wi.Audience, azp
		} else {
			wi.OAudience = wi.Audience
		}
		if !audienceListed(prov.ClientIDs, auds, t.Claims.String("azp")) {
			return nil, invalidToken("Incorrect token audience")
		}
	}
	switch {
	case errors.Is(err, issuers.ErrUnknownIssuer), errors.Is(err, issuers.ErrUnknownKey):
		// The closed world reaches no IdP but the lab's: an issuer whose
		// keys the lab does not hold cannot be verified.
		return nil, protocol.Errorf(http.StatusBadRequest, "IDPCommunicationError", "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements")
	case err != nil:
		return nil, invalidToken("Signature verification failed")
	}
	if err := issuers.Current(t, c.Env.Now); err != nil {
		exp, _ := t.Claims.Time("exp")
		return nil, protocol.Errorf(http.StatusBadRequest, "ExpiredTokenException", "Token expired: current date/time %d must be before the expiration date/time%d",
			c.Env.Now.Unix(), exp.Unix())
	}
	if wi.Subject == "" {
		return nil, invalidToken("The ID Token provided is missing the sub claim")
	}
	return wi, nil
}

// audienceListed: the token's aud (or azp) must be one of the provider's
// client IDs.
func audienceListed(clients, auds []string, azp string) bool {
	for _, id := range clients {
		if id == azp && azp != "" {
			return true
		}
		for _, a := range auds {
			if a == id {
				return true
			}
		}
	}
	return false
}

// accountOf is the account field of an ARN ("" if it has none).
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}
