package kms

import (
	"errors"
	"time"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Rotation limits (KMS API Reference): "RotationPeriodInDays ... Valid
// Range: Minimum value of 90. Maximum value of 2560", "If no value is
// specified, the default value is 365 days"; "You can perform on-demand
// key rotation a maximum of 25 times per KMS key" (RotateKeyOnDemand).
const (
	MinRotationDays     = 90
	MaxRotationDays     = 2560
	DefaultRotationDays = 365
	MaxOnDemand         = 25
	// MaxCatchUp bounds the versions made at once for rotations that fell
	// due while nobody used the key (a clock moved years ahead); the
	// schedule still moves past them.
	MaxCatchUp = 32
)

// errSettle asks read to run again in an update, to apply due rotations.
var errSettle = errors.New("kms: a key owes an automatic rotation")

// due reports whether automatic rotation owes the key a new version:
// "While a KMS key is disabled, AWS KMS does not rotate the key material"
// (rotating keys), nor while it is pending deletion.
func due(k *Key, now time.Time) bool {
	return k.State == StateEnabled && k.Rotation.Enabled && !now.Before(k.Rotation.Next())
}

// settle applies the automatic rotations due by now, each dated when it
// fell due. In a view it asks for an update instead.
func settle(c *service.Call, tx *world.Tx, k *Key, write bool) (*Key, error) {
	now := c.Env.Now
	if !due(k, now) {
		return k, nil
	}
	if !write {
		return nil, errSettle
	}
	n := k.Clone()
	for i := 0; i < MaxCatchUp && due(n, now); i++ {
		at := n.Rotation.Next()
		n.Materials = append(n.Materials, newMaterial(c.World, at, RotationAutomatic))
		n.Rotation.From = at
	}
	if due(n, now) {
		periods := int(now.Sub(n.Rotation.From).Hours()/24) / n.Rotation.Period
		n.Rotation.From = n.Rotation.From.AddDate(0, 0, periods*n.Rotation.Period)
	}
	return n, keys.Put(tx, n.storeKey(), n)
}

// use finds the key a request names and applies its due rotations.
func use(c *service.Call, tx *world.Tx, raw string, how keyUse, write bool) (*Key, ref, error) {
	k, r, err := resolve(c, tx, raw, how)
	if err != nil {
		return nil, r, err
	}
	k, err = settle(c, tx, k, write)
	return k, r, err
}

// usable checks the key state for an operation that uses the key
// material: "DisabledException: <key ARN> is disabled.",
// "KMSInvalidStateException: <key ARN> is pending deletion." (key states).
func usable(k *Key) error {
	switch k.State {
	case StateDisabled:
		return disabled(k.ARN())
	case StatePendingDeletion:
		return pendingDeletion(k.ARN())
	}
	return nil
}

// changeable checks the key state for an operation that changes the key:
// it fails only on a key pending deletion.
func changeable(k *Key) error {
	if k.State == StatePendingDeletion {
		return pendingDeletion(k.ARN())
	}
	return nil
}

type keyIDInput struct {
	KeyId *string
}

type rotationInput struct {
	KeyId                *string
	RotationPeriodInDays *int
}

// enableKeyRotation: "When you enable automatic key rotation, AWS KMS
// rotates the key material of the KMS key one rotation period after the
// enable date ... and every rotation period thereafter."
func enableKeyRotation(c *service.Call) (any, error) {
	var in rotationInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	period := DefaultRotationDays
	if in.RotationPeriodInDays != nil {
		period = *in.RotationPeriodInDays
	}
	if period < MinRotationDays {
		return nil, belowMin(period, "rotationPeriodInDays", MinRotationDays)
	}
	if period > MaxRotationDays {
		return nil, aboveMax(period, "rotationPeriodInDays", MaxRotationDays)
	}
	return nil, changeKey(c, id, "kms:EnableKeyRotation", usable, func(k *Key) error {
		if !k.Rotation.Enabled {
			k.Rotation.From = c.Env.Now.UTC()
		}
		k.Rotation.Enabled, k.Rotation.Period = true, period
		return nil
	}, entry("kms:RotationPeriodInDays", itoa(period)))
}

func disableKeyRotation(c *service.Call) (any, error) {
	var in keyIDInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	return nil, changeKey(c, id, "kms:DisableKeyRotation", usable, func(k *Key) error { k.Rotation.Enabled = false; return nil })
}

type rotationStatus struct {
	KeyId                string
	KeyRotationEnabled   bool
	RotationPeriodInDays *int   `json:",omitempty"`
	NextRotationDate     *epoch `json:",omitempty"`
}

func getKeyRotationStatus(c *service.Call) (any, error) {
	var in keyIDInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	var out *rotationStatus
	err = read(c, func(tx *world.Tx, write bool) error {
		k, _, err := use(c, tx, id, ownKey, write)
		if err != nil {
			return err
		}
		if err := allowKey(c, tx, k, question{action: "kms:GetKeyRotationStatus"}); err != nil {
			return err
		}
		out = &rotationStatus{KeyId: k.ID, KeyRotationEnabled: k.Rotation.Enabled}
		if k.Rotation.Enabled {
			p := k.Rotation.Period
			out.RotationPeriodInDays, out.NextRotationDate = &p, stamp(k.Rotation.Next())
		}
		return nil
	})
	return out, err
}

// rotateKeyOnDemand makes a new version at once. "On-demand rotations do
// not change existing automatic rotation schedules."
func rotateKeyOnDemand(c *service.Call) (any, error) {
	var in keyIDInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	var keyID string
	err = write(c, func(tx *world.Tx) error {
		k, _, err := use(c, tx, id, ownKey, true)
		if err != nil {
			return err
		}
		if err := allowKey(c, tx, k, question{action: "kms:RotateKeyOnDemand"}); err != nil {
			return err
		}
		if err := usable(k); err != nil {
			return err
		}
		if k.Rotation.OnDemand >= MaxOnDemand {
			return limitExceeded("The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: %s", k.ARN())
		}
		n := k.Clone()
		n.Rotation.OnDemand++
		n.Materials = append(n.Materials, newMaterial(c.World, c.Env.Now, RotationOnDemand))
		keyID = n.ID
		return keys.Put(tx, n.storeKey(), n)
	})
	if err != nil {
		return nil, err
	}
	return map[string]string{"KeyId": keyID}, nil
}

type listRotationsInput struct {
	KeyId              *string
	IncludeKeyMaterial *string
	Limit              *int
	Marker             *string
}

type rotationEntry struct {
	KeyId            string
	KeyMaterialId    string
	KeyMaterialState string
	RotationDate     *epoch `json:",omitempty"`
	RotationType     string `json:",omitempty"`
}

// listKeyRotations lists the versions made by rotation, oldest first; with
// IncludeKeyMaterial ALL_KEY_MATERIAL also the first.
func listKeyRotations(c *service.Call) (any, error) {
	var in listRotationsInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	all := false
	if in.IncludeKeyMaterial != nil {
		switch *in.IncludeKeyMaterial {
		case "ALL_KEY_MATERIAL":
			all = true
		case "ROTATIONS_ONLY":
		default:
			return nil, enumError(*in.IncludeKeyMaterial, "includeKeyMaterial", []string{"ALL_KEY_MATERIAL", "ROTATIONS_ONLY"})
		}
	}
	pg, err := readPage(in.Limit, in.Marker, 100, 1000)
	if err != nil {
		return nil, err
	}
	var entries []rotationEntry
	err = read(c, func(tx *world.Tx, write bool) error {
		k, _, err := use(c, tx, id, ownKey, write)
		if err != nil {
			return err
		}
		if err := allowKey(c, tx, k, question{action: "kms:ListKeyRotations"}); err != nil {
			return err
		}
		entries = rotationEntries(k, all)
		return nil
	})
	if err != nil {
		return nil, err
	}
	items, next, more := paginate(entries, pg)
	return struct {
		Rotations  []rotationEntry
		NextMarker string `json:",omitempty"`
		Truncated  bool
	}{orEmpty(items), next, more}, nil
}

func rotationEntries(k *Key, all bool) []rotationEntry {
	var out []rotationEntry
	for i := range k.Materials {
		m := &k.Materials[i]
		if m.Rotation == "" && !all {
			continue
		}
		state := "NON_CURRENT"
		if i == len(k.Materials)-1 {
			state = "CURRENT"
		}
		e := rotationEntry{KeyId: k.ID, KeyMaterialId: m.ID, KeyMaterialState: state, RotationType: m.Rotation}
		if m.Rotation != "" {
			e.RotationDate = stamp(m.Created)
		}
		out = append(out, e)
	}
	return out
}
