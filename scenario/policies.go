package scenario

import (
	"strconv"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/policy"
)

func (r *reader) isNull() bool {
	if k, _ := r.d.Peek(); k == jsonpos.Null {
		_, _, _ = r.d.Scalar()
		return true
	}
	return false
}

func (r *reader) policyList(sl policy.Type) ([]authz.Named, error) {
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

func (r *reader) optionalPolicy(sl policy.Type) (*authz.Named, error) {
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

func (r *reader) levels(sl policy.Type) ([]authz.Level, error) {
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
func (r *reader) policyEntry(sl policy.Type) (authz.Named, error) {
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

// TakesManaged reports whether a policy slot of type t may name an AWS
// managed policy by ARN: an identity policy or a permissions boundary, the
// policies IAM attaches by ARN.
func TakesManaged(t policy.Type) bool { return t == policy.Identity || t == policy.Boundary }

func (r *reader) managed(arn string, off int32, sl policy.Type) (*policy.Policy, error) {
	if !TakesManaged(sl) {
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

// checkSlot applies the rules AWS enforces for the policy's type (see
// policy.Type.Elements): a scenario whose policy breaks one is refused at
// its first fault.
func (r *reader) checkSlot(p *policy.Policy, sl policy.Type, docOff int32, docIsString bool, entryOff int32) error {
	errs := sl.Elements(p)
	if len(errs) == 0 {
		return nil
	}
	pe := errs[0]
	switch {
	case docIsString:
		return r.stringPolicyError(docOff, pe)
	case docOff < 0:
		return r.errAt(entryOff, pe.Code, pe.Msg)
	}
	return r.errAt(int32(pe.Off), pe.Code, pe.Msg)
}
