package flows

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	mathrand "math/rand/v2"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/middleware"

	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/world"
)

// Real mode: the same steps, the same SDK calls, sent to real AWS (in the
// page, through the Worker's relay) and signed with the learner's
// credentials. Nothing of the flow's world is set up: the account is the
// learner's, and the names the steps use (roles, buckets, pools) must
// exist in it. Each identity the steps sign as with a key of the world
// (a caller) takes the credentials the learner gives for it; credentials
// that earlier steps obtained (a role session) are used as they come.
// docs/flows.md says what this means for each flow.

// Real says how a flow runs in real mode.
type Real struct {
	// Credentials are the learner's, by caller ID (Caller.ID).
	Credentials map[string]aws.Credentials
	// Transport sends the signed calls: the relay's in the page.
	Transport http.RoundTripper
}

// Caller is an identity a flow's steps sign as with a key of its world.
type Caller struct {
	ID    string `json:"id"`
	Label Text   `json:"label"`
	// Key is the access key ID of the caller in the flow's world.
	Key string `json:"key"`
}

// RealMode is what real mode needs of a learner for a flow.
type RealMode struct {
	// Callers are the identities to give credentials for; empty when
	// the flow has no real mode (Unavailable says why).
	Callers     []Caller `json:"callers"`
	Unavailable *Text    `json:"unavailable,omitempty"`
	// Needs is what must exist in the account for the steps to succeed.
	Needs Text `json:"needs"`
}

// The callers of the flows.
var (
	appCaller = Caller{ID: "app", Key: appKeys.AccessKeyID,
		Label: Text{En: "app, the application's IAM user", Ja: "アプリケーションの IAM ユーザー app"}}
	adminCaller = Caller{ID: "admin", Key: rootKeys.AccessKeyID,
		Label: Text{En: "an administrator", Ja: "管理者"}}
	certAdminCaller = Caller{ID: "cert-admin", Key: certAdminKeys.AccessKeyID,
		Label: Text{En: "cert-admin, the certificate administrator", Ja: "証明書管理者 cert-admin"}}
)

var realModes = map[string]RealMode{
	"s3-upload-role": {Callers: []Caller{appCaller, adminCaller},
		Needs: Text{En: "The user app (its policy XX-get-role-policy), the role XX-s3-upload-role that trusts it with XX-s3-upload-policy, and the bucket xx-upload-bucket with its policy, as the flow's world has them.",
			Ja: "ユーザー app (ポリシー XX-get-role-policy)、app を信頼し XX-s3-upload-policy を持つロール XX-s3-upload-role、ポリシー付きのバケット xx-upload-bucket (フローのワールドのとおり)。"}},
	"acm-dns": {Callers: []Caller{certAdminCaller},
		Needs: Text{En: "A public hosted zone for debugroom.org and the user cert-admin with the world's policy. The step RequestCertificate creates a certificate each run.",
			Ja: "debugroom.org のパブリックホストゾーンと、ワールドのポリシーを持つユーザー cert-admin。RequestCertificate のステップは実行のたびに証明書を作ります。"}},
	"cognito-identity-pool": {Callers: []Caller{adminCaller},
		Needs: Text{En: "The user pool us-east-1_XXseedPol with its app client, the identity pool and its two roles, and the bucket xx-upload-bucket. Cognito chooses pool IDs itself, so only an account that answers with these IDs runs every step. AdminCreateUser creates user@example.com once: a second run answers UsernameExistsException.",
			Ja: "ユーザープール us-east-1_XXseedPol とアプリクライアント、ID プールと 2 つのロール、バケット xx-upload-bucket。プール ID は Cognito が決めるため、これらの ID で答えるアカウントでなければすべてのステップは通りません。AdminCreateUser は user@example.com を一度だけ作ります (2 回目は UsernameExistsException)。"}},
	"kms-envelope": {Callers: []Caller{appCaller},
		Needs: Text{En: "The user app with the world's KMS and S3 policy, and the bucket xx-secure-bucket. Each run creates two KMS keys, which AWS bills until they are deleted (schedule their deletion).",
			Ja: "ワールドの KMS と S3 のポリシーを持つユーザー app と、バケット xx-secure-bucket。実行のたびに KMS キーを 2 つ作ります。削除されるまで AWS の課金対象です (削除をスケジュールしてください)。"}},
	"web-identity": {Unavailable: &Text{
		En: "Not in real mode: the lab plays this flow's OpenID Connect provider (https://oidc.iamlab.test), which AWS cannot reach to check its tokens.",
		Ja: "リアルモードはありません: このフローの OpenID Connect プロバイダー (https://oidc.iamlab.test) はラボが演じており、AWS はトークンの検証のためにそこへ到達できません。"}},
}

// RealModeOf returns what real mode needs for a flow.
func (f *Flow) RealModeOf() RealMode {
	m, ok := realModes[f.Name]
	if !ok {
		return RealMode{Unavailable: &Text{En: "Not in real mode.", Ja: "リアルモードはありません。"}}
	}
	return m
}

// check refuses a real run that lacks credentials for a caller.
func (rl *Real) check(f *Flow) error {
	m := f.RealModeOf()
	if m.Unavailable != nil {
		return errors.New(m.Unavailable.En)
	}
	if rl.Transport == nil {
		return errors.New("real mode needs a transport")
	}
	for _, c := range m.Callers {
		cr, ok := rl.Credentials[c.ID]
		if !ok || cr.AccessKeyID == "" || cr.SecretAccessKey == "" {
			return fmt.Errorf("real mode needs credentials for %s", c.Label.En)
		}
	}
	return nil
}

// startReal makes a run whose calls go through the real transport. The
// run still holds an empty simulated world: its randomness (a nonce) and
// its event log, which stays empty (AWS says no more than its answer).
func startReal(f *Flow, opt Options, texts map[string]string, clock func() time.Time) (*Run, error) {
	if err := opt.Real.check(f); err != nil {
		return nil, err
	}
	var seed [32]byte
	rand.Read(seed[:]) // the nonces of a real run must not repeat across runs
	w, err := world.Open(world.NewMemory(), world.Options{Clock: clock, Rand: mathrand.NewChaCha8(seed)})
	if err != nil {
		return nil, err
	}
	rec := &recorder{next: opt.Real.Transport}
	return &Run{flow: f, texts: texts, World: w, Sim: handler.New(w), rec: rec, client: &http.Client{Transport: rec},
		vals: map[string]any{}, clock: clock, real: opt.Real}, nil
}

// config gives a step's aws.Config the learner's credentials in place of
// a caller's world key, and leaves the S3 client's Accept-Encoding
// unsigned: browsers set that header themselves, so a signature over it
// fails (platform.md).
func (rl *Real) config(f *Flow, cfg *aws.Config, c aws.Credentials) {
	for _, caller := range f.RealModeOf().Callers {
		if caller.Key == c.AccessKeyID && c.AccessKeyID != "" {
			mine := rl.Credentials[caller.ID]
			cfg.Credentials = staticCredentials(mine)
		}
	}
	cfg.APIOptions = append(cfg.APIOptions, func(st *middleware.Stack) error {
		st.Finalize.Remove("DisableAcceptEncodingGzip") // only the S3 client has it
		return nil
	})
}

func staticCredentials(c aws.Credentials) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return c, nil })
}
