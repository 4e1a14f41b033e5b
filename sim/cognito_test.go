package sim_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	cognitosrp "github.com/alexrudd/cognito-srp/v4"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	gojwt "github.com/golang-jwt/jwt/v5"

	"github.com/iamlab/iamlab/sim/jwt"
)

// The seed's Cognito setup (docs/world.md).
const (
	seedPool      = "us-east-1_XXseedPol"
	seedProvider  = "cognito-idp.us-east-1.amazonaws.com/" + seedPool
	seedAppClient = "xxappclient000000000000001" // ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH
	seedWebClient = "xxwebclient000000000000001" // ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH
	seedIdentity  = "us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
	seedAuthRole  = "arn:aws:iam::123456789012:role/XX-cognito-auth-role"
)

func (l *lab) idp(key, secret, token string) *cip.Client {
	return cip.NewFromConfig(l.config(key, secret, token))
}

// anonIDP is a user pools client without credentials: the SDK sends the
// unsigned operations anonymously, as browsers do.
func (l *lab) anonIDP() *cip.Client {
	cfg := l.config("", "", "")
	cfg.Credentials = nil
	return cip.NewFromConfig(cfg)
}

func (l *lab) anonIdentity() *cognitoidentity.Client {
	cfg := l.config("", "", "")
	cfg.Credentials = nil
	return cognitoidentity.NewFromConfig(cfg)
}

func (l *lab) identity(key, secret string) *cognitoidentity.Client {
	return cognitoidentity.NewFromConfig(l.config(key, secret, ""))
}

// srpSignIn runs USER_SRP_AUTH with the independent cognito-srp client
// (which works against real Cognito): InitiateAuth with SRP_A, then the
// PASSWORD_VERIFIER answer it computes from SALT, SRP_B and SECRET_BLOCK.
func srpSignIn(t *testing.T, c *cip.Client, pool, client, user, password string) (*cip.RespondToAuthChallengeOutput, error) {
	t.Helper()
	cl, err := cognitosrp.NewCognitoSRP(user, password, pool, client, nil)
	if err != nil {
		t.Fatal(err)
	}
	init, err := c.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeUserSrpAuth, ClientId: aws.String(client), AuthParameters: cl.GetAuthParams()})
	if err != nil {
		return nil, err
	}
	if init.ChallengeName != ciptypes.ChallengeNameTypePasswordVerifier {
		t.Fatalf("challenge %s", init.ChallengeName)
	}
	resp, err := cl.PasswordVerifierChallenge(init.ChallengeParameters, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return c.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{ChallengeName: ciptypes.ChallengeNameTypePasswordVerifier,
		ClientId: aws.String(client), ChallengeResponses: resp, Session: init.Session})
}

// jwks fetches a pool's keys over HTTP, as an API that checks the
// tokens would.
func (l *lab) jwks(t *testing.T, pool string) *jwt.JWKS {
	t.Helper()
	resp, err := http.Get(l.srv.URL + "/" + pool + "/.well-known/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("jwks: %d %s", resp.StatusCode, b)
	}
	set, err := jwt.ParseJWKS(b)
	if err != nil || len(set.Keys) != 2 {
		t.Fatalf("jwks %s: %v", b, err)
	}
	return set
}

// verifyToken checks a token with golang-jwt against the published keys
// and returns its claims.
func verifyToken(t *testing.T, set *jwt.JWKS, tok string) gojwt.MapClaims {
	t.Helper()
	claims := gojwt.MapClaims{}
	_, err := gojwt.ParseWithClaims(tok, claims, func(tk *gojwt.Token) (any, error) {
		kid, _ := tk.Header["kid"].(string)
		return set.Find(kid)
	}, gojwt.WithValidMethods([]string{"RS256"}), gojwt.WithIssuer("https://cognito-idp.us-east-1.amazonaws.com/"+seedPool))
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	return claims
}

