package kms

import (
	"encoding/json"
	"slices"
	"sort"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Limits of the cryptographic operations (the KMS API model):
// NumberOfBytesType 1 to 1024, GrantTokenList at most 10 tokens of at
// most 8192 characters.
const (
	MaxDataKeyBytes = 1024
	MaxGrantTokens  = 10
	MaxGrantToken   = 8192
)

var (
	algorithms   = []string{"SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"}
	dataKeySpecs = []string{"AES_256", "AES_128"}
)

// cryptoQuestion is the authorization question of a cryptographic
// operation: the encryption context as kms:EncryptionContext:KEY pairs and
// kms:EncryptionContextKeys, the algorithm (set even when the request
// leaves the default), the alias the request named the key by.
func cryptoQuestion(action, op string, ec map[string]string, r ref, extra ...authz.Entry) question {
	ctx := make([]authz.Entry, 0, len(ec)+2+len(extra))
	ctx = append(ctx, entry("kms:EncryptionAlgorithm", AlgorithmDefault))
	ctx = append(ctx, contextEntries(ec)...)
	ctx = append(ctx, extra...)
	return question{action: action, op: op, ec: ec, ctx: ctx, alias: r.requestAlias()}
}

// contextEntries are kms:EncryptionContext:KEY and kms:EncryptionContextKeys
// for an encryption context; none when it is empty.
func contextEntries(ec map[string]string) []authz.Entry {
	if len(ec) == 0 {
		return nil
	}
	names := make([]string, 0, len(ec))
	for k := range ec {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]authz.Entry, 0, len(ec)+1)
	for _, k := range names {
		out = append(out, entry("kms:EncryptionContext:"+k, ec[k]))
	}
	return append(out, entry("kms:EncryptionContextKeys", names...))
}

// algorithm checks an EncryptionAlgorithm parameter: a value of the
// enumeration, and one the symmetric key takes.
func algorithm(p *string) error {
	if p == nil || *p == AlgorithmDefault {
		return nil
	}
	if !slices.Contains(algorithms, *p) {
		return enumError(*p, "encryptionAlgorithm", algorithms)
	}
	return kmsError("InvalidKeyUsageException", "Algorithm %s is incompatible with key spec %s.", *p, SpecSymmetric)
}

// grantTokens checks the GrantTokens parameter's shape. The lab's grants
// take effect at once, so a token is never needed; one given must still
// be a grant's ("InvalidGrantTokenException: The request was rejected
// because the specified grant token is not valid").
func grantTokens(ts []string) error {
	if len(ts) > MaxGrantTokens {
		return validation("1 validation error detected: Value at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to %d", MaxGrantTokens)
	}
	for _, t := range ts {
		if len(t) < 1 || len(t) > MaxGrantToken {
			return validation("1 validation error detected: Value at 'grantTokens' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to %d, Member must have length greater than or equal to 1]", MaxGrantToken)
		}
	}
	return nil
}

func knownTokens(tx *world.Tx, ts []string) error {
	for _, t := range ts {
		if _, ok := grantByToken(tx, t); !ok {
			return kmsError("InvalidGrantTokenException", "Grant token is invalid")
		}
	}
	return nil
}

// plaintextParam checks the Plaintext parameter (PlaintextType).
func plaintextParam(p []byte) error {
	switch {
	case p == nil:
		return missing("Plaintext")
	case len(p) == 0:
		return tooShort("plaintext", 1)
	case len(p) > MaxPlaintext:
		return tooLong("plaintext", MaxPlaintext)
	}
	return nil
}

func blobParam(b []byte, member string) error {
	switch {
	case b == nil:
		return missing(member)
	case len(b) == 0:
		return tooShort(lowerFirst(member), 1)
	case len(b) > MaxBlob:
		return tooLong(lowerFirst(member), MaxBlob)
	}
	return nil
}

// sealWith encrypts under the key's current key material, with a nonce
// from the world's randomness.
func sealWith(c *service.Call, k *Key, plaintext []byte, ec map[string]string) ([]byte, error) {
	b, err := seal(k.ARN(), k.Current(), random(c.World, nonceBytes), plaintext, ec)
	if err != nil {
		return nil, protocol.Internal(err)
	}
	return b, nil
}

