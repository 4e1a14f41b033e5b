package sim_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// labTimeKMS is a KMS client that signs with the lab's clock, so that its
// calls stay valid when a test moves the clock days ahead (key rotation,
// key deletion): a transport signs each request again at the lab's time.
func (l *lab) labTimeKMS(key, secret string) *kms.Client {
	cfg := l.config(key, secret, "")
	cfg.HTTPClient = &http.Client{Transport: &labSigner{base: l.srv.Client().Transport, key: key, secret: secret, now: l.clock.now}}
	return kms.NewFromConfig(cfg)
}

type labSigner struct {
	base        http.RoundTripper
	key, secret string
	now         func() time.Time
}

func (s *labSigner) RoundTrip(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r = r.Clone(r.Context())
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.Header.Del("Authorization")
	r.Header.Del("X-Amz-Date")
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: s.key, SecretAccessKey: s.secret}
	if err := v4.NewSigner().SignHTTP(r.Context(), creds, r, hex.EncodeToString(sum[:]), "kms", "us-east-1", s.now()); err != nil {
		return nil, err
	}
	return s.base.RoundTrip(r)
}

func encryptWith(t *testing.T, c *kms.Client, keyID string, pt string, ec map[string]string) []byte {
	t.Helper()
	out, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: &keyID, Plaintext: []byte(pt), EncryptionContext: ec})
	if err != nil {
		t.Fatal(err)
	}
	return out.CiphertextBlob
}

// Encrypt and Decrypt with AES-256-GCM that binds the encryption context:
// Decrypt needs no KeyId, and refuses a changed context, a changed byte,
// and a KeyId of another key.
func TestKMSEncryptDecrypt(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	other := newKMSKey(t, root, "")
	if _, err := root.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/data"), TargetKeyId: md.KeyId}); err != nil {
		t.Fatal(err)
	}
	ec := map[string]string{"Department": "IT", "Purpose": "test"}
	for _, id := range []string{*md.KeyId, *md.Arn, "alias/data", "arn:aws:kms:us-east-1:123456789012:alias/data"} {
		enc, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: &id, Plaintext: []byte("secret data"), EncryptionContext: ec})
		if err != nil {
			t.Fatalf("Encrypt by %s: %v", id, err)
		}
		if *enc.KeyId != *md.Arn || enc.EncryptionAlgorithm != kmstypes.EncryptionAlgorithmSpecSymmetricDefault {
			t.Errorf("Encrypt by %s: %s %s", id, *enc.KeyId, enc.EncryptionAlgorithm)
		}
		if bytes.Contains(enc.CiphertextBlob, []byte("secret data")) {
			t.Error("the plaintext shows in the ciphertext")
		}
		for _, keyID := range []*string{nil, &id} {
			dec, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: ec, KeyId: keyID})
			if err != nil || string(dec.Plaintext) != "secret data" || *dec.KeyId != *md.Arn || *dec.KeyMaterialId != *md.CurrentKeyMaterialId {
				t.Errorf("Decrypt (KeyId %v): %+v %v", keyID, dec, err)
			}
		}
	}
	blob := encryptWith(t, root, *md.KeyId, "secret data", ec)
	for _, bad := range []map[string]string{nil, {"Department": "IT"}, {"Department": "it", "Purpose": "test"},
		{"Department": "IT", "Purpose": "test", "More": "x"}} {
		_, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: bad})
		wantError(t, err, "InvalidCiphertextException", "")
	}
	for i := range blob {
		if i >= 2 && i < 2+int(blob[1]) {
			continue // the key ARN: another ARN names another key (below)
		}
		tampered := bytes.Clone(blob)
		tampered[i] ^= 0x01
		_, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: tampered, EncryptionContext: ec})
		if code, _ := apiError(err); code != "InvalidCiphertextException" {
			t.Fatalf("byte %d changed: %v", i, err)
		}
	}
	_, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob[:len(blob)-1], EncryptionContext: ec})
	wantError(t, err, "InvalidCiphertextException", "")
	_, err = root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: []byte("not a ciphertext")})
	wantError(t, err, "InvalidCiphertextException", "")
	swapped := bytes.Replace(blob, []byte(*md.KeyId), []byte(*other.KeyId), 1)
	_, err = root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: swapped, EncryptionContext: ec})
	wantError(t, err, "InvalidCiphertextException", "")
	_, err = root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: ec, KeyId: other.KeyId})
	wantError(t, err, "IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.")
}

