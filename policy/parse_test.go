package policy

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	src := `{
  "Version": "2012-10-17",
  "Id": "x",
  "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": ["s3:GetObject", "s3:Put*"], "Resource": "arn:aws:s3:::b/*",
     "Condition": {"StringEquals": {"aws:username": ["alice", "bob"]}, "Bool": {"aws:SecureTransport": true}}},
    {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*", "Principal": {"AWS": ["111122223333"], "Service": "s3.amazonaws.com"}}
  ]
}`
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Vars() || p.ID != "x" || len(p.Statements) != 2 {
		t.Fatalf("policy = %+v", p)
	}
	s := p.Statements[0]
	if s.Sid != "A" || s.Effect != Allow || len(s.Actions) != 2 || s.Actions[1].S != "s3:Put*" || len(s.Conditions) != 2 {
		t.Errorf("statement 0 = %+v", s)
	}
	if got := p.Position(s.Off); got.Line != 5 || got.Col != 5 {
		t.Errorf("statement 0 at %d:%d, want 5:5", got.Line, got.Col)
	}
	if c := s.Conditions[1]; c.Op.Base != OpBool || c.Values[0].S != "true" {
		t.Errorf("bool condition = %+v", c)
	}
	s = p.Statements[1]
	if !s.NotAction || !s.NotResource || s.Principal == nil || len(s.Principal.AWS) != 1 || s.Principal.Service[0].S != "s3.amazonaws.com" {
		t.Errorf("statement 1 = %+v", s)
	}
}

