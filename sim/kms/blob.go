package kms

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"sort"
	"strings"
)

// The lab's ciphertext blob. AWS documents its own format only as opaque
// ("The ciphertext blob ... contains the encrypted data and metadata,
// including the key ID"), so the lab has its own, which carries what
// Decrypt needs without a KeyId:
//
//	version   1 byte (blobVersion)
//	arnLen    1 byte
//	keyARN    arnLen bytes: the KMS key's ARN
//	material  32 bytes: the key material version's ID
//	nonce     12 bytes
//	sealed    the AES-256-GCM ciphertext and its 16-byte tag
//
// Everything before sealed, and the encryption context in a canonical
// form, is the GCM additional authenticated data: a blob with any byte
// changed, or decrypted with another encryption context, does not open.
const (
	blobVersion   = 1
	materialBytes = 32
	nonceBytes    = 12
	tagBytes      = 16
	// MaxBlob is the CiphertextBlob parameter's limit (CiphertextType).
	MaxBlob = 6144
	// MaxPlaintext is the Plaintext parameter's limit (PlaintextType).
	MaxPlaintext = 4096
	// maxARN bounds a key ARN in a blob: its length is one byte.
	maxARN = 255
)

var errBlob = errors.New("kms: not a ciphertext blob of this lab")

// blob is a parsed ciphertext blob.
type blob struct {
	keyARN   string
	material [materialBytes]byte
	nonce    [nonceBytes]byte
	header   []byte // the bytes before sealed
	sealed   []byte
}

// parseBlob reads a ciphertext blob. It checks the layout only; whether it
// opens is for open.
func parseBlob(b []byte) (*blob, error) {
	if len(b) < 2 || b[0] != blobVersion {
		return nil, errBlob
	}
	n := int(b[1])
	head := 2 + n + materialBytes + nonceBytes
	if len(b) < head+tagBytes {
		return nil, errBlob
	}
	bl := &blob{keyARN: string(b[2 : 2+n]), header: b[:head], sealed: b[head:]}
	if _, _, _, ok := splitKeyARN(bl.keyARN); !ok {
		return nil, errBlob
	}
	copy(bl.material[:], b[2+n:])
	copy(bl.nonce[:], b[2+n+materialBytes:])
	return bl, nil
}

// splitKeyARN reads arn:aws:kms:REGION:ACCOUNT:key/KEYID.
func splitKeyARN(arn string) (region, account, id string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || !strings.HasPrefix(arn, arnPrefix) || parts[3] == "" || !isAccount(parts[4]) ||
		!strings.HasPrefix(parts[5], "key/") || !isKeyID(parts[5][len("key/"):]) {
		return "", "", "", false
	}
	return parts[3], parts[4], parts[5][len("key/"):], true
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// materialID is the blob's key material ID as KMS writes it.
func (bl *blob) materialID() string { return hex.EncodeToString(bl.material[:]) }

// seal encrypts plaintext under a key material version. nonce must be
// random: a (secret, nonce) pair must never repeat.
func seal(keyARN string, m *Material, nonce []byte, plaintext []byte, ec map[string]string) ([]byte, error) {
	if len(keyARN) > maxARN || len(nonce) != nonceBytes {
		return nil, errBlob
	}
	id, err := hex.DecodeString(m.ID)
	if err != nil || len(id) != materialBytes {
		return nil, errBlob
	}
	aead, err := gcm(m.Secret)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, 2+len(keyARN)+materialBytes+nonceBytes+len(plaintext)+tagBytes)
	out = append(out, blobVersion, byte(len(keyARN)))
	out = append(out, keyARN...)
	out = append(out, id...)
	out = append(out, nonce...)
	aad := additionalData(out, ec)
	return aead.Seal(out, nonce, plaintext, aad), nil
}

// open decrypts a parsed blob with its key material.
func open(bl *blob, m *Material, ec map[string]string) ([]byte, error) {
	aead, err := gcm(m.Secret)
	if err != nil {
		return nil, err
	}
	return aead.Open(nil, bl.nonce[:], bl.sealed, additionalData(bl.header, ec))
}

func gcm(secret []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(secret)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// additionalData is the header followed by the encryption context: its
// pair count, then each pair in key order, every string prefixed by its
// length, so that no two contexts write the same bytes.
func additionalData(header []byte, ec map[string]string) []byte {
	keys := make([]string, 0, len(ec))
	for k := range ec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]byte, 0, len(header)+64)
	out = append(out, header...)
	out = binary.AppendUvarint(out, uint64(len(keys)))
	for _, k := range keys {
		out = binary.AppendUvarint(out, uint64(len(k)))
		out = append(out, k...)
		out = binary.AppendUvarint(out, uint64(len(ec[k])))
		out = append(out, ec[k]...)
	}
	return out
}
