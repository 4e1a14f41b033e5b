package kms

import (
	"slices"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// The values of CreateKey's enumerations (the KMS API model).
var (
	keySpecs = []string{"RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521",
		"ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2",
		"ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519"}
	keyUsages = []string{"SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"}
	origins   = []string{"AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"}
)

type createInput struct {
	Policy                         *string
	Description                    *string
	KeyUsage                       *string
	CustomerMasterKeySpec          *string
	KeySpec                        *string
	Origin                         *string
	CustomKeyStoreId               *string
	BypassPolicyLockoutSafetyCheck *bool
	Tags                           []Tag
	MultiRegion                    *bool
	XksKeyId                       *string
}

// keyMetadata is the KeyMetadata structure.
type keyMetadata struct {
	AWSAccountId                string
	KeyId                       string
	Arn                         string
	CreationDate                *epoch
	Enabled                     bool
	Description                 string
	KeyUsage                    string
	KeyState                    string
	DeletionDate                *epoch `json:",omitempty"`
	PendingDeletionWindowInDays int    `json:",omitempty"`
	Origin                      string
	KeyManager                  string
	CustomerMasterKeySpec       string
	KeySpec                     string
	EncryptionAlgorithms        []string
	MultiRegion                 bool
	CurrentKeyMaterialId        string
}

func metadata(k *Key) *keyMetadata {
	return &keyMetadata{AWSAccountId: k.Account, KeyId: k.ID, Arn: k.ARN(), CreationDate: stamp(k.Created),
		Enabled: k.State == StateEnabled, Description: k.Description, KeyUsage: k.Usage, KeyState: k.State,
		DeletionDate: stamp(k.Deletion), PendingDeletionWindowInDays: k.Window, Origin: k.Origin,
		KeyManager: "CUSTOMER", CustomerMasterKeySpec: k.Spec, KeySpec: k.Spec,
		EncryptionAlgorithms: []string{AlgorithmDefault}, CurrentKeyMaterialId: k.Current().ID}
}

// keyKind checks what kind of key is asked for. The lab makes symmetric
// encryption keys with key material of its own; other kinds are refused
// with UnsupportedOperationException, saying so.
func (in *createInput) keyKind() error {
	spec := SpecSymmetric
	for _, p := range []*string{in.CustomerMasterKeySpec, in.KeySpec} {
		if p == nil {
			continue
		}
		if !slices.Contains(keySpecs, *p) {
			return enumError(*p, "keySpec", keySpecs)
		}
		spec = *p
	}
	if in.KeyUsage != nil && !slices.Contains(keyUsages, *in.KeyUsage) {
		return enumError(*in.KeyUsage, "keyUsage", keyUsages)
	}
	if in.Origin != nil && !slices.Contains(origins, *in.Origin) {
		return enumError(*in.Origin, "origin", origins)
	}
	switch {
	case spec != SpecSymmetric:
		return unsupported("The simulated AWS makes symmetric encryption KMS keys only (KeySpec SYMMETRIC_DEFAULT), not %s keys.", spec)
	case in.KeyUsage != nil && *in.KeyUsage != UsageEncrypt:
		return validation("KeyUsage %s is not compatible with KeySpec %s", *in.KeyUsage, spec)
	case in.Origin != nil && *in.Origin != OriginKMS,
		in.CustomKeyStoreId != nil, in.XksKeyId != nil:
		return unsupported("The simulated AWS makes keys with key material of its own only (Origin AWS_KMS, no custom key store).")
	case in.MultiRegion != nil && *in.MultiRegion:
		return unsupported("The simulated AWS makes single-Region keys only.")
	}
	return nil
}

func (in *createInput) check() error {
	if err := in.keyKind(); err != nil {
		return err
	}
	if in.Description != nil && len(*in.Description) > MaxDescription {
		return tooLong("description", MaxDescription)
	}
	if in.Policy != nil {
		if *in.Policy == "" {
			return tooShort("policy", 1)
		}
		if err := policyParam(*in.Policy); err != nil {
			return err
		}
	}
	return checkTags(in.Tags)
}

// context is what AWS sets for CreateKey: "This type of condition works
// even when the parameter doesn't appear in the request, such as when you
// use the parameter's default value" (KMS condition keys); but
// kms:BypassPolicyLockoutSafetyCheck is there only when the request has
// the parameter (the guide's example uses Null on it).
func (in *createInput) context(c *service.Call) []authz.Entry {
	ctx := []authz.Entry{
		entry("kms:CallerAccount", c.Account()), entry("kms:KeySpec", SpecSymmetric),
		entry("kms:KeyUsage", UsageEncrypt), entry("kms:KeyOrigin", OriginKMS), entry("kms:MultiRegion", "false"),
	}
	if in.BypassPolicyLockoutSafetyCheck != nil {
		ctx = append(ctx, entry("kms:BypassPolicyLockoutSafetyCheck", boolString(*in.BypassPolicyLockoutSafetyCheck)))
	}
	return append(ctx, requestTags(in.Tags)...)
}

// createKey: "Required permissions: kms:CreateKey (IAM policy). To use the
// Tags parameter, kms:TagResource (IAM policy)."
func createKey(c *service.Call) (any, error) {
	var in createInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	var out *keyMetadata
	err := write(c, func(tx *world.Tx) error {
		if err := allowIAM(c, tx, "kms:CreateKey", "*", in.context(c)...); err != nil {
			return err
		}
		k, err := newKey(c, tx, &in)
		if err != nil {
			return err
		}
		if len(in.Tags) > 0 {
			q := question{action: "kms:TagResource", ctx: requestTags(in.Tags)}
			if err := allowKey(c, tx, k, q); err != nil {
				return err
			}
		}
		out = metadata(k)
		return keys.Put(tx, k.storeKey(), k)
	})
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = map[string]any{"keyMetadata": trailMetadata(out)}
	return map[string]any{"KeyMetadata": out}, nil
}

// trailDate is how CloudTrail's KMS records write dates ("Aug 10, 2022,
// 10:38:27 PM", KMS Developer Guide, logging CreateKey).
const trailDate = "Jan 2, 2006, 3:04:05 PM"

// trailMetadata is CreateKey's responseElements in CloudTrail.
func trailMetadata(md *keyMetadata) map[string]any {
	return map[string]any{"AWSAccountId": md.AWSAccountId, "keyId": md.KeyId, "arn": md.Arn,
		"creationDate": time.Time(*md.CreationDate).UTC().Format(trailDate), "enabled": md.Enabled,
		"description": md.Description, "keyUsage": md.KeyUsage, "keyState": md.KeyState, "origin": md.Origin,
		"keyManager": md.KeyManager, "customerMasterKeySpec": md.CustomerMasterKeySpec, "keySpec": md.KeySpec,
		"encryptionAlgorithms": md.EncryptionAlgorithms, "multiRegion": md.MultiRegion}
}

// newKey makes the key a CreateKey request describes, with its key policy:
// the given one, checked as KMS checks it (and by the lockout check unless
// bypassed), else the default key policy.
func newKey(c *service.Call, tx *world.Tx, in *createInput) (*Key, error) {
	now := c.Env.Now.UTC()
	k := &Key{ID: c.World.NewRequestID(), Account: c.Account(), Region: c.Env.Region, Spec: SpecSymmetric,
		Usage: UsageEncrypt, Origin: OriginKMS, Created: now, State: StateEnabled, Tags: in.Tags,
		Materials: []Material{newMaterial(c.World, now, "")}}
	if in.Description != nil {
		k.Description = *in.Description
	}
	if in.Policy == nil {
		d, err := world.ParseDoc(DefaultPolicy(k.Account))
		if err != nil {
			return nil, protocol.Internal(err)
		}
		k.Policy = d
		return k, nil
	}
	d, err := checkPolicy(c, tx, *in.Policy)
	if err != nil {
		return nil, err
	}
	k.Policy = d
	if in.BypassPolicyLockoutSafetyCheck == nil || !*in.BypassPolicyLockoutSafetyCheck {
		if err := lockout(c, tx, k, d); err != nil {
			return nil, err
		}
	}
	return k, nil
}

type describeInput struct {
	KeyId       *string
	GrantTokens []string
}

// describeKey takes any kind of key identifier, of any account.
func describeKey(c *service.Call) (any, error) {
	var in describeInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	if err := grantTokens(in.GrantTokens); err != nil {
		return nil, err
	}
	var out *keyMetadata
	err = read(c, func(tx *world.Tx, write bool) error {
		k, r, err := use(c, tx, id, anyName, write)
		if err != nil {
			return err
		}
		q := question{action: "kms:DescribeKey", op: "DescribeKey", alias: r.requestAlias()}
		if err := allowKey(c, tx, k, q); err != nil {
			return err
		}
		out = metadata(k)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"KeyMetadata": out}, nil
}

type listInput struct {
	Limit  *int
	Marker *string
}

type keyListEntry struct {
	KeyId  string
	KeyArn string
}

// listKeys lists the keys of the caller's account and Region: "To
// identify the KMS keys in the account, the ListKeys permission is only
// valid in an IAM policy".
func listKeys(c *service.Call) (any, error) {
	var in listInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	pg, err := readPage(in.Limit, in.Marker, 100, MaxLimit)
	if err != nil {
		return nil, err
	}
	var list []keyListEntry
	err = c.World.View(func(tx *world.Tx) error {
		if err := allowIAM(c, tx, "kms:ListKeys", "*"); err != nil {
			return err
		}
		for _, k := range keys.List(tx, c.Account()+"/"+c.Env.Region+"/") {
			if !k.Gone(c.Env.Now) {
				list = append(list, keyListEntry{k.ID, k.ARN()})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	items, next, more := paginate(list, pg)
	return struct {
		Keys       []keyListEntry
		NextMarker string `json:",omitempty"`
		Truncated  bool
	}{orEmpty(items), next, more}, nil
}