func TestParseStatementObject(t *testing.T) {
	p, err := Parse(`{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Statements) != 1 || p.Vars() {
		t.Errorf("got %d statements, vars %v", len(p.Statements), p.Vars())
	}
}

// Every policy AWS would reject is an error at the right place.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, code, msg string
		line, col            int
	}{
		{"syntax", `{"Statement": [}`, "json.syntax", "unexpected", 1, 16},
		{"trailing comma", "{\"Statement\": [\n  {\"Effect\": \"Allow\",}\n]}", "json.syntax", "trailing comma", 2, 22},
		{"not object", `[]`, "json.type", "must be an object", 1, 1},
		{"bad effect", `{"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}`, "statement.effect", "case-sensitive", 1, 26},
		{"no effect", `{"Statement": {"Action": "*", "Resource": "*"}}`, "statement.noEffect", "no Effect", 1, 15},
		{"no action", `{"Statement": {"Effect": "Allow", "Resource": "*"}}`, "statement.noAction", "no Action", 1, 15},
		{"action without prefix", `{"Statement": {"Effect": "Allow", "Action": "GetObject", "Resource": "*"}}`, "action.syntax", "no service prefix", 1, 45},
		{"action bad char", `{"Statement": {"Effect": "Allow", "Action": "s3:Get Object", "Resource": "*"}}`, "action.syntax", "invalid character", 1, 45},
		{"both action kinds", `{"Statement": {"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}}`, "statement.pair", "either Action or NotAction", 1, 50},
		{"duplicate key", `{"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*"}}`, "json.duplicateKey", "duplicate key \"Effect\"", 1, 35},
		{"duplicate condition", `{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {}, "Condition": {}}}`, "json.duplicateKey", "duplicate key \"Condition\"", 1, 67},
		{"duplicate sid", `{"Statement": {"Sid": "a", "Sid": "b"}}`, "json.duplicateKey", "duplicate key \"Sid\"", 1, 28},
		{"wildcard vendor", `{"Statement": {"Effect": "Allow", "Action": "s*:Get*", "Resource": "*"}}`, "action.syntax", `wildcard in its service prefix`, 1, 45},
		{"all vendors", `{"Statement": {"Effect": "Allow", "Action": ["s3:Get*", "*:*"], "Resource": "*"}}`, "action.syntax", `Action vendors must not contain wildcards`, 1, 57},
		{"non-ASCII in name", `{"Statement": {"Effect": "Allow", "Action": "s3:Getö", "Resource": "*"}}`, "action.syntax", `invalid character 'ö' in its name`, 1, 45},
		{"not UTF-8", "{\"Statement\": {\"Sid\": \"a\xffb\"}}", "json.utf8", "not valid UTF-8", 1, 25},
		{"duplicate resource", `{"Statement": {"Resource": "*", "Resource": "*"}}`, "statement.pair", "either Resource or NotResource", 1, 33},
		{"unknown element", `{"Statement": {"Effect": "Allow", "action": "*"}}`, "policy.unknownElement", "write \"Action\"", 1, 35},
		{"unknown top", `{"Statment": []}`, "policy.unknownElement", "expected Version", 1, 2},
		{"no statement", `{"Version": "2012-10-17"}`, "policy.noStatement", "no Statement", 1, 1},
		{"bad version", `{"Version": "2012-10-18", "Statement": []}`, "policy.version", "unknown Version", 1, 13},
		{"version type", `{"Version": 2012, "Statement": []}`, "json.type", "Version must be a string, not a number", 1, 13},
		{"bad operator", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqual": {"a": "b"}}}}`, "condition.operator", "unknown condition operator", 1, 81},
		{"operator case", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"stringequals": {"a": "b"}}}}`, "condition.operator", "did you mean \"StringEquals\"", 1, 81},
		{"qualifier case", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"forAnyValue:StringEqualsifexists": {"a": "b"}}}}`, "condition.operator", "did you mean \"ForAnyValue:StringEqualsIfExists\"", 1, 81},
		{"null with IfExists, in lower case", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"nullIfExists": {"a": "true"}}}}`, "condition.operator", "Null cannot take IfExists", 1, 81},
		{"two qualifiers", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAllValues:ForAnyValue:StringEquals": {"a": "b"}}}}`, "condition.operator", "at most one qualifier", 1, 81},
		{"null ifexists", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NullIfExists": {"a": "true"}}}}`, "condition.operator", "Null cannot", 1, 81},
		{"null value", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Null": {"a": "yes"}}}}`, "condition.nullValue", "Null takes", 1, 95},
		{"condition object value", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"a": {}}}}}`, "json.type", "condition value", 1, 95},
		{"empty action list", `{"Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}}`, "statement.emptyList", "empty array", 1, 45},
		{"principal string", `{"Statement": {"Effect": "Allow", "Action": "*", "Principal": "arn:aws:iam::111122223333:root"}}`, "principal.syntax", "must be \"*\"", 1, 63},
		{"principal key", `{"Statement": {"Effect": "Allow", "Action": "*", "Principal": {"Aws": "*"}}}`, "policy.unknownElement", "write \"AWS\"", 1, 64},
		{"principal empty", `{"Statement": {"Effect": "Allow", "Action": "*", "Principal": {}}}`, "principal.empty", "at least one", 1, 63},
		{"unterminated", `{"Id": "abc`, "json.syntax", "unterminated string", 1, 8},
		{"control char", "{\"Id\": \"a\tb\", \"Statement\": []}", "json.syntax", "control character", 1, 10},
		{"trailing garbage", `{"Statement": []} x`, "json.syntax", "after the JSON value", 1, 19},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.src)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Code != tc.code || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %s %q, want %s containing %q", e.Code, e.Msg, tc.code, tc.msg)
			}
			if e.Line != tc.line || e.Col != tc.col {
				t.Errorf("at %d:%d, want %d:%d", e.Line, e.Col, tc.line, tc.col)
			}
		})
	}
}

