package policy

import (
	"strconv"
	"strings"
)

// BaseOp is a condition operator without its IfExists suffix or set prefix.
type BaseOp uint8

// The condition operators of the IAM policy language.
const (
	OpStringEquals BaseOp = iota + 1
	OpStringNotEquals
	OpStringEqualsIgnoreCase
	OpStringNotEqualsIgnoreCase
	OpStringLike
	OpStringNotLike
	OpNumericEquals
	OpNumericNotEquals
	OpNumericLessThan
	OpNumericLessThanEquals
	OpNumericGreaterThan
	OpNumericGreaterThanEquals
	OpDateEquals
	OpDateNotEquals
	OpDateLessThan
	OpDateLessThanEquals
	OpDateGreaterThan
	OpDateGreaterThanEquals
	OpBool
	OpBinaryEquals
	OpIPAddress
	OpNotIPAddress
	OpArnEquals
	OpArnLike
	OpArnNotEquals
	OpArnNotLike
	OpNull
)

var opNames = [...]string{
	OpStringEquals: "StringEquals", OpStringNotEquals: "StringNotEquals",
	OpStringEqualsIgnoreCase: "StringEqualsIgnoreCase", OpStringNotEqualsIgnoreCase: "StringNotEqualsIgnoreCase",
	OpStringLike: "StringLike", OpStringNotLike: "StringNotLike",
	OpNumericEquals: "NumericEquals", OpNumericNotEquals: "NumericNotEquals",
	OpNumericLessThan: "NumericLessThan", OpNumericLessThanEquals: "NumericLessThanEquals",
	OpNumericGreaterThan: "NumericGreaterThan", OpNumericGreaterThanEquals: "NumericGreaterThanEquals",
	OpDateEquals: "DateEquals", OpDateNotEquals: "DateNotEquals",
	OpDateLessThan: "DateLessThan", OpDateLessThanEquals: "DateLessThanEquals",
	OpDateGreaterThan: "DateGreaterThan", OpDateGreaterThanEquals: "DateGreaterThanEquals",
	OpBool: "Bool", OpBinaryEquals: "BinaryEquals",
	OpIPAddress: "IpAddress", OpNotIPAddress: "NotIpAddress",
	OpArnEquals: "ArnEquals", OpArnLike: "ArnLike", OpArnNotEquals: "ArnNotEquals", OpArnNotLike: "ArnNotLike",
	OpNull: "Null",
}

func (o BaseOp) String() string { return opNames[o] }

// Negated reports whether the operator is a "not" operator: true when no
// policy value matches, and true when the key is missing.
func (o BaseOp) Negated() bool {
	switch o {
	case OpStringNotEquals, OpStringNotEqualsIgnoreCase, OpStringNotLike, OpNumericNotEquals,
		OpDateNotEquals, OpNotIPAddress, OpArnNotEquals, OpArnNotLike:
		return true
	}
	return false
}

// positive returns the operator that a negated one negates.
func (o BaseOp) positive() BaseOp {
	switch o {
	case OpStringNotEquals:
		return OpStringEquals
	case OpStringNotEqualsIgnoreCase:
		return OpStringEqualsIgnoreCase
	case OpStringNotLike:
		return OpStringLike
	case OpNumericNotEquals:
		return OpNumericEquals
	case OpDateNotEquals:
		return OpDateEquals
	case OpNotIPAddress:
		return OpIPAddress
	case OpArnNotEquals:
		return OpArnEquals
	case OpArnNotLike:
		return OpArnLike
	}
	return o
}

// Type is the type of value an operator compares: String, Numeric, Date,
// Bool, Binary, IP or ARN ("Null" for the Null check).
func (o BaseOp) Type() string {
	switch {
	case o <= OpStringNotLike:
		return "String"
	case o <= OpNumericGreaterThanEquals:
		return "Numeric"
	case o <= OpDateGreaterThanEquals:
		return "Date"
	case o == OpBool:
		return "Bool"
	case o == OpBinaryEquals:
		return "Binary"
	case o <= OpNotIPAddress:
		return "IP"
	case o <= OpArnNotLike:
		return "ARN"
	}
	return "Null"
}

// SetOp is the ForAllValues / ForAnyValue qualifier of an operator.
type SetOp uint8

// The set qualifiers.
const (
	SetNone SetOp = iota
	ForAllValues
	ForAnyValue
)

// Operator is a whole condition operator such as ForAnyValue:StringLikeIfExists.
type Operator struct {
	Name     string
	Base     BaseOp
	Set      SetOp
	IfExists bool
}

// opsByLen lists the operators by the length of their names: looking a name
// up compares it with the two or three of its length, cheaper than hashing.
var opsByLen = func() (t [32][]BaseOp) {
	for i, n := range opNames {
		if n != "" {
			t[len(n)] = append(t[len(n)], BaseOp(i))
		}
	}
	return t
}()

func opByName(name string) (BaseOp, bool) {
	if len(name) < len(opsByLen) {
		for _, o := range opsByLen[len(name)] {
			if opNames[o] == name {
				return o, true
			}
		}
	}
	return 0, false
}

