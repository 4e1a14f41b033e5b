package kms

import (
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// Grant is a grant on a key: "the grant allows the grantee principal to
// call the specified grant operations on the KMS key provided that all
// conditions specified in the grant are met" (KMS Developer Guide, grants).
type Grant struct {
	ID          string       `json:"id"` // 64 hexadecimal digits
	KeyID       string       `json:"keyId"`
	Account     string       `json:"account"` // the key's
	Region      string       `json:"region"`
	Name        string       `json:"name,omitempty"`
	Grantee     string       `json:"grantee"`
	Retiring    string       `json:"retiring,omitempty"`
	Operations  []string     `json:"operations"`
	Constraints *Constraints `json:"constraints,omitempty"`
	Created     time.Time    `json:"created"`
	// Token is the grant token CreateGrant returned; RetireGrant takes it.
	Token string `json:"token"`
	// Doc is the grant written as a policy that the engine decides: the
	// grantee may call the grant operations, and the retiring principal
	// and the key's account may retire the grant. It is derived from the
	// fields above when the grant is made, and stored as its text.
	Doc *world.Doc `json:"doc"`
}

// Constraints are a grant's encryption context constraints.
type Constraints struct {
	EncryptionContextSubset map[string]string `json:",omitempty"`
	EncryptionContextEquals map[string]string `json:",omitempty"`
}

// ARN of the grant's key.
func (g *Grant) keyARN() string { return KeyARN(g.Region, g.Account, g.KeyID) }

func (g *Grant) storeKey() string { return storeKey(g.Account, g.Region, g.KeyID) + "/" + g.ID }

// issuing is the grant's IssuingAccount: the key's account.
func (g *Grant) issuing() string { return world.RootARN(g.Account) }

// covers reports whether the grant allows operation op for a request with
// encryption context ec. "The encryption context constraint is ignored for
// DescribeKey and RetireGrant operations"; for CreateGrant it bounds the
// grants made (child), not the request.
func (g *Grant) covers(op string, ec map[string]string) bool {
	if !slices.Contains(g.Operations, op) {
		return false
	}
	switch op {
	case "DescribeKey", "RetireGrant", "CreateGrant":
		return true
	}
	return g.Constraints.allow(ec)
}

// allow: "EncryptionContextEquals requires that the encryption context
// pairs in the request are an exact, case-sensitive match for the
// encryption context pairs in the grant constraint"; "EncryptionContextSubset
// requires that the request include all encryption context pairs in the
// grant constraint ... but the request can also have additional encryption
// context pairs" (KMS Developer Guide, grant constraints).
func (cs *Constraints) allow(ec map[string]string) bool {
	if cs == nil {
		return true
	}
	if cs.EncryptionContextEquals != nil && !maps.Equal(cs.EncryptionContextEquals, ec) {
		return false
	}
	return includes(ec, cs.EncryptionContextSubset)
}

// includes reports whether every pair of sub is in m.
func includes(m, sub map[string]string) bool {
	for k, v := range sub {
		if w, ok := m[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// delegates reports whether a grant whose grantee may call CreateGrant may
// make the grant child: "The grantee principal can only create grants that
// allow some or all of the operations in the parent grant. The grant
// constraints in the grants they create must be at least as strict as
// those in the parent grant" (KMS Developer Guide, granting CreateGrant
// permission).
func (g *Grant) delegates(child *Grant) bool {
	for _, op := range child.Operations {
		if !slices.Contains(g.Operations, op) {
			return false
		}
	}
	p, c := g.Constraints, child.Constraints
	if p == nil {
		return true
	}
	if c == nil {
		return false
	}
	if p.EncryptionContextEquals != nil {
		return maps.Equal(p.EncryptionContextEquals, c.EncryptionContextEquals)
	}
	// A Subset parent: the child must require at least the same pairs,
	// by its own Subset or by an Equals that holds them.
	if c.EncryptionContextEquals != nil {
		return includes(c.EncryptionContextEquals, p.EncryptionContextSubset)
	}
	return includes(c.EncryptionContextSubset, p.EncryptionContextSubset)
}

// grantDoc writes a grant as a policy. The grantee statement names the
// grantee as a key policy would ("The grantee principal can use the
// permissions that the grant gives them ... just as they would if the
// permissions came from a key policy or IAM policy"); the retire
// statement names who may retire it: "A grant can be retired by an
// optional retiring principal specified in the grant ... As a backup, the
// AWS account in which the grant was created can retire the grant. ...
// The AWS account that owns the KMS key can delegate the kms:RetireGrant
// permission to an IAM user in the account" (retiring and revoking grants)
// — the account principal delegates, as in a key policy.
func grantDoc(g *Grant) (*world.Doc, error) {
	type principal struct {
		AWS []string
	}
	type statement struct {
		Sid       string
		Effect    string
		Principal principal
		Action    []string
		Resource  string
	}
	actions := make([]string, len(g.Operations))
	for i, op := range g.Operations {
		actions[i] = "kms:" + op
	}
	retirers := []string{g.issuing()}
	if g.Retiring != "" && g.Retiring != g.issuing() {
		retirers = append(retirers, g.Retiring)
	}
	doc := struct {
		Version   string
		Statement []statement
	}{"2012-10-17", []statement{
		{"GrantOperations", "Allow", principal{[]string{g.Grantee}}, actions, "*"},
		{"RetireGrant", "Allow", principal{retirers}, []string{"kms:RetireGrant"}, "*"},
	}}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return world.ParseDoc(string(b))
}