// ReEncrypt decrypts under one key and context and encrypts under another.
func TestKMSReEncrypt(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	a, b := newKMSKey(t, root, ""), newKMSKey(t, root, "")
	blob := encryptWith(t, root, *a.KeyId, "moving", map[string]string{"from": "a"})
	out, err := root.ReEncrypt(ctx, &kms.ReEncryptInput{CiphertextBlob: blob, SourceEncryptionContext: map[string]string{"from": "a"},
		DestinationKeyId: b.Arn, DestinationEncryptionContext: map[string]string{"to": "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if *out.SourceKeyId != *a.Arn || *out.KeyId != *b.Arn || *out.SourceKeyMaterialId != *a.CurrentKeyMaterialId ||
		*out.DestinationKeyMaterialId != *b.CurrentKeyMaterialId {
		t.Errorf("ReEncrypt %+v", out)
	}
	dec, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob, EncryptionContext: map[string]string{"to": "b"}})
	if err != nil || string(dec.Plaintext) != "moving" || *dec.KeyId != *b.Arn {
		t.Errorf("Decrypt after ReEncrypt: %+v %v", dec, err)
	}
	_, err = root.ReEncrypt(ctx, &kms.ReEncryptInput{CiphertextBlob: blob, DestinationKeyId: b.KeyId})
	wantError(t, err, "InvalidCiphertextException", "")
	_, err = root.ReEncrypt(ctx, &kms.ReEncryptInput{CiphertextBlob: blob, SourceKeyId: b.KeyId, SourceEncryptionContext: map[string]string{"from": "a"}, DestinationKeyId: b.KeyId})
	wantError(t, err, "IncorrectKeyException", "")
	// kms:ReEncryptOnSameKey tells a re-encryption under the same key.
	c, _ := l.kmsUser(t, "rotator", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:ReEncrypt*","Resource":"*","Condition":{"Bool":{"kms:ReEncryptOnSameKey":"true"}}}]}`)
	src := map[string]string{"from": "a"}
	if _, err := c.ReEncrypt(ctx, &kms.ReEncryptInput{CiphertextBlob: blob, SourceEncryptionContext: src, DestinationKeyId: a.KeyId}); err != nil {
		t.Errorf("ReEncrypt on the same key: %v", err)
	}
	_, err = c.ReEncrypt(ctx, &kms.ReEncryptInput{CiphertextBlob: blob, SourceEncryptionContext: src, DestinationKeyId: b.KeyId})
	wantError(t, err, "AccessDeniedException", "kms:ReEncryptFrom")
}

// Envelope encryption, as the source document describes it: a data key
// from GenerateDataKey encrypts the data locally; only the encrypted data
// key is kept, and KMS decrypts it when the data is read.
func TestKMSEnvelopeEncryption(t *testing.T) {
	l := newLab(t, nil)
	app := l.kmsClient(appKey, appSec, "")
	ec := map[string]string{"file": "report.csv"}
	dk, err := app.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(seedAlias), KeySpec: kmstypes.DataKeySpecAes256, EncryptionContext: ec})
	if err != nil {
		t.Fatal(err)
	}
	if len(dk.Plaintext) != 32 || *dk.KeyId != seedKeyARN || len(*dk.KeyMaterialId) != 64 {
		t.Fatalf("data key %d bytes, %s", len(dk.Plaintext), *dk.KeyId)
	}
	message := []byte("the application's data, encrypted locally")
	gcm := func(k []byte) cipher.AEAD {
		b, err := aes.NewCipher(k)
		if err != nil {
			t.Fatal(err)
		}
		g, err := cipher.NewGCM(b)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	nonce := make([]byte, 12)
	sealed := gcm(dk.Plaintext).Seal(nil, nonce, message, nil)
	stored := dk.CiphertextBlob // the plaintext data key is thrown away

	back, err := app.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: stored, EncryptionContext: ec})
	if err != nil {
		t.Fatal(err)
	}
	opened, err := gcm(back.Plaintext).Open(nil, nonce, sealed, nil)
	if err != nil || !bytes.Equal(opened, message) {
		t.Fatalf("envelope round trip: %q %v", opened, err)
	}

	noPT, err := app.GenerateDataKeyWithoutPlaintext(ctx, &kms.GenerateDataKeyWithoutPlaintextInput{KeyId: aws.String(seedKeyID), NumberOfBytes: aws.Int32(64)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := app.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: noPT.CiphertextBlob})
	if err != nil || len(d.Plaintext) != 64 {
		t.Errorf("GenerateDataKeyWithoutPlaintext: %v", err)
	}
	k128, err := app.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(seedAlias), KeySpec: kmstypes.DataKeySpecAes128})
	if err != nil || len(k128.Plaintext) != 16 {
		t.Errorf("AES_128: %v", err)
	}
	// The event log never holds plaintexts or ciphertexts.
	for _, e := range l.sim.Handler.Log().Snapshot() {
		for k := range e.RequestParameters {
			if strings.Contains(strings.ToLower(k), "plaintext") || strings.Contains(strings.ToLower(k), "ciphertext") {
				t.Errorf("%s logs %s", e.EventName, k)
			}
		}
	}
}