// ParseOperator parses an operator name; the message says why it is not one.
func ParseOperator(name string) (Operator, string) {
	o := Operator{Name: name}
	rest := name
	switch {
	case strings.HasPrefix(rest, "ForAllValues:"):
		o.Set, rest = ForAllValues, rest[len("ForAllValues:"):]
	case strings.HasPrefix(rest, "ForAnyValue:"):
		o.Set, rest = ForAnyValue, rest[len("ForAnyValue:"):]
	}
	if base, ok := strings.CutSuffix(rest, "IfExists"); ok && base != "" {
		o.IfExists, rest = true, base
	}
	b, ok := opByName(rest)
	if !ok {
		return o, unknownOperator(name)
	}
	o.Base = b
	if b == OpNull && (o.IfExists || o.Set != SetNone) {
		return o, "Null cannot take IfExists or a ForAllValues/ForAnyValue qualifier: it already tests whether the key exists"
	}
	return o, ""
}

func unknownOperator(name string) string {
	msg := "unknown condition operator " + strconv.Quote(name)
	if c := caseOf(name); c != "" {
		if _, why := ParseOperator(c); why != "" {
			return msg + ": " + why // such as nullIfExists: Null takes no IfExists
		}
		return msg + ": operator names are case-sensitive, did you mean " + strconv.Quote(c) + "?"
	}
	if strings.Count(name, ":") > 1 {
		return msg + ": an operator takes at most one qualifier, ForAllValues: or ForAnyValue:"
	}
	for _, n := range opNames {
		if n != "" && strings.Contains(strings.ToLower(name), strings.ToLower(n)) {
			return msg + ": operator names are case-sensitive, did you mean " + strconv.Quote(n) + "?"
		}
	}
	if strings.HasPrefix(strings.ToLower(name), "forallvalue") || strings.HasPrefix(strings.ToLower(name), "foranyvalue") {
		return msg + ": write the qualifier as ForAllValues: or ForAnyValue:"
	}
	return msg
}

// caseOf returns the operator that name spells in other letter case,
// qualifier and IfExists included, or "".
func caseOf(name string) string {
	rest, qual, ifExists := strings.ToLower(name), "", ""
	for _, q := range []string{"ForAllValues:", "ForAnyValue:"} {
		if r, ok := strings.CutPrefix(rest, strings.ToLower(q)); ok {
			rest, qual = r, q
			break
		}
	}
	if r, ok := strings.CutSuffix(rest, "ifexists"); ok && r != "" {
		rest, ifExists = r, "IfExists"
	}
	for _, n := range opNames {
		if n != "" && strings.ToLower(n) == rest {
			return qual + n + ifExists
		}
	}
	return ""
}

// Condition is one condition key of a Condition block with its values.
type Condition struct {
	Op     Operator
	Key    string
	Values []Value
	// strs holds the values' text, so that evaluation without variables
	// allocates nothing.
	strs []string
	// OpOff, KeyOff and Off locate the operator name, the key name and the value.
	OpOff, KeyOff, Off int32
}

// Strings returns the condition's values as text (shared: do not modify).
func (c *Condition) Strings() []string { return c.strs }

// Context gives the values of condition keys of a request. Key names are
// case-insensitive. A key that is present has at least one value, except a
// multivalued key given as an empty list.
type Context interface {
	Lookup(key string) (values []string, ok bool)
}

// Rule names the rule of the policy language that decided a condition.
type Rule uint8

// The rules. The IAM User Guide documents each but RuleMultivalued, which
// docs/evaluation.md explains.
const (
	// RuleCompared: the request's one value compared with the policy's.
	RuleCompared Rule = iota + 1
	// RuleMultivalued: a key with several values in the request and an
	// operator without ForAllValues or ForAnyValue. The condition holds
	// when one request value matches one policy value, or, for a negated
	// operator, when none does.
	RuleMultivalued
	// RuleSet: ForAllValues or ForAnyValue compared the sets.
	RuleSet
	// RuleEmptySet: ForAllValues holds and ForAnyValue fails when the key
	// is absent or its values are only empty strings.
	RuleEmptySet
	// RuleAbsent: the key is absent; operators fail, negated operators hold.
	RuleAbsent
	// RuleIfExists: the key is absent and the operator ends in IfExists.
	RuleIfExists
	// RuleNullCheck: the Null operator tested whether the key is present.
	RuleNullCheck
)

var ruleNames = [...]string{"", "compared", "multivalued", "set", "emptySet", "absent", "ifExists", "nullCheck"}

func (r Rule) String() string { return ruleNames[r] }

// Outcome is the result of a condition, with what was compared.
type Outcome struct {
	Matched bool
	// Present is false when the request had no value for the key.
	Present bool
	Rule    Rule
	// Context is the request's values of the key.
	Context []string
	// Values are the policy values compared, policy variables substituted;
	// a value holding a variable with no value is left out, as it matches
	// nothing. Nil when the values were not compared.
	Values []string
	// Null names the first policy variable without a value in the request.
	Null string
}

