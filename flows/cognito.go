package flows

import (
	"context"
	_ "embed"
	"io"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/policy"
)

//go:embed worlds/cognito-identity-pool.json
var cognitoWorld string

// The pool, client and identity pool of the world (as in the seed).
const (
	userPoolID     = "us-east-1_XXseedPol"
	appClientID    = "xxappclient000000000000001"
	identityPoolID = "us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
	userPoolLogin  = "cognito-idp.us-east-1.amazonaws.com/" + userPoolID
)

func init() {
	register(&Flow{
		Name:  "cognito-identity-pool",
		Title: Text{En: "Sign in with a Cognito user pool, get AWS credentials from an identity pool", Ja: "Cognito ユーザープールでサインインし、ID プールから AWS の認証情報を得る"},
		Summary: Text{
			En: "An administrator creates a user with a temporary password; the first sign-in must set a new one; the ID token is checked against the pool's keys; the identity pool trades it for a role's credentials (the role's trust policy decides, with the pool as aud and authenticated in amr); guests get the guest role, scoped down by the session policy Cognito adds.",
			Ja: "管理者が一時パスワードでユーザーを作成し、最初のサインインで新しいパスワードを設定します。ID トークンをプールの鍵で検証し、ID プールがそれをロールの認証情報に交換します (ロールの信頼ポリシーが aud にプール、amr に authenticated を見て判定)。ゲストはゲスト用ロールを得ますが、Cognito が加えるセッションポリシーで絞られます。"},
		World:    cognitoWorld,
		Services: []string{"sts", "iam", "s3", "cognito-idp", "cognito-identity"},
		Slots: []Slot{
			{ID: "authTrust", Type: policy.Trust, Path: "accounts/0/roles/XX-cognito-auth-role/trustPolicy",
				Label: Text{En: "Trust policy of XX-cognito-auth-role (signed-in users)", Ja: "XX-cognito-auth-role の信頼ポリシー (サインイン済みユーザー)"}},
			{ID: "authPolicy", Type: policy.Identity, Path: "accounts/0/policies/XX-cognito-s3-policy/document",
				Label: Text{En: "XX-cognito-s3-policy (attached to the signed-in role)", Ja: "XX-cognito-s3-policy (サインイン済みユーザーのロールにアタッチ)"}},
			{ID: "guestTrust", Type: policy.Trust, Path: "accounts/0/roles/XX-cognito-guest-role/trustPolicy",
				Label: Text{En: "Trust policy of XX-cognito-guest-role (guests)", Ja: "XX-cognito-guest-role の信頼ポリシー (ゲスト)"}},
			{ID: "guestPolicy", Type: policy.Identity, Path: "accounts/0/policies/XX-cognito-guest-policy/document",
				Label: Text{En: "XX-cognito-guest-policy (attached to the guest role)", Ja: "XX-cognito-guest-policy (ゲスト用ロールにアタッチ)"}},
		},
		Steps: []Step{
			{ID: "create-user", Operation: "cognito-idp:AdminCreateUser", Expect: OK, Run: cognitoCreateUser,
				Title: Text{En: "The administrator creates the user with a temporary password", Ja: "管理者が一時パスワードでユーザーを作成する"}},
			{ID: "sign-in", Operation: "cognito-idp:AdminInitiateAuth", Expect: OK, Run: cognitoSignIn,
				Title: Text{En: "First sign-in: Cognito answers NEW_PASSWORD_REQUIRED", Ja: "最初のサインイン: Cognito は NEW_PASSWORD_REQUIRED を返す"}},
			{ID: "new-password", Operation: "cognito-idp:AdminRespondToAuthChallenge", Expect: OK, Run: cognitoNewPassword,
				Title: Text{En: "A new password and the required attributes: tokens, checked against the pool's JWKS", Ja: "新しいパスワードと必須属性を送るとトークンが返り、プールの JWKS で検証する"}},
			{ID: "get-id", Operation: "cognito-identity:GetId", Expect: OK, Run: cognitoGetID,
				Title: Text{En: "The identity pool gives the user an identity", Ja: "ID プールがユーザーに ID を割り当てる"}},
			{ID: "get-credentials", Operation: "cognito-identity:GetCredentialsForIdentity", Expect: OK, Uses: []string{"authTrust"}, Run: cognitoGetCredentials,
				Title: Text{En: "The identity's credentials: the role's trust policy checks aud and amr", Ja: "ID の認証情報: ロールの信頼ポリシーが aud と amr を確かめる"}},
			{ID: "who-am-i", Operation: "sts:GetCallerIdentity", Expect: OK, Run: cognitoWhoAmI,
				Title: Text{En: "The user now calls AWS as a session of the role", Ja: "ユーザーはロールのセッションとして AWS を呼び出す"}},
			{ID: "put-own", Operation: "s3:PutObject", Expect: OK, Uses: []string{"authPolicy"}, Run: cognitoPutOwn, Snippet: "cognito-identity-pool/put",
				Title: Text{En: "The user writes into cognito/<their identity ID>/", Ja: "ユーザーは cognito/<自分の ID>/ に書き込める"}},
			{ID: "put-other", Operation: "s3:PutObject", Expect: "AccessDenied", Uses: []string{"authPolicy"}, Run: cognitoPutOther, Snippet: "cognito-identity-pool/put",
				Title: Text{En: "…and not into another user's folder", Ja: "…ほかのユーザーのフォルダには書き込めない"}},
			{ID: "guest-get-id", Operation: "cognito-identity:GetId", Expect: OK, Run: cognitoGuestID,
				Title: Text{En: "A guest gets an identity without signing in", Ja: "ゲストはサインインせずに ID を得る"}},
			{ID: "guest-credentials", Operation: "cognito-identity:GetCredentialsForIdentity", Expect: OK, Uses: []string{"guestTrust"}, Run: cognitoGuestCredentials,
				Title: Text{En: "The guest's credentials: the guest role, with Cognito's session policy", Ja: "ゲストの認証情報: ゲスト用ロールに Cognito のセッションポリシーが付く"}},
			{ID: "guest-call", Operation: "s3:GetObject", Expect: "AccessDenied", Uses: []string{"guestPolicy"}, Run: cognitoGuestCall,
				Title: Text{En: "The role allows it, the session policy does not", Ja: "ロールは許可しても、セッションポリシーが許可しない"}},
		},
	})
}

