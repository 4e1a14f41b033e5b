package policy

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// cond builds a condition from a policy snippet.
func cond(t *testing.T, op, key, values string, version string) (*Condition, bool) {
	t.Helper()
	src := fmt.Sprintf(`{"Version": %q, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {%q: {%q: %s}}}}`, version, op, key, values)
	p, err := Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return &p.Statements[0].Conditions[0], p.Vars()
}

func TestConditions(t *testing.T) {
	ctx := mapContext{
		"aws:username":          {"alice"},
		"aws:SourceIp":          {"203.0.113.10"},
		"aws:SourceIp6":         {"2001:db8::1"},
		"aws:CurrentTime":       {"2026-06-01T12:00:00Z"},
		"aws:EpochTime":         {"1780315200"},
		"aws:SecureTransport":   {"true"},
		"aws:TagKeys":           {"team", "env"},
		"aws:EmptyList":         {},
		"aws:EmptyString":       {""},
		"aws:SomeEmpty":         {"", "env"},
		"s3:max-keys":           {"10"},
		"aws:SourceArn":         {"arn:aws:sns:us-east-1:111122223333:topic"},
		"aws:PrincipalTag/team": {"platform"},
		"x:bin":                 {"aGVsbG8="},
	}
	for _, tc := range []struct {
		op, key, values string
		want            bool
	}{
		{"StringEquals", "aws:username", `"alice"`, true},
		{"StringEquals", "AWS:USERNAME", `"alice"`, true}, // key names are case-insensitive
		{"StringEquals", "aws:username", `"Alice"`, false},
		{"StringEqualsIgnoreCase", "aws:username", `"ALICE"`, true},
		{"StringEquals", "aws:username", `["bob", "alice"]`, true}, // values are ORed
		{"StringNotEquals", "aws:username", `["bob", "alice"]`, false},
		{"StringNotEquals", "aws:username", `["bob", "carol"]`, true},
		{"StringNotEquals", "aws:missing", `"x"`, true}, // a negated operator on a missing key is true
		{"StringEquals", "aws:missing", `"x"`, false},
		{"StringEqualsIfExists", "aws:missing", `"x"`, true},
		{"StringLike", "aws:username", `"al*"`, true},
		{"StringLike", "aws:username", `"a?ice"`, true},
		{"StringNotLike", "aws:username", `"b*"`, true},
		{"StringLike", "aws:username", `"${aws:username}"`, true},
		{"StringEquals", "aws:username", `"${aws:PrincipalTag/missing, 'alice'}"`, true},
		{"NumericLessThan", "s3:max-keys", `"11"`, true},
		{"NumericLessThan", "s3:max-keys", `10`, false},
		{"NumericLessThanEquals", "s3:max-keys", `10`, true},
		{"NumericEquals", "s3:max-keys", `"10.0"`, true},
		{"NumericGreaterThan", "s3:max-keys", `"abc"`, false},
		{"NumericGreaterThan", "s3:max-keys", `"-Inf"`, false}, // no number: matches nothing
		{"NumericLessThan", "s3:max-keys", `"Inf"`, false},
		{"NumericEquals", "s3:max-keys", `"0xa"`, false},
		{"NumericEquals", "s3:max-keys", `"1e1"`, true},
		{"NumericNotEquals", "s3:max-keys", `"9"`, true},
		{"DateGreaterThan", "aws:CurrentTime", `"2026-01-01T00:00:00Z"`, true},
		{"DateLessThan", "aws:CurrentTime", `"2026-01-01"`, false},
		{"DateEquals", "aws:CurrentTime", `"1780315200"`, true}, // epoch and ISO 8601 compare
		{"DateLessThan", "aws:EpochTime", `"2026-06-02T00:00:00+09:00"`, true},
		{"DateGreaterThanEquals", "aws:EpochTime", `"1780315200"`, true},
		{"Bool", "aws:SecureTransport", `"true"`, true},
		{"Bool", "aws:SecureTransport", `false`, false},
		{"Bool", "aws:SecureTransport", `"TRUE"`, true},
		{"BoolIfExists", "aws:MultiFactorAuthPresent", `"false"`, true},
		{"BinaryEquals", "x:bin", `"aGVsbG8="`, true},
		{"BinaryEquals", "x:bin", `"aGVsbG8"`, true}, // unpadded base64 decodes to the same bytes
		{"IpAddress", "aws:SourceIp", `"203.0.113.0/24"`, true},
		{"IpAddress", "aws:SourceIp", `"203.0.113.10"`, true},
		{"IpAddress", "aws:SourceIp", `"198.51.100.0/24"`, false},
		{"NotIpAddress", "aws:SourceIp", `"198.51.100.0/24"`, true},
		{"IpAddress", "aws:SourceIp6", `"2001:db8::/32"`, true},
		{"IpAddress", "aws:SourceIp6", `"203.0.113.0/24"`, false},
		{"IpAddress", "aws:SourceIp", `"203.0.113.77/24"`, true}, // host bits are masked
		{"ArnLike", "aws:SourceArn", `"arn:aws:sns:*:111122223333:*"`, true},
		{"ArnEquals", "aws:SourceArn", `"arn:aws:sns:us-east-1:111122223333:topic"`, true},
		{"ArnNotLike", "aws:SourceArn", `"arn:aws:sqs:*"`, true},
		{"ArnLike", "aws:SourceArn", `"arn:aws:s*:111122223333:topic"`, false}, // no spanning colons
		{"Null", "aws:missing", `"true"`, true},
		{"Null", "aws:username", `"true"`, false},
		{"Null", "aws:username", `"false"`, true},
		{"Null", "aws:EmptyList", `"true"`, true},
		{"ForAllValues:StringEquals", "aws:TagKeys", `["team", "env", "cost"]`, true},
		{"ForAllValues:StringEquals", "aws:TagKeys", `["team"]`, false},
		{"ForAllValues:StringEquals", "aws:missing", `["team"]`, true}, // vacuously true
		{"ForAllValues:StringEquals", "aws:EmptyList", `["team"]`, true},
		{"ForAnyValue:StringEquals", "aws:TagKeys", `["env"]`, true},
		{"ForAnyValue:StringEquals", "aws:TagKeys", `["cost"]`, false},
		{"ForAnyValue:StringEquals", "aws:missing", `["team"]`, false},
		{"ForAnyValue:StringEquals", "aws:EmptyList", `["team"]`, false},
		{"ForAllValues:StringNotEquals", "aws:TagKeys", `["cost"]`, true},
		{"ForAllValues:StringNotEquals", "aws:TagKeys", `["env"]`, false},
		{"ForAnyValue:StringNotEquals", "aws:TagKeys", `["env"]`, true},
		{"ForAnyValue:StringNotEquals", "aws:TagKeys", `["env", "team"]`, false},
		{"ForAllValues:StringLike", "aws:TagKeys", `["t*", "e*"]`, true},
		// An empty string is an empty data set to the set qualifiers.
		{"ForAllValues:StringEquals", "aws:EmptyString", `["team"]`, true},
		{"ForAnyValue:StringLike", "aws:EmptyString", `["*"]`, false},
		{"ForAllValues:StringEquals", "aws:SomeEmpty", `["env"]`, false}, // "" is a value among others
		{"ForAllValues:StringEquals", "aws:SomeEmpty", `["env", ""]`, true},
		{"ForAnyValue:StringEquals", "aws:SomeEmpty", `["env"]`, true},
		{"ForAllValues:StringEquals", "aws:SomeEmpty", `["team"]`, false},
		{"StringLike", "aws:EmptyString", `"*"`, true}, // but a value to the others
		{"StringEquals", "aws:TagKeys", `"env"`, true}, // any value of a multivalued key
	} {
		c, vars := cond(t, tc.op, tc.key, tc.values, Version2012)
		if got := c.Eval(ctx, vars); got.Matched != tc.want {
			t.Errorf("%s {%s: %s} = %v, want %v", tc.op, tc.key, tc.values, got.Matched, tc.want)
		}
	}
}

