package flows

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/world"
)

// awsOf stands in for a real account prepared as the flow's world: the
// simulated AWS set up from the world file, behind its own handler (the
// run sets up nothing itself), and the transport that reaches it.
func awsOf(t testing.TB, f *Flow) http.RoundTripper {
	t.Helper()
	file, err := world.ParseFile([]byte(f.World))
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(sim.Config{File: file, Options: world.Options{RSAKey: keySource()}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &handler.Transport{Handler: s.Handler}
}

// worldSecrets are the secrets of the world file's access keys, and the
// default root key's, by key ID.
func worldSecrets(t testing.TB, f *Flow) map[string]string {
	t.Helper()
	var file struct {
		Accounts []struct {
			Users []struct {
				AccessKeys []struct{ ID, Secret string } `json:"accessKeys"`
			} `json:"users"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal([]byte(f.World), &file); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{world.DefaultRootKeyID: world.DefaultRootSecret}
	for _, a := range file.Accounts {
		for _, u := range a.Users {
			for _, k := range u.AccessKeys {
				out[k.ID] = k.Secret
			}
		}
	}
	return out
}

// realFlows are the flows that have a real mode.
func realFlows(t *testing.T) []*Flow {
	var out []*Flow
	for _, n := range Names() {
		if f, _ := Get(n); f.RealModeOf().Unavailable == nil {
			out = append(out, f)
		}
	}
	if len(out) < 4 {
		t.Fatalf("%d flows have a real mode", len(out))
	}
	return out
}

// learnerKeys makes the credentials a learner would give in an account
// prepared as the flow's world: a new access key of each caller's user,
// and for the administrator an IAM user with AdministratorAccess (not
// the root user's key of the world).
func learnerKeys(t testing.TB, f *Flow, rt http.RoundTripper) map[string]aws.Credentials {
	t.Helper()
	ctx := context.Background()
	root := iam.NewFromConfig(realConfig(aws.Credentials{AccessKeyID: world.DefaultRootKeyID, SecretAccessKey: world.DefaultRootSecret}, "us-east-1", rt))
	key := func(user string) aws.Credentials {
		out, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(user)})
		if err != nil {
			t.Fatalf("CreateAccessKey %s: %v", user, err)
		}
		return aws.Credentials{AccessKeyID: aws.ToString(out.AccessKey.AccessKeyId), SecretAccessKey: aws.ToString(out.AccessKey.SecretAccessKey)}
	}
	out := map[string]aws.Credentials{}
	for _, c := range f.RealModeOf().Callers {
		if c.ID != "admin" {
			out[c.ID] = key(c.ID)
			continue
		}
		if _, err := root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-admin")}); err != nil {
			t.Fatal(err)
		}
		if _, err := root.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("lab-admin"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")}); err != nil {
			t.Fatal(err)
		}
		out[c.ID] = key("lab-admin")
	}
	return out
}

// refuseWorldKeys fails the test when a request is signed with one of the
// flow's own keys: in real mode the learner's credentials sign.
func refuseWorldKeys(t *testing.T, f *Flow, next http.RoundTripper) http.RoundTripper {
	secrets := worldSecrets(t, f)
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil && secrets[m[1]] != "" {
			t.Errorf("%s %s was signed with the world's key %s", r.Method, r.URL, m[1])
		}
		return next.RoundTrip(r)
	})
}

// TestRealModeMatchesSimulated: in real mode, against an account that
// holds the flow's world, with each caller's credentials given (keys of
// that account, not the flow's), every step reaches the outcome it
// reaches in the simulated mode; the run records the exchanges but no
// authorization (AWS tells no trace).
func TestRealModeMatchesSimulated(t *testing.T) {
	for _, f := range realFlows(t) {
		t.Run(f.Name, func(t *testing.T) {
			simulated := run(t, f.Name, nil)
			rt := awsOf(t, f)
			creds := learnerKeys(t, f, rt)
			res, err := RunFlow(context.Background(), f, Options{Real: &Real{Credentials: creds, Transport: refuseWorldKeys(t, f, rt)}})
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range res.Steps {
				if want := simulated.Steps[i].Outcome; s.Outcome != want {
					t.Errorf("step %s: real mode %s (%s), simulated %s", s.ID, s.Outcome, s.Message, want)
				}
				if len(s.HTTP) == 0 || len(s.Checks) != 0 {
					t.Errorf("step %s: %d exchanges, %d checks", s.ID, len(s.HTTP), len(s.Checks))
				}
			}
		})
	}
}

// credentialScope finds the access key ID a request was signed with.
var credentialScope = regexp.MustCompile(`Credential=([A-Z0-9]+)/`)

// TestRealModeCallersDeclared: every world key a flow's steps sign with
// belongs to a caller its real mode declares, and every declared caller
// signs some step, so that the learner is asked for exactly the
// identities the flow uses.
func TestRealModeCallersDeclared(t *testing.T) {
	for _, f := range realFlows(t) {
		t.Run(f.Name, func(t *testing.T) {
			secrets := worldSecrets(t, f)
			used := map[string]bool{}
			for _, s := range run(t, f.Name, nil).Steps {
				for _, x := range s.HTTP {
					for _, h := range x.Request.Headers {
						if m := credentialScope.FindStringSubmatch(h[1]); h[0] == "Authorization" && m != nil {
							if _, world := secrets[m[1]]; world {
								used[m[1]] = true
							}
						}
					}
				}
			}
			declared := map[string]bool{}
			for _, c := range f.RealModeOf().Callers {
				declared[c.Key] = true
				if !used[c.Key] {
					t.Errorf("caller %s (%s) signs no step", c.ID, c.Key)
				}
				if c.Label.En == "" || c.Label.Ja == "" {
					t.Errorf("caller %s has no label in both languages", c.ID)
				}
			}
			for k := range used {
				if !declared[k] {
					t.Errorf("a step signs with the world key %s, which no caller declares", k)
				}
			}
		})
	}
}

// TestRealModeRefusals: a flow without a real mode, and a run that lacks
// a caller's credentials, are refused before any call.
func TestRealModeRefusals(t *testing.T) {
	calls := 0
	rt := roundTripFunc(func(*http.Request) (*http.Response, error) { calls++; return nil, context.Canceled })
	f, _ := Get("web-identity")
	if _, err := RunFlow(context.Background(), f, Options{Real: &Real{Transport: rt}}); err == nil || !strings.Contains(err.Error(), "OpenID Connect") {
		t.Errorf("web-identity in real mode: %v", err)
	}
	f, _ = Get("s3-upload-role")
	only := map[string]aws.Credentials{"app": {AccessKeyID: "AKIAI44QH8DHBEXAMPLE", SecretAccessKey: "x"}}
	if _, err := RunFlow(context.Background(), f, Options{Real: &Real{Credentials: only, Transport: rt}}); err == nil || !strings.Contains(err.Error(), "administrator") {
		t.Errorf("s3-upload-role without the administrator's credentials: %v", err)
	}
	if calls != 0 {
		t.Errorf("%d calls were made", calls)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestWhoAmIAndCognitoSignIn: GetCallerIdentity names the credentials'
// owner; a user of the pool signs in with SRP and the identity pool's
// credentials are the authenticated role's session; a wrong password is
// Cognito's NotAuthorizedException.
func TestWhoAmIAndCognitoSignIn(t *testing.T) {
	f, _ := Get("cognito-identity-pool")
	rt := awsOf(t, f)
	ctx := context.Background()
	admin := aws.Credentials{AccessKeyID: world.DefaultRootKeyID, SecretAccessKey: world.DefaultRootSecret}
	id, err := WhoAmI(ctx, admin, rt)
	if err != nil || id.ARN != "arn:aws:iam::123456789012:root" || id.Account != "123456789012" {
		t.Fatalf("WhoAmI: %+v, %v", id, err)
	}
	idp := cip.NewFromConfig(realConfig(admin, "us-east-1", rt))
	user, password := "taro@example.com", "Sup3r-Secret!"
	if _, err := idp.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(userPoolID), Username: aws.String(user),
		MessageAction: ciptypes.MessageActionTypeSuppress, TemporaryPassword: aws.String("Temp-Passw0rd!"),
		UserAttributes: []ciptypes.AttributeType{{Name: aws.String("email"), Value: aws.String(user)}, {Name: aws.String("given_name"), Value: aws.String("Taro")},
			{Name: aws.String("family_name"), Value: aws.String("Yamada")}, {Name: aws.String("picture"), Value: aws.String("https://example.com/t.png")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := idp.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: aws.String(userPoolID), Username: aws.String(user),
		Password: aws.String(password), Permanent: true}); err != nil {
		t.Fatal(err)
	}
	login := CognitoLogin{UserPoolID: userPoolID, ClientID: "xxwebclient000000000000001", Username: user, Password: password, IdentityPoolID: identityPoolID}
	creds, err := CognitoSignIn(ctx, login, rt)
	if err != nil {
		t.Fatal(err)
	}
	id, err = WhoAmI(ctx, creds, rt)
	if err != nil || !strings.HasPrefix(id.ARN, "arn:aws:sts::123456789012:assumed-role/XX-cognito-auth-role/") {
		t.Errorf("the signed-in user's credentials: %+v, %v", id, err)
	}
	login.Password = "Wrong-Passw0rd!"
	var ae smithy.APIError
	if _, err := CognitoSignIn(ctx, login, rt); !errors.As(err, &ae) || ae.ErrorCode() != "NotAuthorizedException" {
		t.Errorf("a wrong password: %v", err)
	}
	login.UserPoolID = "nounderscore"
	if _, err := CognitoSignIn(ctx, login, rt); err == nil {
		t.Error("a pool ID without its Region was taken")
	}
}

// TestRealRunReadsNoCatalog: a real run reads no catalog file (the page
// need not fetch any before it).
func TestRealRunReadsNoCatalog(t *testing.T) {
	f, _ := Get("kms-envelope")
	cat := NewFetched(nil)
	rt := awsOf(t, f)
	if _, err := RunFlow(context.Background(), f, Options{Catalog: cat.Catalog(), Real: &Real{Credentials: learnerKeys(t, f, rt), Transport: rt}}); err != nil {
		t.Fatal(err)
	}
	if m := cat.Missed(); len(m) != 0 {
		t.Errorf("a real run read %q", m)
	}
}
