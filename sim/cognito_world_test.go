package sim_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/internal/testkeys"
	"github.com/iamlab/iamlab/sim/world"
)

// A world reopened on its store keeps the pools, users (their verifiers)
// and the signing keys: a token issued before still logs in.
func TestCognitoReopen(t *testing.T) {
	store := world.NewMemory()
	open := func() *lab {
		s, err := sim.New(sim.Config{Store: store, File: world.SeedFile(), Options: world.Options{RSAKey: testkeys.Source}})
		if err != nil {
			t.Fatal(err)
		}
		l := &lab{sim: s, clock: &clock{}}
		l.srv = newServer(t, s)
		return l
	}
	l := open()
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
	before := l.jwks(t, seedPool)
	l.srv.Close()
	l = open()
	after := l.jwks(t, seedPool)
	if before.Keys[0].N != after.Keys[0].N || before.Keys[1].Kid != after.Keys[1].Kid {
		t.Error("the pool's keys changed")
	}
	if _, err := l.anonIdentity().GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(seedIdentity),
		Logins: map[string]string{seedProvider: *in.AuthenticationResult.IdToken}}); err != nil {
		t.Errorf("the old token: %v", err)
	}
	if _, err := l.idp(rootKey, rootSec, "").AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{UserPoolId: aws.String(seedPool), ClientId: aws.String(seedAppClient),
		AuthFlow: ciptypes.AuthFlowTypeAdminUserPasswordAuth, AuthParameters: map[string]string{"USERNAME": "user@example.com", "PASSWORD": "Perm4nent!pw"}}); err != nil {
		t.Errorf("the password after reopening: %v", err)
	}
}

// World files with Cognito sections that AWS would refuse do not load,
// and say why.
func TestCognitoWorldFile(t *testing.T) {
	for _, tc := range []struct {
		name, section, want string
	}{
		{"bad pool id", `"userPools":[{"id":"nounderscore","settings":{"PoolName":"p"}}]`, "the id must be REGION_SUFFIX"},
		{"unknown field", `"userPools":[{"id":"us-east-1_a1","settings":{"PoolName":"p"},"colour":"red"}]`, "unknown field"},
		{"weak password", `"userPools":[{"id":"us-east-1_a1","settings":{"PoolName":"p"},"users":[{"username":"u","password":"weak"}]}]`, "Password not long enough"},
		{"no password", `"userPools":[{"id":"us-east-1_a1","settings":{"PoolName":"p"},"users":[{"username":"u"}]}]`, "a password or a temporaryPassword is needed"},
		{"bad flow", `"userPools":[{"id":"us-east-1_a1","settings":{"PoolName":"p"},"clients":[{"id":"c1","settings":{"ClientName":"c","ExplicitAuthFlows":["ALLOW_EVERYTHING"]}}]}]`, "explicitAuthFlows"},
		{"identity pool id", `"identityPools":[{"IdentityPoolId":"x","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true}]`, "identityPoolId"},
		{"role key", `"identityPools":[{"IdentityPoolId":"us-east-1:0000","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,"Roles":{"admin":"arn:aws:iam::123456789012:role/r"}}]`, "Invalid role type: admin"},
		{"OIDC URL", `"openIDConnectProviders":[{"url":"http://x.example.com","clientIds":["a"]}]`, "Invalid Openid Connect Provider URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := world.ParseFile([]byte(`{"accounts":[{"id":"123456789012",` + tc.section + `}]}`))
			if err == nil {
				_, err = sim.New(sim.Config{File: f, Options: world.Options{RSAKey: testkeys.Source}})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func newServer(t *testing.T, s *sim.Sim) *httptest.Server {
	srv := httptest.NewServer(s.Handler)
	t.Cleanup(srv.Close)
	return srv
}
