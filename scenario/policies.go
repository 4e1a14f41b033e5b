package scenario

import (
	"strconv"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/policy"
)

// slot is a place a policy can stand, with the grammar rules AWS enforces
// there.
type slot uint8

const (
	slotIdentity slot = iota // identity policies and permissions boundaries
	slotSession
	slotResource
	slotSCP
	slotRCP
)

var slotNames = [...]string{"an identity-based policy", "a session policy", "a resource-based policy", "a service control policy", "a resource control policy"}

func (r *reader) isNull() bool {
	if k, _ := r.d.Peek(); k == jsonpos.Null {
		_, _, _ = r.d.Scalar()
		return true
	}
	return false
}

func (r *reader) policyList(sl slot) ([]authz.Named, error) {
	if r.isNull() {
		return nil, nil
	}
	if _, err := r.want(jsonpos.Array); err != nil {
		return nil, err
	}
	m := r.named.Mark()
	err := r.d.Array(func(i int) error {
		p, err := r.policyEntry(sl)
		r.named.Add(p)
		return err
	})
	return r.named.Since(m), err
}

func (r *reader) optionalPolicy(sl slot) (*authz.Named, error) {
	if r.isNull() {
		return nil, nil
	}
	p, err := r.policyEntry(sl)
	if err != nil {
		return nil, err
	}
	r.named.Add(p)
	return r.named.Last(), nil
}

func levelKey(k string) int {
	switch k {
	case "target":
		return 0
	case "policies":
		return 1
	}
	return -1
}

func (r *reader) levels(sl slot) ([]authz.Level, error) {
	if r.isNull() {
		return nil, nil
	}
	if _, err := r.want(jsonpos.Array); err != nil {
		return nil, err
	}
	m := r.orgLevels.Mark()
	err := r.d.Array(func(i int) error {
		var l authz.Level
		err := r.fields(levelKey, func(k int, _ int32) error {
			var err error
			if k == 0 {
				l.Target, _, err = r.str()
			} else {
				l.Policies, err = r.policyList(sl)
			}
			return err
		})
		r.orgLevels.Add(l)
		return err
	})
	return r.orgLevels.Since(m), err
}

func entryKey(k string) int {
	switch k {
	case "name":
		return 0
	case "document":
		return 1
	case "arn":
		return 2
	}
	return -1
}

// policyEntry reads {"name": ..., "document": ...} or {"name": ..., "arn": ...}.
func (r *reader) policyEntry(sl slot) (authz.Named, error) {
	var out authz.Named
	_, off := r.d.Peek()
	r.policies++
	if r.policies > MaxPolicies {
		return out, r.errAt(off, "scenario.limit", "more than "+strconv.Itoa(MaxPolicies)+" policies in one scenario")
	}
	var docOff int32 = -1
	var docIsString bool
	var arn string
	err := r.fields(entryKey, func(i int, keyOff int32) error {
		var err error
		switch i {
		case 0:
			out.Name, _, err = r.str()
		case 1:
			if arn != "" {
				return r.errAt(keyOff, "scenario.policy", "give either \"document\" or \"arn\", not both")
			}
			k, o := r.d.Peek()
			docOff, docIsString = o, k == jsonpos.String
			out.Policy, err = r.document()
		case 2:
			if out.Policy != nil {
				return r.errAt(keyOff, "scenario.policy", "give either \"document\" or \"arn\", not both")
			}
			var aoff int32
			arn, aoff, err = r.str()
			if err == nil {
				out.Policy, err = r.managed(arn, aoff, sl)
			}
		}
		return err
	})
	if err != nil {
		return out, err
	}
	if out.Policy == nil {
		return out, r.errAt(off, "scenario.policy", "has no \"document\"")
	}
	if out.Name == "" && arn != "" {
		out.Name = arn
	}
	return out, r.checkSlot(out.Policy, sl, docOff, docIsString, off)
}