func TestParseOperator(t *testing.T) {
	for _, tc := range []struct {
		name     string
		base     BaseOp
		set      SetOp
		ifExists bool
	}{
		{"StringEquals", OpStringEquals, SetNone, false},
		{"StringNotLikeIfExists", OpStringNotLike, SetNone, true},
		{"ForAllValues:StringEquals", OpStringEquals, ForAllValues, false},
		{"ForAnyValue:ArnLikeIfExists", OpArnLike, ForAnyValue, true},
		{"NotIpAddress", OpNotIPAddress, SetNone, false},
		{"Null", OpNull, SetNone, false},
	} {
		o, msg := ParseOperator(tc.name)
		if msg != "" || o.Base != tc.base || o.Set != tc.set || o.IfExists != tc.ifExists {
			t.Errorf("ParseOperator(%q) = %+v %q", tc.name, o, msg)
		}
	}
	for _, bad := range []string{"", "IfExists", "ForAllValues:", "StringEqualsIfExistsIfExists", "ForAnyValues:StringEquals", "StringMatches"} {
		if _, msg := ParseOperator(bad); msg == "" {
			t.Errorf("ParseOperator(%q) accepted", bad)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	src := `{"Version": "2012-10-17", "Statement": [
  {"Sid": "A", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket/${aws:username}/*",
   "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}},
  {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}`
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

// The key switches agree with the lists that messages name.
func TestKeySwitches(t *testing.T) {
	for _, c := range []struct {
		keys []string
		key  func(string) int
	}{{topKeys, topKey}, {stmtKeys, stmtKey}, {principalKeys, principalKey}} {
		for i, k := range c.keys {
			if got := c.key(k); got != i {
				t.Errorf("key %q numbered %d, want %d", k, got, i)
			}
			if got := c.key(strings.ToLower(k)); got != -1 {
				t.Errorf("key %q numbered %d, want -1", strings.ToLower(k), got)
			}
		}
	}
}

// A condition block finds a duplicate key wherever it is, however many
// keys it has (the scan of the first few, the set of the rest).
func TestDuplicateConditionKeys(t *testing.T) {
	block := func(n, dupOf int) string {
		var keys []string
		for i := range n {
			keys = append(keys, fmt.Sprintf("%q: \"v\"", fmt.Sprintf("aws:k%d", i)))
		}
		if dupOf >= 0 {
			keys = append(keys, fmt.Sprintf("%q: \"v\"", fmt.Sprintf("aws:k%d", dupOf)))
		}
		return `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {` + strings.Join(keys, ", ") + `}}}}`
	}
	for _, tc := range []struct{ n, dupOf int }{{3, -1}, {3, 1}, {largeBlock - 1, 0}, {largeBlock, 0}, {largeBlock, -1}, {40, 2}, {40, 39}, {40, -1}, {5000, 4000}, {5000, -1}} {
		_, err := Parse(block(tc.n, tc.dupOf))
		if tc.dupOf < 0 {
			if err != nil {
				t.Errorf("%d keys: %v", tc.n, err)
			}
			continue
		}
		if e, ok := err.(*Error); !ok || e.Code != "json.duplicateKey" || !strings.Contains(e.Msg, fmt.Sprintf(`"aws:k%d"`, tc.dupOf)) {
			t.Errorf("%d keys, key %d again: %v", tc.n, tc.dupOf, err)
		}
	}
}

// One Builder reading two policies with large condition blocks that share
// key names finds no duplicate across them, and one within the second.
func TestBuilderReuseLargeBlocks(t *testing.T) {
	block := func(keys ...string) string {
		var kv []string
		for _, k := range keys {
			kv = append(kv, fmt.Sprintf("%q: \"v\"", k))
		}
		return `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {` + strings.Join(kv, ", ") + `}}}}`
	}
	var keys []string
	for i := range 2 * largeBlock {
		keys = append(keys, fmt.Sprintf("aws:k%d", i))
	}
	var b Builder
	b.Init()
	for round := range 2 {
		if _, err := b.Parse(block(keys...)); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	if _, err := b.Parse(block(append(keys, "aws:k20")...)); err == nil || !strings.Contains(err.Error(), `"aws:k20"`) {
		t.Errorf("duplicate in a reused builder: %v", err)
	}
}