// blobKey finds the key a ciphertext blob names. A blob of another
// Region's key is not a ciphertext this Region can decrypt.
func blobKey(c *service.Call, tx *world.Tx, bl *blob) (*Key, error) {
	region, account, id, _ := splitKeyARN(bl.keyARN)
	if region != c.Env.Region {
		return nil, invalidCiphertext()
	}
	return find(c, tx, ref{account: account, region: region, id: id})
}

// openWith decrypts a blob with the key material version it names.
func openWith(k *Key, bl *blob, ec map[string]string) ([]byte, error) {
	m, ok := k.Material(bl.materialID())
	if !ok {
		return nil, invalidCiphertext()
	}
	pt, err := open(bl, m, ec)
	if err != nil {
		return nil, invalidCiphertext()
	}
	return pt, nil
}

type encryptInput struct {
	KeyId               *string
	Plaintext           []byte
	EncryptionContext   map[string]string
	GrantTokens         []string
	EncryptionAlgorithm *string
	DryRun              *bool
}

type encryptOutput struct {
	CiphertextBlob      []byte
	KeyId               string
	EncryptionAlgorithm string
}

func encrypt(c *service.Call) (any, error) {
	var in encryptInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	if err := plaintextParam(in.Plaintext); err != nil {
		return nil, err
	}
	if err := grantTokens(in.GrantTokens); err != nil {
		return nil, err
	}
	var out *encryptOutput
	err = read(c, func(tx *world.Tx, write bool) error {
		k, r, err := use(c, tx, id, anyName, write)
		if err != nil {
			return err
		}
		if err := knownTokens(tx, in.GrantTokens); err != nil {
			return err
		}
		q := cryptoQuestion("kms:Encrypt", "Encrypt", in.EncryptionContext, r)
		if err := ready(c, tx, k, q, in.EncryptionAlgorithm, in.DryRun); err != nil {
			return err
		}
		b, err := sealWith(c, k, in.Plaintext, in.EncryptionContext)
		out = &encryptOutput{b, k.ARN(), AlgorithmDefault}
		return err
	})
	return out, err
}

// ready authorizes a cryptographic operation and checks that it can run:
// the key's state, the algorithm, and DryRun ("checks whether the caller
// has permissions", answering DryRunOperationException when it would have
// succeeded).
func ready(c *service.Call, tx *world.Tx, k *Key, q question, alg *string, dry *bool) error {
	if err := allowKey(c, tx, k, q); err != nil {
		return err
	}
	if err := usable(k); err != nil {
		return err
	}
	if err := algorithm(alg); err != nil {
		return err
	}
	if dry != nil && *dry {
		return dryRun()
	}
	return nil
}

type decryptInput struct {
	CiphertextBlob      []byte
	EncryptionContext   map[string]string
	GrantTokens         []string
	KeyId               *string
	EncryptionAlgorithm *string
	Recipient           json.RawMessage
	DryRun              *bool
}

type decryptOutput struct {
	KeyId               string
	Plaintext           []byte
	EncryptionAlgorithm string
	KeyMaterialId       string
}

// decrypt finds the key in the ciphertext blob; a KeyId, if given, must
// name that key ("If you specify a KeyId value, the Decrypt operation
// succeeds only if the specified KMS key was used to encrypt the
// ciphertext").
func decrypt(c *service.Call) (any, error) {
	var in decryptInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	if err := blobParam(in.CiphertextBlob, "CiphertextBlob"); err != nil {
		return nil, err
	}
	if err := grantTokens(in.GrantTokens); err != nil {
		return nil, err
	}
	if len(in.Recipient) > 0 {
		return nil, noRecipient()
	}
	bl, perr := parseBlob(in.CiphertextBlob)
	if perr != nil {
		return nil, invalidCiphertext()
	}
	var out *decryptOutput
	err := read(c, func(tx *world.Tx, write bool) error {
		k, r, err := blobSource(c, tx, bl, in.KeyId, write)
		if err != nil {
			return err
		}
		if err := knownTokens(tx, in.GrantTokens); err != nil {
			return err
		}
		q := cryptoQuestion("kms:Decrypt", "Decrypt", in.EncryptionContext, r)
		if err := ready(c, tx, k, q, in.EncryptionAlgorithm, in.DryRun); err != nil {
			return err
		}
		pt, err := openWith(k, bl, in.EncryptionContext)
		out = &decryptOutput{k.ARN(), pt, AlgorithmDefault, bl.materialID()}
		return err
	})
	return out, err
}