// Eval evaluates the condition; vars enables policy variables in its values.
func (c *Condition) Eval(ctx Context, vars bool) Outcome {
	vals, present := ctx.Lookup(c.Key)
	if present && len(vals) == 0 && c.Op.Set == SetNone {
		present = false // an empty list is no value for a single-valued test
	}
	out := Outcome{Present: present, Context: vals}
	switch {
	case c.Op.Base == OpNull:
		out.Rule = RuleNullCheck
		for _, v := range c.Values {
			if (v.S == "true") != present {
				out.Matched = true
			}
		}
		return out
	case !present && c.Op.IfExists:
		out.Rule, out.Matched = RuleIfExists, true
		return out
	case !present && c.Op.Set != SetNone:
		out.Rule, out.Matched = RuleEmptySet, c.Op.Set == ForAllValues
		return out
	case !present:
		out.Rule, out.Matched = RuleAbsent, c.Op.Base.Negated()
		return out
	}
	out.Values, out.Null = c.policyValues(ctx, vars)
	out.Matched, out.Rule = combine(c.Op, vals, out.Values)
	return out
}

// policyValues substitutes policy variables into the values of string and
// ARN conditions, the only operators where AWS resolves them. A value with
// a variable that has no value is left out: "When policy variables
// reference a condition context key that has no value or is not present in
// an authorization context for a request, the value is effectively null.
// There is no equal or like value" (IAM User Guide, policy variables with
// no value). It returns the first such variable.
func (c *Condition) policyValues(ctx Context, vars bool) ([]string, string) {
	t := c.Op.Base.Type()
	if !vars || (t != "String" && t != "ARN") || !c.hasVariable() {
		return c.strs, ""
	}
	like := c.Op.Base.positive() == OpStringLike || t == "ARN"
	pol := make([]string, 0, len(c.Values))
	null := ""
	for _, v := range c.Values {
		if !HasVariable(v.S) {
			pol = append(pol, v.S)
			continue
		}
		s, missing := Substitute(v.S, ctx, like)
		if missing != "" {
			if null == "" {
				null = missing
			}
			continue
		}
		pol = append(pol, s)
	}
	return pol, null
}

func (c *Condition) hasVariable() bool {
	for _, s := range c.strs {
		if HasVariable(s) {
			return true
		}
	}
	return false
}

// combine applies the operator across context and policy values: several
// policy values are alternatives (OR); a negated operator holds when none
// matches; the set qualifiers quantify over the context values. It returns
// the rule that applied.
func combine(op Operator, ctxVals, pol []string) (bool, Rule) {
	base := op.Base.positive()
	neg := op.Base.Negated()
	anyPolicy := func(cv string) bool {
		for _, pv := range pol {
			if compare(base, cv, pv) {
				return true
			}
		}
		return false
	}
	// "If the key values in the request resolve to an empty data set (for
	// example, an empty string), a condition operator modified by
	// ForAllValues returns true, and a condition operator modified by
	// ForAnyValue returns false" (IAM User Guide, multivalued condition
	// keys): a key whose only values are empty strings is an empty set.
	if op.Set != SetNone && allEmpty(ctxVals) {
		return op.Set == ForAllValues, RuleEmptySet
	}
	switch op.Set {
	case ForAllValues:
		for _, cv := range ctxVals {
			if anyPolicy(cv) == neg {
				return false, RuleSet
			}
		}
		return true, RuleSet
	case ForAnyValue:
		for _, cv := range ctxVals {
			if anyPolicy(cv) != neg {
				return true, RuleSet
			}
		}
		return false, RuleSet
	}
	rule := RuleCompared
	if len(ctxVals) > 1 {
		rule = RuleMultivalued
	}
	for _, cv := range ctxVals {
		if anyPolicy(cv) {
			return !neg, rule
		}
	}
	return neg, rule
}

// allEmpty reports whether every value is the empty string.
func allEmpty(vals []string) bool {
	for _, v := range vals {
		if v != "" {
			return false
		}
	}
	return true
}

// compare applies a positive operator to one context value and one policy value.
func compare(op BaseOp, cv, pv string) bool {
	switch op.Type() {
	case "String":
		return compareString(op, cv, pv)
	case "Numeric":
		return compareNumeric(op, cv, pv)
	case "Date":
		return compareDate(op, cv, pv)
	case "Bool":
		return compareBool(cv, pv)
	case "Binary":
		return compareBinary(cv, pv)
	case "IP":
		return compareIP(cv, pv)
	case "ARN":
		return MatchARN(pv, cv)
	}
	return false
}

// NullCheck returns the condition "Null": {key: "true"} (absent) or
// {key: "false"} (present), placed at off: an edit of a policy that makes
// a condition on key hold or fail for a request, whatever its values.
func NullCheck(key string, absent bool, off int32) Condition {
	v := "false"
	if absent {
		v = "true"
	}
	return Condition{Op: Operator{Name: "Null", Base: OpNull}, Key: key, Values: []Value{{S: v, Off: off}}, strs: []string{v}, OpOff: off, KeyOff: off, Off: off}
}
