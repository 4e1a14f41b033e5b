package world

import (
	"errors"
	"strings"

	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
)

// PolicyType is the kind of policy being saved; it decides the rules.
type PolicyType = lint.PolicyType

// The policy types a simulated service saves.
const (
	IdentityPolicy = lint.Identity
	TrustPolicy    = lint.Trust
	ResourcePolicy = lint.Resource
	BoundaryPolicy = lint.Boundary
	SessionPolicy  = lint.Session
	SCPPolicy      = lint.SCP
	RCPPolicy      = lint.RCP
)

// MalformedPolicyError is a policy that AWS refuses to save, with AWS's
// message; services answer it as MalformedPolicyDocument (IAM, STS),
// MalformedPolicyDocumentException (KMS) or MalformedPolicy (S3).
type MalformedPolicyError struct{ Msg string }

func (e *MalformedPolicyError) Error() string { return e.Msg }

// savedRules are the lint errors that AWS also refuses when a policy is
// saved (lint reports more, as Access Analyzer does, such as unknown
// condition keys, which IAM accepts). The engine's own per-type save rules
// will replace this list when package policy has them.
var savedRules = map[string]string{
	"json.syntax": "Syntax errors in policy.", "json.utf8": "Syntax errors in policy.",
	"json.type": "Syntax errors in policy.", "json.duplicateKey": "Syntax errors in policy.",
	"policy.size": "Cannot exceed quota for PolicySize.", "size.max": "Cannot exceed quota for PolicySize.",
	"policy.noStatement": "Syntax errors in policy.", "policy.version": "The policy failed legacy parsing",
	"policy.unknownElement": "Syntax errors in policy.", "statement.noEffect": "Syntax errors in policy.",
	"statement.noAction": "Policy statement must contain actions.", "statement.pair": "Syntax errors in policy.",
	"statement.effect": "Syntax errors in policy.", "statement.emptyList": "Syntax errors in policy.",
	"action.syntax":    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
	"principal.syntax": "Syntax errors in policy.", "principal.empty": "Syntax errors in policy.",
	"condition.operator": "Syntax errors in policy.", "condition.empty": "Syntax errors in policy.",
	"condition.key": "Syntax errors in policy.", "condition.nullValue": "Syntax errors in policy.",
	"statement.principalNotAllowed": "Policy document should not specify a principal.",
	"statement.noResource":          "Policy statement must contain resources.",
	"statement.noPrincipal":         "Missing required field Principal",
	"trust.resource":                "Has prohibited field Resource",
	"trust.notPrincipal":            "Has prohibited field NotPrincipal",
	"policy.emptyStatement":         "Syntax errors in policy.",
	"policy.charset":                "Syntax errors in policy.",
	"sid.charset":                   "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
	"sid.duplicateRequired":         "Statement IDs (SID) in a single policy must be unique.",
	"resource.syntax":               "", // AWS's message names the resource: see resourceMessage
	"principal.colon":               "", "principal.format": "", "principal.accountId": "",
	"principal.wildcard": "", "principal.arnType": "", "principal.serviceFormat": "",
	"principal.federated": "", "principal.canonicalUser": "",
}

// CheckPolicy parses a policy document that is being saved as a policy of
// type t and applies the rules AWS applies then; for trust and resource
// policies, an IAM user or role of an account of this world that a
// principal names must exist ("Invalid principal in policy", as IAM
// answers for a principal it cannot resolve to a unique ID).
func CheckPolicy(tx *Tx, text string, t PolicyType) (*Doc, error) {
	p, err := policy.Parse(text)
	if err != nil {
		var pe *policy.Error
		if errors.As(err, &pe) {
			if msg, ok := savedRules[pe.Code]; ok && msg != "" {
				return nil, &MalformedPolicyError{msg}
			}
			return nil, &MalformedPolicyError{"Syntax errors in policy."}
		}
		return nil, &MalformedPolicyError{"Syntax errors in policy."}
	}
	for _, f := range lint.Policy(p, t, nil) {
		msg, refused := savedRules[f.Code]
		if !refused || f.Severity != lint.Error {
			continue
		}
		if msg == "" {
			msg = valueMessage(p, f)
		}
		return nil, &MalformedPolicyError{msg}
	}
	if tx != nil && (t == TrustPolicy || t == ResourcePolicy) {
		if msg := missingPrincipal(tx, p); msg != "" {
			return nil, &MalformedPolicyError{msg}
		}
	}
	return &Doc{Text: text, Policy: p}, nil
}

// valueMessage words a finding about one principal or resource value as
// AWS does: Invalid principal in policy: "AWS":"arn:aws:iam::...".
func valueMessage(p *policy.Policy, f lint.Finding) string {
	for i := range p.Statements {
		s := &p.Statements[i]
		if strings.HasPrefix(f.Code, "resource.") {
			for _, v := range s.Resources {
				if v.Off == f.Off {
					return "Resource " + v.S + " must be in ARN format or \"*\"."
				}
			}
			continue
		}
		if s.Principal == nil {
			continue
		}
		for _, g := range principalGroups(s.Principal) {
			for _, v := range g.vals {
				if v.Off == f.Off {
					return invalidPrincipal(g.name, v.S)
				}
			}
		}
	}
	return "Syntax errors in policy."
}

func invalidPrincipal(kind, v string) string {
	return "Invalid principal in policy: \"" + kind + "\":\"" + v + "\""
}

type principalGroup struct {
	name string
	vals []policy.Value
}

func principalGroups(p *policy.Principal) []principalGroup {
	return []principalGroup{{"AWS", p.AWS}, {"Service", p.Service}, {"Federated", p.Federated}, {"CanonicalUser", p.CanonicalUser}}
}

// missingPrincipal returns AWS's message for a user or role of this world
// that a principal names and that does not exist.
func missingPrincipal(tx *Tx, p *policy.Policy) string {
	for i := range p.Statements {
		pr := p.Statements[i].Principal
		if pr == nil {
			continue
		}
		for _, v := range pr.AWS {
			a, ok := policy.ParseARN(v.S)
			if !ok || a.Service != "iam" {
				continue
			}
			if _, known := Accounts.Get(tx, a.Account); !known {
				continue // another account: this world cannot tell
			}
			name := a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]
			switch {
			case strings.HasPrefix(a.Resource, "user/"):
				if u, ok := Users.Get(tx, NameKey(a.Account, name)); !ok || u.ARN() != v.S {
					return invalidPrincipal("AWS", v.S)
				}
			case strings.HasPrefix(a.Resource, "role/"):
				if r, ok := Roles.Get(tx, NameKey(a.Account, name)); !ok || r.ARN() != v.S {
					return invalidPrincipal("AWS", v.S)
				}
			}
		}
	}
	return ""
}
