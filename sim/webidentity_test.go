package sim_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/sim/jwt"
)

const webRole = "arn:aws:iam::123456789012:role/XX-web-identity-role" // the seed's, trusts oidc.iamlab.test for aud xx-web-app

// mint asks the lab's simulated OIDC IdP for an ID token over HTTP.
func (l *lab) mint(t *testing.T, q url.Values) (int, string) {
	t.Helper()
	resp, err := http.Get(l.srv.URL + "/_iamlab/oidc/token?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func (l *lab) anonSTS() *sts.Client {
	cfg := l.config("", "", "")
	cfg.Credentials = nil
	return sts.NewFromConfig(cfg)
}

func assumeWeb(l *lab, role, token string) (*sts.AssumeRoleWithWebIdentityOutput, error) {
	return l.anonSTS().AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(role),
		RoleSessionName: aws.String("web"), WebIdentityToken: aws.String(token)})
}

// The source document's web identity federation steps against the lab's
// IdP: a token for the registered client ID gets the role's credentials,
// whose requests carry the provider's keys (${oidc.iamlab.test:sub}).
func TestAssumeRoleWithWebIdentity(t *testing.T) {
	l := newLab(t, nil)
	code, tok := l.mint(t, url.Values{"sub": {"app"}, "aud": {"xx-web-app"}})
	if code != 200 {
		t.Fatalf("mint: %d %s", code, tok)
	}
	out, err := assumeWeb(l, webRole, tok)
	if err != nil {
		t.Fatal(err)
	}
	if *out.SubjectFromWebIdentityToken != "app" || *out.Audience != "xx-web-app" || *out.Provider != "arn:aws:iam::123456789012:oidc-provider/oidc.iamlab.test" ||
		*out.AssumedRoleUser.Arn != "arn:aws:sts::123456789012:assumed-role/XX-web-identity-role/web" {
		t.Errorf("result %+v", out)
	}
	c := out.Credentials
	who, err := l.sts(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *who.Arn != *out.AssumedRoleUser.Arn {
		t.Fatalf("%v %v", who, err)
	}
	// The session's requests carry oidc.iamlab.test:sub.
	if _, err := l.rootIAM().PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("XX-web-identity-role"), PolicyName: aws.String("self"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::123456789012:user/${oidc.iamlab.test:sub}"}]}`)}); err != nil {
		t.Fatal(err)
	}
	web := l.iam(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken)
	if _, err := web.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("app")}); err != nil {
		t.Errorf("GetUser of the token's subject: %v", err)
	}
	_, err = web.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("someone")})
	wantError(t, err, "AccessDenied", "iam:GetUser")

	// A second provider with two client IDs; the role trusts one.
	root := l.rootIAM()
	if _, err := root.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://idp2.iamlab.test"), ClientIDList: []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	createRole(t, root, "idp2-role", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/idp2.iamlab.test"},
		"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"idp2.iamlab.test:aud":"a"}}}]}`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}`)
	idp2 := func(aud string) string {
		_, tok := l.mint(t, url.Values{"iss": {"https://idp2.iamlab.test"}, "sub": {"u1"}, "aud": {aud}})
		return tok
	}
	if _, err := assumeWeb(l, "arn:aws:iam::123456789012:role/idp2-role", idp2("a")); err != nil {
		t.Errorf("aud a: %v", err)
	}
	parts := strings.Split(tok, ".")
	tampered := parts[0] + "." + strings.TrimRight(jwtPayload(`{"iss":"https://oidc.iamlab.test","sub":"admin","aud":"xx-web-app","exp":4102444800}`), "=") + "." + parts[2]
	_, other := l.mint(t, url.Values{"iss": {"https://elsewhere.iamlab.test"}, "sub": {"u"}, "aud": {"xx-web-app"}})
	_, short := l.mint(t, url.Values{"sub": {"app"}, "aud": {"xx-web-app"}, "ttl": {"60"}})
	for _, tc := range []struct {
		name, role, token, code, msg string
		later                        time.Duration
	}{
		{"trust policy's aud does not match", "arn:aws:iam::123456789012:role/idp2-role", idp2("b"), "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 0},
		{"audience not a client ID", "arn:aws:iam::123456789012:role/idp2-role", idp2("c"), "InvalidIdentityToken", "Incorrect token audience", 0},
		{"no provider for the issuer", webRole, other, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://elsewhere.iamlab.test", 0},
		{"not a JWT", webRole, "not-a-token", "InvalidIdentityToken", "The ID Token provided is not a valid JWT", 0},
		{"changed claims", webRole, tampered, "InvalidIdentityToken", "Signature verification failed", 0},
		{"another role", uploadARN, tok, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 0},
		{"no such role", "arn:aws:iam::123456789012:role/ghost", tok, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 0},
		{"expired", webRole, short, "ExpiredTokenException", "Token expired: current date/time", 2 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l.clock.advance(tc.later)
			_, err := assumeWeb(l, tc.role, tc.token)
			wantError(t, err, tc.code, tc.msg)
		})
	}
	ev := findEvent(t, eventLog(l, t), "AssumeRoleWithWebIdentity", "AccessDenied")
	if ev.IAMLab.Decision != "implicitDeny" {
		t.Errorf("event %+v", ev.IAMLab)
	}
}

