package kms

import (
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// The waiting period of a key deletion: "If you include a value, it must
// be between 7 and 30, inclusive. If you do not include a value, it
// defaults to 30" (ScheduleKeyDeletion).
const (
	MinDeletionDays     = 7
	MaxDeletionDays     = 30
	DefaultDeletionDays = 30
)

// MaxDescription bounds a key's description (DescriptionType).
const MaxDescription = 8192

// changeKey runs a change of a key of the caller's account: find it,
// authorize action (key policy only: no grant allows these operations),
// check its state, change a copy and save it.
func changeKey(c *service.Call, id, action string, check func(*Key) error, change func(*Key) error, ctx ...authz.Entry) error {
	return write(c, func(tx *world.Tx) error {
		k, _, err := use(c, tx, id, ownKey, true)
		if err != nil {
			return err
		}
		if err := allowKey(c, tx, k, question{action: action, ctx: ctx}); err != nil {
			return err
		}
		if err := check(k); err != nil {
			return err
		}
		n := k.Clone()
		if err := change(n); err != nil {
			return err
		}
		return keys.Put(tx, n.storeKey(), n)
	})
}

func keyIDOf(c *service.Call) (string, error) {
	var in keyIDInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return "", err
	}
	return required(in.KeyId, "KeyId")
}

// enableKey and disableKey: "Sets the key state of a KMS key to enabled"
// or disabled; "You cannot perform this operation on a KMS key in a
// different AWS account." A key pending deletion must first have its
// deletion canceled.
func enableKey(c *service.Call) (any, error) {
	id, err := keyIDOf(c)
	if err != nil {
		return nil, err
	}
	return nil, changeKey(c, id, "kms:EnableKey", changeable, func(k *Key) error { k.State = StateEnabled; return nil })
}

func disableKey(c *service.Call) (any, error) {
	id, err := keyIDOf(c)
	if err != nil {
		return nil, err
	}
	return nil, changeKey(c, id, "kms:DisableKey", changeable, func(k *Key) error { k.State = StateDisabled; return nil })
}

type descriptionInput struct {
	KeyId       *string
	Description *string
}

func updateKeyDescription(c *service.Call) (any, error) {
	var in descriptionInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	if in.Description == nil {
		return nil, missing("Description")
	}
	if len(*in.Description) > MaxDescription {
		return nil, tooLong("description", MaxDescription)
	}
	return nil, changeKey(c, id, "kms:UpdateKeyDescription", changeable, func(k *Key) error { k.Description = *in.Description; return nil })
}

type scheduleInput struct {
	KeyId               *string
	PendingWindowInDays *int
}

// scheduleKeyDeletion puts the key in PendingDeletion; the lab deletes it
// when it is next looked at after the deletion date (Key.Gone).
func scheduleKeyDeletion(c *service.Call) (any, error) {
	var in scheduleInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	days := DefaultDeletionDays
	if in.PendingWindowInDays != nil {
		days = *in.PendingWindowInDays
	}
	if days < MinDeletionDays || days > MaxDeletionDays {
		// The shape allows 1 to 365; the service, 7 to 30. AWS's wording
		// of this refusal was not seen.
		return nil, validation("PendingWindowInDays must be between %d and %d, inclusive, but it is %d", MinDeletionDays, MaxDeletionDays, days)
	}
	var k2 Key
	err = changeKey(c, id, "kms:ScheduleKeyDeletion", changeable, func(k *Key) error {
		k.State, k.Window = StatePendingDeletion, days
		k.Deletion = c.Env.Now.UTC().Add(time.Duration(days) * 24 * time.Hour)
		k2 = *k
		return nil
	}, entry("kms:ScheduleKeyDeletionPendingWindowInDays", itoa(days)))
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = map[string]any{"keyId": k2.ARN(), "keyState": k2.State,
		"deletionDate": k2.Deletion.Format(trailDate), "pendingWindowInDays": days}
	return struct {
		KeyId               string
		DeletionDate        *epoch
		KeyState            string
		PendingWindowInDays int
	}{k2.ARN(), stamp(k2.Deletion), k2.State, days}, nil
}

// cancelKeyDeletion: "When this operation succeeds, the key state of the
// KMS key is Disabled. To enable the KMS key, use EnableKey."
func cancelKeyDeletion(c *service.Call) (any, error) {
	id, err := keyIDOf(c)
	if err != nil {
		return nil, err
	}
	var arn string
	err = changeKey(c, id, "kms:CancelKeyDeletion", func(k *Key) error {
		if k.State != StatePendingDeletion {
			return notPendingDeletion(k.ARN())
		}
		return nil
	}, func(k *Key) error {
		k.State, k.Deletion, k.Window = StateDisabled, time.Time{}, 0
		arn = k.ARN()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]string{"KeyId": arn}, nil
}
