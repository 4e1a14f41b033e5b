package policy

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		fold bool
		want bool
	}{
		{"*", "", false, true},
		{"*", "anything", false, true},
		{"a*c", "abbbc", false, true},
		{"a*c", "abbbd", false, false},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"a?c", "a日c", false, true},
		{"s3:Get*", "s3:getobject", true, true},
		{"s3:Get*", "s3:getobject", false, false},
		{"*Object", "s3:GetObject", true, true},
		{"**a", "xa", false, true},
		{"a*b*c", "a-b-b-c", false, true},
		{"a*b*c", "a-b-b-d", false, false},
		{"", "", false, true},
		{"", "x", false, false},
		{"abc", "ABC", true, true},
		{"s3:GetObject", "s3:GETOBJECT", true, true},
		{"s3:GetObject", "s3:GetObjects", true, false},
		{"sso:ListK", "sso:List\u212a", true, false}, // ASCII folding only: not the Kelvin sign
		{"s3:Get_", "s3:Get\x7f", true, false},       // '_'|0x20 is DEL: letters only fold
		{"a\xff*b", "a*b", false, true},              // a literal star from a variable
		{"a\xff*b", "axb", false, false},
		{"a\xff?", "a?", false, true},
		{"a\x00b", "a\x00b", false, true}, // NUL is text like any other byte
		{"a\x00*", "a\x00xyz", false, true},
	} {
		if got := Match(tc.p, tc.s, tc.fold); got != tc.want {
			t.Errorf("Match(%q, %q, %v) = %v, want %v", tc.p, tc.s, tc.fold, got, tc.want)
		}
	}
}

// A pathological pattern must not take exponential time.
func TestMatchLinear(t *testing.T) {
	p := strings.Repeat("a*", 200) + "b"
	s := strings.Repeat("a", 5000)
	if Match(p, s, false) {
		t.Fatal("matched")
	}
}

func TestMatchARN(t *testing.T) {
	for _, tc := range []struct {
		p, arn string
		want   bool
	}{
		{"*", "arn:aws:s3:::b", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/k/x.txt", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::c/k", false},
		{"arn:aws:s3:::*", "arn:aws:s3:::b/k", true},
		{"arn:aws:iam::*:user/*", "arn:aws:iam::111122223333:user/a", true},
		{"arn:aws:iam::111122223333:user/A", "arn:aws:iam::111122223333:user/a", false},
		{"arn:aws:*:us-east-1:*:*", "arn:aws:sqs:us-east-1:111122223333:q", true},
		// A wildcard never spans the colons between the first five parts.
		{"arn:aws:s*:111122223333:q", "arn:aws:sqs:us-east-1:111122223333:q", false},
		{"arn:aws:sqs:*:111122223333:*", "arn:aws:sqs:us-east-1:111122223333:q", true},
		// The resource part may hold colons.
		{"arn:aws:lambda:us-east-1:111122223333:function:f*", "arn:aws:lambda:us-east-1:111122223333:function:f:1", true},
		{"arn:aws:s3:::b", "*", false},
		{"*", "*", true},
		{"arn:aws:s3:::b", "arn:aws:s3:::b", true},
		{"arn:aws:s3", "arn:aws:s3:::b", false},
		// Fewer parts than the ARN: no part may stand for two (ArnLike
		// compares the six parts separately).
		{"arn:aws:sns:*:alerts", "arn:aws:sns:us-east-1:111122223333:alerts", false},
		{"arn:aws:sns:*", "arn:aws:sns:us-east-1:111122223333:alerts", false},
		{"arn:*", "arn:aws:s3:::b", false},
		{"arn:aws:sns:*:*:alerts", "arn:aws:sns:us-east-1:111122223333:alerts", true},
		{"arn:aws:sns:*:*:*", "arn:aws:sns:us-east-1:111122223333:alerts", true},
		// The documentation's example: StringLike would match, ArnLike does not.
		{"arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false},
		{"*alerts", "arn:aws:sns:us-east-1:111122223333:alerts", false},
		// Values that are not ARNs compare part by part too.
		{"a*b?c", "axxbyc", true},
		{"x:*", "x:y", true},
		{"x:*", "x:y:z", false}, // as many parts on both sides
		{"x:*", "x", false},
	} {
		if got := MatchARN(tc.p, tc.arn); got != tc.want {
			t.Errorf("MatchARN(%q, %q) = %v, want %v", tc.p, tc.arn, got, tc.want)
		}
	}
}

func TestParseARN(t *testing.T) {
	a, ok := ParseARN("arn:aws:iam::111122223333:role/path/Name")
	if !ok || a.Service != "iam" || a.Account != "111122223333" || a.Resource != "role/path/Name" || a.String() != "arn:aws:iam::111122223333:role/path/Name" {
		t.Errorf("ParseARN = %+v %v", a, ok)
	}
	for _, bad := range []string{"", "arn", "arn:aws", "arn::s3:::b", "arn:aws::::x", "urn:aws:s3:::b"} {
		if _, ok := ParseARN(bad); ok {
			t.Errorf("ParseARN(%q) accepted", bad)
		}
	}
}

type mapContext map[string][]string

func (m mapContext) Lookup(key string) ([]string, bool) {
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

func TestSubstitute(t *testing.T) {
	ctx := mapContext{"aws:username": {"alice"}, "aws:PrincipalTag/team": {"a*b"}, "aws:TagKeys": {"x", "y"}}
	for _, tc := range []struct {
		in      string
		pattern bool
		want    string
		missing string
	}{
		{"home/${aws:username}/*", true, "home/alice/*", ""},
		{"${AWS:USERNAME}", false, "alice", ""},
		{"t/${aws:PrincipalTag/team}", true, "t/a\xff*b", ""},
		{"t/${aws:PrincipalTag/team}", false, "t/a*b", ""},
		{"${*}${?}${$}", false, "*?$", ""},
		{"${*}", true, "\xff*", ""},
		{"${aws:PrincipalTag/dept, 'none'}", false, "none", ""},
		{"${ aws:username , 'x' }", false, "alice", ""},
		{"${aws:PrincipalTag/dept}", false, "", "aws:PrincipalTag/dept"},
		{"${aws:TagKeys}", false, "", "aws:TagKeys"},
		{"no vars", false, "no vars", ""},
		{"open ${brace", false, "open ${brace", ""},
	} {
		got, missing := Substitute(tc.in, ctx, tc.pattern)
		if got != tc.want || missing != tc.missing {
			t.Errorf("Substitute(%q) = %q, %q; want %q, %q", tc.in, got, missing, tc.want, tc.missing)
		}
	}
}