func jwtPayload(s string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// The basic (classic) flow: GetOpenIdToken then AssumeRoleWithWebIdentity
// with a role of the app's choice, without the scope-down policy of the
// enhanced flow; refused unless the pool allows the classic flow.
func TestCognitoBasicFlow(t *testing.T) {
	l := newLab(t, nil)
	ids := l.identity(rootKey, rootSec)
	classic, err := ids.CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{IdentityPoolName: aws.String("classic"), AllowUnauthenticatedIdentities: true, AllowClassicFlow: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	pid := *classic.IdentityPoolId
	role := createRole(t, l.rootIAM(), "classic-guest", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},
		"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"`+pid+`"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}`)
	anon := l.anonIdentity()
	got, err := anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(pid)})
	if err != nil {
		t.Fatal(err)
	}
	oid, err := anon.GetOpenIdToken(ctx, &cognitoidentity.GetOpenIdTokenInput{IdentityId: got.IdentityId})
	if err != nil {
		t.Fatal(err)
	}
	pt, err := jwt.Parse(*oid.Token)
	if err != nil || pt.Claims.String("iss") != "https://cognito-identity.amazonaws.com" || pt.Claims.String("aud") != pid || pt.Claims.String("sub") != *got.IdentityId {
		t.Fatalf("token %+v %v", pt, err)
	}
	out, err := assumeWeb(l, role, *oid.Token)
	if err != nil {
		t.Fatal(err)
	}
	if *out.Provider != "cognito-identity.amazonaws.com" || *out.SubjectFromWebIdentityToken != *got.IdentityId {
		t.Errorf("%+v", out)
	}
	c := out.Credentials
	if _, err := l.iam(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken).ListRoles(ctx, nil); err != nil {
		t.Errorf("the basic flow has no scope-down policy: %v", err)
	}
	// The enhanced flow's pool of the seed does not allow the basic flow.
	enhanced, err := ids.CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{IdentityPoolName: aws.String("enhanced"), AllowUnauthenticatedIdentities: true})
	if err != nil {
		t.Fatal(err)
	}
	g2, err := anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: enhanced.IdentityPoolId})
	if err != nil {
		t.Fatal(err)
	}
	_, err = anon.GetOpenIdToken(ctx, &cognitoidentity.GetOpenIdTokenInput{IdentityId: g2.IdentityId})
	wantError(t, err, "InvalidParameterException", "Basic (classic) flow is not enabled, please use enhanced flow.")
}

