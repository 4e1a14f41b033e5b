package flows

import (
	"context"
	_ "embed"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/world"
)

// The seed's keys (docs/world.md): the account's root user and the
// application user app.
var (
	rootKeys = aws.Credentials{AccessKeyID: world.DefaultRootKeyID, SecretAccessKey: world.DefaultRootSecret}
	appKeys  = aws.Credentials{AccessKeyID: "AKIAI44QH8DHBEXAMPLE", SecretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"}
)

//go:embed worlds/s3-upload-role.json
var s3UploadWorld string

// mistypedTrust is the trust policy as the source document writes it,
// with a colon before the user name.
const mistypedTrust = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:user:app"},
    "Action": "sts:AssumeRole"
  }]
}`

func init() {
	register(&Flow{
		Name: "s3-upload-role",
		Title: Text{En: "An application uploads to S3 through a role",
			Ja: "アプリケーションがロール経由で S3 にアップロードする"},
		Summary: Text{
			En: "The application's IAM user finds the upload role by name, assumes it (its trust policy names the user) and uploads with the role's temporary credentials. The source's mistyped principal is refused as IAM refuses it.",
			Ja: "アプリケーションの IAM ユーザーがアップロード用ロールを名前で探し、引き受け (信頼ポリシーがユーザーを指名)、ロールの一時的な認証情報でアップロードします。元の文書の誤った Principal は IAM と同じく拒否されます。"},
		World:    s3UploadWorld,
		Services: []string{"sts", "iam", "s3"},
		Slots: []Slot{
			{ID: "trust", Type: policy.Trust, Path: "accounts/0/roles/XX-s3-upload-role/trustPolicy",
				Label: Text{En: "Trust policy of XX-s3-upload-role", Ja: "XX-s3-upload-role の信頼ポリシー"}},
			{ID: "upload", Type: policy.Identity, Path: "accounts/0/policies/XX-s3-upload-policy/document",
				Label: Text{En: "XX-s3-upload-policy (attached to the role)", Ja: "XX-s3-upload-policy (ロールにアタッチ)"}},
			{ID: "bucket", Type: policy.Resource, Path: "accounts/0/buckets/xx-upload-bucket/policy",
				Label: Text{En: "Bucket policy of xx-upload-bucket", Ja: "xx-upload-bucket のバケットポリシー"}},
			{ID: "getRole", Type: policy.Identity, Path: "accounts/0/policies/XX-get-role-policy/document",
				Label: Text{En: "XX-get-role-policy (attached to app)", Ja: "XX-get-role-policy (app にアタッチ)"}},
			{ID: "mistyped", Type: policy.Trust, Default: mistypedTrust,
				Label: Text{En: "Trust policy as the source writes it", Ja: "元の文書のとおりの信頼ポリシー"}},
		},
		Steps: []Step{
			{ID: "get-role", Operation: "iam:GetRole", Expect: OK, Uses: []string{"getRole"}, Run: s3GetRole,
				Title: Text{En: "app looks up the role's ARN by its name", Ja: "app がロール名から ARN を調べる"}},
			{ID: "get-other-role", Operation: "iam:GetRole", Expect: "AccessDenied", Uses: []string{"getRole"}, Run: s3GetOtherRole,
				Title: Text{En: "A role outside role/XX-* stays hidden", Ja: "role/XX-* 以外のロールは見えない"}},
			{ID: "assume-role", Operation: "sts:AssumeRole", Expect: OK, Uses: []string{"trust", "getRole"}, Run: s3AssumeRole,
				Title: Text{En: "app assumes the upload role", Ja: "app がアップロード用ロールを引き受ける"}},
			{ID: "who-am-i", Operation: "sts:GetCallerIdentity", Expect: OK, Run: s3WhoAmI,
				Title: Text{En: "The session is the role's", Ja: "セッションはロールのもの"}},
			{ID: "put-in-folder", Operation: "s3:PutObject", Expect: OK, Uses: []string{"upload", "bucket"}, Run: s3PutInFolder,
				Title: Text{En: "The session uploads into bucket/folder/", Ja: "セッションは バケット/フォルダ/ にアップロードできる"}},
			{ID: "put-outside", Operation: "s3:PutObject", Expect: "AccessDenied", Uses: []string{"upload", "bucket"}, Run: s3PutOutside,
				Title: Text{En: "…and nowhere else in the bucket", Ja: "…バケットのそれ以外の場所にはできない"}},
			{ID: "mistyped-principal", Operation: "iam:UpdateAssumeRolePolicy", Expect: "MalformedPolicyDocument", Uses: []string{"mistyped"}, Run: s3Mistyped,
				Title: Text{En: "The source's trust policy, user:app with a colon, is refused", Ja: "元の文書の信頼ポリシー (user:app とコロン) は拒否される"}},
		},
	})
}

func s3GetRole(ctx context.Context, r *Run) error {
	cfg := r.Config(appKeys)
	// show: s3-upload-role/get-role
	client := iam.NewFromConfig(cfg)
	out, err := client.GetRole(ctx, &iam.GetRoleInput{
		RoleName: aws.String("XX-s3-upload-role"),
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("roleARN", aws.ToString(out.Role.Arn))
	return nil
}

func s3GetOtherRole(ctx context.Context, r *Run) error {
	cfg := r.Config(appKeys)
	// show: s3-upload-role/get-other-role
	client := iam.NewFromConfig(cfg)
	_, err := client.GetRole(ctx, &iam.GetRoleInput{
		RoleName: aws.String("Admin"),
	})
	// end show
	return err
}

func s3AssumeRole(ctx context.Context, r *Run) error {
	roleARN, err := Value[string](r, "roleARN")
	if err != nil {
		return err
	}
	cfg := r.Config(appKeys)
	// show: s3-upload-role/assume-role
	client := sts.NewFromConfig(cfg)
	out, err := client.AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn:         aws.String(roleARN), // from GetRole
		RoleSessionName: aws.String("upload"),
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("upload", stsCredentials(out.Credentials))
	return nil
}

func s3WhoAmI(ctx context.Context, r *Run) error {
	creds, err := Value[aws.Credentials](r, "upload")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: s3-upload-role/who-am-i
	client := sts.NewFromConfig(cfg) // cfg: the role session's credentials
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	// end show
	if err != nil {
		return err
	}
	r.Note(Text{En: "Caller", Ja: "呼び出し元"}, aws.ToString(out.Arn))
	return nil
}

func s3Mistyped(ctx context.Context, r *Run) error {
	cfg := r.Config(rootKeys)
	trust := r.Text("mistyped")
	// show: s3-upload-role/mistyped-principal
	client := iam.NewFromConfig(cfg) // cfg: an administrator's credentials
	_, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
		RoleName:       aws.String("XX-s3-upload-role"),
		PolicyDocument: aws.String(trust), // "Principal": {"AWS": "arn:aws:iam::123456789012:user:app"}
	})
	// end show
	return err
}

func s3PutInFolder(ctx context.Context, r *Run) error {
	creds, err := Value[aws.Credentials](r, "upload")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: s3-upload-role/put-in-folder
	client := s3.NewFromConfig(cfg) // cfg: the role session's credentials
	_, err = client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("xx-upload-bucket"),
		Key:    aws.String("upload/photo.jpg"),
		Body:   strings.NewReader("the photo's bytes"),
	})
	// end show
	return err
}

func s3PutOutside(ctx context.Context, r *Run) error {
	creds, err := Value[aws.Credentials](r, "upload")
	if err != nil {
		return err
	}
	cfg := r.Config(creds)
	// show: s3-upload-role/put-outside
	client := s3.NewFromConfig(cfg)
	_, err = client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("xx-upload-bucket"),
		Key:    aws.String("photo.jpg"), // not under upload/
		Body:   strings.NewReader("the photo's bytes"),
	})
	// end show
	return err
}
