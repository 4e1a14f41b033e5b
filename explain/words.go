package explain

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/lang"
	"github.com/iamlab/iamlab/policy"
)

// Words is one text in every language (a type of this package, so that
// its literals here may leave out the field names).
type Words lang.Words

// In returns the text in l (English for a language it does not have).
func (t Words) In(l Lang) string { return lang.Words(t).In(l) }

// both words something in each language.
func both(f func(Lang) string) Words { return Words{En: f(English), Ja: f(Japanese)} }

// fill returns the template of key in l with each {name} of kv's pairs
// (name, value, name, value...) replaced by its value.
func fill(l Lang, key string, kv ...string) string {
	t := MessageIn(l, authz.Code(key))
	var b strings.Builder
	b.Grow(len(t) + 64)
	for {
		open := strings.IndexByte(t, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(t[open:], '}')
		if end < 0 {
			break
		}
		name := t[open+1 : open+end]
		if i := strings.LastIndexByte(name, '{'); i >= 0 { // "${{var}}": the inner braces
			b.WriteString(t[:open+1+i])
			t = t[open+1+i:]
			continue
		}
		b.WriteString(t[:open])
		b.WriteString(lookup(kv, name, t[open:open+end+1]))
		t = t[open+end+1:]
	}
	b.WriteString(t)
	return b.String()
}

// lookup returns the value of name in kv's pairs, else def.
func lookup(kv []string, name, def string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == name {
			return kv[i+1]
		}
	}
	return def
}

// policyName names a policy in a sentence: its type, its organization
// level counted from 1 at the root, as the page counts them, and its name.
func policyName(l Lang, p PolicyRef) string {
	s := MessageIn(l, authz.Code("type."+p.Type.String()))
	if p.Type == policy.SCP || p.Type == policy.RCP {
		s += " " + fill(l, "phrase.level", "n", strconv.Itoa(p.Level+1))
		if p.Target != "" {
			s += " (" + p.Target + ")"
		}
	}
	if p.Name != "" {
		s += " " + strconv.Quote(p.Name)
	} else if p.Type == policy.Identity {
		s += " #" + strconv.Itoa(p.Index+1)
	}
	return s
}

// statementName names a statement by its Sid, else by its number.
func statementName(l Lang, index int, sid string) string {
	if index < 0 {
		return MessageIn(l, "phrase.newStatement")
	}
	name := "#" + strconv.Itoa(index+1)
	if sid != "" {
		name = strconv.Quote(sid)
	}
	return fill(l, "phrase.statement", "name", name)
}

// list writes values as the report does: one alone, several in brackets.
func list(vs []string) string {
	if len(vs) == 1 {
		return vs[0]
	}
	return "[" + strings.Join(vs, ", ") + "]"
}

// conditionPhrase words how a condition came out, with the values it
// compared: "aws:RequestedRegion = eu-west-1 is not in [us-east-1,
// ap-northeast-1] (StringNotEquals)".
func conditionPhrase(l Lang, c *authz.ConditionTrace) string {
	values := c.Policy
	if c.Values != nil {
		values = c.Values // as compared: variables substituted
	}
	kv := []string{"key", c.Key, "op", c.Operator, "request", list(c.Request), "values", list(values)}
	var s string
	negated := isNegated(c.Operator)
	switch c.Rule {
	case policy.RuleNullCheck:
		s = fill(l, "phrase.condNotPresent", kv...)
		if c.Present {
			s = fill(l, "phrase.condPresent", kv...)
		}
	case policy.RuleAbsent, policy.RuleIfExists:
		s = fill(l, "phrase.condAbsent", kv...)
	case policy.RuleEmptySet:
		s = fill(l, "phrase.condEmpty", kv...)
	default:
		key := "phrase.condNoMatch"
		switch {
		case negated && c.Holds:
			key = "phrase.condNotIn"
		case negated:
			key = "phrase.condIn"
		case c.Holds:
			key = "phrase.condMatches"
		}
		s = fill(l, key, kv...)
	}
	if c.Null != "" {
		s = fill(l, "phrase.condNullVar", "text", s, "var", c.Null)
	}
	return s
}

// isNegated reports whether an operator name is a negated one, qualifiers
// and IfExists aside.
func isNegated(op string) bool {
	o, msg := policy.ParseOperator(op)
	return msg == "" && o.Base.Negated()
}

// conditionsPhrase joins the phrases of conditions.
func conditionsPhrase(l Lang, cs []authz.ConditionTrace) string {
	s := ""
	for i := range cs {
		p := conditionPhrase(l, &cs[i])
		if s == "" {
			s = p
			continue
		}
		s = fill(l, "phrase.and", "a", s, "b", p)
	}
	return s
}

// summary is the headline of a result: what decided, down to the values
// compared.
func summary(l Lang, r *authz.Result, by []authz.Ref) string {
	switch r.Decision {
	case authz.ExplicitDeny, authz.Allowed:
		key := "phrase.allowed"
		if r.Decision == authz.ExplicitDeny {
			key = "phrase.explicitDeny"
		}
		s := ""
		for _, d := range by {
			if d.Statement == nil {
				continue
			}
			one := fill(l, key, "policy", policyName(l, ref(d.Policy)), "statement", statementName(l, d.Statement.Index, d.Statement.Sid))
			if conds := r.Details(d.Policy, d.Statement).Conditions; len(conds) > 0 {
				one = fill(l, "phrase.because", "text", one, "conditions", conditionsPhrase(l, conds))
			}
			if s == "" {
				s = one
				continue
			}
			s = fill(l, "phrase.also", "a", s, "b", one)
		}
		if s == "" {
			s = fill(l, "phrase.allowedBecause", "reason", MessageIn(l, r.Reason))
		}
		return s
	}
	s := fill(l, "phrase.implicitDeny", "reason", MessageIn(l, r.Reason))
	if r.Blocked != nil {
		s = fill(l, "phrase.blockedBy", "text", s, "policy", policyName(l, ref(r.Blocked)))
	}
	return s
}

// editText words one edit of what would change a decision.
func editText(l Lang, e *authz.Edit) string {
	p := PolicyRef{Type: e.Type, Name: e.Name, Index: e.Index, Level: e.Level, Target: e.Target}
	name := policyName(l, p)
	if e.New {
		name = fill(l, "phrase.newPolicy", "type", MessageIn(l, authz.Code("type."+e.Type.String())))
	}
	kv := []string{"policy", name, "statement", statementName(l, e.Statement, e.Sid),
		"action", e.Action, "resource", e.Resource, "principal", e.Principal}
	if e.Condition != nil {
		kv = append(kv, "condition", conditionPhrase(l, e.Condition))
	}
	if e.Kind == authz.ChangeAddStatement && e.Resource == "" {
		kv[7] = "*" // a trust policy's statement: the role itself
	}
	s := fill(l, string(e.Kind), kv...)
	if e.Kind == authz.ChangeAddStatement && e.Principal != "" {
		s = fill(l, "change.principalFor", "text", s, "principal", e.Principal)
	}
	return s
}
