package flows

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	_ "embed"
	"encoding/base64"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/iamlab/iamlab/policy"
)

//go:embed worlds/kms-envelope.json
var kmsWorld string

// strictKeyPolicy makes app the key's administrator and names nobody
// else: it does not delegate to the account ("arn:aws:iam::ACCOUNT:root"),
// so IAM policies cannot allow the key's use.
const strictKeyPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "KeyAdministratorOnly",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:user/app"},
    "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
               "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
    "Resource": "*"
  }]
}`

// secretDocument is what the flow encrypts.
const secretDocument = "The quarterly figures, before they are public."

func init() {
	register(&Flow{
		Name:  "kms-envelope",
		Title: Text{En: "Envelope encryption with a KMS key", Ja: "KMS キーによるエンベロープ暗号化"},
		Summary: Text{
			En: "Create a key with the default key policy (which lets IAM policies decide), generate a data key, encrypt locally with AES-GCM, store the ciphertext with the encrypted data key, and decrypt; disable the key and Decrypt fails; a key policy that does not delegate to the account keeps even a user whose IAM policy allows kms:* from using the key.",
			Ja: "既定のキーポリシー (IAM ポリシーに判断を委ねる) でキーを作り、データキーを生成し、AES-GCM で手元で暗号化して、暗号文を暗号化されたデータキーと一緒に保存し、復号します。キーを無効にすると Decrypt は失敗します。アカウントに委任しないキーポリシーでは、IAM ポリシーで kms:* を許可されたユーザーでもキーを使えません。"},
		World:    kmsWorld,
		Services: []string{"sts", "iam", "kms", "s3"},
		Slots: []Slot{
			{ID: "appPolicy", Type: policy.Identity, Path: "accounts/0/users/app/policies/envelope/document",
				Label: Text{En: "IAM policy of the user app", Ja: "ユーザー app の IAM ポリシー"}},
			{ID: "strictPolicy", Type: policy.Resource, Default: strictKeyPolicy,
				Label: Text{En: "Key policy of the second key (no delegation to the account)", Ja: "2 つ目のキーのキーポリシー (アカウントへの委任なし)"}},
		},
		Steps: []Step{
			{ID: "create-key", Operation: "kms:CreateKey", Expect: OK, Uses: []string{"appPolicy"}, Run: kmsCreateKey,
				Title: Text{En: "Create a key with the default key policy", Ja: "既定のキーポリシーでキーを作成する"}},
			{ID: "generate-data-key", Operation: "kms:GenerateDataKey", Expect: OK, Uses: []string{"appPolicy"}, Run: kmsGenerateDataKey,
				Title: Text{En: "Generate a data key: plaintext and encrypted", Ja: "データキーを生成する: 平文と暗号化されたもの"}},
			{ID: "encrypt-store", Operation: "s3:PutObject", Expect: OK, Uses: []string{"appPolicy"}, Run: kmsEncryptStore,
				Title: Text{En: "Encrypt locally with AES-GCM and store the ciphertext with the encrypted data key", Ja: "AES-GCM で手元で暗号化し、暗号文を暗号化されたデータキーと一緒に保存する"}},
			{ID: "decrypt", Operation: "kms:Decrypt", Expect: OK, Uses: []string{"appPolicy"}, Run: kmsDecrypt, Snippet: "kms-envelope/decrypt",
				Title: Text{En: "Read it back: KMS decrypts the data key, which opens the document", Ja: "読み戻す: KMS がデータキーを復号し、それで文書を開く"}},
			{ID: "disable-key", Operation: "kms:DisableKey", Expect: OK, Uses: []string{"appPolicy"}, Run: kmsDisable,
				Title: Text{En: "Disable the key", Ja: "キーを無効にする"}},
			{ID: "decrypt-disabled", Operation: "kms:Decrypt", Expect: "DisabledException", Uses: []string{"appPolicy"}, Run: kmsDecrypt, Snippet: "kms-envelope/decrypt",
				Title: Text{En: "A disabled key decrypts nothing", Ja: "無効なキーは何も復号しない"}},
			{ID: "create-strict-key", Operation: "kms:CreateKey", Expect: OK, Uses: []string{"appPolicy", "strictPolicy"}, Run: kmsCreateStrict,
				Title: Text{En: "A second key whose policy does not delegate to the account", Ja: "アカウントに委任しないキーポリシーの 2 つ目のキー"}},
			{ID: "strict-generate", Operation: "kms:GenerateDataKey", Expect: "AccessDeniedException", Uses: []string{"appPolicy", "strictPolicy"}, Run: kmsStrictGenerate,
				Title: Text{En: "app's IAM policy allows kms:*, the key policy does not: denied", Ja: "app の IAM ポリシーは kms:* を許可しても、キーポリシーが許可しないので拒否"}},
		},
	})
}

func kmsCreateKey(ctx context.Context, r *Run) error {
	cfg := r.Config(appKeys)
	// show: kms-envelope/create-key
	client := kms.NewFromConfig(cfg) // cfg: app's access key
	out, err := client.CreateKey(ctx, &kms.CreateKeyInput{
		Description: aws.String("envelope encryption of app's documents"),
		// no Policy: KMS gives the key its default key policy
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("keyID", aws.ToString(out.KeyMetadata.KeyId))
	return nil
}

func kmsGenerateDataKey(ctx context.Context, r *Run) error {
	keyID, err := Value[string](r, "keyID")
	if err != nil {
		return err
	}
	cfg := r.Config(appKeys)
	// show: kms-envelope/generate-data-key
	client := kms.NewFromConfig(cfg)
	out, err := client.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{
		KeyId:   aws.String(keyID), // from CreateKey
		KeySpec: kmstypes.DataKeySpecAes256,
	})
	// end show
	if err != nil {
		return err
	}
	r.Note(Text{En: "Data key", Ja: "データキー"}, "plaintext: 32 bytes (kept in memory only, never stored)\nencrypted: "+itoa(len(out.CiphertextBlob))+" bytes")
	r.Set("dataKey", out.Plaintext)
	r.Set("encryptedKey", out.CiphertextBlob)
	return nil
}

func kmsEncryptStore(ctx context.Context, r *Run) error {
	dataKey, err := Value[[]byte](r, "dataKey")
	if err != nil {
		return err
	}
	encryptedKey, err := Value[[]byte](r, "encryptedKey")
	if err != nil {
		return err
	}
	cfg := r.Config(appKeys)
	// A fresh nonce from the world's randomness (the same run gives the
	// same bytes).
	nonce, _ := base64.StdEncoding.DecodeString(r.World.NewToken(12))
	// show: kms-envelope/encrypt-store
	block, _ := aes.NewCipher(dataKey) // the plaintext data key, 32 bytes
	gcm, _ := cipher.NewGCM(block)
	sealed := gcm.Seal(nonce, nonce, []byte(secretDocument), nil) // a fresh 12-byte nonce in front
	clear(dataKey)                                                // the plaintext key is not kept
	client := s3.NewFromConfig(cfg)
	_, err = client.PutObject(ctx, &s3.PutObjectInput{
		Bucket:   aws.String("xx-secure-bucket"),
		Key:      aws.String("reports/q3.enc"),
		Body:     bytes.NewReader(sealed),
		Metadata: map[string]string{"data-key": base64.StdEncoding.EncodeToString(encryptedKey)},
	})
	// end show
	if err != nil {
		return err
	}
	r.Note(Text{En: "Ciphertext", Ja: "暗号文"}, itoa(len(sealed))+" bytes stored: 12 bytes of nonce, the document, a 16-byte tag")
	return nil
}

func kmsDecrypt(ctx context.Context, r *Run) error {
	if _, err := Value[string](r, "keyID"); err != nil {
		return err
	}
	cfg := r.Config(appKeys)
	// show: kms-envelope/decrypt
	s3c := s3.NewFromConfig(cfg)
	obj, err := s3c.GetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String("xx-secure-bucket"),
		Key:    aws.String("reports/q3.enc"),
	})
	if err != nil {
		return err
	}
	sealed, _ := io.ReadAll(obj.Body)
	encryptedKey, _ := base64.StdEncoding.DecodeString(obj.Metadata["data-key"])
	client := kms.NewFromConfig(cfg)
	out, err := client.Decrypt(ctx, &kms.DecryptInput{
		CiphertextBlob: encryptedKey, // the key it was made with is named inside
	})
	if err != nil {
		return err
	}
	block, _ := aes.NewCipher(out.Plaintext)
	gcm, _ := cipher.NewGCM(block)
	doc, err := gcm.Open(nil, sealed[:12], sealed[12:], nil)
	// end show
	if err != nil {
		return &LocalError{Code: "DecryptionFailed", Msg: err.Error()}
	}
	r.Note(Text{En: "Decrypted document", Ja: "復号した文書"}, string(doc))
	return nil
}

func kmsDisable(ctx context.Context, r *Run) error {
	keyID, err := Value[string](r, "keyID")
	if err != nil {
		return err
	}
	cfg := r.Config(appKeys)
	// show: kms-envelope/disable-key
	client := kms.NewFromConfig(cfg)
	_, err = client.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(keyID)})
	// end show
	return err
}

func kmsCreateStrict(ctx context.Context, r *Run) error {
	cfg := r.Config(appKeys)
	keyPolicy := r.Text("strictPolicy")
	// show: kms-envelope/create-strict-key
	client := kms.NewFromConfig(cfg)
	out, err := client.CreateKey(ctx, &kms.CreateKeyInput{
		Description: aws.String("a key only its administrator names"),
		Policy:      aws.String(keyPolicy), // names app as administrator, not the account
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("strictKeyID", aws.ToString(out.KeyMetadata.KeyId))
	return nil
}

func kmsStrictGenerate(ctx context.Context, r *Run) error {
	keyID, err := Value[string](r, "strictKeyID")
	if err != nil {
		return err
	}
	cfg := r.Config(appKeys)
	// show: kms-envelope/strict-generate
	client := kms.NewFromConfig(cfg)
	_, err = client.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{
		KeyId:   aws.String(keyID),
		KeySpec: kmstypes.DataKeySpecAes256,
	})
	// end show
	return err
}