// blobSource is the key of a blob, checked against the KeyId the request
// may give, with its due rotations applied.
func blobSource(c *service.Call, tx *world.Tx, bl *blob, keyID *string, write bool) (*Key, ref, error) {
	var r ref
	if keyID != nil {
		named, nr, err := resolve(c, tx, *keyID, anyName)
		if err != nil {
			return nil, nr, err
		}
		if named.ARN() != bl.keyARN {
			return nil, nr, incorrectKey()
		}
		r = nr
	}
	k, err := blobKey(c, tx, bl)
	if err != nil {
		return nil, r, err
	}
	k, err = settle(c, tx, k, write)
	return k, r, err
}

func noRecipient() error {
	return validation("The simulated AWS does not verify Nitro Enclaves attestation documents: the Recipient parameter is not supported.")
}

type reEncryptInput struct {
	CiphertextBlob                 []byte
	SourceEncryptionContext        map[string]string
	SourceKeyId                    *string
	DestinationKeyId               *string
	DestinationEncryptionContext   map[string]string
	SourceEncryptionAlgorithm      *string
	DestinationEncryptionAlgorithm *string
	GrantTokens                    []string
	DryRun                         *bool
}

type reEncryptOutput struct {
	CiphertextBlob                 []byte
	SourceKeyId                    string
	KeyId                          string
	SourceEncryptionAlgorithm      string
	DestinationEncryptionAlgorithm string
	SourceKeyMaterialId            string
	DestinationKeyMaterialId       string
}

// reEncrypt decrypts with the source key and encrypts with the destination
// key, "Required permissions: kms:ReEncryptFrom permission on the source
// KMS key (key policy) kms:ReEncryptTo permission on the destination KMS
// key (key policy)".
func reEncrypt(c *service.Call) (any, error) {
	var in reEncryptInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	if err := blobParam(in.CiphertextBlob, "CiphertextBlob"); err != nil {
		return nil, err
	}
	dest, err := required(in.DestinationKeyId, "DestinationKeyId")
	if err != nil {
		return nil, err
	}
	if err := grantTokens(in.GrantTokens); err != nil {
		return nil, err
	}
	bl, perr := parseBlob(in.CiphertextBlob)
	if perr != nil {
		return nil, invalidCiphertext()
	}
	var out *reEncryptOutput
	err = read(c, func(tx *world.Tx, write bool) error {
		src, sr, err := blobSource(c, tx, bl, in.SourceKeyId, write)
		if err != nil {
			return err
		}
		dst, dr, err := use(c, tx, dest, anyName, write)
		if err != nil {
			return err
		}
		if err := knownTokens(tx, in.GrantTokens); err != nil {
			return err
		}
		same := entry("kms:ReEncryptOnSameKey", boolString(src.ARN() == dst.ARN()))
		from := cryptoQuestion("kms:ReEncryptFrom", "ReEncryptFrom", in.SourceEncryptionContext, sr, same)
		to := cryptoQuestion("kms:ReEncryptTo", "ReEncryptTo", in.DestinationEncryptionContext, dr, same)
		if err := ready(c, tx, src, from, in.SourceEncryptionAlgorithm, nil); err != nil {
			return err
		}
		if err := ready(c, tx, dst, to, in.DestinationEncryptionAlgorithm, in.DryRun); err != nil {
			return err
		}
		pt, err := openWith(src, bl, in.SourceEncryptionContext)
		if err != nil {
			return err
		}
		b, err := sealWith(c, dst, pt, in.DestinationEncryptionContext)
		out = &reEncryptOutput{b, src.ARN(), dst.ARN(), AlgorithmDefault, AlgorithmDefault, bl.materialID(), dst.Current().ID}
		return err
	})
	return out, err
}

