package sim_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	simkms "github.com/iamlab/iamlab/sim/kms"
)

// policyFor is a key policy whose one statement allows actions to a
// principal, with an optional condition block.
func keyPolicyFor(principal, actions, condition string) string {
	p := `{"Version":"2012-10-17","Statement":[{"Sid":"Only","Effect":"Allow","Principal":{"AWS":"` + principal +
		`"},"Action":` + actions + `,"Resource":"*"`
	if condition != "" {
		p += `,"Condition":` + condition
	}
	return p + `}]}`
}

// CreateKey without a policy gives the default key policy as AWS writes
// it, and the key metadata AWS returns.
func TestKMSDefaultKeyPolicy(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	if *md.AWSAccountId != account || *md.Arn != "arn:aws:kms:us-east-1:123456789012:key/"+*md.KeyId || md.KeyState != kmstypes.KeyStateEnabled ||
		!md.Enabled || md.KeySpec != kmstypes.KeySpecSymmetricDefault || md.KeyUsage != kmstypes.KeyUsageTypeEncryptDecrypt ||
		md.Origin != kmstypes.OriginTypeAwsKms || md.KeyManager != kmstypes.KeyManagerTypeCustomer || *md.Description != "test key" ||
		len(md.EncryptionAlgorithms) != 1 || len(*md.CurrentKeyMaterialId) != 64 || md.CreationDate == nil || *md.MultiRegion {
		t.Errorf("metadata %+v", md)
	}
	p, err := root.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: md.KeyId, PolicyName: aws.String("default")})
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::123456789012:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`
	if *p.Policy != want || *p.PolicyName != "default" {
		t.Errorf("default key policy:\n%s", *p.Policy)
	}
	names, err := root.ListKeyPolicies(ctx, &kms.ListKeyPoliciesInput{KeyId: md.KeyId})
	if err != nil || len(names.PolicyNames) != 1 || names.PolicyNames[0] != "default" || names.Truncated {
		t.Errorf("ListKeyPolicies %+v %v", names, err)
	}
	_, err = root.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: md.KeyId, PolicyName: aws.String("other")})
	wantError(t, err, "NotFoundException", "")
	list, err := root.ListKeys(ctx, &kms.ListKeysInput{})
	if err != nil || !listsKey(list.Keys, *md.KeyId) || !listsKey(list.Keys, seedKeyID) {
		t.Errorf("ListKeys %+v %v", list, err)
	}
	page, err := root.ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(1)})
	if err != nil || len(page.Keys) != 1 || !page.Truncated || page.NextMarker == nil {
		t.Fatalf("ListKeys page %+v %v", page, err)
	}
	rest, err := root.ListKeys(ctx, &kms.ListKeysInput{Marker: page.NextMarker})
	if err != nil || len(rest.Keys) != 1 || rest.Truncated || *rest.Keys[0].KeyId == *page.Keys[0].KeyId {
		t.Errorf("ListKeys second page %+v %v", rest, err)
	}
	_, err = root.ListKeys(ctx, &kms.ListKeysInput{Marker: aws.String("not a marker")})
	wantError(t, err, "InvalidMarkerException", "")
}

func listsKey(ks []kmstypes.KeyListEntry, id string) bool {
	for _, k := range ks {
		if *k.KeyId == id {
			return true
		}
	}
	return false
}

// A key policy that does not delegate to the account makes IAM policies
// ineffective: "Without this permission, IAM policies that allow access to
// the key are ineffective". Even the account's root user is locked out.
func TestKMSKeyPolicyBlocksIAM(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	iamAllowed, iamARN := l.kmsUser(t, "kms-all", allowAllKMS)
	md := newKMSKey(t, root, keyPolicyFor("arn:aws:iam::123456789012:user/key-admin", `"kms:*"`, ""))
	arn := *md.Arn
	_, err := iamAllowed.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x")})
	wantError(t, err, "AccessDeniedException", "User: "+iamARN+" is not authorized to perform: kms:Encrypt on resource: "+arn+
		" because no resource-based policy allows the kms:Encrypt action")
	_, err = root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: md.KeyId})
	wantError(t, err, "AccessDeniedException", "User: arn:aws:iam::123456789012:root is not authorized to perform: kms:DescribeKey on resource: "+arn+
		" because no resource-based policy allows the kms:DescribeKey action")
	// The principal the key policy names needs no IAM policy.
	admin := l.kmsClient(keyAdminKey, keyAdminSec, "")
	if _, err := admin.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x")}); err != nil {
		t.Errorf("key-admin: %v", err)
	}
	// An explicit deny in an IAM policy still counts.
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:Encrypt","Resource":"*"}]}`
	if _, err := l.rootIAM().PutUserPolicy(ctx, inlinePolicy("key-admin", deny)); err != nil {
		t.Fatal(err)
	}
	_, err = admin.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x")})
	wantError(t, err, "AccessDeniedException", "with an explicit deny in an identity-based policy")
}