// Bad input gets AWS's answers.
func TestKMSCryptoValidation(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	big := make([]byte, 4097)
	for _, tc := range []struct {
		name      string
		call      func() error
		code, msg string
	}{
		{"plaintext too long", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: big})
			return err
		},
			"ValidationException", "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"},
		{"not a key ID", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("fake-key-id"), Plaintext: []byte("x")})
			return err
		},
			"NotFoundException", "Invalid keyId 'fake-key-id'"},
		{"no such key", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("00000000-0000-4000-8000-000000000000"), Plaintext: []byte("x")})
			return err
		}, "NotFoundException", "Key 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000000' does not exist"},
		{"no such alias", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/none"), Plaintext: []byte("x")})
			return err
		},
			"NotFoundException", "Alias arn:aws:kms:us-east-1:123456789012:alias/none is not found."},
		{"another Region", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(strings.Replace(*md.Arn, "us-east-1", "us-west-2", 1)), Plaintext: []byte("x")})
			return err
		}, "NotFoundException", "Invalid arn us-west-2"},
		{"asymmetric algorithm", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x"), EncryptionAlgorithm: kmstypes.EncryptionAlgorithmSpecRsaesOaepSha256})
			return err
		}, "InvalidKeyUsageException", "Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT."},
		{"dry run", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x"), DryRun: aws.Bool(true)})
			return err
		},
			"DryRunOperationException", "The request would have succeeded, but the DryRun option is set."},
		{"unknown grant token", func() error {
			_, err := root.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x"), GrantTokens: []string{"AQpAM2Rh"}})
			return err
		}, "InvalidGrantTokenException", ""},
		{"key spec and bytes", func() error {
			_, err := root.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, KeySpec: kmstypes.DataKeySpecAes256, NumberOfBytes: aws.Int32(32)})
			return err
		}, "ValidationException", "Please specify either number of bytes or key spec."},
		{"neither", func() error {
			_, err := root.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId})
			return err
		},
			"ValidationException", "Please specify either number of bytes or key spec."},
		{"too many bytes", func() error {
			_, err := root.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, NumberOfBytes: aws.Int32(1025)})
			return err
		}, "ValidationException", "Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"},
		{"no ciphertext", func() error { _, err := root.Decrypt(ctx, &kms.DecryptInput{}); return err },
			"ValidationException", "Value null at 'ciphertextBlob'"},
		{"ciphertext too long", func() error {
			_, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: make([]byte, 6145)})
			return err
		},
			"ValidationException", "Member must have length less than or equal to 6144"},
		{"alias for a key-only operation", func() error {
			_, err := root.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String("alias/x")})
			return err
		},
			"NotFoundException", "Invalid keyId 'alias/x'"},
		{"alias ARN for a key-only operation", func() error {
			_, err := root.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String("arn:aws:kms:us-east-1:123456789012:alias/x")})
			return err
		}, "InvalidArnException", "Key Aliases are not supported for this operation."},
	} {
		code, msg := apiError(tc.call())
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: %s: %s", tc.name, code, msg)
		}
	}
}

