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

func (r *reader) policyList(n *jsonpos.Node, path string, sl slot) ([]authz.Named, error) {
	if n.Kind == jsonpos.Null {
		return nil, nil
	}
	list, err := r.array(n, path)
	if err != nil {
		return nil, err
	}
	out := make([]authz.Named, len(list))
	for i := range list {
		p, err := r.policyEntry(&list[i], path+"["+strconv.Itoa(i)+"]", sl)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func (r *reader) optionalPolicy(n *jsonpos.Node, path string, sl slot) (*authz.Named, error) {
	if n.Kind == jsonpos.Null {
		return nil, nil
	}
	p, err := r.policyEntry(n, path, sl)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func (r *reader) levels(n *jsonpos.Node, path string, sl slot) ([]authz.Level, error) {
	if n.Kind == jsonpos.Null {
		return nil, nil
	}
	list, err := r.array(n, path)
	if err != nil {
		return nil, err
	}
	out := make([]authz.Level, len(list))
	for i := range list {
		lp := path + "[" + strconv.Itoa(i) + "]"
		ms, err := r.object(&list[i], lp)
		if err != nil {
			return nil, err
		}
		for j := range ms {
			m := &ms[j]
			switch m.Key {
			case "target":
				out[i].Target, err = r.str(m, lp+".target")
			case "policies":
				out[i].Policies, err = r.policyList(m, lp+".policies", sl)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// policyEntry reads {"name": ..., "document": ...} or {"name": ..., "arn": ...}.
func (r *reader) policyEntry(n *jsonpos.Node, path string, sl slot) (authz.Named, error) {
	var out authz.Named
	ms, err := r.object(n, path)
	if err != nil {
		return out, err
	}
	r.policies++
	if r.policies > MaxPolicies {
		return out, r.errAt(n.Off, "scenario.limit", path, "more than "+strconv.Itoa(MaxPolicies)+" policies in one scenario")
	}
	var doc, arn *jsonpos.Node
	for i := range ms {
		m := &ms[i]
		switch m.Key {
		case "name":
			if out.Name, err = r.str(m, path+".name"); err != nil {
				return out, err
			}
		case "document":
			doc = m
		case "arn":
			arn = m
		}
	}
	switch {
	case doc != nil && arn != nil:
		return out, r.errAt(arn.KeyOff, "scenario.policy", path, "give either \"document\" or \"arn\", not both")
	case arn != nil:
		out.Policy, err = r.managed(arn, path, sl)
		if out.Name == "" && out.Policy != nil {
			out.Name = arn.Str
		}
	case doc != nil:
		out.Policy, err = r.document(doc, path+".document")
	default:
		return out, r.errAt(n.Off, "scenario.policy", path, "has no \"document\"")
	}
	if err != nil {
		return out, err
	}
	return out, r.checkSlot(out.Policy, path, sl, doc, n.Off)
}

// document reads a policy given as an object or as a string of JSON text.
func (r *reader) document(n *jsonpos.Node, path string) (*policy.Policy, error) {
	switch n.Kind {
	case jsonpos.Object:
		p, err := policy.FromJSON(r.doc, n)
		if err != nil {
			pe := err.(*policy.Error)
			return nil, r.errAt(int32(pe.Off), pe.Code, path, pe.Msg)
		}
		return p, nil
	case jsonpos.String:
		p, err := policy.Parse(n.Str)
		if err != nil {
			return nil, r.stringPolicyError(n, path, err.(*policy.Error))
		}
		return p, nil
	}
	return nil, r.errAt(n.Off, "scenario.type", path, "must be a policy object or a string holding one, not "+kindName(n.Kind))
}

// stringPolicyError points an error inside a policy written as a string
// into the scenario file, and keeps its position in the policy's own text.
func (r *reader) stringPolicyError(n *jsonpos.Node, path string, pe *policy.Error) error {
	off := int32(pe.Off) + n.Off + 1
	if n.Escaped {
		off = int32(jsonpos.LiteralOffset(r.doc.Src, int(n.Off), pe.Off))
	}
	e := r.errAt(off, pe.Code, path, pe.Msg+" (line "+strconv.Itoa(pe.Line)+", column "+strconv.Itoa(pe.Col)+" of the policy text)")
	e.Policy = pe
	return e
}

func (r *reader) managed(n *jsonpos.Node, path string, sl slot) (*policy.Policy, error) {
	arn, err := r.str(n, path+".arn")
	if err != nil {
		return nil, err
	}
	if sl != slotIdentity {
		return nil, r.errAt(n.Off, "scenario.managed", path, "only identity policies and permissions boundaries can be AWS managed policies")
	}
	if r.opt.Managed == nil {
		return nil, r.errAt(n.Off, "scenario.managed", path, "AWS managed policies are not available here")
	}
	text, ok := r.opt.Managed(arn)
	if !ok {
		return nil, r.errAt(n.Off, "scenario.managed", path, "unknown AWS managed policy "+strconv.Quote(arn))
	}
	p, err := policy.Parse(text)
	if err != nil {
		return nil, r.errAt(n.Off, "scenario.managed", path, "the managed policy "+arn+" does not parse: "+err.Error())
	}
	return p, nil
}

// checkSlot applies the rules AWS enforces for the policy's type: identity
// policies name no principal and always a resource; resource-based policies
// always name a principal; RCPs apply to every principal.
func (r *reader) checkSlot(p *policy.Policy, path string, sl slot, doc *jsonpos.Node, at int32) error {
	for i := range p.Statements {
		s := &p.Statements[i]
		var msg, code string
		switch {
		case sl != slotResource && sl != slotRCP && s.Principal != nil:
			code, msg = "statement.principalNotAllowed", slotNames[sl]+" cannot have Principal or NotPrincipal: it applies to the identity it is attached to"
		case sl != slotResource && sl != slotRCP && !s.HasResource:
			code, msg = "statement.noResource", "the statement has no Resource or NotResource (required in "+slotNames[sl]+")"
		case sl == slotResource && s.Principal == nil:
			code, msg = "statement.noPrincipal", "the statement has no Principal or NotPrincipal (required in "+slotNames[sl]+")"
		case sl == slotRCP && (s.Principal == nil || s.NotPrincipal || !s.Principal.Any):
			code, msg = "statement.rcpPrincipal", "a resource control policy statement must have \"Principal\": \"*\" (use conditions such as aws:PrincipalOrgID to narrow it)"
		}
		if msg == "" {
			continue
		}
		pe := &policy.Error{Off: int(s.Off), Position: p.Position(s.Off), Code: code, Msg: msg}
		if doc != nil && doc.Kind == jsonpos.String {
			return r.stringPolicyError(doc, path+".document", pe)
		}
		if doc == nil {
			return r.errAt(at, code, path, msg)
		}
		return r.errAt(s.Off, code, path+".document.Statement["+strconv.Itoa(i)+"]", msg)
	}
	return nil
}