// The whole chain of the source document's Cognito section:
// AdminCreateUser → USER_SRP_AUTH (independent client) →
// NEW_PASSWORD_REQUIRED (with the schema's required attributes) → tokens
// verified against the JWKS fetched over HTTP → GetId →
// GetCredentialsForIdentity (trust policy decided with the :aud, :amr,
// :sub keys) → STS GetCallerIdentity with those credentials; then the
// other flows with the same user.
func TestCognitoChain(t *testing.T) {
	l := newLab(t, nil)
	admin := l.idp(rootKey, rootSec, "")
	created, err := admin.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(seedPool), Username: aws.String("hanako@example.com"),
		TemporaryPassword: aws.String("Temp#Passw0rd"), UserAttributes: []ciptypes.AttributeType{{Name: aws.String("family_name"), Value: aws.String("Yamada")}}})
	if err != nil {
		t.Fatal(err)
	}
	if created.User.UserStatus != ciptypes.UserStatusTypeForceChangePassword || len(*created.User.Username) != 36 {
		t.Fatalf("created %s %s", created.User.UserStatus, *created.User.Username)
	}
	anon := l.anonIDP()
	step, err := srpSignIn(t, anon, seedPool, seedWebClient, "hanako@example.com", "Temp#Passw0rd")
	if err != nil {
		t.Fatal(err)
	}
	if step.ChallengeName != ciptypes.ChallengeNameTypeNewPasswordRequired || step.Session == nil {
		t.Fatalf("after SRP: %+v", step)
	}
	if req := step.ChallengeParameters["requiredAttributes"]; req != `["userAttributes.given_name","userAttributes.picture"]` {
		t.Errorf("requiredAttributes %s", req)
	}
	newPassword := func(attrs map[string]string) (*cip.RespondToAuthChallengeOutput, error) {
		r := map[string]string{"USERNAME": "hanako@example.com", "NEW_PASSWORD": "N3w&Passw0rd"}
		for k, v := range attrs {
			r["userAttributes."+k] = v
		}
		return anon.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{ChallengeName: ciptypes.ChallengeNameTypeNewPasswordRequired,
			ClientId: aws.String(seedWebClient), Session: step.Session, ChallengeResponses: r})
	}
	_, err = newPassword(nil)
	wantError(t, err, "InvalidParameterException", "given_name: The attribute given_name is required")
	// A refused answer leaves the session usable; a session serves once.
	done, err := newPassword(map[string]string{"given_name": "Hanako", "picture": "https://example.com/h.png"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = newPassword(map[string]string{"given_name": "Hanako", "picture": "https://example.com/h.png"})
	wantError(t, err, "NotAuthorizedException", "Invalid session for the user")
	res := done.AuthenticationResult
	if res == nil || *res.TokenType != "Bearer" || res.ExpiresIn != 3600 || res.RefreshToken == nil {
		t.Fatalf("result %+v", res)
	}
	set := l.jwks(t, seedPool)
	id := verifyToken(t, set, *res.IdToken)
	acc := verifyToken(t, set, *res.AccessToken)
	sub := *created.User.Username
	if id["token_use"] != "id" || id["aud"] != seedWebClient || id["cognito:username"] != sub || id["sub"] != sub ||
		id["email"] != "hanako@example.com" || id["given_name"] != "Hanako" {
		t.Errorf("id token %v", id)
	}
	if acc["token_use"] != "access" || acc["client_id"] != seedWebClient || acc["scope"] != "aws.cognito.signin.user.admin" || acc["username"] != sub {
		t.Errorf("access token %v", acc)
	}
	p1, _ := jwt.Parse(*res.IdToken)
	p2, _ := jwt.Parse(*res.AccessToken)
	if p1.Header.Kid == p2.Header.Kid {
		t.Error("ID and access tokens are signed with one key")
	}

	// The access token authorizes GetUser.
	me, err := anon.GetUser(ctx, &cip.GetUserInput{AccessToken: res.AccessToken})
	if err != nil || *me.Username != sub || attr(me.UserAttributes, "given_name") != "Hanako" {
		t.Fatalf("GetUser %v %v", me, err)
	}
	_, err = anon.GetUser(ctx, &cip.GetUserInput{AccessToken: res.IdToken})
	wantError(t, err, "NotAuthorizedException", "Invalid Access Token")

	// Now CONFIRMED: SRP gives tokens at once; a wrong password does not.
	if out, err := srpSignIn(t, anon, seedPool, seedWebClient, "hanako@example.com", "N3w&Passw0rd"); err != nil || out.AuthenticationResult == nil {
		t.Fatalf("SRP again: %v %v", out, err)
	}
	_, err = srpSignIn(t, anon, seedPool, seedWebClient, "hanako@example.com", "Wrong&Passw0rd")
	wantError(t, err, "NotAuthorizedException", "Incorrect username or password.")
	// The app client allows ADMIN_USER_PASSWORD_AUTH (signed, IAM-authorized).
	adm, err := admin.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{UserPoolId: aws.String(seedPool), ClientId: aws.String(seedAppClient),
		AuthFlow: ciptypes.AuthFlowTypeAdminUserPasswordAuth, AuthParameters: map[string]string{"USERNAME": "hanako@example.com", "PASSWORD": "N3w&Passw0rd"}})
	if err != nil || adm.AuthenticationResult == nil {
		t.Fatalf("AdminInitiateAuth %v %v", adm, err)
	}
	// REFRESH_TOKEN_AUTH: new ID and access tokens of the same sign-in.
	ref, err := anon.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeRefreshTokenAuth, ClientId: aws.String(seedWebClient),
		AuthParameters: map[string]string{"REFRESH_TOKEN": *res.RefreshToken}})
	if err != nil || ref.AuthenticationResult.RefreshToken != nil {
		t.Fatalf("refresh %v %v", ref, err)
	}
	if c := verifyToken(t, set, *ref.AuthenticationResult.IdToken); c["origin_jti"] != id["origin_jti"] || c["auth_time"] != id["auth_time"] {
		t.Errorf("refreshed %v vs %v", c, id)
	}
	_, err = anon.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeRefreshTokenAuth, ClientId: aws.String(seedAppClient),
		AuthParameters: map[string]string{"REFRESH_TOKEN": *res.RefreshToken}})
	wantError(t, err, "NotAuthorizedException", "Invalid Refresh Token")

	// The identity pool: the ID token is the login.
	ids := l.anonIdentity()
	logins := map[string]string{seedProvider: *res.IdToken}
	got, err := ids.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(seedIdentity), Logins: logins})
	if err != nil {
		t.Fatal(err)
	}
	again, err := ids.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(seedIdentity), Logins: map[string]string{seedProvider: *adm.AuthenticationResult.IdToken}})
	if err != nil || *again.IdentityId != *got.IdentityId {
		t.Fatalf("the same user got another identity: %v %v", again, err)
	}
	cr, err := ids.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId, Logins: logins})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(*cr.Credentials.Expiration); d < 59*time.Minute || d > 61*time.Minute {
		t.Errorf("expiration in %v", d)
	}
	who, err := l.sts(*cr.Credentials.AccessKeyId, *cr.Credentials.SecretKey, *cr.Credentials.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *who.Arn != "arn:aws:sts::123456789012:assumed-role/XX-cognito-auth-role/CognitoIdentityCredentials" {
		t.Fatalf("caller %v %v", who, err)
	}
	// The credentials' requests carry the identity's keys: a policy on
	// cognito-identity.amazonaws.com:sub lets this identity alone in.
	if _, err := l.rootIAM().PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("XX-cognito-auth-role"), PolicyName: aws.String("mine"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*",
		"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:sub":"` + *got.IdentityId + `","cognito-identity.amazonaws.com:aud":"` + seedIdentity + `"}}}]}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.iam(*cr.Credentials.AccessKeyId, *cr.Credentials.SecretKey, *cr.Credentials.SessionToken).ListRoles(ctx, nil); err != nil {
		t.Errorf("the identity's own key: %v", err)
	}
	// Without the login, an authenticated identity gets nothing.
	_, err = ids.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId})
	wantError(t, err, "NotAuthorizedException", "Logins don't match")

	// The event log: the trust decision with the Cognito keys, and no
	// password, token or code anywhere.
	log := eventLog(l, t)
	for _, secret := range []string{"Temp#Passw0rd", "N3w&Passw0rd", *res.IdToken, *res.RefreshToken, *cr.Credentials.SecretKey, *step.Session} {
		if strings.Contains(log, secret) {
			t.Errorf("the event log holds a secret: %.30s...", secret)
		}
	}
	ev := findEvent(t, log, "GetCredentialsForIdentity", "")
	if ev.IAMLab.Decision != "allowed" || len(ev.IAMLab.Checks) != 1 || ev.IAMLab.Checks[0].Action != "sts:AssumeRoleWithWebIdentity" {
		t.Errorf("event %+v", ev.IAMLab)
	}
	for _, k := range []string{`"cognito-identity.amazonaws.com:aud"`, `"cognito-identity.amazonaws.com:amr"`, `"cognito-identity.amazonaws.com:sub"`} {
		if !strings.Contains(string(ev.raw), k) {
			t.Errorf("the trace lacks %s", k)
		}
	}
}

