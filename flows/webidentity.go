package flows

import (
	"context"
	_ "embed"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/policy"
)

//go:embed worlds/web-identity.json
var webIdentityWorld string

// The role's trust policy: the provider, for the app's client ID only.
const webTrust = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.iamlab.test"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {"StringEquals": {"oidc.iamlab.test:aud": "xx-web-app"}}
  }]
}`

// The role's permissions: each user reads the IAM user of their own name,
// through the token's sub.
const webPermissions = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "iam:GetUser",
    "Resource": "arn:aws:iam::123456789012:user/${oidc.iamlab.test:sub}"
  }]
}`

func init() {
	register(&Flow{
		Name:  "web-identity",
		Title: Text{En: "Web identity federation, step by step", Ja: "Web ID フェデレーションを 1 ステップずつ"},
		Summary: Text{
			En: "The source's steps with an OpenID Connect provider (the lab plays it): tell IAM about the provider, create the role that trusts it for the app's client ID, give the role permissions, sign the user in, and exchange the ID token for the role's credentials with AssumeRoleWithWebIdentity. The token's sub follows the user into the policy.",
			Ja: "OpenID Connect プロバイダー (ラボが演じる) を使った元の文書の手順です。IAM にプロバイダーを登録し、アプリのクライアント ID に限ってそれを信頼するロールを作り、ロールに権限を与え、ユーザーをサインインさせ、ID トークンを AssumeRoleWithWebIdentity でロールの認証情報に交換します。トークンの sub はポリシーの中までユーザーについて行きます。"},
		World:    webIdentityWorld,
		Services: []string{"sts", "iam", "iamlab-oidc"},
		Slots: []Slot{
			{ID: "trust", Type: policy.Trust, Default: webTrust,
				Label: Text{En: "Trust policy of XX-web-identity-role", Ja: "XX-web-identity-role の信頼ポリシー"}},
			{ID: "permissions", Type: policy.Identity, Default: webPermissions,
				Label: Text{En: "The role's permissions (inline policy)", Ja: "ロールの権限 (インラインポリシー)"}},
		},
		Steps: []Step{
			{ID: "register-provider", Operation: "iam:CreateOpenIDConnectProvider", Expect: OK, Run: webRegister,
				Title: Text{En: "Steps 1-2: the app's client ID, and the provider told to IAM", Ja: "手順 1-2: アプリのクライアント ID と、IAM へのプロバイダーの登録"}},
			{ID: "create-role", Operation: "iam:CreateRole", Expect: OK, Uses: []string{"trust"}, Run: webCreateRole,
				Title: Text{En: "Step 3: a role that trusts the provider for that audience", Ja: "手順 3: その audience に限りプロバイダーを信頼するロール"}},
			{ID: "put-role-policy", Operation: "iam:PutRolePolicy", Expect: OK, Uses: []string{"permissions"}, Run: webPermissionsStep,
				Title: Text{En: "Step 4: only what the app's users need", Ja: "手順 4: アプリのユーザーに必要なものだけ"}},
			{ID: "sign-in", Operation: "oidc:Authenticate", Expect: OK, Run: webSignIn,
				Title: Text{En: "Step 5: the user signs in with the provider and gets an ID token", Ja: "手順 5: ユーザーがプロバイダーでサインインし ID トークンを得る"}},
			{ID: "assume-role", Operation: "sts:AssumeRoleWithWebIdentity", Expect: OK, Uses: []string{"trust"}, Run: webAssume,
				Title: Text{En: "Step 6: the token is exchanged for the role's credentials", Ja: "手順 6: トークンをロールの認証情報に交換する"}},
			{ID: "own-user", Operation: "iam:GetUser", Expect: OK, Uses: []string{"permissions"}, Run: webOwnUser,
				Title: Text{En: "The session reads the user named by its token's sub", Ja: "セッションはトークンの sub が指すユーザーを読める"}},
			{ID: "other-user", Operation: "iam:GetUser", Expect: "AccessDenied", Uses: []string{"permissions"}, Run: webOtherUser,
				Title: Text{En: "…and no other", Ja: "…それ以外は読めない"}},
			{ID: "other-app", Operation: "sts:AssumeRoleWithWebIdentity", Expect: "AccessDenied", Uses: []string{"trust"}, Run: webOtherApp,
				Title: Text{En: "A token issued to another app of the same provider is refused by the trust policy", Ja: "同じプロバイダーが別のアプリに発行したトークンは信頼ポリシーが拒否する"}},
		},
	})
}

