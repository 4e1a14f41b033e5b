package kms

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// The records of KMS, each in its namespace of the world. Keys and aliases
// are regional: their keys start with ACCOUNT/REGION/.
var (
	keys    = world.NewKind[Key]("kms/key")     // ACCOUNT/REGION/KEYID
	aliases = world.NewKind[Alias]("kms/alias") // ACCOUNT/REGION/alias/NAME
	grants  = world.NewKind[Grant]("kms/grant") // ACCOUNT/REGION/KEYID/GRANTID
)

// Key states ("Key states of AWS KMS keys", KMS Developer Guide). The lab's
// keys have their key material from the start, so they are never
// PendingImport, Creating or Unavailable.
const (
	StateEnabled         = "Enabled"
	StateDisabled        = "Disabled"
	StatePendingDeletion = "PendingDeletion"
)

// The kind of key the lab makes: "SYMMETRIC_DEFAULT ... represents a single
// 256-bit AES-GCM key" (KMS Developer Guide, key spec reference).
const (
	SpecSymmetric    = "SYMMETRIC_DEFAULT"
	UsageEncrypt     = "ENCRYPT_DECRYPT"
	OriginKMS        = "AWS_KMS"
	AlgorithmDefault = "SYMMETRIC_DEFAULT"
)

// Key is a KMS key. Its key material is stored with it, in the clear: the
// simulator's state file holds every key's material.
type Key struct {
	ID          string    `json:"id"`
	Account     string    `json:"account"`
	Region      string    `json:"region"`
	Description string    `json:"description"`
	Spec        string    `json:"spec"`
	Usage       string    `json:"usage"`
	Origin      string    `json:"origin"`
	Created     time.Time `json:"created"`
	State       string    `json:"state"`
	// Deletion is when a key pending deletion is deleted; Window is the
	// waiting period that was asked for, in days.
	Deletion time.Time  `json:"deletion,omitzero"`
	Window   int        `json:"window,omitempty"`
	Policy   *world.Doc `json:"policy"`
	Tags     []Tag      `json:"tags,omitempty"`
	// Aliases are the names of the key's aliases, sorted; the alias
	// records are the truth, this is their index for kms:ResourceAliases.
	Aliases  []string `json:"aliases,omitempty"`
	Rotation Rotation `json:"rotation"`
	// Materials are the key material versions, oldest first; the last is
	// current. Older ones stay to decrypt what they encrypted.
	Materials []Material `json:"materials"`
}

// Rotation is a key's automatic rotation setting and on-demand count.
type Rotation struct {
	Enabled bool `json:"enabled"`
	Period  int  `json:"period,omitempty"` // days
	// From is when the current rotation period began: when rotation was
	// enabled, or the last automatic rotation.
	From     time.Time `json:"from,omitzero"`
	OnDemand int       `json:"onDemand,omitempty"`
}

// Next is when automatic rotation rotates the key material next.
func (r Rotation) Next() time.Time { return r.From.AddDate(0, 0, r.Period) }

// Rotation types, as ListKeyRotations names them.
const (
	RotationAutomatic = "AUTOMATIC"
	RotationOnDemand  = "ON_DEMAND"
)

// Material is one version of a key's 256-bit key material.
type Material struct {
	// ID is the key material ID: 64 hexadecimal digits.
	ID      string    `json:"id"`
	Secret  []byte    `json:"secret"`
	Created time.Time `json:"created"`
	// Rotation is how the version came: "" for the first,
	// RotationAutomatic or RotationOnDemand.
	Rotation string `json:"rotation,omitempty"`
}

// Tag is a KMS tag, as the API writes it.
type Tag struct {
	TagKey   string
	TagValue string
}

// storeKey is a key's record key.
func storeKey(account, region, id string) string { return account + "/" + region + "/" + id }

// ARN is arn:aws:kms:REGION:ACCOUNT:key/ID.
func (k *Key) ARN() string { return KeyARN(k.Region, k.Account, k.ID) }

// KeyARN is a key's ARN.
func KeyARN(region, account, id string) string {
	return "arn:aws:kms:" + region + ":" + account + ":key/" + id
}

func (k *Key) storeKey() string { return storeKey(k.Account, k.Region, k.ID) }

// Current is the key material that encrypts.
func (k *Key) Current() *Material { return &k.Materials[len(k.Materials)-1] }

// Material returns the version with the given ID.
func (k *Key) Material(id string) (*Material, bool) {
	for i := range k.Materials {
		if k.Materials[i].ID == id {
			return &k.Materials[i], true
		}
	}
	return nil, false
}

// Gone reports whether a key pending deletion has been deleted by now: the
// lab deletes keys when they are next looked at after their deletion date.
func (k *Key) Gone(now time.Time) bool {
	return k.State == StatePendingDeletion && !now.Before(k.Deletion)
}

// Clone returns a copy that can be changed.
func (k *Key) Clone() *Key {
	c := *k
	c.Tags = slices.Clone(k.Tags)
	c.Aliases = slices.Clone(k.Aliases)
	c.Materials = slices.Clone(k.Materials)
	return &c
}

// Alias is an alias of a key.
type Alias struct {
	Name    string    `json:"name"` // alias/NAME
	Account string    `json:"account"`
	Region  string    `json:"region"`
	Target  string    `json:"target"` // key ID
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// ARN is arn:aws:kms:REGION:ACCOUNT:alias/NAME.
func (a *Alias) ARN() string { return AliasARN(a.Region, a.Account, a.Name) }

// AliasARN is an alias's ARN; name starts with "alias/".
func AliasARN(region, account, name string) string {
	return "arn:aws:kms:" + region + ":" + account + ":" + name
}

func aliasKey(account, region, name string) string { return account + "/" + region + "/" + name }

// epoch writes a time as the JSON protocols write timestamps: seconds since
// the Unix epoch, with milliseconds.
type epoch time.Time

func (e epoch) MarshalJSON() ([]byte, error) {
	ms := time.Time(e).UnixMilli()
	return []byte(strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)), nil
}

func stamp(t time.Time) *epoch {
	if t.IsZero() {
		return nil
	}
	e := epoch(t)
	return &e
}

var _ json.Marshaler = epoch{}
