package sim_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	simkms "github.com/iamlab/iamlab/sim/kms"
)

// The seed's key (docs/world.md) and its key administrator.
const (
	seedKeyID   = "1234abcd-12ab-34cd-56ef-1234567890ab"
	seedKeyARN  = "arn:aws:kms:us-east-1:123456789012:key/" + seedKeyID
	seedAlias   = "alias/XX-app-key"
	keyAdminKey = "AKIAIOSFODNN7KEYADMN"
	keyAdminSec = "kEyAdMiNbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEK"
	allowAllKMS = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`
)

func (l *lab) kmsClient(key, secret, token string) *kms.Client {
	return kms.NewFromConfig(l.config(key, secret, token))
}

func (l *lab) rootKMS() *kms.Client { return l.kmsClient(rootKey, rootSec, "") }

// kmsUser makes an IAM user with an inline policy (none if "") and returns
// a KMS client signed with its new access key, and its ARN.
func (l *lab) kmsUser(t *testing.T, name, policy string) (*kms.Client, string) {
	t.Helper()
	im := l.rootIAM()
	if _, err := im.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); err != nil {
		t.Fatal(err)
	}
	if policy != "" {
		if _, err := im.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &name, PolicyName: aws.String("p"), PolicyDocument: &policy}); err != nil {
			t.Fatal(err)
		}
	}
	k, err := im.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &name})
	if err != nil {
		t.Fatal(err)
	}
	return l.kmsClient(*k.AccessKey.AccessKeyId, *k.AccessKey.SecretAccessKey, ""), "arn:aws:iam::123456789012:user/" + name
}

// newKey creates a key as root, with policy (the default key policy if "").
func newKMSKey(t *testing.T, c *kms.Client, policy string) *kmstypes.KeyMetadata {
	t.Helper()
	in := &kms.CreateKeyInput{Description: aws.String("test key")}
	if policy != "" {
		in.Policy, in.BypassPolicyLockoutSafetyCheck = &policy, true
	}
	out, err := c.CreateKey(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return out.KeyMetadata
}

// kmsFixture is what the every-operation test works on, made by root.
type kmsFixture struct {
	keyID, keyID2, alias, retireGrant, revokeGrant string
	blob                                           []byte
	userARN                                        string
}

// kmsOps calls every KMS operation once, in an order in which each
// succeeds for a caller whose IAM policy allows kms:* on a key whose key
// policy is the default one.
func kmsOps(f *kmsFixture) []struct {
	name string
	call func(c *kms.Client) error
} {
	type op = struct {
		name string
		call func(c *kms.Client) error
	}
	id := aws.String(f.keyID)
	return []op{
		{"CreateKey", func(c *kms.Client) error { _, err := c.CreateKey(ctx, &kms.CreateKeyInput{}); return err }},
		{"DescribeKey", func(c *kms.Client) error { _, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: id}); return err }},
		{"ListKeys", func(c *kms.Client) error { _, err := c.ListKeys(ctx, &kms.ListKeysInput{}); return err }},
		{"UpdateKeyDescription", func(c *kms.Client) error {
			_, err := c.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: id, Description: aws.String("d")})
			return err
		}},
		{"TagResource", func(c *kms.Client) error {
			_, err := c.TagResource(ctx, &kms.TagResourceInput{KeyId: id, Tags: []kmstypes.Tag{{TagKey: aws.String("k"), TagValue: aws.String("v")}}})
			return err
		}},
		{"ListResourceTags", func(c *kms.Client) error {
			_, err := c.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: id})
			return err
		}},
		{"UntagResource", func(c *kms.Client) error {
			_, err := c.UntagResource(ctx, &kms.UntagResourceInput{KeyId: id, TagKeys: []string{"k"}})
			return err
		}},
		{"GetKeyPolicy", func(c *kms.Client) error {
			_, err := c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: id})
			return err
		}},
		{"PutKeyPolicy", func(c *kms.Client) error {
			_, err := c.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: id, Policy: aws.String(simkms.DefaultPolicy(account))})
			return err
		}},
		{"ListKeyPolicies", func(c *kms.Client) error {
			_, err := c.ListKeyPolicies(ctx, &kms.ListKeyPoliciesInput{KeyId: id})
			return err
		}},
		{"CreateAlias", func(c *kms.Client) error {
			_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/new"), TargetKeyId: id})
			return err
		}},
		{"ListAliases", func(c *kms.Client) error { _, err := c.ListAliases(ctx, &kms.ListAliasesInput{}); return err }},
		{"UpdateAlias", func(c *kms.Client) error {
			_, err := c.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String(f.alias), TargetKeyId: id})
			return err
		}},
		{"DeleteAlias", func(c *kms.Client) error {
			_, err := c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(f.alias)})
			return err
		}},
		{"Encrypt", func(c *kms.Client) error {
			_, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: id, Plaintext: []byte("p")})
			return err
		}},
		{"Decrypt", func(c *kms.Client) error {
			_, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: f.blob})
			return err
		}},
		{"ReEncrypt", func(c *kms.Client) error {
			_, err := c.ReEncrypt(ctx, &kms.ReEncryptInput{CiphertextBlob: f.blob, DestinationKeyId: aws.String(f.keyID2)})
			return err
		}},
		{"GenerateDataKey", func(c *kms.Client) error {
			_, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: id, KeySpec: kmstypes.DataKeySpecAes256})
			return err
		}},
		{"GenerateRandom", func(c *kms.Client) error {
			out, err := c.GenerateRandom(ctx, &kms.GenerateRandomInput{NumberOfBytes: aws.Int32(24)})
			if err == nil && len(out.Plaintext) != 24 {
				return fmt.Errorf("%d random bytes", len(out.Plaintext))
			}
			return err
		}},
		{"GenerateDataKeyWithoutPlaintext", func(c *kms.Client) error {
			_, err := c.GenerateDataKeyWithoutPlaintext(ctx, &kms.GenerateDataKeyWithoutPlaintextInput{KeyId: id, NumberOfBytes: aws.Int32(16)})
			return err
		}},
		{"EnableKeyRotation", func(c *kms.Client) error {
			_, err := c.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: id, RotationPeriodInDays: aws.Int32(90)})
			return err
		}},
		{"GetKeyRotationStatus", func(c *kms.Client) error {
			_, err := c.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: id})
			return err
		}},
		{"RotateKeyOnDemand", func(c *kms.Client) error {
			_, err := c.RotateKeyOnDemand(ctx, &kms.RotateKeyOnDemandInput{KeyId: id})
			return err
		}},
		{"ListKeyRotations", func(c *kms.Client) error {
			_, err := c.ListKeyRotations(ctx, &kms.ListKeyRotationsInput{KeyId: id})
			return err
		}},
		{"DisableKeyRotation", func(c *kms.Client) error {
			_, err := c.DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: id})
			return err
		}},
		{"CreateGrant", func(c *kms.Client) error {
			_, err := c.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: id, GranteePrincipal: aws.String(uploadARN), Operations: []kmstypes.GrantOperation{"Decrypt"}})
			return err
		}},
		{"ListGrants", func(c *kms.Client) error { _, err := c.ListGrants(ctx, &kms.ListGrantsInput{KeyId: id}); return err }},
		{"ListRetirableGrants", func(c *kms.Client) error {
			_, err := c.ListRetirableGrants(ctx, &kms.ListRetirableGrantsInput{RetiringPrincipal: aws.String(f.userARN)})
			return err
		}},
		{"RetireGrant", func(c *kms.Client) error {
			_, err := c.RetireGrant(ctx, &kms.RetireGrantInput{KeyId: id, GrantId: aws.String(f.retireGrant)})
			return err
		}},
		{"RevokeGrant", func(c *kms.Client) error {
			_, err := c.RevokeGrant(ctx, &kms.RevokeGrantInput{KeyId: id, GrantId: aws.String(f.revokeGrant)})
			return err
		}},
		{"DisableKey", func(c *kms.Client) error { _, err := c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: id}); return err }},
		{"EnableKey", func(c *kms.Client) error { _, err := c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: id}); return err }},
		{"ScheduleKeyDeletion", func(c *kms.Client) error {
			_, err := c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: id, PendingWindowInDays: aws.Int32(7)})
			return err
		}},
		{"CancelKeyDeletion", func(c *kms.Client) error {
			_, err := c.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: id})
			return err
		}},
	}
}

// newFixture makes, as root, two keys with the default key policy, an
// alias, a ciphertext and two grants.
func newFixture(t *testing.T, root *kms.Client, userARN string) *kmsFixture {
	t.Helper()
	f := &kmsFixture{keyID: *newKMSKey(t, root, "").KeyId, keyID2: *newKMSKey(t, root, "").KeyId, alias: "alias/fixture", userARN: userARN}
	if _, err := root.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: &f.alias, TargetKeyId: &f.keyID2}); err != nil {
		t.Fatal(err)
	}
	enc, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: &f.keyID, Plaintext: []byte("fixture")})
	if err != nil {
		t.Fatal(err)
	}
	f.blob = enc.CiphertextBlob
	for _, g := range []*string{&f.retireGrant, &f.revokeGrant} {
		out, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: &f.keyID, GranteePrincipal: aws.String(uploadARN),
			RetiringPrincipal: aws.String(userARN), Operations: []kmstypes.GrantOperation{"Encrypt"}})
		if err != nil {
			t.Fatal(err)
		}
		*g = *out.GrantId
	}
	return f
}

// Every operation through the KMS client: allowed by an IAM policy on a
// key whose default key policy delegates to the account, and denied to a
// user without one, with AWS's message and the event's decision.
func TestKMSEveryOperation(t *testing.T) {
	l := newLab(t, nil)
	allowed, allowedARN := l.kmsUser(t, "kms-all", allowAllKMS)
	f := newFixture(t, l.rootKMS(), allowedARN)
	for _, op := range kmsOps(f) {
		if err := op.call(allowed); err != nil {
			t.Errorf("%s allowed: %v", op.name, err)
		}
	}

	l2 := newLab(t, nil)
	denied, deniedARN := l2.kmsUser(t, "nobody", "")
	f2 := newFixture(t, l2.rootKMS(), "arn:aws:iam::123456789012:user/app")
	for _, op := range kmsOps(f2) {
		err := op.call(denied)
		code, msg := apiError(err)
		want := "User: " + deniedARN + " is not authorized to perform: kms:" + op.name
		if op.name == "ReEncrypt" {
			want += "From"
		}
		if code != "AccessDeniedException" || !strings.HasPrefix(msg, want) || !strings.Contains(msg, "because no identity-based policy allows") {
			t.Errorf("%s denied: %s: %s", op.name, code, msg)
		}
	}
	denials := 0
	for _, e := range l2.sim.Handler.Log().Snapshot() {
		if e.EventSource == "kms.amazonaws.com" && e.ErrorCode == "AccessDeniedException" {
			denials++
			if len(e.Decisions) == 0 || e.Decisions[len(e.Decisions)-1].Allowed() {
				t.Errorf("%s: denied without a recorded denial", e.EventName)
			}
		}
	}
	if want := len(kmsOps(f2)); denials != want {
		t.Errorf("%d denials in the event log, want %d", denials, want)
	}
}
