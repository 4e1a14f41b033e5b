package kms

import (
	"encoding/hex"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"sort"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Grant limits: "Grants per KMS key: 50,000" (KMS quotas); "Each grant
// constraint value can include up to 8 encryption context pairs. The
// encryption context value in each grant constraint cannot exceed 384
// characters" (grant constraints); PrincipalIdType and GrantNameType are
// 1 to 256 characters of their patterns.
const (
	MaxKeyGrants         = 50000
	MaxConstraintPairs   = 8
	MaxConstraintValue   = 384
	MaxPrincipal         = 256
	MaxGrantName         = 256
	principalPattern     = `^[\w+=,.@:/-]+$`
	grantNamePattern     = `^[a-zA-Z0-9:/_-]+$`
	grantIDLength        = 64
	grantTokenRandomness = 96
)

var (
	principalRE = regexp.MustCompile(principalPattern)
	grantNameRE = regexp.MustCompile(grantNamePattern)
	// grantOperations are the GrantOperation values; the lab's symmetric
	// encryption keys take those before the line.
	grantOperations = []string{"Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
		"ReEncryptFrom", "ReEncryptTo", "CreateGrant", "RetireGrant", "DescribeKey",
		"GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
		"Sign", "Verify", "GetPublicKey", "GenerateMac", "VerifyMac", "DeriveSharedSecret"}
	symmetricOperations = grantOperations[:11]
)

type createGrantInput struct {
	KeyId             *string
	GranteePrincipal  *string
	RetiringPrincipal *string
	Operations        []string
	Constraints       *Constraints
	GrantTokens       []string
	Name              *string
	DryRun            *bool
}

func principalParam(p *string, member string, need bool) (string, error) {
	if p == nil {
		if need {
			return "", missing(member)
		}
		return "", nil
	}
	switch v := *p; {
	case len(v) < 1:
		return "", tooShort(lowerFirst(member), 1)
	case len(v) > MaxPrincipal:
		return "", tooLong(lowerFirst(member), MaxPrincipal)
	case !principalRE.MatchString(v):
		return "", patternError(v, lowerFirst(member), principalPattern)
	}
	return *p, nil
}

// operations checks Operations: "A grant can only allow grant operations
// ... If you specify an unsupported operation, the CreateGrant request
// fails with a ValidationException". A grant of CreateGrant alone is
// refused with "Grants must not contain only the CreateGrant operation."
func operations(ops []string) ([]string, error) {
	if ops == nil {
		return nil, missing("Operations")
	}
	for _, op := range ops {
		if !slices.Contains(grantOperations, op) {
			return nil, enumError(op, "operations", grantOperations)
		}
		if !slices.Contains(symmetricOperations, op) {
			return nil, validation("The grant operation %s is not supported by a %s KMS key.", op, SpecSymmetric)
		}
	}
	out := slices.Clone(ops)
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil, tooShort("operations", 1)
	}
	if len(out) == 1 && out[0] == "CreateGrant" {
		return nil, validation("Grants must not contain only the CreateGrant operation.")
	}
	return out, nil
}

// constraints checks Constraints. AWS's wording of these refusals was not
// seen.
func constraints(cs *Constraints) error {
	if cs == nil {
		return nil
	}
	if cs.EncryptionContextEquals != nil && cs.EncryptionContextSubset != nil {
		return validation("A grant can have an EncryptionContextEquals or an EncryptionContextSubset constraint, not both.")
	}
	for _, m := range []map[string]string{cs.EncryptionContextEquals, cs.EncryptionContextSubset} {
		if len(m) > MaxConstraintPairs {
			return validation("A grant constraint can have at most %d encryption context pairs.", MaxConstraintPairs)
		}
		for _, v := range m {
			if len(v) > MaxConstraintValue {
				return validation("An encryption context value in a grant constraint can have at most %d characters.", MaxConstraintValue)
			}
		}
	}
	return nil
}