// With the default key policy an IAM policy decides, and the denial names
// the identity-based policy.
func TestKMSKeyPolicyDelegates(t *testing.T) {
	l := newLab(t, nil)
	md := newKMSKey(t, l.rootKMS(), "")
	c, arn := l.kmsUser(t, "alice", "")
	_, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, KeySpec: kmstypes.DataKeySpecAes256})
	wantError(t, err, "AccessDeniedException", "User: "+arn+" is not authorized to perform: kms:GenerateDataKey on resource: "+*md.Arn+
		" because no identity-based policy allows the kms:GenerateDataKey action")
	allow := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:GenerateDataKey","Resource":"` + *md.Arn + `"}]}`
	if _, err := l.rootIAM().PutUserPolicy(ctx, inlinePolicy("alice", allow)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, KeySpec: kmstypes.DataKeySpecAes256}); err != nil {
		t.Error(err)
	}
	// CreateKey is decided by identity policies alone.
	_, err = c.CreateKey(ctx, &kms.CreateKeyInput{})
	wantError(t, err, "AccessDeniedException", "is not authorized to perform: kms:CreateKey because no identity-based policy allows the kms:CreateKey action")
}

// The policy lockout safety check: a key policy that would not let the
// caller call PutKeyPolicy is refused unless the check is bypassed, and
// the event log shows the engine's reason.
func TestKMSLockoutSafetyCheck(t *testing.T) {
	l := newLab(t, nil)
	c, arn := l.kmsUser(t, "creator", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:CreateKey","kms:PutKeyPolicy"],"Resource":"*"}]}`)
	narrow := keyPolicyFor(arn, `["kms:Encrypt","kms:Decrypt"]`, "")
	_, err := c.CreateKey(ctx, &kms.CreateKeyInput{Policy: &narrow})
	wantError(t, err, "MalformedPolicyDocumentException", "The new key policy will not allow you to update the key policy in the future.")
	ev := l.sim.Handler.Log().Snapshot()
	last := ev[len(ev)-1]
	if last.EventName != "CreateKey" || len(last.Decisions) != 2 || last.Decisions[1].Action != "kms:PutKeyPolicy" || last.Decisions[1].Allowed() {
		t.Errorf("the lockout check is not in the event: %+v", last.Decisions)
	}
	out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Policy: &narrow, BypassPolicyLockoutSafetyCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	// Now locked out, as AWS warns.
	_, err = c.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: out.KeyMetadata.KeyId, Policy: aws.String(simkms.DefaultPolicy(account))})
	wantError(t, err, "AccessDeniedException", "because no resource-based policy allows the kms:PutKeyPolicy action")

	// PutKeyPolicy runs the same check; a policy that keeps the caller in passes.
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	_, err = root.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: md.KeyId, Policy: &narrow})
	wantError(t, err, "MalformedPolicyDocumentException", "will not allow you to update the key policy")
	if _, err := root.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: md.KeyId, Policy: &narrow, BypassPolicyLockoutSafetyCheck: true}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: md.KeyId})
	wantError(t, err, "AccessDeniedException", "kms:GetKeyPolicy")
	if got != nil {
		t.Error("the narrow policy lets the creator read it")
	}
}

