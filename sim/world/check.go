package world

import (
	"strings"

	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
)

// PolicyType is the kind of policy being saved; it decides the rules.
type PolicyType = policy.Type

// The policy types a simulated service saves.
const (
	IdentityPolicy = policy.Identity
	TrustPolicy    = policy.Trust
	ResourcePolicy = policy.Resource
	BoundaryPolicy = policy.Boundary
	SessionPolicy  = policy.Session
	SCPPolicy      = policy.SCP
	RCPPolicy      = policy.RCP
)

// MalformedPolicyError is a policy that AWS refuses to save, with the
// service's error code (MalformedPolicyDocument, LimitExceeded,
// MalformedPolicy, MalformedPolicyDocumentException...) and message.
type MalformedPolicyError struct {
	Code string
	Msg  string
}

func (e *MalformedPolicyError) Error() string { return e.Msg }

// CheckPolicy parses a policy document that is being saved as a policy of
// type t by the service that keeps that type (lint.StoreOf) and applies
// the rules that service applies then (lint.SaveErrors, the engine's one
// list of them).
func (w *World) CheckPolicy(tx *Tx, text string, t PolicyType) (*Doc, error) {
	return w.CheckPolicyIn(tx, text, t, lint.StoreOf(t))
}

// CheckPolicyIn is CheckPolicy for a given store (KMS for a key policy).
// What AWS refuses because of the account's state is checked here too: a
// trust or resource policy naming an IAM user or role of an account of
// this world that does not exist ("Invalid principal in policy", as IAM
// answers for a principal it cannot resolve to a unique ID).
func (w *World) CheckPolicyIn(tx *Tx, text string, t PolicyType, store lint.Store) (*Doc, error) {
	p, err := policy.Parse(text)
	if err != nil {
		code, msg := lint.ParseRefusal(text, err, store)
		return nil, refusal(code, msg, err.Error())
	}
	if fs := lint.SaveErrors(p, t, store, w.catalog); len(fs) > 0 {
		return nil, refusal(fs[0].AWSCode, fs[0].AWSMessage, fs[0].Msg)
	}
	if tx != nil && t.NamesPrincipal() {
		if msg := missingPrincipal(tx, p); msg != "" {
			return nil, &MalformedPolicyError{Code: malformedCode(store), Msg: unresolved(store, msg)}
		}
	}
	return &Doc{Text: text, Policy: p}, nil
}

// refusal is the store's answer, with the engine's own words when AWS's
// message is not known.
func refusal(code, msg, lab string) *MalformedPolicyError {
	if code == "" {
		code = "MalformedPolicyDocument"
	}
	if msg == "" {
		msg = lab
	}
	return &MalformedPolicyError{Code: code, Msg: msg}
}

func malformedCode(s lint.Store) string {
	switch s {
	case lint.S3:
		return "MalformedPolicy"
	case lint.KMS, lint.Organizations:
		return "MalformedPolicyDocumentException"
	}
	return "MalformedPolicyDocument"
}

// unresolved words a principal that does not exist as the store does. KMS
// answers "Policy contains a statement with one or more invalid
// principals." (the lint refusal of a malformed principal, which the
// engine keeps with where it was seen) for a role that does not exist
// as for a malformed one.
func unresolved(store lint.Store, iamMsg string) string {
	if store != lint.KMS {
		return iamMsg
	}
	if c, ok := lint.Lookup("principal.format"); ok {
		for _, r := range c.Refusals {
			if r.Store == lint.KMS && r.Msg != "" {
				return r.Msg
			}
		}
	}
	return iamMsg
}

func invalidPrincipal(kind, v string) string {
	return "Invalid principal in policy: \"" + kind + "\":\"" + v + "\""
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