func cognitoCreateUser(ctx context.Context, r *Run) error {
	cfg := r.Config(rootKeys)
	// show: cognito-identity-pool/create-user
	client := cip.NewFromConfig(cfg) // cfg: an administrator's credentials
	out, err := client.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId:        aws.String("us-east-1_XXseedPol"),
		Username:          aws.String("user@example.com"),
		TemporaryPassword: aws.String("TempPassw0rd!"),
		MessageAction:     ciptypes.MessageActionTypeSuppress, // no invitation email
		UserAttributes: []ciptypes.AttributeType{
			{Name: aws.String("email"), Value: aws.String("user@example.com")},
		},
	})
	// end show
	if err != nil {
		return err
	}
	r.Note(Text{En: "User status", Ja: "ユーザーのステータス"}, string(out.User.UserStatus))
	return nil
}

func cognitoSignIn(ctx context.Context, r *Run) error {
	cfg := r.Config(rootKeys)
	// show: cognito-identity-pool/sign-in
	client := cip.NewFromConfig(cfg) // the app's back end signs in for the user
	out, err := client.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{
		UserPoolId: aws.String("us-east-1_XXseedPol"),
		ClientId:   aws.String("xxappclient000000000000001"),
		AuthFlow:   ciptypes.AuthFlowTypeAdminUserPasswordAuth,
		AuthParameters: map[string]string{
			"USERNAME": "user@example.com",
			"PASSWORD": "TempPassw0rd!",
		},
	})
	// end show
	if err != nil {
		return err
	}
	r.Note(Text{En: "Challenge", Ja: "チャレンジ"}, string(out.ChallengeName)+"\nrequiredAttributes: "+out.ChallengeParameters["requiredAttributes"])
	if out.ChallengeName != ciptypes.ChallengeNameTypeNewPasswordRequired {
		return &LocalError{Code: "UnexpectedChallenge", Msg: "the first sign-in should answer NEW_PASSWORD_REQUIRED, not " + string(out.ChallengeName)}
	}
	r.Set("session", aws.ToString(out.Session))
	return nil
}

func cognitoNewPassword(ctx context.Context, r *Run) error {
	session, err := Value[string](r, "session")
	if err != nil {
		return err
	}
	cfg := r.Config(rootKeys)
	// show: cognito-identity-pool/new-password
	client := cip.NewFromConfig(cfg)
	out, err := client.AdminRespondToAuthChallenge(ctx, &cip.AdminRespondToAuthChallengeInput{
		UserPoolId:    aws.String("us-east-1_XXseedPol"),
		ClientId:      aws.String("xxappclient000000000000001"),
		ChallengeName: ciptypes.ChallengeNameTypeNewPasswordRequired,
		Session:       aws.String(session), // from AdminInitiateAuth
		ChallengeResponses: map[string]string{
			"USERNAME":                   "user@example.com",
			"NEW_PASSWORD":               "N3w-Passw0rd!",
			"userAttributes.given_name":  "Taro",
			"userAttributes.family_name": "Yamada",
			"userAttributes.picture":     "https://example.com/taro.png",
		},
	})
	// end show
	if err != nil {
		return err
	}
	if out.AuthenticationResult == nil {
		return &LocalError{Code: "NoTokens", Msg: "the answer holds no tokens"}
	}
	idToken := aws.ToString(out.AuthenticationResult.IdToken)
	jwks, err := r.get(ctx, "https://cognito-idp.us-east-1.amazonaws.com/"+userPoolID+"/.well-known/jwks.json")
	if err != nil {
		return err
	}
	claims, err := verifyJWT(idToken, jwks, r.Now())
	if err != nil {
		return err
	}
	r.Note(Text{En: "ID token, verified against the pool's JWKS", Ja: "ID トークン (プールの JWKS で検証済み)"}, claims)
	r.Set("idToken", idToken)
	return nil
}

