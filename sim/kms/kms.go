// Package kms is the simulated AWS Key Management Service (JSON 1.1,
// X-Amz-Target TrentService.*): symmetric encryption KMS keys with their
// key policies, aliases, grants, tags, rotation and deletion, and the
// cryptographic operations (Encrypt, Decrypt, ReEncrypt, GenerateDataKey,
// GenerateDataKeyWithoutPlaintext) with real AES-256-GCM that binds the
// encryption context.
//
// Every call is authorized as AWS KMS authorizes it (access.go): the key
// policy is the key's resource policy and must allow the caller, or
// delegate to the account so that IAM policies count; grants are a further
// way to allow. Key material comes from the world's randomness and is kept
// in the world's store: this is a simulator, and the state file holds
// every key's material in the clear.
package kms

import (
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// New returns the KMS service.
func New() *service.JSON {
	return &service.JSON{
		SigningName:  "kms",
		TargetPrefix: "TrentService",
		Version:      "1.1",
		Ops: map[string]service.JSONOp{
			"CreateKey": createKey, "DescribeKey": describeKey, "ListKeys": listKeys,
			"UpdateKeyDescription": updateKeyDescription,
			"EnableKey":            enableKey, "DisableKey": disableKey,
			"ScheduleKeyDeletion": scheduleKeyDeletion, "CancelKeyDeletion": cancelKeyDeletion,
			"GetKeyPolicy": getKeyPolicy, "PutKeyPolicy": putKeyPolicy, "ListKeyPolicies": listKeyPolicies,
			"CreateAlias": createAlias, "UpdateAlias": updateAlias, "DeleteAlias": deleteAlias, "ListAliases": listAliases,
			"Encrypt": encrypt, "Decrypt": decrypt, "ReEncrypt": reEncrypt,
			"GenerateDataKey": generateDataKey, "GenerateDataKeyWithoutPlaintext": generateDataKeyWithoutPlaintext,
			"GenerateRandom":    generateRandom,
			"EnableKeyRotation": enableKeyRotation, "DisableKeyRotation": disableKeyRotation,
			"GetKeyRotationStatus": getKeyRotationStatus, "RotateKeyOnDemand": rotateKeyOnDemand,
			"ListKeyRotations": listKeyRotations,
			"CreateGrant":      createGrant, "ListGrants": listGrants, "ListRetirableGrants": listRetirableGrants,
			"RetireGrant": retireGrant, "RevokeGrant": revokeGrant,
			"TagResource": tagResource, "UntagResource": untagResource, "ListResourceTags": listResourceTags,
		},
		UnsignedOps: map[string]bool{},
	}
}

// random returns n bytes of the world's randomness (injected: the same
// handler runs natively, in the page and in tests).
func random(w *world.World, n int) []byte {
	b, err := base64.StdEncoding.DecodeString(w.NewToken(n))
	if err != nil || len(b) != n {
		panic("kms: the world's randomness gave a malformed token") // NewToken encodes n bytes
	}
	return b
}

// newMaterial makes a key material version: a 256-bit AES key and its ID.
func newMaterial(w *world.World, now time.Time, rotation string) Material {
	return Material{ID: hex.EncodeToString(random(w, materialBytes)), Secret: random(w, 32),
		Created: now.UTC(), Rotation: rotation}
}

// read runs fn in a view of the world, or in an update when a key it uses
// owes an automatic rotation (errSettle): the world has no background
// work, so a rotation whose date has passed happens when the key is next
// used.
func read(c *service.Call, fn func(tx *world.Tx, write bool) error) error {
	err := c.World.View(func(tx *world.Tx) error { return fn(tx, false) })
	if err != errSettle {
		return err
	}
	return c.World.Update(func(tx *world.Tx) error { return fn(tx, true) })
}

// write runs fn in an update of the world.
func write(c *service.Call, fn func(tx *world.Tx) error) error {
	return c.World.Update(fn)
}
