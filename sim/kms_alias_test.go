package sim_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// Aliases: the names AWS takes and refuses, ListAliases, UpdateAlias and
// DeleteAlias, and keys named by alias.
func TestKMSAliases(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	a, b := newKMSKey(t, root, ""), newKMSKey(t, root, "")
	create := func(name, target string) error {
		_, err := root.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: &name, TargetKeyId: &target})
		return err
	}
	if err := create("alias/app/data_1", *a.Arn); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, target, code, msg string }{
		{"alias/app/data_1", *b.KeyId, "AlreadyExistsException", "An alias with the name arn:aws:kms:us-east-1:123456789012:alias/app/data_1 already exists"},
		{"app-data", *a.KeyId, "ValidationException", `Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`},
		{"alias/aws/s3", *a.KeyId, "NotAuthorizedException", ""},
		{"alias/has space", *a.KeyId, "ValidationException", "failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"},
		{"alias/a:b", *a.KeyId, "ValidationException", "contains invalid characters for an alias"},
		{"alias/" + strings.Repeat("x", 251), *a.KeyId, "ValidationException", "Member must have length less than or equal to 256"},
		{"alias/to-alias", "alias/app/data_1", "NotFoundException", "Invalid keyId 'alias/app/data_1'"},
		{"alias/nothing", "00000000-0000-4000-8000-000000000000", "NotFoundException", "does not exist"},
	} {
		code, msg := apiError(create(tc.name, tc.target))
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("CreateAlias %s: %s: %s", tc.name, code, msg)
		}
	}
	list, err := root.ListAliases(ctx, &kms.ListAliasesInput{KeyId: a.KeyId})
	if err != nil || len(list.Aliases) != 1 {
		t.Fatalf("ListAliases by key: %+v %v", list, err)
	}
	if e := list.Aliases[0]; *e.AliasName != "alias/app/data_1" || *e.AliasArn != "arn:aws:kms:us-east-1:123456789012:alias/app/data_1" ||
		*e.TargetKeyId != *a.KeyId || e.CreationDate == nil || e.LastUpdatedDate == nil {
		t.Errorf("alias entry %+v", e)
	}
	if _, err := root.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/app/data_1"), TargetKeyId: b.KeyId}); err != nil {
		t.Fatal(err)
	}
	enc, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/app/data_1"), Plaintext: []byte("x")})
	if err != nil || *enc.KeyId != *b.Arn {
		t.Errorf("Encrypt by the updated alias: %v", err)
	}
	if list, _ := root.ListAliases(ctx, &kms.ListAliasesInput{KeyId: a.KeyId}); len(list.Aliases) != 0 {
		t.Errorf("the old key still lists the alias: %+v", list.Aliases)
	}
	_, err = root.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/none"), TargetKeyId: b.KeyId})
	wantError(t, err, "NotFoundException", "Alias arn:aws:kms:us-east-1:123456789012:alias/none is not found.")
	if _, err := root.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String("alias/app/data_1")}); err != nil {
		t.Fatal(err)
	}
	_, err = root.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String("alias/app/data_1")})
	wantError(t, err, "NotFoundException", "Alias arn:aws:kms:us-east-1:123456789012:alias/app/data_1 is not found.")
	_, err = root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/app/data_1")})
	wantError(t, err, "NotFoundException", "is not found.")

	// An alias may not point at a key pending deletion; an alias of such a
	// key may move to another.
	if err := create("alias/moving", *a.KeyId); err != nil {
		t.Fatal(err)
	}
	if _, err := root.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: a.KeyId}); err != nil {
		t.Fatal(err)
	}
	wantError(t, create("alias/late", *a.KeyId), "KMSInvalidStateException", *a.Arn+" is pending deletion.")
	if _, err := root.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/moving"), TargetKeyId: b.KeyId}); err != nil {
		t.Errorf("moving an alias off a key pending deletion: %v", err)
	}
	_, err = root.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/moving"), TargetKeyId: a.KeyId})
	wantError(t, err, "KMSInvalidStateException", *a.Arn+" is pending deletion.")
}