func webRegister(ctx context.Context, r *Run) error {
	cfg := r.Config(rootKeys)
	// show: web-identity/register-provider
	client := iam.NewFromConfig(cfg) // cfg: an administrator's credentials
	_, err := client.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
		Url:          aws.String("https://oidc.iamlab.test"),
		ClientIDList: []string{"xx-web-app", "xx-other-app"}, // the provider's apps
	})
	// end show
	return err
}

func webCreateRole(ctx context.Context, r *Run) error {
	cfg := r.Config(rootKeys)
	trust := r.Text("trust")
	// show: web-identity/create-role
	client := iam.NewFromConfig(cfg)
	_, err := client.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String("XX-web-identity-role"),
		AssumeRolePolicyDocument: aws.String(trust), // "Federated": the provider; "aud": the app
	})
	// end show
	return err
}

func webPermissionsStep(ctx context.Context, r *Run) error {
	cfg := r.Config(rootKeys)
	permissions := r.Text("permissions")
	// show: web-identity/put-role-policy
	client := iam.NewFromConfig(cfg)
	_, err := client.PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName:       aws.String("XX-web-identity-role"),
		PolicyName:     aws.String("own-user"),
		PolicyDocument: aws.String(permissions), // user/${oidc.iamlab.test:sub}
	})
	// end show
	return err
}

// signIn asks the lab's identity provider for alice's ID token for an
// app, as the provider's SDK would after she signs in.
func signIn(ctx context.Context, r *Run, app string) (string, error) {
	q := url.Values{"sub": {"alice"}, "aud": {app}}
	b, err := r.get(ctx, "https://oidc.iamlab.test/_iamlab/oidc/token?"+q.Encode())
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

func webSignIn(ctx context.Context, r *Run) error {
	// show: web-identity/sign-in
	// The provider's SDK signs alice in and hands the app her ID token;
	// here the lab plays the provider:
	// GET https://oidc.iamlab.test/_iamlab/oidc/token?sub=alice&aud=xx-web-app
	token, err := signIn(ctx, r, "xx-web-app")
	// end show
	if err != nil {
		return err
	}
	jwks, err := r.get(ctx, "https://oidc.iamlab.test/_iamlab/oidc/jwks.json")
	if err != nil {
		return err
	}
	claims, err := verifyJWT(token, jwks, r.Now())
	if err != nil {
		return err
	}
	r.Note(Text{En: "ID token", Ja: "ID トークン"}, claims)
	r.Set("token", token)
	return nil
}

func webAssume(ctx context.Context, r *Run) error {
	token, err := Value[string](r, "token")
	if err != nil {
		return err
	}
	cfg := r.Anonymous()
	// show: web-identity/assume-role
	client := sts.NewFromConfig(cfg) // no AWS credentials: the token is the proof
	out, err := client.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/XX-web-identity-role"),
		RoleSessionName:  aws.String("alice"),
		WebIdentityToken: aws.String(token), // the provider's ID token
	})
	// end show
	if err != nil {
		return err
	}
	r.Note(Text{En: "Session", Ja: "セッション"}, aws.ToString(out.AssumedRoleUser.Arn)+"\nsub: "+aws.ToString(out.SubjectFromWebIdentityToken)+"\naud: "+aws.ToString(out.Audience))
	r.Set("webCreds", stsCredentials(out.Credentials))
	return nil
}

func webOwnUser(ctx context.Context, r *Run) error {
	creds, err := Value[aws.Credentials](r, "webCreds")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: web-identity/own-user
	client := iam.NewFromConfig(cfg) // cfg: alice's session of the role
	_, err = client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("alice")})
	// end show
	return err
}

func webOtherUser(ctx context.Context, r *Run) error {
	creds, err := Value[aws.Credentials](r, "webCreds")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: web-identity/other-user
	client := iam.NewFromConfig(cfg)
	_, err = client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("bob")})
	// end show
	return err
}

func webOtherApp(ctx context.Context, r *Run) error {
	token, err := signIn(ctx, r, "xx-other-app")
	if err != nil {
		return err
	}
	cfg := r.Anonymous()
	// show: web-identity/other-app
	client := sts.NewFromConfig(cfg)
	_, err = client.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/XX-web-identity-role"),
		RoleSessionName:  aws.String("alice"),
		WebIdentityToken: aws.String(token), // "aud": "xx-other-app"
	})
	// end show
	return err
}