func (in *createGrantInput) grant() (*Grant, error) {
	grantee, err := principalParam(in.GranteePrincipal, "GranteePrincipal", true)
	if err != nil {
		return nil, err
	}
	retiring, err := principalParam(in.RetiringPrincipal, "RetiringPrincipal", false)
	if err != nil {
		return nil, err
	}
	ops, err := operations(in.Operations)
	if err != nil {
		return nil, err
	}
	if err := constraints(in.Constraints); err != nil {
		return nil, err
	}
	g := &Grant{Grantee: grantee, Retiring: retiring, Operations: ops, Constraints: in.Constraints}
	if in.Name != nil {
		switch n := *in.Name; {
		case len(n) < 1 || len(n) > MaxGrantName:
			return nil, tooLong("name", MaxGrantName)
		case !grantNameRE.MatchString(n):
			return nil, patternError(n, "name", grantNamePattern)
		}
		g.Name = *in.Name
	}
	return g, nil
}

// context is what AWS sets for CreateGrant (kms:GrantOperations,
// kms:GranteePrincipal, kms:RetiringPrincipal, kms:GrantConstraintType,
// kms:EncryptionContext:KEY of the constraint, kms:GrantIsForAWSResource:
// false, as no AWS service calls here).
func (g *Grant) context() []authz.Entry {
	ctx := []authz.Entry{entry("kms:GrantOperations", g.Operations...), entry("kms:GranteePrincipal", g.Grantee),
		entry("kms:GrantIsForAWSResource", "false")}
	if g.Retiring != "" {
		ctx = append(ctx, entry("kms:RetiringPrincipal", g.Retiring))
	}
	if cs := g.Constraints; cs != nil {
		switch {
		case cs.EncryptionContextEquals != nil:
			ctx = append(ctx, entry("kms:GrantConstraintType", "EncryptionContextEquals"))
			ctx = append(ctx, contextEntries(cs.EncryptionContextEquals)...)
		case cs.EncryptionContextSubset != nil:
			ctx = append(ctx, entry("kms:GrantConstraintType", "EncryptionContextSubset"))
			ctx = append(ctx, contextEntries(cs.EncryptionContextSubset)...)
		}
	}
	return ctx
}

// checkPrincipals refuses a grantee or retiring principal that is not a
// principal, as a key policy would (the same save-time rules, and for a
// user or role of this world's accounts, that it exists). "InvalidArn"
// is the exception AWS answers; its message here is the lab's.
func checkPrincipals(c *service.Call, tx *world.Tx, g *Grant) error {
	for _, p := range []string{g.Grantee, g.Retiring} {
		if p == "" {
			continue
		}
		text := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":` + quote(p) + `},"Action":"kms:DescribeKey","Resource":"*"}]}`
		if _, err := c.World.CheckPolicyIn(tx, text, world.ResourcePolicy, lint.KMS); err != nil {
			return invalidArn("%s is not a valid principal: %v", p, err)
		}
	}
	return nil
}

// sameGrant reports whether a grant with a name is a retry of another:
// "If AWS KMS gets a CreateGrant request for a grant with the same
// properties as an existing grant, including the name, it recognizes the
// request as a retry, and does not create a new grant."
func sameGrant(a, b *Grant) bool {
	return a.Name == b.Name && a.Grantee == b.Grantee && a.Retiring == b.Retiring &&
		slices.Equal(a.Operations, b.Operations) && sameConstraints(a.Constraints, b.Constraints)
}

func sameConstraints(a, b *Constraints) bool {
	if a == nil || b == nil {
		return a == b
	}
	return maps.Equal(a.EncryptionContextEquals, b.EncryptionContextEquals) &&
		maps.Equal(a.EncryptionContextSubset, b.EncryptionContextSubset)
}

// createGrant: "Required permissions: kms:CreateGrant (key policy)";
// "Cross-account use: Yes"; a grant's grantee may create grants within
// its own (Grant.delegates).
func createGrant(c *service.Call) (any, error) {
	var in createGrantInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	g, err := in.grant()
	if err != nil {
		return nil, err
	}
	if err := grantTokens(in.GrantTokens); err != nil {
		return nil, err
	}
	var out map[string]string
	err = write(c, func(tx *world.Tx) error {
		k, _, err := use(c, tx, id, anyAccount, true)
		if err != nil {
			return err
		}
		if err := knownTokens(tx, in.GrantTokens); err != nil {
			return err
		}
		q := question{action: "kms:CreateGrant", op: "CreateGrant", ctx: g.context(), child: func(p *Grant) bool { return p.delegates(g) }}
		if err := ready(c, tx, k, q, nil, in.DryRun); err != nil {
			return err
		}
		if err := checkPrincipals(c, tx, g); err != nil {
			return err
		}
		out, err = addGrant(c, tx, k, g)
		return err
	})
	if err != nil {
		return nil, err
	}
	// "You cannot get a grant token from ... the CloudTrail log event."
	c.Event.ResponseElements = map[string]any{"grantId": out["GrantId"]}
	return out, nil
}