// A disabled key does nothing cryptographic until it is enabled again.
func TestKMSDisabledKey(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	blob := encryptWith(t, root, *md.KeyId, "x", nil)
	if _, err := root.DisableKey(ctx, &kms.DisableKeyInput{KeyId: md.KeyId}); err != nil {
		t.Fatal(err)
	}
	d, err := root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: md.KeyId})
	if err != nil || d.KeyMetadata.KeyState != kmstypes.KeyStateDisabled || d.KeyMetadata.Enabled {
		t.Errorf("DescribeKey of a disabled key: %+v %v", d, err)
	}
	msg := *md.Arn + " is disabled."
	_, err = root.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x")})
	wantError(t, err, "DisabledException", msg)
	_, err = root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob})
	wantError(t, err, "DisabledException", msg)
	_, err = root.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, NumberOfBytes: aws.Int32(8)})
	wantError(t, err, "DisabledException", msg)
	_, err = root.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: md.KeyId})
	wantError(t, err, "DisabledException", msg)
	if _, err := root.EnableKey(ctx, &kms.EnableKeyInput{KeyId: md.KeyId}); err != nil {
		t.Fatal(err)
	}
	if _, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob}); err != nil {
		t.Errorf("Decrypt after EnableKey: %v", err)
	}
}

// Rotation keeps every key material version, so older ciphertexts still
// decrypt; automatic rotation happens when the key is used after its date.
func TestKMSRotation(t *testing.T) {
	l := newLab(t, nil)
	root := l.labTimeKMS(rootKey, rootSec)
	md := newKMSKey(t, root, "")
	id := md.KeyId
	for _, bad := range []int32{89, 2561} {
		_, err := root.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: id, RotationPeriodInDays: &bad})
		wantError(t, err, "ValidationException", "at 'rotationPeriodInDays' failed to satisfy constraint")
	}
	if _, err := root.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: id, RotationPeriodInDays: aws.Int32(90)}); err != nil {
		t.Fatal(err)
	}
	st, err := root.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: id})
	if err != nil || !st.KeyRotationEnabled || *st.RotationPeriodInDays != 90 || st.NextRotationDate.Sub(l.clock.now()) > 90*24*time.Hour ||
		st.NextRotationDate.Sub(l.clock.now()) < 89*24*time.Hour {
		t.Fatalf("rotation status %+v %v", st, err)
	}
	first := encryptWith(t, root, *id, "first", nil)
	if _, err := root.RotateKeyOnDemand(ctx, &kms.RotateKeyOnDemandInput{KeyId: id}); err != nil {
		t.Fatal(err)
	}
	second := encryptWith(t, root, *id, "second", nil)
	rot, err := root.ListKeyRotations(ctx, &kms.ListKeyRotationsInput{KeyId: id})
	if err != nil || len(rot.Rotations) != 1 || rot.Rotations[0].RotationType != kmstypes.RotationTypeOnDemand ||
		rot.Rotations[0].KeyMaterialState != kmstypes.KeyMaterialStateCurrent {
		t.Fatalf("after on-demand rotation: %+v %v", rot, err)
	}
	all, err := root.ListKeyRotations(ctx, &kms.ListKeyRotationsInput{KeyId: id, IncludeKeyMaterial: kmstypes.IncludeKeyMaterialAllKeyMaterial})
	if err != nil || len(all.Rotations) != 2 || *all.Rotations[0].KeyMaterialId != *md.CurrentKeyMaterialId || all.Rotations[0].RotationDate != nil {
		t.Fatalf("all key material: %+v %v", all, err)
	}

	l.clock.advance(91 * 24 * time.Hour)
	third := encryptWith(t, root, *id, "third", nil)
	rot, err = root.ListKeyRotations(ctx, &kms.ListKeyRotationsInput{KeyId: id})
	if err != nil || len(rot.Rotations) != 2 || rot.Rotations[1].RotationType != kmstypes.RotationTypeAutomatic {
		t.Fatalf("after 91 days: %+v %v", rot, err)
	}
	st, err = root.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: id})
	if err != nil || !st.NextRotationDate.After(l.clock.now()) || rot.Rotations[1].RotationDate.After(l.clock.now()) {
		t.Errorf("the next rotation date did not move on: %+v %v", st, err)
	}
	for i, blob := range [][]byte{first, second, third} {
		d, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob})
		if err != nil || string(d.Plaintext) != []string{"first", "second", "third"}[i] {
			t.Errorf("ciphertext %d after rotations: %v", i, err)
		}
		if i == 2 && *d.KeyMaterialId != *rot.Rotations[1].KeyMaterialId {
			t.Errorf("the third ciphertext is not under the automatic rotation's material")
		}
	}
	if _, err := root.DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: id}); err != nil {
		t.Fatal(err)
	}
	st, err = root.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: id})
	if err != nil || st.KeyRotationEnabled || st.RotationPeriodInDays != nil || st.NextRotationDate != nil {
		t.Errorf("after DisableKeyRotation: %+v %v", st, err)
	}
	for i := 1; i < 25; i++ {
		if _, err := root.RotateKeyOnDemand(ctx, &kms.RotateKeyOnDemandInput{KeyId: id}); err != nil {
			t.Fatalf("on-demand rotation %d: %v", i+1, err)
		}
	}
	_, err = root.RotateKeyOnDemand(ctx, &kms.RotateKeyOnDemandInput{KeyId: id})
	wantError(t, err, "LimitExceededException", "The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: "+*md.Arn)
}