// A user pool's ID token straight to STS, once the pool's issuer is an
// IAM OIDC provider.
func TestWebIdentityUserPoolToken(t *testing.T) {
	l := newLab(t, nil)
	admin := l.idp(rootKey, rootSec, "")
	if _, err := admin.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: aws.String(seedPool), Username: aws.String("user@example.com"),
		Password: aws.String("Perm4nent!pw"), Permanent: true}); err != nil {
		t.Fatal(err)
	}
	in, err := admin.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{UserPoolId: aws.String(seedPool), ClientId: aws.String(seedAppClient),
		AuthFlow: ciptypes.AuthFlowTypeAdminUserPasswordAuth, AuthParameters: map[string]string{"USERNAME": "user@example.com", "PASSWORD": "Perm4nent!pw"}})
	if err != nil {
		t.Fatal(err)
	}
	idTok := *in.AuthenticationResult.IdToken
	_, err = assumeWeb(l, uploadARN, idTok)
	wantError(t, err, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://cognito-idp.us-east-1.amazonaws.com/"+seedPool)
	root := l.rootIAM()
	if _, err := root.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://" + seedProvider), ClientIDList: []string{seedAppClient}}); err != nil {
		t.Fatal(err)
	}
	role := createRole(t, root, "pool-role", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/`+seedProvider+`"},
		"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"`+seedProvider+`:aud":"`+seedAppClient+`"}}}]}`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}`)
	out, err := assumeWeb(l, role, idTok)
	if err != nil {
		t.Fatal(err)
	}
	if *out.Audience != seedAppClient {
		t.Errorf("audience %s", *out.Audience)
	}
	// An access token is no ID token for STS: its aud is missing.
	_, err = assumeWeb(l, role, *in.AuthenticationResult.AccessToken)
	wantError(t, err, "InvalidIdentityToken", "Incorrect token audience")
}

// IAM OpenID Connect providers through the IAM client.
func TestOIDCProviders(t *testing.T) {
	l := newLab(t, testWorld(t))
	root := l.rootIAM()
	created, err := root.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://token.example.com/path/"),
		ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{"0123456789abcdef0123456789abcdef01234567"}})
	if err != nil {
		t.Fatal(err)
	}
	arn := "arn:aws:iam::123456789012:oidc-provider/token.example.com/path"
	if *created.OpenIDConnectProviderArn != arn {
		t.Errorf("arn %s", *created.OpenIDConnectProviderArn)
	}
	got, err := root.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	if err != nil || *got.Url != "token.example.com/path" || got.ClientIDList[0] != "sts.amazonaws.com" || len(got.ThumbprintList) != 1 || got.CreateDate == nil {
		t.Fatalf("get %+v %v", got, err)
	}
	list, err := root.ListOpenIDConnectProviders(ctx, nil)
	if err != nil || len(list.OpenIDConnectProviderList) != 1 || *list.OpenIDConnectProviderList[0].Arn != arn {
		t.Fatalf("list %+v %v", list, err)
	}
	for _, tc := range []struct {
		name      string
		in        *iam.CreateOpenIDConnectProviderInput
		code, msg string
	}{
		{"twice", &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://token.example.com/path")}, "EntityAlreadyExists", "Provider with url https://token.example.com/path already exists."},
		{"not https", &iam.CreateOpenIDConnectProviderInput{Url: aws.String("http://token.example.com")}, "InvalidInput", "Invalid Openid Connect Provider URL"},
		{"bad thumbprint", &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://x.example.com"), ThumbprintList: []string{"abc"}}, "ValidationError", "thumbprintList"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := root.CreateOpenIDConnectProvider(ctx, tc.in)
			wantError(t, err, tc.code, tc.msg)
		})
	}
	nobody := l.iam(nobodyKey, nobodySec, "")
	_, err = nobody.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://y.example.com")})
	wantError(t, err, "AccessDenied", "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: iam:CreateOpenIDConnectProvider on resource: arn:aws:iam::123456789012:oidc-provider/y.example.com because no identity-based policy allows the iam:CreateOpenIDConnectProvider action")
	_, err = nobody.ListOpenIDConnectProviders(ctx, nil)
	wantError(t, err, "AccessDenied", "iam:ListOpenIDConnectProviders")
	if _, err := root.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	_, err = root.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	wantError(t, err, "NoSuchEntity", "OpenIDConnect Provider not found for arn "+arn)
}

