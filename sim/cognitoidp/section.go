package cognitoidp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// filePool is a user pool of a world file's "userPools" (docs/world.md):
// its ID (region_suffix, fixed so that identity pools and trust policies
// can name it), CreateUserPool's settings, its app clients and users.
type filePool struct {
	ID       string       `json:"id"`
	Settings Settings     `json:"settings"`
	Clients  []fileClient `json:"clients,omitempty"`
	Users    []fileUser   `json:"users,omitempty"`
}

type fileClient struct {
	ID       string         `json:"id"`
	Secret   string         `json:"secret,omitempty"`
	Settings ClientSettings `json:"settings"`
}

// fileUser is a user: with a temporaryPassword it must change it at the
// first sign-in (FORCE_CHANGE_PASSWORD, as AdminCreateUser makes it),
// with a password it is CONFIRMED. The world keeps only the SRP verifier.
type fileUser struct {
	Username          string            `json:"username"`
	Attributes        map[string]string `json:"attributes,omitempty"`
	TemporaryPassword string            `json:"temporaryPassword,omitempty"`
	Password          string            `json:"password,omitempty"`
}

func init() {
	world.RegisterSection("userPools", loadPools)
}

func loadPools(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
	var list []filePool
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&list); err != nil {
		return err
	}
	now := w.Now().UTC().Truncate(time.Millisecond)
	for i := range list {
		if err := loadPool(tx, w, account, &list[i], now); err != nil {
			return fmt.Errorf("user pool %s: %w", list[i].ID, err)
		}
	}
	return nil
}

func loadPool(tx *world.Tx, w *world.World, account string, f *filePool, now time.Time) error {
	if len(f.ID) > MaxPoolID || !poolIDPattern.MatchString(f.ID) {
		return fmt.Errorf("the id must be REGION_SUFFIX, such as us-east-1_AbCdEf123")
	}
	if _, dup := pools.Get(tx, f.ID); dup {
		return fmt.Errorf("given twice")
	}
	if err := checkSettings(&f.Settings); err != nil {
		return err
	}
	p := &Pool{ID: f.ID, Account: account, Settings: f.Settings, Created: now, Modified: now}
	if err := pools.Put(tx, p.ID, p); err != nil {
		return err
	}
	for _, fc := range f.Clients {
		if fc.ID == "" {
			return fmt.Errorf("a client without an id")
		}
		if _, dup := clients.Get(tx, fc.ID); dup {
			return fmt.Errorf("client %s is given twice", fc.ID)
		}
		s := fc.Settings
		if err := checkClient(&s); err != nil {
			return fmt.Errorf("client %s: %w", fc.ID, err)
		}
		s.ClientSecret = fc.Secret
		cl := &Client{ID: fc.ID, PoolID: p.ID, Settings: s, Created: now, Modified: now}
		if err := clients.Put(tx, cl.ID, cl); err != nil {
			return err
		}
	}
	for _, fu := range f.Users {
		if err := loadUser(tx, w, p, fu, now); err != nil {
			return fmt.Errorf("user %s: %w", fu.Username, err)
		}
	}
	return nil
}

func loadUser(tx *world.Tx, w *world.World, p *Pool, fu fileUser, now time.Time) error {
	names := make([]string, 0, len(fu.Attributes))
	for k := range fu.Attributes {
		names = append(names, k)
	}
	sort.Strings(names)
	var attrs []Attribute
	for _, k := range names {
		attrs = append(attrs, Attribute{k, fu.Attributes[k]})
	}
	u, err := newUser(w, now, p, fu.Username, attrs)
	if err != nil {
		return err
	}
	if _, dup := findUser(tx, p, fu.Username); dup {
		return fmt.Errorf("given twice")
	}
	pw := fu.Password
	u.Status = StatusConfirmed
	if fu.TemporaryPassword != "" {
		pw, u.Status = fu.TemporaryPassword, StatusForceChange
		u.TempExpires = now.Add(time.Duration(p.policy().TemporaryPasswordValidityDays) * 24 * time.Hour)
	}
	if pw == "" {
		return fmt.Errorf("a password or a temporaryPassword is needed")
	}
	if err := checkPassword(p, pw); err != nil {
		return err
	}
	setPassword(w, p, u, pw)
	return users.Put(tx, userKey(p, u.Username), u)
}
