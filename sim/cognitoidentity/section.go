package cognitoidentity

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/iamlab/iamlab/sim/world"
)

// filePool is an identity pool of a world file's "identityPools"
// (docs/world.md): CreateIdentityPool's fields with a fixed
// IdentityPoolId (trust policies name it), and SetIdentityPoolRoles'.
type filePool struct {
	Pool
	Roles        map[string]string      `json:"Roles,omitempty"`
	RoleMappings map[string]RoleMapping `json:"RoleMappings,omitempty"`
}

func init() {
	world.RegisterSection("identityPools", func(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
		var list []filePool
		d := json.NewDecoder(bytes.NewReader(raw))
		d.DisallowUnknownFields()
		if err := d.Decode(&list); err != nil {
			return err
		}
		for _, f := range list {
			if err := checkPoolID(f.IdentityPoolId); err != nil {
				return fmt.Errorf("identity pool %q: %s", f.IdentityPoolId, err.(interface{ Error() string }).Error())
			}
			if err := checkPool(&f.Pool); err != nil {
				return fmt.Errorf("identity pool %s: %w", f.IdentityPoolId, err)
			}
			if err := checkRoles(f.Roles, f.RoleMappings); err != nil {
				return fmt.Errorf("identity pool %s: %w", f.IdentityPoolId, err)
			}
			if _, dup := pools.Get(tx, f.IdentityPoolId); dup {
				return fmt.Errorf("identity pool %s is given twice", f.IdentityPoolId)
			}
			p := &stored{Pool: f.Pool, Account: account, Roles: f.Roles, RoleMappings: f.RoleMappings}
			if err := pools.Put(tx, p.IdentityPoolId, p); err != nil {
				return err
			}
		}
		return nil
	})
}