// Without Version 2012-10-17 a variable is literal text. A value with a
// variable that has no value is null: it equals and is like nothing, so a
// negated operator holds against it, and the condition's other values
// still count.
func TestConditionVariables(t *testing.T) {
	ctx := mapContext{"aws:username": {"${aws:username}"}}
	c, vars := cond(t, "StringEquals", "aws:username", `"${aws:username}"`, Version2008)
	if vars || !c.Eval(ctx, vars).Matched {
		t.Error("2008 policy: the variable should be literal text")
	}
	req := mapContext{"aws:username": {"alice"}, "s3:ExistingObjectTag/Team": {"red"}, "aws:PrincipalTag/Team": {"red"}}
	for _, tc := range []struct {
		op, key, values string
		want            bool
		null            string
	}{
		{"StringNotEquals", "aws:username", `"${aws:PrincipalTag/none}"`, true, "aws:PrincipalTag/none"},
		{"StringEquals", "aws:username", `"${aws:PrincipalTag/none}"`, false, "aws:PrincipalTag/none"},
		{"StringLike", "aws:username", `"${aws:PrincipalTag/none}*"`, false, "aws:PrincipalTag/none"},
		{"StringNotLike", "aws:username", `"${aws:PrincipalTag/none}*"`, true, "aws:PrincipalTag/none"},
		// The other values of the list still compare.
		{"StringEquals", "aws:username", `["${aws:PrincipalTag/none}", "alice"]`, true, "aws:PrincipalTag/none"},
		{"StringNotEquals", "aws:username", `["${aws:PrincipalTag/none}", "alice"]`, false, "aws:PrincipalTag/none"},
		{"ForAnyValue:StringEquals", "aws:username", `["${aws:PrincipalTag/none}"]`, false, "aws:PrincipalTag/none"},
		{"ForAllValues:StringNotEquals", "aws:username", `["${aws:PrincipalTag/none}"]`, true, "aws:PrincipalTag/none"},
		{"ArnNotLike", "aws:username", `"arn:aws:iam::${aws:PrincipalTag/none}:*"`, true, "aws:PrincipalTag/none"},
		// The guide's example: s3:ExistingObjectTag/Team must equal aws:PrincipalTag/Team.
		{"StringNotEquals", "s3:ExistingObjectTag/Team", `"${aws:PrincipalTag/Team}"`, false, ""},
	} {
		c, vars := cond(t, tc.op, tc.key, tc.values, Version2012)
		out := c.Eval(req, vars)
		if out.Matched != tc.want || out.Null != tc.null {
			t.Errorf("%s {%s: %s} = %v (null %q), want %v (null %q)", tc.op, tc.key, tc.values, out.Matched, out.Null, tc.want, tc.null)
		}
	}
}