// document reads a policy given as an object or as a string of JSON text.
func (r *reader) document() (*policy.Policy, error) {
	k, off := r.d.Peek()
	switch k {
	case jsonpos.Object:
		p, err := r.b.Decode(r.d)
		if err != nil {
			pe := err.(*policy.Error)
			return nil, r.errIn(int32(pe.Off), off, pe.Code, pe.Msg)
		}
		return p, nil
	case jsonpos.String:
		text, _, err := r.d.Str()
		if err != nil {
			return nil, err
		}
		p, err := r.b.Parse(text)
		if err != nil {
			return nil, r.stringPolicyError(off, err.(*policy.Error))
		}
		return p, nil
	}
	if k == jsonpos.Invalid {
		_, _, err := r.d.Scalar()
		return nil, err
	}
	return nil, r.errAt(off, "scenario.type", "must be a policy object or a string holding one, not "+k.Article())
}

// stringPolicyError points an error inside a policy written as a string
// into the scenario file, and keeps its position in the policy's own text.
func (r *reader) stringPolicyError(lit int32, pe *policy.Error) error {
	off := int32(jsonpos.LiteralOffset(r.d.Src(), int(lit), pe.Off))
	e := r.errIn(off, lit, pe.Code, pe.Msg+" (line "+strconv.Itoa(pe.Line)+", column "+strconv.Itoa(pe.Col)+" of the policy text)")
	e.Policy = pe
	return e
}

func (r *reader) managed(arn string, off int32, sl slot) (*policy.Policy, error) {
	if sl != slotIdentity {
		return nil, r.errAt(off, "scenario.managed", "only identity policies and permissions boundaries can be AWS managed policies")
	}
	if r.opt.Managed == nil {
		return nil, r.errAt(off, "scenario.managed", "AWS managed policies are not available here")
	}
	text, ok := r.opt.Managed(arn)
	if !ok {
		return nil, r.errAt(off, "scenario.managed", "unknown AWS managed policy "+strconv.Quote(arn))
	}
	p, err := policy.Parse(text)
	if err != nil {
		return nil, r.errAt(off, "scenario.managed", "the managed policy "+arn+" does not parse: "+err.Error())
	}
	return p, nil
}

// checkSlot applies the rules AWS enforces for the policy's type: identity
// policies name no principal and always a resource; resource-based policies
// always name a principal; RCPs apply to every principal.
func (r *reader) checkSlot(p *policy.Policy, sl slot, docOff int32, docIsString bool, entryOff int32) error {
	for i := range p.Statements {
		s := &p.Statements[i]
		code, msg := slotRule(s, sl)
		if msg == "" {
			continue
		}
		at := s.Off // the statement, or the principal it must not have
		if s.Principal != nil {
			at = s.Principal.Off
		}
		pe := &policy.Error{Off: int(at), Position: p.Position(at), Code: code, Msg: msg}
		switch {
		case docIsString:
			return r.stringPolicyError(docOff, pe)
		case docOff < 0:
			return r.errAt(entryOff, code, msg)
		}
		return r.errAt(at, code, msg)
	}
	return nil
}

func slotRule(s *policy.Statement, sl slot) (string, string) {
	identityLike := sl != slotResource && sl != slotRCP
	switch {
	case identityLike && s.Principal != nil:
		return "statement.principalNotAllowed", slotNames[sl] + " cannot have Principal or NotPrincipal: it applies to the identity it is attached to"
	case identityLike && !s.HasResource:
		return "statement.noResource", "the statement has no Resource or NotResource (required in " + slotNames[sl] + ")"
	case sl == slotResource && s.Principal == nil:
		return "statement.noPrincipal", "the statement has no Principal or NotPrincipal (required in " + slotNames[sl] + ")"
	case sl == slotRCP && (s.Principal == nil || s.NotPrincipal || !s.Principal.Any):
		return "statement.rcpPrincipal", "a resource control policy statement must have \"Principal\": \"*\" (use conditions such as aws:PrincipalOrgID to narrow it)"
	}
	return "", ""
}
