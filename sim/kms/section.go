package kms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/sim/world"
)

// DefaultRegion is the Region of a world file's key that names none: the
// Region `iamlab serve` records for calls that name none.
const DefaultRegion = "us-east-1"

// FileKey is a key of a world file's account ("keys", docs/world.md). Its
// key material is made when the file is loaded.
type FileKey struct {
	// ID is the key ID; "" makes a random one.
	ID          string `json:"id,omitempty"`
	Region      string `json:"region,omitempty"`
	Description string `json:"description,omitempty"`
	// Aliases are alias names, "alias/NAME".
	Aliases []string `json:"aliases,omitempty"`
	// Policy is the key policy, a JSON object or a string; the default key
	// policy when absent.
	Policy json.RawMessage `json:"policy,omitempty"`
	// Enabled is true when absent.
	Enabled *bool `json:"enabled,omitempty"`
	// RotationPeriodInDays turns automatic rotation on, from the time the
	// world is set up.
	RotationPeriodInDays int               `json:"rotationPeriodInDays,omitempty"`
	Tags                 map[string]string `json:"tags,omitempty"`
}

func init() { world.RegisterSection("keys", loadKeys) }

// loadKeys makes the keys of a world file's account.
func loadKeys(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	var fks []FileKey
	if err := d.Decode(&fks); err != nil {
		return err
	}
	for i := range fks {
		if err := loadKey(tx, w, account, &fks[i]); err != nil {
			return fmt.Errorf("key %d: %w", i+1, err)
		}
	}
	return nil
}

func loadKey(tx *world.Tx, w *world.World, account string, fk *FileKey) error {
	now := w.Now().UTC()
	k := &Key{ID: fk.ID, Account: account, Region: fk.Region, Description: fk.Description, Spec: SpecSymmetric,
		Usage: UsageEncrypt, Origin: OriginKMS, Created: now, State: StateEnabled,
		Materials: []Material{newMaterial(w, now, "")}}
	if k.ID == "" {
		k.ID = w.NewRequestID()
	}
	if k.Region == "" {
		k.Region = DefaultRegion
	}
	if !isKeyID(k.ID) {
		return fmt.Errorf("id %q is not a key ID (a UUID in lower case)", k.ID)
	}
	if _, dup := keys.Get(tx, k.storeKey()); dup {
		return fmt.Errorf("key %s is given twice", k.ID)
	}
	if fk.Enabled != nil && !*fk.Enabled {
		k.State = StateDisabled
	}
	if err := fileRotation(k, fk.RotationPeriodInDays, now); err != nil {
		return err
	}
	if err := fileTags(k, fk.Tags); err != nil {
		return err
	}
	if err := filePolicy(tx, w, k, fk.Policy); err != nil {
		return err
	}
	if err := fileAliases(tx, k, fk.Aliases, now); err != nil {
		return err
	}
	return keys.Put(tx, k.storeKey(), k)
}

func fileRotation(k *Key, days int, now time.Time) error {
	if days == 0 {
		return nil
	}
	if days < MinRotationDays || days > MaxRotationDays {
		return fmt.Errorf("rotationPeriodInDays must be from %d to %d", MinRotationDays, MaxRotationDays)
	}
	k.Rotation = Rotation{Enabled: true, Period: days, From: now}
	return nil
}

func fileTags(k *Key, tags map[string]string) error {
	for key, v := range tags {
		k.Tags = append(k.Tags, Tag{key, v})
	}
	slices.SortFunc(k.Tags, func(a, b Tag) int { return strings.Compare(a.TagKey, b.TagKey) })
	if err := checkTags(k.Tags); err != nil {
		return fmt.Errorf("tags: %v", err)
	}
	return nil
}

func filePolicy(tx *world.Tx, w *world.World, k *Key, raw json.RawMessage) error {
	text := DefaultPolicy(k.Account)
	if len(raw) > 0 {
		var err error
		if text, err = world.DocumentText(raw); err != nil {
			return fmt.Errorf("policy: %w", err)
		}
	}
	d, err := w.CheckPolicyIn(tx, text, world.ResourcePolicy, lint.KMS)
	if err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	k.Policy = d
	return nil
}

func fileAliases(tx *world.Tx, k *Key, names []string, now time.Time) error {
	for _, n := range names {
		if _, err := aliasName(&n, true); err != nil {
			return fmt.Errorf("alias %q: %v", n, err)
		}
		key := aliasKey(k.Account, k.Region, n)
		if _, dup := aliases.Get(tx, key); dup {
			return fmt.Errorf("alias %s is given twice", n)
		}
		if err := aliases.Put(tx, key, &Alias{Name: n, Account: k.Account, Region: k.Region, Target: k.ID, Created: now, Updated: now}); err != nil {
			return err
		}
		k.Aliases = append(k.Aliases, n)
	}
	if len(k.Aliases) > MaxKeyAliases {
		return fmt.Errorf("a key has at most %d aliases", MaxKeyAliases)
	}
	slices.Sort(k.Aliases)
	return nil
}