// Alias operations need the permission on the alias (IAM policy) and on
// each key (key policy).
func TestKMSAliasAuthorization(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	c, arn := l.kmsUser(t, "aliaser", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["kms:CreateAlias","kms:UpdateAlias","kms:DeleteAlias"],"Resource":"arn:aws:kms:us-east-1:123456789012:alias/team-*"},
		{"Effect":"Allow","Action":["kms:CreateAlias","kms:UpdateAlias","kms:DeleteAlias"],"Resource":"arn:aws:kms:us-east-1:123456789012:key/*"}]}`)
	md := newKMSKey(t, root, "")
	_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/other"), TargetKeyId: md.KeyId})
	wantError(t, err, "AccessDeniedException", "User: "+arn+" is not authorized to perform: kms:CreateAlias on resource: arn:aws:kms:us-east-1:123456789012:alias/other because no identity-based policy allows the kms:CreateAlias action")
	if _, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/team-a"), TargetKeyId: md.KeyId}); err != nil {
		t.Errorf("CreateAlias allowed: %v", err)
	}
	closed := newKMSKey(t, root, keyPolicyFor("arn:aws:iam::123456789012:user/key-admin", `"kms:*"`, ""))
	_, err = c.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/team-a"), TargetKeyId: closed.KeyId})
	wantError(t, err, "AccessDeniedException", "kms:UpdateAlias on resource: "+*closed.Arn+" because no resource-based policy allows the kms:UpdateAlias action")
	if _, err := c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String("alias/team-a")}); err != nil {
		t.Errorf("DeleteAlias allowed: %v", err)
	}
	_, err = c.ListAliases(ctx, &kms.ListAliasesInput{})
	wantError(t, err, "AccessDeniedException", "kms:ListAliases because no identity-based policy allows")
}

// Tags: TagResource replaces values, UntagResource removes, the aws:
// prefix and duplicates are refused, CreateKey with tags needs
// kms:TagResource and sets aws:RequestTag.
func TestKMSTags(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	tag := func(k, v string) kmstypes.Tag { return kmstypes.Tag{TagKey: aws.String(k), TagValue: aws.String(v)} }
	if _, err := root.TagResource(ctx, &kms.TagResourceInput{KeyId: md.KeyId, Tags: []kmstypes.Tag{tag("b", "1"), tag("a", "2")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := root.TagResource(ctx, &kms.TagResourceInput{KeyId: md.Arn, Tags: []kmstypes.Tag{tag("b", "3")}}); err != nil {
		t.Fatal(err)
	}
	got, err := root.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: md.KeyId})
	if err != nil || len(got.Tags) != 2 || *got.Tags[0].TagKey != "a" || *got.Tags[1].TagValue != "3" || got.Truncated {
		t.Fatalf("ListResourceTags %+v %v", got, err)
	}
	if _, err := root.UntagResource(ctx, &kms.UntagResourceInput{KeyId: md.KeyId, TagKeys: []string{"a", "missing"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := root.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: md.KeyId}); len(got.Tags) != 1 {
		t.Errorf("after UntagResource: %+v", got.Tags)
	}
	many := make([]kmstypes.Tag, 50)
	for i := range many {
		many[i] = tag(fmt.Sprintf("t%02d", i), "v")
	}
	for _, tc := range []struct {
		name      string
		tags      []kmstypes.Tag
		code, msg string
	}{
		{"aws prefix", []kmstypes.Tag{tag("AWS:x", "v")}, "TagException", "Tags beginning with aws: are reserved"},
		{"duplicate", []kmstypes.Tag{tag("x", "1"), tag("x", "2")}, "TagException", "Duplicate tag keys"},
		{"too many", many, "TagException", "Too many tags"},
		{"long key", []kmstypes.Tag{tag(strings.Repeat("k", 129), "v")}, "ValidationException", "at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128"},
	} {
		_, err := root.TagResource(ctx, &kms.TagResourceInput{KeyId: md.KeyId, Tags: tc.tags})
		code, msg := apiError(err)
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: %s: %s", tc.name, code, msg)
		}
	}
	if _, err := root.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: md.KeyId, Description: aws.String("new words")}); err != nil {
		t.Fatal(err)
	}
	if d, _ := root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: md.KeyId}); *d.KeyMetadata.Description != "new words" {
		t.Errorf("description %q", *d.KeyMetadata.Description)
	}

	c, _ := l.kmsUser(t, "creator", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"kms:CreateKey","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"blue"}}}]}`)
	_, err = c.CreateKey(ctx, &kms.CreateKeyInput{Tags: []kmstypes.Tag{tag("team", "red")}})
	wantError(t, err, "AccessDeniedException", "kms:CreateKey")
	_, err = c.CreateKey(ctx, &kms.CreateKeyInput{Tags: []kmstypes.Tag{tag("team", "blue")}})
	wantError(t, err, "AccessDeniedException", "kms:TagResource")
	if _, err := l.rootIAM().PutUserPolicy(ctx, inlinePolicy("creator", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"kms:CreateKey","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"blue"}}},
		{"Effect":"Allow","Action":"kms:TagResource","Resource":"*"}]}`)); err != nil {
		t.Fatal(err)
	}
	out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Tags: []kmstypes.Tag{tag("team", "blue")}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := root.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: out.KeyMetadata.KeyId}); len(got.Tags) != 1 {
		t.Errorf("CreateKey's tags: %+v", got.Tags)
	}
}

// CreateKey makes symmetric encryption keys and says so for others.
func TestKMSCreateKeyKinds(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	for _, tc := range []struct {
		name      string
		in        kms.CreateKeyInput
		code, msg string
	}{
		{"asymmetric", kms.CreateKeyInput{KeySpec: kmstypes.KeySpecRsa2048, KeyUsage: kmstypes.KeyUsageTypeSignVerify}, "UnsupportedOperationException", "SYMMETRIC_DEFAULT"},
		{"usage", kms.CreateKeyInput{KeyUsage: kmstypes.KeyUsageTypeSignVerify}, "ValidationException", "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT"},
		{"bad spec", kms.CreateKeyInput{KeySpec: "AES_999"}, "ValidationException", "Value 'AES_999' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set"},
		{"imported", kms.CreateKeyInput{Origin: kmstypes.OriginTypeExternal}, "UnsupportedOperationException", "Origin AWS_KMS"},
		{"multi-Region", kms.CreateKeyInput{MultiRegion: aws.Bool(true)}, "UnsupportedOperationException", "single-Region"},
		{"long description", kms.CreateKeyInput{Description: aws.String(strings.Repeat("d", 8193))}, "ValidationException", "at 'description'"},
	} {
		_, err := root.CreateKey(ctx, &tc.in)
		code, msg := apiError(err)
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: %s: %s", tc.name, code, msg)
		}
	}
	out, err := root.CreateKey(ctx, &kms.CreateKeyInput{KeySpec: kmstypes.KeySpecSymmetricDefault, KeyUsage: kmstypes.KeyUsageTypeEncryptDecrypt,
		CustomerMasterKeySpec: kmstypes.CustomerMasterKeySpecSymmetricDefault, Origin: kmstypes.OriginTypeAwsKms})
	if err != nil || out.KeyMetadata.KeySpec != kmstypes.KeySpecSymmetricDefault {
		t.Errorf("explicit defaults: %v", err)
	}
	// A key ARN of another account: keys are not visible from there for
	// operations that do not work across accounts.
	_, err = root.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String("arn:aws:kms:us-east-1:111122223333:key/" + *out.KeyMetadata.KeyId)})
	wantError(t, err, "NotFoundException", "Key 'arn:aws:kms:us-east-1:111122223333:key/"+*out.KeyMetadata.KeyId+"' does not exist")
}