// get fetches a public URL through the run's client (Cognito's JWKS, the
// lab's identity provider).
func (r *Run) get(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxFetched))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &LocalError{Code: http.StatusText(resp.StatusCode), Msg: url + ": " + string(b)}
	}
	return b, nil
}

// MaxFetched bounds a public document a step fetches.
const MaxFetched = 64 << 10

func cognitoGetID(ctx context.Context, r *Run) error {
	idToken, err := Value[string](r, "idToken")
	if err != nil {
		return err
	}
	cfg := r.Anonymous()
	// show: cognito-identity-pool/get-id
	client := cognitoidentity.NewFromConfig(cfg) // no credentials: GetId is not signed
	out, err := client.GetId(ctx, &cognitoidentity.GetIdInput{
		IdentityPoolId: aws.String("us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"),
		Logins: map[string]string{
			"cognito-idp.us-east-1.amazonaws.com/us-east-1_XXseedPol": idToken,
		},
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("identityID", aws.ToString(out.IdentityId))
	return nil
}

func cognitoGetCredentials(ctx context.Context, r *Run) error {
	idToken, err := Value[string](r, "idToken")
	if err != nil {
		return err
	}
	identityID, err := Value[string](r, "identityID")
	if err != nil {
		return err
	}
	cfg := r.Anonymous()
	// show: cognito-identity-pool/get-credentials
	client := cognitoidentity.NewFromConfig(cfg)
	out, err := client.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{
		IdentityId: aws.String(identityID), // from GetId
		Logins: map[string]string{
			"cognito-idp.us-east-1.amazonaws.com/us-east-1_XXseedPol": idToken,
		},
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("userCreds", identityCredentials(out))
	return nil
}

func cognitoWhoAmI(ctx context.Context, r *Run) error {
	creds, err := Value[aws.Credentials](r, "userCreds")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: cognito-identity-pool/who-am-i
	client := sts.NewFromConfig(cfg) // cfg: the identity's credentials
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	// end show
	if err != nil {
		return err
	}
	r.Note(Text{En: "Caller", Ja: "呼び出し元"}, aws.ToString(out.Arn))
	return nil
}

func cognitoGuestID(ctx context.Context, r *Run) error {
	cfg := r.Anonymous()
	// show: cognito-identity-pool/guest-get-id
	client := cognitoidentity.NewFromConfig(cfg)
	out, err := client.GetId(ctx, &cognitoidentity.GetIdInput{
		IdentityPoolId: aws.String("us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"),
		// no Logins: an unauthenticated (guest) identity
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("guestID", aws.ToString(out.IdentityId))
	return nil
}

func cognitoGuestCredentials(ctx context.Context, r *Run) error {
	guestID, err := Value[string](r, "guestID")
	if err != nil {
		return err
	}
	cfg := r.Anonymous()
	// show: cognito-identity-pool/guest-credentials
	client := cognitoidentity.NewFromConfig(cfg)
	out, err := client.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{
		IdentityId: aws.String(guestID), // from GetId, without Logins
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("guestCreds", identityCredentials(out))
	return nil
}

func cognitoGuestCall(ctx context.Context, r *Run) error {
	creds, err := Value[aws.Credentials](r, "guestCreds")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: cognito-identity-pool/guest-call
	client := s3.NewFromConfig(cfg) // cfg: the guest's credentials
	_, err = client.GetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String("xx-upload-bucket"),
		Key:    aws.String("public/welcome.txt"), // the guest role allows it
	})
	// end show
	return err
}

// putNote writes a note under a key as the signed-in user.
func putNote(ctx context.Context, r *Run, key string) error {
	creds, err := Value[aws.Credentials](r, "userCreds")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: cognito-identity-pool/put
	client := s3.NewFromConfig(cfg) // cfg: the identity's credentials
	_, err = client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("xx-upload-bucket"),
		Key:    aws.String(key), // cognito/${cognito-identity.amazonaws.com:sub}/... in the policy
		Body:   strings.NewReader("a note"),
	})
	// end show
	return err
}

func cognitoPutOwn(ctx context.Context, r *Run) error {
	id, err := Value[string](r, "identityID")
	if err != nil {
		return err
	}
	return putNote(ctx, r, "cognito/"+id+"/note.txt")
}

func cognitoPutOther(ctx context.Context, r *Run) error {
	return putNote(ctx, r, "cognito/us-east-1:00000000-0000-0000-0000-000000000000/note.txt")
}

func identityCredentials(out *cognitoidentity.GetCredentialsForIdentityOutput) aws.Credentials {
	c := out.Credentials
	if c == nil {
		return aws.Credentials{}
	}
	return aws.Credentials{AccessKeyID: aws.ToString(c.AccessKeyId), SecretAccessKey: aws.ToString(c.SecretKey), SessionToken: aws.ToString(c.SessionToken)}
}