// addGrant saves a new grant on the key, or answers the grant it retries.
func addGrant(c *service.Call, tx *world.Tx, k *Key, g *Grant) (map[string]string, error) {
	existing := grants.List(tx, k.storeKey()+"/")
	if g.Name != "" {
		for _, e := range existing {
			if sameGrant(e, g) {
				return map[string]string{"GrantId": e.ID, "GrantToken": e.Token}, nil
			}
		}
	}
	if len(existing) >= MaxKeyGrants {
		return nil, limitExceeded("The number of grants on key %s has reached the limit of %d", k.ARN(), MaxKeyGrants)
	}
	g.ID = hex.EncodeToString(random(c.World, grantIDLength/2))
	g.KeyID, g.Account, g.Region, g.Created = k.ID, k.Account, k.Region, c.Env.Now.UTC()
	g.Token = c.World.NewToken(grantTokenRandomness)
	d, err := grantDoc(g)
	if err != nil {
		return nil, protocol.Internal(err)
	}
	g.Doc = d
	if err := grants.Put(tx, g.storeKey(), g); err != nil {
		return nil, err
	}
	return map[string]string{"GrantId": g.ID, "GrantToken": g.Token}, nil
}

type grantEntry struct {
	KeyId             string
	GrantId           string
	Name              string
	CreationDate      *epoch
	GranteePrincipal  string
	RetiringPrincipal string `json:",omitempty"`
	IssuingAccount    string
	Operations        []string
	Constraints       *Constraints `json:",omitempty"`
}

func (g *Grant) entry() grantEntry {
	return grantEntry{g.keyARN(), g.ID, g.Name, stamp(g.Created), g.Grantee, g.Retiring, g.issuing(), g.Operations, g.Constraints}
}

type listGrantsInput struct {
	KeyId            *string
	GrantId          *string
	GranteePrincipal *string
	Limit            *int
	Marker           *string
}