// ScheduleKeyDeletion and CancelKeyDeletion; the key is gone, with its
// aliases, once its waiting period is over.
func TestKMSKeyDeletion(t *testing.T) {
	l := newLab(t, nil)
	root := l.labTimeKMS(rootKey, rootSec)
	md := newKMSKey(t, root, "")
	id := md.KeyId
	if _, err := root.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/doomed"), TargetKeyId: id}); err != nil {
		t.Fatal(err)
	}
	_, err := root.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: id, PendingWindowInDays: aws.Int32(6)})
	wantError(t, err, "ValidationException", "PendingWindowInDays")
	_, err = root.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: id})
	wantError(t, err, "KMSInvalidStateException", *md.Arn+" is not pending deletion.")
	out, err := root.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: id, PendingWindowInDays: aws.Int32(7)})
	if err != nil || out.KeyState != kmstypes.KeyStatePendingDeletion || *out.PendingWindowInDays != 7 || *out.KeyId != *md.Arn ||
		out.DeletionDate.Sub(l.clock.now()) < 6*24*time.Hour {
		t.Fatalf("ScheduleKeyDeletion %+v %v", out, err)
	}
	msg := *md.Arn + " is pending deletion."
	_, err = root.Encrypt(ctx, &kms.EncryptInput{KeyId: id, Plaintext: []byte("x")})
	wantError(t, err, "KMSInvalidStateException", msg)
	_, err = root.EnableKey(ctx, &kms.EnableKeyInput{KeyId: id})
	wantError(t, err, "KMSInvalidStateException", msg)
	_, err = root.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: id})
	wantError(t, err, "KMSInvalidStateException", msg)
	if d, err := root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: id}); err != nil || d.KeyMetadata.DeletionDate == nil || *d.KeyMetadata.PendingDeletionWindowInDays != 7 {
		t.Errorf("DescribeKey while pending deletion: %+v %v", d, err)
	}
	if _, err := root.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: id}); err != nil {
		t.Fatal(err)
	}
	d, err := root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: id})
	if err != nil || d.KeyMetadata.KeyState != kmstypes.KeyStateDisabled || d.KeyMetadata.DeletionDate != nil {
		t.Errorf("after CancelKeyDeletion: %+v %v", d, err)
	}
	if _, err := root.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: id, PendingWindowInDays: aws.Int32(7)}); err != nil {
		t.Fatal(err)
	}
	l.clock.advance(7*24*time.Hour + time.Minute)
	_, err = root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: id})
	wantError(t, err, "NotFoundException", "Key '"+*md.Arn+"' does not exist")
	_, err = root.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/doomed")})
	wantError(t, err, "NotFoundException", "Alias arn:aws:kms:us-east-1:123456789012:alias/doomed is not found.")
	list, err := root.ListKeys(ctx, &kms.ListKeysInput{})
	if err != nil || listsKey(list.Keys, *id) {
		t.Errorf("ListKeys lists a deleted key: %v", err)
	}
	al, err := root.ListAliases(ctx, &kms.ListAliasesInput{})
	if err != nil || len(al.Aliases) != 1 || *al.Aliases[0].AliasName != seedAlias {
		t.Errorf("ListAliases after the deletion: %+v %v", al, err)
	}
	if _, err := root.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/doomed"), TargetKeyId: aws.String(seedKeyID)}); err != nil {
		t.Errorf("the deleted key's alias name is not free: %v", err)
	}
}