// Rules-based role mapping: the first rule whose claim matches picks the
// role; none matching with Deny refuses.
func TestCognitoRoleMapping(t *testing.T) {
	l := newLab(t, nil)
	admin := l.idp(rootKey, rootSec, "")
	signIn := func(email string) string {
		if _, err := admin.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(seedPool), Username: aws.String(email), TemporaryPassword: aws.String("Temp#Passw0rd")}); err != nil {
			t.Fatal(err)
		}
		if _, err := admin.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: aws.String(seedPool), Username: aws.String(email), Password: aws.String("Perm#Passw0rd"), Permanent: true}); err != nil {
			t.Fatal(err)
		}
		out, err := admin.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{UserPoolId: aws.String(seedPool), ClientId: aws.String(seedAppClient),
			AuthFlow: ciptypes.AuthFlowTypeAdminUserPasswordAuth, AuthParameters: map[string]string{"USERNAME": email, "PASSWORD": "Perm#Passw0rd"}})
		if err != nil {
			t.Fatal(err)
		}
		return *out.AuthenticationResult.IdToken
	}
	trust := strings.ReplaceAll(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
		"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"POOL"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}`, "POOL", seedIdentity)
	adminRole := createRole(t, l.rootIAM(), "XX-admins", trust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}`)
	ids := l.identity(rootKey, rootSec)
	mapping := func(resolution string) {
		_, err := ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: aws.String(seedIdentity),
			Roles: map[string]string{"authenticated": seedAuthRole},
			RoleMappings: map[string]citypes.RoleMapping{seedProvider: {Type: citypes.RoleMappingTypeRules, AmbiguousRoleResolution: citypes.AmbiguousRoleResolutionType(resolution),
				RulesConfiguration: &citypes.RulesConfigurationType{Rules: []citypes.MappingRule{{Claim: aws.String("email"),
					MatchType: citypes.MappingRuleMatchTypeStartsWith, Value: aws.String("admin"), RoleARN: aws.String(adminRole)}}}}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	creds := func(tok string) (string, error) {
		anon := l.anonIdentity()
		logins := map[string]string{seedProvider: tok}
		got, err := anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(seedIdentity), Logins: logins})
		if err != nil {
			return "", err
		}
		cr, err := anon.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId, Logins: logins})
		if err != nil {
			return "", err
		}
		who, err := l.sts(*cr.Credentials.AccessKeyId, *cr.Credentials.SecretKey, *cr.Credentials.SessionToken).GetCallerIdentity(ctx, nil)
		if err != nil {
			return "", err
		}
		return *who.Arn, nil
	}
	adminTok, userTok := signIn("admin@example.com"), signIn("ken@example.com")
	mapping("AuthenticatedRole")
	if arn, err := creds(adminTok); err != nil || !strings.Contains(arn, "assumed-role/XX-admins/") {
		t.Errorf("admin: %s %v", arn, err)
	}
	if arn, err := creds(userTok); err != nil || !strings.Contains(arn, "assumed-role/XX-cognito-auth-role/") {
		t.Errorf("user: %s %v", arn, err)
	}
	mapping("Deny")
	_, err := creds(userTok)
	wantError(t, err, "NotAuthorizedException", "Ambiguous role mapping rules for: "+seedProvider)
	// Roles from the token: the seed's users are in no group, so the token
	// names no role and the resolution decides.
	for _, tc := range []struct {
		resolution, want string
	}{{"AuthenticatedRole", "assumed-role/XX-cognito-auth-role/"}, {"Deny", ""}} {
		if _, err := ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: aws.String(seedIdentity),
			Roles: map[string]string{"authenticated": seedAuthRole}, RoleMappings: map[string]citypes.RoleMapping{seedProvider: {Type: citypes.RoleMappingTypeToken,
				AmbiguousRoleResolution: citypes.AmbiguousRoleResolutionType(tc.resolution)}}}); err != nil {
			t.Fatal(err)
		}
		arn, err := creds(adminTok)
		if tc.want == "" {
			wantError(t, err, "NotAuthorizedException", "Ambiguous role mapping")
		} else if err != nil || !strings.Contains(arn, tc.want) {
			t.Errorf("Token, %s: %s %v", tc.resolution, arn, err)
		}
	}
	// Setting roles needs iam:PassRole.
	_, err = l.identity(appKey, appSec).SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: aws.String(seedIdentity), Roles: map[string]string{"authenticated": seedAuthRole}})
	wantError(t, err, "AccessDeniedException", "cognito-identity:SetIdentityPoolRoles")
}

// The lab IdP's endpoints: discovery, keys, and the refusals.
func TestLabIdP(t *testing.T) {
	l := newLab(t, nil)
	get := func(path string) (int, string) {
		resp, err := http.Get(l.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/_iamlab/oidc/.well-known/openid-configuration"); code != 200 || !strings.Contains(body, `"issuer":"https://oidc.iamlab.test"`) {
		t.Errorf("discovery %d %s", code, body)
	}
	// The issuer's own host (through the in-process transport, a client
	// may fetch https://oidc.iamlab.test/.well-known/jwks.json).
	req, _ := http.NewRequest("GET", l.srv.URL+"/.well-known/jwks.json", nil)
	req.Host = "oidc.iamlab.test"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hostBody, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	code, body := get("/_iamlab/oidc/jwks.json")
	if resp.StatusCode != 200 || string(hostBody) != body {
		t.Errorf("by host: %d %s, by path: %s", resp.StatusCode, hostBody, body)
	}
	set, err := jwt.ParseJWKS([]byte(body))
	if code != 200 || err != nil || len(set.Keys) != 1 {
		t.Fatalf("jwks %d %s", code, body)
	}
	_, tok := l.mint(t, url.Values{"sub": {"s"}, "aud": {"a"}, "claim.email": {"s@example.com"}})
	pt, err := jwt.Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	key, err := set.Find(pt.Header.Kid)
	if err != nil || pt.Verify(key) != nil || pt.Claims.String("email") != "s@example.com" {
		t.Errorf("the minted token does not verify with the published key: %v", err)
	}
	for _, q := range []url.Values{
		{"aud": {"a"}},
		{"sub": {"s"}, "aud": {"a"}, "iss": {"https://cognito-identity.amazonaws.com"}},
		{"sub": {"s"}, "aud": {"a"}, "iss": {"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_XXseedPol"}},
		{"sub": {"s"}, "aud": {"a"}, "iss": {"http://plain.example.com"}},
		{"sub": {"s"}, "aud": {"a"}, "ttl": {"0"}},
	} {
		if code, body := l.mint(t, q); code != 400 {
			t.Errorf("%v: %d %s", q, code, body)
		}
	}
}

// An identity pool with an OpenID Connect provider: the lab IdP's token is
// the login, and amr names the provider.
func TestCognitoOIDCLogin(t *testing.T) {
	l := newLab(t, nil)
	ids := l.identity(rootKey, rootSec)
	provider := "arn:aws:iam::123456789012:oidc-provider/oidc.iamlab.test"
	pool, err := ids.CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{IdentityPoolName: aws.String("oidc"), AllowUnauthenticatedIdentities: false,
		OpenIdConnectProviderARNs: []string{provider}})
	if err != nil {
		t.Fatal(err)
	}
	pid := *pool.IdentityPoolId
	role := createRole(t, l.rootIAM(), "oidc-users", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},
		"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"`+pid+`"},"ForAnyValue:StringEquals":{"cognito-identity.amazonaws.com:amr":"oidc.iamlab.test"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}`)
	if _, err := ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: aws.String(pid), Roles: map[string]string{"authenticated": role}}); err != nil {
		t.Fatal(err)
	}
	_, tok := l.mint(t, url.Values{"sub": {"alice"}, "aud": {"xx-web-app"}})
	logins := map[string]string{"oidc.iamlab.test": tok}
	anon := l.anonIdentity()
	got, err := anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(pid), Logins: logins})
	if err != nil {
		t.Fatal(err)
	}
	cr, err := anon.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId, Logins: logins})
	if err != nil {
		t.Fatal(err)
	}
	who, err := l.sts(*cr.Credentials.AccessKeyId, *cr.Credentials.SecretKey, *cr.Credentials.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *who.Arn != "arn:aws:sts::123456789012:assumed-role/oidc-users/CognitoIdentityCredentials" {
		t.Fatalf("%v %v", who, err)
	}
	// A token for another audience, or of an issuer the pool does not name.
	_, other := l.mint(t, url.Values{"sub": {"alice"}, "aud": {"someone-else"}})
	_, err = anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(pid), Logins: map[string]string{"oidc.iamlab.test": other}})
	wantError(t, err, "NotAuthorizedException", "Incorrect token audience")
	_, err = anon.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(pid), Logins: map[string]string{seedProvider: tok}})
	wantError(t, err, "NotAuthorizedException", "Token is not from a supported provider of this identity pool.")
	// Creating pools is IAM-authorized.
	_, err = l.identity(appKey, appSec).CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{IdentityPoolName: aws.String("x"), AllowUnauthenticatedIdentities: true})
	wantError(t, err, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/app is not authorized to perform: cognito-identity:CreateIdentityPool")
	_, err = l.anonIdentity().CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{IdentityPoolName: aws.String("x"), AllowUnauthenticatedIdentities: true})
	wantError(t, err, "MissingAuthenticationTokenException", "Missing Authentication Token")
}