type dataKeyInput struct {
	KeyId             *string
	EncryptionContext map[string]string
	NumberOfBytes     *int
	KeySpec           *string
	GrantTokens       []string
	Recipient         json.RawMessage
	DryRun            *bool
}

type dataKeyOutput struct {
	CiphertextBlob []byte
	Plaintext      []byte `json:",omitempty"`
	KeyId          string
	KeyMaterialId  string
}

// size is the data key's length: "To generate a data key, specify the
// symmetric encryption KMS key ... Use either the KeySpec or
// NumberOfBytes parameters (but not both)". AWS's wording of the refusal
// of both or neither was not seen.
func (in *dataKeyInput) size() (int, error) {
	if in.NumberOfBytes != nil {
		if n := *in.NumberOfBytes; n < 1 {
			return 0, belowMin(n, "numberOfBytes", 1)
		} else if n > MaxDataKeyBytes {
			return 0, aboveMax(n, "numberOfBytes", MaxDataKeyBytes)
		}
	}
	if in.KeySpec != nil && !slices.Contains(dataKeySpecs, *in.KeySpec) {
		return 0, enumError(*in.KeySpec, "keySpec", dataKeySpecs)
	}
	switch {
	case (in.NumberOfBytes == nil) == (in.KeySpec == nil):
		return 0, validation("Please specify either number of bytes or key spec.")
	case in.NumberOfBytes != nil:
		return *in.NumberOfBytes, nil
	case *in.KeySpec == "AES_128":
		return 16, nil
	}
	return 32, nil
}

func generateDataKey(c *service.Call) (any, error) {
	return dataKey(c, "GenerateDataKey", true)
}

func generateDataKeyWithoutPlaintext(c *service.Call) (any, error) {
	return dataKey(c, "GenerateDataKeyWithoutPlaintext", false)
}

// dataKey returns a fresh random data key encrypted under the KMS key, and
// in plaintext too unless the operation is the WithoutPlaintext one.
func dataKey(c *service.Call, op string, plaintext bool) (any, error) {
	var in dataKeyInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	n, err := in.size()
	if err != nil {
		return nil, err
	}
	if err := grantTokens(in.GrantTokens); err != nil {
		return nil, err
	}
	if len(in.Recipient) > 0 {
		return nil, noRecipient()
	}
	var out *dataKeyOutput
	err = read(c, func(tx *world.Tx, write bool) error {
		k, r, err := use(c, tx, id, anyName, write)
		if err != nil {
			return err
		}
		if err := knownTokens(tx, in.GrantTokens); err != nil {
			return err
		}
		if err := ready(c, tx, k, cryptoQuestion("kms:"+op, op, in.EncryptionContext, r), nil, in.DryRun); err != nil {
			return err
		}
		data := random(c.World, n)
		b, err := sealWith(c, k, data, in.EncryptionContext)
		out = &dataKeyOutput{CiphertextBlob: b, KeyId: k.ARN(), KeyMaterialId: k.Current().ID}
		if plaintext {
			out.Plaintext = data
		}
		return err
	})
	return out, err
}

type randomInput struct {
	NumberOfBytes    *int
	CustomKeyStoreId *string
	Recipient        json.RawMessage
}

// generateRandom returns random bytes from the world's randomness:
// "Required permissions: kms:GenerateRandom (IAM policy)".
func generateRandom(c *service.Call) (any, error) {
	var in randomInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	switch {
	case in.NumberOfBytes == nil:
		return nil, validation("NumberOfBytes is required.")
	case *in.NumberOfBytes < 1:
		return nil, belowMin(*in.NumberOfBytes, "numberOfBytes", 1)
	case *in.NumberOfBytes > MaxDataKeyBytes:
		return nil, aboveMax(*in.NumberOfBytes, "numberOfBytes", MaxDataKeyBytes)
	case len(in.Recipient) > 0:
		return nil, noRecipient()
	case in.CustomKeyStoreId != nil:
		return nil, unsupported("The simulated AWS has no custom key stores.")
	}
	err := c.World.View(func(tx *world.Tx) error { return allowIAM(c, tx, "kms:GenerateRandom", "*") })
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"Plaintext": random(c.World, *in.NumberOfBytes)}, nil
}