func attr(as []ciptypes.AttributeType, name string) string {
	for _, a := range as {
		if *a.Name == name {
			return *a.Value
		}
	}
	return ""
}

type loggedEvent struct {
	EventName    string `json:"eventName"`
	EventSource  string `json:"eventSource"`
	ErrorCode    string `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
	IAMLab       struct {
		Decision string `json:"decision"`
		Note     string `json:"note"`
		Checks   []struct {
			Action   string `json:"action"`
			Resource string `json:"resource"`
			Decision string `json:"decision"`
		} `json:"checks"`
	} `json:"iamlab"`
	raw []byte
}

// eventLog is the event log's text.
func eventLog(l *lab, t *testing.T) string {
	_, raw := l.events(t)
	return raw
}

// findEvent returns the last event of an operation (with the error code,
// if one is given).
func findEvent(t *testing.T, log, name, code string) *loggedEvent {
	t.Helper()
	var found *loggedEvent
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		var e loggedEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		if e.EventName == name && e.ErrorCode == code {
			e.raw = []byte(line)
			found = &e
		}
	}
	if found == nil {
		t.Fatalf("no %s event with error %q", name, code)
	}
	return found
}

// USER_PASSWORD_AUTH, SignUp and ConfirmSignUp with the code from the
// event log, and the answers for unknown users with and without "prevent
// user existence errors".
func TestCognitoSignUp(t *testing.T) {
	l := newLab(t, nil)
	admin := l.idp(rootKey, rootSec, "")
	mk := func(name string, prevent ciptypes.PreventUserExistenceErrorTypes) string {
		out, err := admin.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String(seedPool), ClientName: aws.String(name),
			ExplicitAuthFlows:          []ciptypes.ExplicitAuthFlowsType{ciptypes.ExplicitAuthFlowsTypeAllowUserPasswordAuth, ciptypes.ExplicitAuthFlowsTypeAllowRefreshTokenAuth},
			PreventUserExistenceErrors: prevent})
		if err != nil {
			t.Fatal(err)
		}
		return *out.UserPoolClient.ClientId
	}
	strict, legacy := mk("strict", ciptypes.PreventUserExistenceErrorTypesEnabled), mk("legacy", ciptypes.PreventUserExistenceErrorTypesLegacy)
	anon := l.anonIDP()
	attrs := []ciptypes.AttributeType{{Name: aws.String("family_name"), Value: aws.String("Sato")}, {Name: aws.String("given_name"), Value: aws.String("Jiro")},
		{Name: aws.String("picture"), Value: aws.String("https://example.com/j.png")}}
	_, err := anon.SignUp(ctx, &cip.SignUpInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com"), Password: aws.String("short"), UserAttributes: attrs})
	wantError(t, err, "InvalidPasswordException", "Password does not conform to policy: Password not long enough")
	_, err = anon.SignUp(ctx, &cip.SignUpInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com"), Password: aws.String("Passw0rd!"), UserAttributes: attrs[:1]})
	wantError(t, err, "InvalidParameterException", "The attribute given_name is required")
	_, err = anon.SignUp(ctx, &cip.SignUpInput{ClientId: aws.String(strict), Username: aws.String("jiro"), Password: aws.String("Passw0rd!"), UserAttributes: attrs})
	wantError(t, err, "InvalidParameterException", "Username should be an email.")
	up, err := anon.SignUp(ctx, &cip.SignUpInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com"), Password: aws.String("Passw0rd!"), UserAttributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	if up.UserConfirmed || *up.CodeDeliveryDetails.Destination != "j***@e***" || up.CodeDeliveryDetails.DeliveryMedium != ciptypes.DeliveryMediumTypeEmail {
		t.Errorf("sign-up %+v %+v", up, up.CodeDeliveryDetails)
	}
	password := func(client, user, pw string) error {
		_, err := anon.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeUserPasswordAuth, ClientId: aws.String(client),
			AuthParameters: map[string]string{"USERNAME": user, "PASSWORD": pw}})
		return err
	}
	wantError(t, password(strict, "jiro@example.com", "Passw0rd!"), "UserNotConfirmedException", "User is not confirmed.")
	// The code is in the SignUp event's note: no mail is sent.
	note := findEvent(t, eventLog(l, t), "SignUp", "").IAMLab.Note
	i := strings.LastIndex(note, " is ")
	if i < 0 || len(note) < i+10 {
		t.Fatalf("note %q", note)
	}
	code := note[i+4 : i+10]
	_, err = anon.ConfirmSignUp(ctx, &cip.ConfirmSignUpInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com"), ConfirmationCode: aws.String("000000x")})
	wantError(t, err, "CodeMismatchException", "Invalid verification code provided, please try again.")
	if _, err := anon.ConfirmSignUp(ctx, &cip.ConfirmSignUpInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com"), ConfirmationCode: aws.String(code)}); err != nil {
		t.Fatal(err)
	}
	if err := password(strict, "jiro@example.com", "Passw0rd!"); err != nil {
		t.Fatalf("USER_PASSWORD_AUTH: %v", err)
	}
	u, err := admin.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: aws.String(seedPool), Username: aws.String("jiro@example.com")})
	if err != nil || u.UserStatus != ciptypes.UserStatusTypeConfirmed || attr(u.UserAttributes, "email_verified") != "true" {
		t.Fatalf("AdminGetUser %+v %v", u, err)
	}
	for _, tc := range []struct {
		name, client, user, pw, code, msg string
	}{
		{"wrong password", strict, "jiro@example.com", "Passw0rd?", "NotAuthorizedException", "Incorrect username or password."},
		{"unknown user, prevented", strict, "ghost@example.com", "Passw0rd!", "NotAuthorizedException", "Incorrect username or password."},
		{"unknown user, legacy", legacy, "ghost@example.com", "Passw0rd!", "UserNotFoundException", "User does not exist."},
		{"flow not enabled", seedWebClient, "jiro@example.com", "Passw0rd!", "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client"},
		{"unknown client", "nosuchclient0000000000000", "jiro@example.com", "Passw0rd!", "ResourceNotFoundException", "User pool client nosuchclient0000000000000 does not exist."},
	} {
		t.Run(tc.name, func(t *testing.T) { wantError(t, password(tc.client, tc.user, tc.pw), tc.code, tc.msg) })
	}
	// Account recovery by the verified email (the pool's first mechanism).
	fp, err := anon.ForgotPassword(ctx, &cip.ForgotPasswordInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com")})
	if err != nil || *fp.CodeDeliveryDetails.AttributeName != "email" {
		t.Fatalf("ForgotPassword %+v %v", fp, err)
	}
	note = findEvent(t, eventLog(l, t), "ForgotPassword", "").IAMLab.Note
	i = strings.LastIndex(note, " is ")
	reset := note[i+4 : i+10]
	_, err = anon.ConfirmForgotPassword(ctx, &cip.ConfirmForgotPasswordInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com"),
		ConfirmationCode: aws.String(reset), Password: aws.String("weak")})
	wantError(t, err, "InvalidPasswordException", "Password does not conform to policy")
	if _, err := anon.ConfirmForgotPassword(ctx, &cip.ConfirmForgotPasswordInput{ClientId: aws.String(strict), Username: aws.String("jiro@example.com"),
		ConfirmationCode: aws.String(reset), Password: aws.String("Reset#Passw0rd")}); err != nil {
		t.Fatal(err)
	}
	if err := password(strict, "jiro@example.com", "Reset#Passw0rd"); err != nil {
		t.Errorf("the reset password: %v", err)
	}
	wantError(t, password(strict, "jiro@example.com", "Passw0rd!"), "NotAuthorizedException", "Incorrect username or password.")
	// An unknown user gets a made-up delivery where existence errors are
	// prevented; a user with a temporary password cannot reset it.
	if fp, err := anon.ForgotPassword(ctx, &cip.ForgotPasswordInput{ClientId: aws.String(strict), Username: aws.String("ghost@example.com")}); err != nil || fp.CodeDeliveryDetails == nil {
		t.Errorf("unknown user, prevented: %+v %v", fp, err)
	}
	_, err = anon.ForgotPassword(ctx, &cip.ForgotPasswordInput{ClientId: aws.String(legacy), Username: aws.String("ghost@example.com")})
	wantError(t, err, "UserNotFoundException", "User does not exist.")
	_, err = anon.ForgotPassword(ctx, &cip.ForgotPasswordInput{ClientId: aws.String(strict), Username: aws.String("user@example.com")})
	wantError(t, err, "NotAuthorizedException", "User password cannot be reset in the current state.")

	list, err := admin.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: aws.String(seedPool), Filter: aws.String(`email = "jiro@example.com"`)})
	if err != nil || len(list.Users) != 1 || attr(list.Users[0].Attributes, "given_name") != "Jiro" {
		t.Fatalf("ListUsers %+v %v", list, err)
	}
	all, err := admin.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: aws.String(seedPool)})
	if err != nil || len(all.Users) != 2 {
		t.Fatalf("ListUsers all: %d %v", len(all.Users), err)
	}
	_, err = admin.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: aws.String(seedPool), Filter: aws.String(`email like jiro`)})
	wantError(t, err, "InvalidParameterException", "Error while parsing filter.")
}

// The admin operations are IAM-authorized: allowed for the root user,
// denied for a user without a policy (AWS's message form), refused
// without a signature.
func TestUserPoolAdmin(t *testing.T) {
	l := newLab(t, testWorld(t))
	root := l.idp(rootKey, rootSec, "")
	pool, err := root.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("lab pool"),
		UsernameAttributes: []ciptypes.UsernameAttributeType{ciptypes.UsernameAttributeTypeEmail},
		Policies:           &ciptypes.UserPoolPolicyType{PasswordPolicy: &ciptypes.PasswordPolicyType{MinimumLength: aws.Int32(12), RequireSymbols: false}},
		MfaConfiguration:   ciptypes.UserPoolMfaTypeOff,
		AccountRecoverySetting: &ciptypes.AccountRecoverySettingType{RecoveryMechanisms: []ciptypes.RecoveryOptionType{
			{Name: ciptypes.RecoveryOptionNameTypeVerifiedEmail, Priority: aws.Int32(1)}}},
		AutoVerifiedAttributes: []ciptypes.VerifiedAttributeType{ciptypes.VerifiedAttributeTypeEmail}})
	if err != nil {
		t.Fatal(err)
	}
	id := *pool.UserPool.Id
	if !strings.HasPrefix(id, "us-east-1_") || len(id) != len("us-east-1_")+9 || *pool.UserPool.Arn != "arn:aws:cognito-idp:us-east-1:123456789012:userpool/"+id {
		t.Errorf("pool %s %s", id, *pool.UserPool.Arn)
	}
	desc, err := root.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String(id)})
	if err != nil || *desc.UserPool.Name != "lab pool" || *desc.UserPool.Policies.PasswordPolicy.MinimumLength != 12 ||
		desc.UserPool.MfaConfiguration != ciptypes.UserPoolMfaTypeOff || desc.UserPool.AccountRecoverySetting.RecoveryMechanisms[0].Name != ciptypes.RecoveryOptionNameTypeVerifiedEmail {
		t.Fatalf("describe %+v %v", desc, err)
	}
	list, err := root.ListUserPools(ctx, &cip.ListUserPoolsInput{MaxResults: aws.Int32(10)})
	if err != nil || len(list.UserPools) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	cl, err := root.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String(id), ClientName: aws.String("app"), GenerateSecret: true})
	if err != nil || len(*cl.UserPoolClient.ClientId) != 26 || len(*cl.UserPoolClient.ClientSecret) < 24 {
		t.Fatalf("client %+v %v", cl, err)
	}
	if out, err := root.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(id), ClientId: cl.UserPoolClient.ClientId}); err != nil || *out.UserPoolClient.ClientName != "app" {
		t.Fatalf("describe client %v %v", out, err)
	}
	// A client with a secret wants SECRET_HASH.
	_, err = l.anonIDP().InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeUserSrpAuth, ClientId: cl.UserPoolClient.ClientId,
		AuthParameters: map[string]string{"USERNAME": "a@example.com", "SRP_A": "abc"}})
	wantError(t, err, "NotAuthorizedException", "is configured for secret but secret was not received")

	nobody := l.idp(nobodyKey, nobodySec, "")
	_, err = nobody.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(id), Username: aws.String("a@example.com")})
	wantError(t, err, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: cognito-idp:AdminCreateUser on resource: arn:aws:cognito-idp:us-east-1:123456789012:userpool/"+id+" because no identity-based policy allows the cognito-idp:AdminCreateUser action")
	_, err = nobody.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("x")})
	wantError(t, err, "AccessDeniedException", "cognito-idp:CreateUserPool")
	_, err = nobody.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: aws.String(id)})
	wantError(t, err, "AccessDeniedException", "cognito-idp:ListUsers")
	_, err = l.anonIDP().AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(id), Username: aws.String("a@example.com")})
	wantError(t, err, "MissingAuthenticationTokenException", "Missing Authentication Token")

	_, err = root.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(id), Username: aws.String("a@example.com"), TemporaryPassword: aws.String("short1")})
	wantError(t, err, "InvalidPasswordException", "Password not long enough")
	if _, err := root.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(id), Username: aws.String("a@example.com"), TemporaryPassword: aws.String("long enough Passw0rd")}); err != nil {
		t.Fatal(err)
	}
	_, err = root.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(id), Username: aws.String("A@example.com"), TemporaryPassword: aws.String("long enough Passw0rd")})
	wantError(t, err, "UsernameExistsException", "User account already exists")
	_, err = root.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: aws.String(id), Username: aws.String("b@example.com")})
	wantError(t, err, "UserNotFoundException", "User does not exist.")
	_, err = root.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String("us-east-1_nosuch")})
	wantError(t, err, "ResourceNotFoundException", "User pool us-east-1_nosuch does not exist.")
	_, err = root.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String("no pool")})
	wantError(t, err, "InvalidParameterException", "userPoolId")
	if _, err := root.DeleteUserPool(ctx, &cip.DeleteUserPoolInput{UserPoolId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	// The JWKS of a pool that does not exist.
	resp, err := http.Get(l.srv.URL + "/" + id + "/.well-known/jwks.json")
	if err != nil || resp.StatusCode != 404 {
		t.Fatalf("jwks of a deleted pool: %v %v", resp, err)
	}
	resp.Body.Close()
}

// Guests: the unauthenticated role with AWS's scope-down session policy;
// a pool without guest access refuses them.
func TestCognitoGuests(t *testing.T) {
	l := newLab(t, nil)
	iamc := l.rootIAM()
	ids := l.identity(rootKey, rootSec)
	pool, err := ids.CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{IdentityPoolName: aws.String("guests"), AllowUnauthenticatedIdentities: true})
	if err != nil {
		t.Fatal(err)
	}
	pid := *pool.IdentityPoolId
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
	"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"` + pid + `"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}]}`
	role := createRole(t, iamc, "guest-role", trust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ListRoles","kms:Encrypt"],"Resource":"*"}]}`)
	if _, err := ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: aws.String(pid), Roles: map[string]string{"unauthenticated": role}}); err != nil {
		t.Fatal(err)
	}
	anon := l.anonIdentity()
	got, err := anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(pid)})
	if err != nil || !strings.HasPrefix(*got.IdentityId, "us-east-1:") {
		t.Fatalf("GetId %v %v", got, err)
	}
	cr, err := anon.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId})
	if err != nil {
		t.Fatal(err)
	}
	c := cr.Credentials
	who, err := l.sts(*c.AccessKeyId, *c.SecretKey, *c.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *who.Arn != "arn:aws:sts::123456789012:assumed-role/guest-role/CognitoIdentityCredentials" {
		t.Fatalf("%v %v", who, err)
	}
	// The role allows iam:ListRoles, the scope-down policy does not.
	_, err = l.iam(*c.AccessKeyId, *c.SecretKey, *c.SessionToken).ListRoles(ctx, nil)
	wantError(t, err, "AccessDenied", "because no session policy allows the iam:ListRoles action")

	// The seed's pool does not allow guests.
	_, err = anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(seedIdentity)})
	wantError(t, err, "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")
	_, err = anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String("us-east-1:00000000-0000-0000-0000-000000000000")})
	wantError(t, err, "ResourceNotFoundException", "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.")

	// A trust policy whose aud names another pool: Cognito's configuration error.
	other := createRole(t, iamc, "other-pool-role", strings.Replace(trust, pid, "us-east-1:11111111-2222-3333-4444-555555555555", 1), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}`)
	if _, err := ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: aws.String(pid), Roles: map[string]string{"unauthenticated": other}}); err != nil {
		t.Fatal(err)
	}
	_, err = anon.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId})
	wantError(t, err, "InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool.")
	ev := findEvent(t, eventLog(l, t), "GetCredentialsForIdentity", "InvalidIdentityPoolConfigurationException")
	if ev.IAMLab.Decision != "implicitDeny" || ev.EventSource != "cognito-identity.amazonaws.com" {
		t.Errorf("event %+v", ev)
	}
	// No role at all.
	if _, err := ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: aws.String(pid), Roles: map[string]string{}}); err != nil {
		t.Fatal(err)
	}
	_, err = anon.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId})
	wantError(t, err, "InvalidIdentityPoolConfigurationException", "Check assigned IAM roles")
}

// createRole makes a role with a trust policy and an inline policy.
func createRole(t *testing.T, c *iam.Client, name, trust, policy string) string {
	t.Helper()
	out, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		t.Fatalf("CreateRole %s: %v", name, err)
	}
	if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	return *out.Role.Arn
}