// Key policies are checked when saved, as KMS checks them.
func TestKMSMalformedKeyPolicy(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	for _, tc := range []struct{ name, policy, code, msg string }{
		{"not JSON", `{"Version":`, "MalformedPolicyDocumentException", ""},
		{"no statement", `{"Version":"2012-10-17"}`, "MalformedPolicyDocumentException", ""},
		{"no principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`, "MalformedPolicyDocumentException", ""},
		{"bad principal", keyPolicyFor("arn:aws:iam::123456789012:user:app", `"kms:*"`, ""), "MalformedPolicyDocumentException",
			"Policy contains a statement with one or more invalid principals."},
		{"missing user", keyPolicyFor("arn:aws:iam::123456789012:user/nobody", `"kms:*"`, ""), "MalformedPolicyDocumentException",
			"Policy contains a statement with one or more invalid principals."},
		{"outside Latin-1", strings.Replace(simkms.DefaultPolicy(account), "Enable IAM User Permissions", "鍵", 1), "ValidationException",
			"Member must satisfy regular expression pattern"},
	} {
		_, err := root.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: md.KeyId, Policy: &tc.policy, BypassPolicyLockoutSafetyCheck: true})
		code, msg := apiError(err)
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: %s: %s", tc.name, code, msg)
		}
		_, err = root.CreateKey(ctx, &kms.CreateKeyInput{Policy: &tc.policy, BypassPolicyLockoutSafetyCheck: true})
		if c, _ := apiError(err); c != tc.code {
			t.Errorf("%s: CreateKey: %v", tc.name, err)
		}
	}
}

// The context keys AWS sets for KMS calls, as key policy and IAM policy
// conditions see them.
func TestKMSConditionKeys(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	app := l.kmsClient(appKey, appSec, "")
	appARN := "arn:aws:iam::123456789012:user/app"
	enc := func(t *testing.T, p string, in *kms.EncryptInput) error {
		md := newKMSKey(t, root, "")
		if in.KeyId == nil {
			in.KeyId = md.KeyId
		} else if _, err := root.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: in.KeyId, TargetKeyId: md.KeyId}); err != nil {
			t.Fatal(err)
		}
		if _, err := root.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: md.KeyId, Policy: &p, BypassPolicyLockoutSafetyCheck: true}); err != nil {
			t.Fatal(err)
		}
		in.Plaintext = []byte("x")
		_, err := app.Encrypt(ctx, in)
		return err
	}
	for _, tc := range []struct {
		name      string
		policy    string
		in        kms.EncryptInput
		allowed   bool
		principal string
	}{
		{"context pair", `{"StringEquals":{"kms:EncryptionContext:Department":"IT"}}`, kms.EncryptInput{EncryptionContext: map[string]string{"Department": "IT"}}, true, ""},
		{"context pair differs", `{"StringEquals":{"kms:EncryptionContext:Department":"IT"}}`, kms.EncryptInput{EncryptionContext: map[string]string{"Department": "HR"}}, false, ""},
		{"context key name case", `{"StringEquals":{"kms:encryptioncontext:department":"IT"}}`, kms.EncryptInput{EncryptionContext: map[string]string{"Department": "IT"}}, true, ""},
		{"context keys", `{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["a","b"]}}`, kms.EncryptInput{EncryptionContext: map[string]string{"a": "1", "c": "2"}}, false, ""},
		{"no context", `{"Null":{"kms:EncryptionContextKeys":"false"}}`, kms.EncryptInput{}, false, ""},
		{"request alias", `{"StringEquals":{"kms:RequestAlias":"alias/finance"}}`, kms.EncryptInput{KeyId: aws.String("alias/finance")}, true, ""},
		{"request by key ID", `{"StringEquals":{"kms:RequestAlias":"alias/finance"}}`, kms.EncryptInput{}, false, ""},
		{"caller account", `{"StringEquals":{"kms:CallerAccount":"123456789012"}}`, kms.EncryptInput{}, true, "*"},
		{"other caller account", `{"StringEquals":{"kms:CallerAccount":"111122223333"}}`, kms.EncryptInput{}, false, "*"},
		{"via service", `{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}`, kms.EncryptInput{}, false, ""},
		{"key spec", `{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT","kms:KeyUsage":"ENCRYPT_DECRYPT","kms:KeyOrigin":"AWS_KMS","kms:EncryptionAlgorithm":"SYMMETRIC_DEFAULT"}}`, kms.EncryptInput{}, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr := appARN
			if tc.principal != "" {
				pr = tc.principal
			}
			err := enc(t, keyPolicyFor(pr, `"kms:Encrypt"`, tc.policy), &tc.in)
			if tc.allowed && err != nil {
				t.Errorf("denied: %v", err)
			}
			if !tc.allowed {
				wantError(t, err, "AccessDeniedException", "because no resource-based policy allows the kms:Encrypt action")
			}
		})
	}
}