// listGrants: "Required permissions: kms:ListGrants (key policy)";
// "Limit ... must be between 1 and 100, inclusive ... defaults to 50."
func listGrants(c *service.Call) (any, error) {
	var in listGrantsInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	pg, err := readPage(in.Limit, in.Marker, 50, 100)
	if err != nil {
		return nil, err
	}
	var list []grantEntry
	err = c.World.View(func(tx *world.Tx) error {
		k, _, err := resolve(c, tx, id, anyAccount)
		if err != nil {
			return err
		}
		q := question{action: "kms:ListGrants", ctx: []authz.Entry{entry("kms:GrantIsForAWSResource", "false")}}
		if err := allowKey(c, tx, k, q); err != nil {
			return err
		}
		for _, g := range sortedGrants(grants.List(tx, k.storeKey()+"/")) {
			if (in.GrantId == nil || *in.GrantId == g.ID) && (in.GranteePrincipal == nil || *in.GranteePrincipal == g.Grantee) {
				list = append(list, g.entry())
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return grantPage(list, pg), nil
}

// sortedGrants orders grants as they were made.
func sortedGrants(gs []*Grant) []*Grant {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Created.Before(gs[j].Created) })
	return gs
}

func grantPage(list []grantEntry, pg page) any {
	items, next, more := paginate(list, pg)
	return struct {
		Grants     []grantEntry
		NextMarker string `json:",omitempty"`
		Truncated  bool
	}{orEmpty(items), next, more}
}

type retirableInput struct {
	RetiringPrincipal *string
	Limit             *int
	Marker            *string
}

// listRetirableGrants lists the grants of the caller's account and Region
// that a principal may retire: "Required permissions:
// kms:ListRetirableGrants (IAM policy) in your Amazon Web Services
// account."
func listRetirableGrants(c *service.Call) (any, error) {
	var in retirableInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	p, err := principalParam(in.RetiringPrincipal, "RetiringPrincipal", true)
	if err != nil {
		return nil, err
	}
	pg, err := readPage(in.Limit, in.Marker, 50, 100)
	if err != nil {
		return nil, err
	}
	var list []grantEntry
	err = c.World.View(func(tx *world.Tx) error {
		if err := allowIAM(c, tx, "kms:ListRetirableGrants", "*"); err != nil {
			return err
		}
		for _, g := range sortedGrants(grants.List(tx, c.Account()+"/"+c.Env.Region+"/")) {
			if g.Retiring == p {
				list = append(list, g.entry())
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return grantPage(list, pg), nil
}

// grantByToken finds the grant a grant token stands for.
func grantByToken(tx *world.Tx, token string) (*Grant, bool) {
	for _, g := range grants.List(tx, "") {
		if g.Token == token {
			return g, true
		}
	}
	return nil, false
}

type retireInput struct {
	GrantToken *string
	KeyId      *string
	GrantId    *string
	DryRun     *bool
}

// retireGrant: "The grant determines who can retire it" — the retiring
// principal, the grantee when the grant allows RetireGrant, the key's
// account and whom it delegates kms:RetireGrant to; "The kms:RetireGrant
// permission is not effective in a key policy". The engine decides with
// the grant as the resource policy (grantDoc).
func retireGrant(c *service.Call) (any, error) {
	var in retireInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	if in.GrantToken == nil && (in.KeyId == nil || in.GrantId == nil) {
		return nil, validation("Grant token OR (grant ID, key ID) must be specified") // AWS's wording not seen
	}
	return nil, write(c, func(tx *world.Tx) error {
		g, k, err := retiring(c, tx, &in)
		if err != nil {
			return err
		}
		req := &authorize.Request{Action: "kms:RetireGrant", Resource: k.ARN(),
			Policy: &world.NamedDoc{Name: "grant " + g.ID, Doc: g.Doc}, Context: keyContext(c, k, &question{})}
		d, err := authorize.Decide(c.World, tx, &c.Env, req)
		if err != nil {
			return protocol.Internal(err)
		}
		if err := record(c, d); err != nil {
			return err
		}
		if in.DryRun != nil && *in.DryRun {
			return dryRun()
		}
		return grants.Delete(tx, g.storeKey())
	})
}

// retiring finds the grant a RetireGrant request names, and its key.
func retiring(c *service.Call, tx *world.Tx, in *retireInput) (*Grant, *Key, error) {
	var g *Grant
	if in.GrantToken != nil {
		var ok bool
		if g, ok = grantByToken(tx, *in.GrantToken); !ok {
			return nil, nil, kmsError("InvalidGrantTokenException", "Grant token is invalid")
		}
		k, err := find(c, tx, ref{account: g.Account, region: g.Region, id: g.KeyID})
		return g, k, err
	}
	k, _, err := resolve(c, tx, *in.KeyId, anyAccount)
	if err != nil {
		return nil, nil, err
	}
	g, err = grantOf(tx, k, *in.GrantId)
	return g, k, err
}

// grantOf finds a grant of a key by its ID. The answers are the lab's
// (AWS's wording was not seen).
func grantOf(tx *world.Tx, k *Key, id string) (*Grant, error) {
	if len(id) < 1 || len(id) > 128 {
		return nil, kmsError("InvalidGrantIdException", "Invalid grant ID %s", id)
	}
	g, ok := grants.Get(tx, k.storeKey()+"/"+id)
	if !ok {
		return nil, notFound("Grant ID %s not found", id)
	}
	return g, nil
}

type revokeInput struct {
	KeyId   *string
	GrantId *string
	DryRun  *bool
}

// revokeGrant: "access to the RevokeGrant operation is controlled through
// key policies and IAM policies" — not grants. It works in every key
// state.
func revokeGrant(c *service.Call) (any, error) {
	var in revokeInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	gid, err := required(in.GrantId, "GrantId")
	if err != nil {
		return nil, err
	}
	return nil, write(c, func(tx *world.Tx) error {
		k, _, err := resolve(c, tx, id, anyAccount)
		if err != nil {
			return err
		}
		q := question{action: "kms:RevokeGrant", ctx: []authz.Entry{entry("kms:GrantIsForAWSResource", "false")}}
		if err := allowKey(c, tx, k, q); err != nil {
			return err
		}
		g, err := grantOf(tx, k, gid)
		if err != nil {
			return err
		}
		if in.DryRun != nil && *in.DryRun {
			return dryRun()
		}
		return grants.Delete(tx, g.storeKey())
	})
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
