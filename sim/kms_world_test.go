package sim_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/boltstore"
	"github.com/iamlab/iamlab/sim/world"
)

const (
	partnerAccount = "210987654321"
	partnerUserKey = "AKIAPARTNERUSER00001"
	partnerUserSec = "partnerUserSecretEXAMPLEpartnerUserSecre"
	sharedKeyID    = "0987dcba-09fe-87dc-65ba-ab0987654321"
)

// kmsWorld has a key shared with a second account, whose key policy
// delegates to that account, as "Allowing users in other accounts to use
// a KMS key" describes.
const kmsWorld = `{
  "accounts": [
    {"id": "123456789012",
     "keys": [
       {"id": "` + sharedKeyID + `", "region": "eu-west-1", "description": "shared", "aliases": ["alias/shared"],
        "enabled": true, "rotationPeriodInDays": 180, "tags": {"team": "blue"},
        "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Owner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"Partner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:DescribeKey\"],\"Resource\":\"*\"}]}"},
       {"region": "eu-west-1", "enabled": false}
     ]},
    {"id": "` + partnerAccount + `",
     "rootAccessKeys": [{"id": "AKIAPARTNERROOT00001", "secret": "partnerRootSecretEXAMPLEpartnerRootSecre"}],
     "users": [{"name": "partner", "accessKeys": [{"id": "` + partnerUserKey + `", "secret": "` + partnerUserSec + `"}]}]}
  ]
}`

func (l *lab) regionKMS(key, secret, region string) *kms.Client {
	cfg := l.config(key, secret, "")
	cfg.Region = region
	return kms.NewFromConfig(cfg)
}

// A world file's keys: their IDs, Regions, aliases, policies, state,
// rotation and tags; and a key used across accounts, which both the key
// policy and the caller's IAM policy must allow.
func TestKMSWorldFileKeys(t *testing.T) {
	f, err := world.ParseFile([]byte(kmsWorld))
	if err != nil {
		t.Fatal(err)
	}
	l := newLab(t, f)
	owner := l.regionKMS(rootKey, rootSec, "eu-west-1")
	list, err := owner.ListKeys(ctx, &kms.ListKeysInput{})
	if err != nil || len(list.Keys) != 2 {
		t.Fatalf("ListKeys %+v %v", list, err)
	}
	d, err := owner.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/shared")})
	if err != nil || *d.KeyMetadata.KeyId != sharedKeyID || *d.KeyMetadata.Description != "shared" {
		t.Fatalf("DescribeKey %+v %v", d, err)
	}
	st, err := owner.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(sharedKeyID)})
	if err != nil || !st.KeyRotationEnabled || *st.RotationPeriodInDays != 180 {
		t.Errorf("rotation %+v %v", st, err)
	}
	for _, k := range list.Keys {
		if *k.KeyId != sharedKeyID {
			d, _ := owner.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
			if d.KeyMetadata.KeyState != kmstypes.KeyStateDisabled {
				t.Errorf("the second key is %s", d.KeyMetadata.KeyState)
			}
		}
	}
	if us, _ := l.regionKMS(rootKey, rootSec, "us-east-1").ListKeys(ctx, &kms.ListKeysInput{}); len(us.Keys) != 0 {
		t.Errorf("us-east-1 lists eu-west-1's keys: %+v", us.Keys)
	}

	arn := "arn:aws:kms:eu-west-1:123456789012:key/" + sharedKeyID
	partnerRoot := l.regionKMS("AKIAPARTNERROOT00001", "partnerRootSecretEXAMPLEpartnerRootSecre", "eu-west-1")
	_, err = partnerRoot.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(sharedKeyID)})
	wantError(t, err, "NotFoundException", "Key 'arn:aws:kms:eu-west-1:"+partnerAccount+":key/"+sharedKeyID+"' does not exist")
	if _, err := partnerRoot.Encrypt(ctx, &kms.EncryptInput{KeyId: &arn, Plaintext: []byte("x")}); err != nil {
		t.Errorf("the partner account's root: %v", err)
	}
	_, err = partnerRoot.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: &arn, NumberOfBytes: aws.Int32(8)})
	wantError(t, err, "AccessDeniedException", "because no resource-based policy allows the kms:GenerateDataKey action")
	partner := l.regionKMS(partnerUserKey, partnerUserSec, "eu-west-1")
	_, err = partner.Encrypt(ctx, &kms.EncryptInput{KeyId: &arn, Plaintext: []byte("x")})
	wantError(t, err, "AccessDeniedException", "User: arn:aws:iam::"+partnerAccount+":user/partner is not authorized to perform: kms:Encrypt on resource: "+arn)
}

// World files with keys AWS would not have.
func TestKMSWorldFileErrors(t *testing.T) {
	for _, tc := range []struct{ name, key, want string }{
		{"unknown field", `{"color": "red"}`, "unknown field"},
		{"bad id", `{"id": "not-a-uuid"}`, "not a key ID"},
		{"reserved alias", `{"aliases": ["alias/aws/s3"]}`, "alias/aws/s3"},
		{"alias without prefix", `{"aliases": ["data"]}`, "alias"},
		{"missing principal", `{"policy": {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/ghost"},"Action":"kms:*","Resource":"*"}]}}`, "invalid principals"},
		{"rotation period", `{"rotationPeriodInDays": 30}`, "rotationPeriodInDays"},
		{"reserved tag", `{"tags": {"aws:x": "y"}}`, "reserved"},
	} {
		f, err := world.ParseFile([]byte(`{"accounts":[{"id":"123456789012","keys":[` + tc.key + `]}]}`))
		if err == nil {
			_, err = sim.New(sim.Config{File: f})
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "keys") {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	f, _ := world.ParseFile([]byte(`{"accounts":[{"id":"123456789012","keys":[{"id":"` + sharedKeyID + `"},{"id":"` + sharedKeyID + `"}]}]}`))
	if _, err := sim.New(sim.Config{File: f}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a key twice: %v", err)
	}
}

// Key material is kept in the state file: a ciphertext made before a
// restart decrypts after it, and rotation versions survive too.
func TestKMSStatePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	start := func() *lab {
		st, err := boltstore.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s, err := sim.New(sim.Config{Store: st, File: world.SeedFile()})
		if err != nil {
			t.Fatal(err)
		}
		l := &lab{sim: s, clock: &clock{}}
		l.srv = newServer(t, s)
		return l
	}
	l := start()
	app := l.kmsClient(appKey, appSec, "")
	blob := encryptWith(t, app, seedAlias, "kept", nil)
	if _, err := l.rootKMS().CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/second"), TargetKeyId: aws.String(seedKeyID)}); err != nil {
		t.Fatal(err)
	}
	l.srv.Close()
	l.sim.Close()

	l = start()
	t.Cleanup(func() { l.sim.Close() })
	app = l.kmsClient(appKey, appSec, "")
	d, err := app.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob})
	if err != nil || string(d.Plaintext) != "kept" {
		t.Fatalf("Decrypt after a restart: %v", err)
	}
	if _, err := app.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/second"), Plaintext: []byte("x")}); err != nil {
		t.Errorf("the alias made before the restart: %v", err)
	}
}