// ABAC: an IAM policy on the key's tags (aws:ResourceTag) and aliases
// (kms:ResourceAliases) behind the default key policy.
func TestKMSAttributeBasedAccess(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	c, _ := l.kmsUser(t, "abac", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"blue"}}},
		{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"ForAnyValue:StringLike":{"kms:ResourceAliases":"alias/blue-*"}}}]}`)
	md := newKMSKey(t, root, "")
	_, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x")})
	wantError(t, err, "AccessDeniedException", "kms:Encrypt")
	if _, err := root.TagResource(ctx, &kms.TagResourceInput{KeyId: md.KeyId, Tags: []kmstypes.Tag{{TagKey: aws.String("team"), TagValue: aws.String("blue")}}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob})
	wantError(t, err, "AccessDeniedException", "kms:Decrypt")
	if _, err := root.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/blue-data"), TargetKeyId: md.KeyId}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob}); err != nil {
		t.Errorf("Decrypt by alias condition: %v", err)
	}
}

// The seed's key: the application user and the upload role use it, the
// key administrator manages it but cannot use it, rotation is on yearly.
func TestKMSSeedKey(t *testing.T) {
	l := newLab(t, nil)
	app := l.kmsClient(appKey, appSec, "")
	dk, err := app.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(seedAlias), KeySpec: kmstypes.DataKeySpecAes256})
	if err != nil || *dk.KeyId != seedKeyARN {
		t.Fatalf("GenerateDataKey %v", err)
	}
	cr := assume(t, l.sts(appKey, appSec, ""), &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("session")})
	role := l.kmsClient(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken)
	if _, err := role.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: dk.CiphertextBlob}); err != nil {
		t.Errorf("role session Decrypt: %v", err)
	}
	admin := l.kmsClient(keyAdminKey, keyAdminSec, "")
	_, err = admin.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: dk.CiphertextBlob})
	wantError(t, err, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/key-admin is not authorized to perform: kms:Decrypt on resource: "+seedKeyARN+
		" because no identity-based policy allows the kms:Decrypt action")
	if _, err := admin.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(seedKeyID)}); err != nil {
		t.Errorf("key-admin DisableKey: %v", err)
	}
	_, err = app.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(seedAlias), Plaintext: []byte("x")})
	wantError(t, err, "DisabledException", seedKeyARN+" is disabled.")
	if _, err := admin.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(seedKeyID)}); err != nil {
		t.Errorf("key-admin EnableKey: %v", err)
	}
	_, err = admin.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(seedKeyID)})
	if err != nil {
		t.Errorf("key-admin ScheduleKeyDeletion: %v", err)
	}
	st, err := admin.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(seedKeyARN)})
	if err != nil || !st.KeyRotationEnabled || *st.RotationPeriodInDays != 365 {
		t.Errorf("rotation %+v %v", st, err)
	}
	al, err := admin.ListAliases(ctx, &kms.ListAliasesInput{KeyId: aws.String(seedKeyID)})
	wantError(t, err, "AccessDeniedException", "kms:ListAliases") // an IAM-only permission
	if al != nil {
		t.Error(al)
	}
}

func inlinePolicy(user, doc string) *iam.PutUserPolicyInput {
	return &iam.PutUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String("p"), PolicyDocument: aws.String(doc)}
}