// Each outcome names the rule that decided it.
func TestConditionRules(t *testing.T) {
	ctx := mapContext{"aws:username": {"alice"}, "aws:TagKeys": {"a", "b"}, "aws:Empty": {""}}
	for _, tc := range []struct {
		op, key string
		want    Rule
	}{
		{"StringEquals", "aws:username", RuleCompared},
		{"StringEquals", "aws:TagKeys", RuleMultivalued},
		{"ForAnyValue:StringEquals", "aws:TagKeys", RuleSet},
		{"ForAllValues:StringEquals", "aws:Empty", RuleEmptySet},
		{"ForAllValues:StringEquals", "aws:missing", RuleEmptySet},
		{"StringEqualsIfExists", "aws:missing", RuleIfExists},
		{"StringNotEquals", "aws:missing", RuleAbsent},
		{"Null", "aws:missing", RuleNullCheck},
	} {
		values := `"x"`
		if tc.op == "Null" {
			values = `"true"`
		}
		c, vars := cond(t, tc.op, tc.key, values, Version2012)
		if got := c.Eval(ctx, vars).Rule; got != tc.want {
			t.Errorf("%s %s: rule %v, want %v", tc.op, tc.key, got, tc.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2026-06-01T12:00:00Z", "2026-06-01T12:00:00.123Z", "2026-06-01T21:00:00+09:00", "2026-06-01", "2026-06", "1780315200", "2026-06-01T12:00Z", "20260601T120000Z"} {
		if _, ok := ParseDate(s); !ok {
			t.Errorf("ParseDate(%q) failed", s)
		}
	}
	for _, s := range []string{"", "yesterday", "2026-13-01", "12:00", "99999999999999999999", "-99999999999999"} {
		if _, ok := ParseDate(s); ok {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

// Every operator parses by its name, with the qualifiers, and no other
// spelling does.
func TestParseOperatorNames(t *testing.T) {
	for i, n := range opNames {
		if n == "" {
			continue
		}
		for _, name := range []string{n, n + "IfExists", "ForAnyValue:" + n, "ForAllValues:" + n + "IfExists"} {
			o, msg := ParseOperator(name)
			if BaseOp(i) == OpNull && name != n {
				if msg == "" {
					t.Errorf("ParseOperator(%q) accepts a qualifier on Null", name)
				}
				continue
			}
			if msg != "" || o.Base != BaseOp(i) {
				t.Errorf("ParseOperator(%q) = %v, %q; want %v", name, o.Base, msg, BaseOp(i))
			}
		}
		for _, bad := range []string{strings.ToLower(n), n + "x", n[1:]} {
			if _, msg := ParseOperator(bad); msg == "" {
				t.Errorf("ParseOperator(%q) accepts a name that is no operator", bad)
			}
		}
	}
}

// The fast path takes the usual dates, and leaves the rest to the layouts.
func TestUTCSeconds(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-06-01T12:00:00Z": true, "2024-02-29T23:59:59Z": true, "1999-12-31T00:00:00Z": true,
		"2023-02-29T00:00:00Z": false, "2026-04-31T00:00:00Z": false, "2026-06-01T24:00:00Z": false,
		"2026-06-01T12:00:00+09:00": false, "2026-06-01T12:00:00.5Z": false, "2026-06-01": false,
	} {
		if _, ok := utcSeconds(s); ok != want {
			t.Errorf("utcSeconds(%q) = %v, want %v", s, ok, want)
		}
		if _, err := time.Parse(time.RFC3339, s); want && err != nil {
			t.Errorf("time.Parse(%q): %v", s, err)
		}
	}
}
