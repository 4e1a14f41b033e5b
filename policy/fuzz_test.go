package policy

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": ["a/*"]}}}]}`,
		`{"Statement": {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*", "NotPrincipal": {"AWS": "111122223333"}}}`,
		`{"Statement": [{"Effect": "Allow", "Action": ["a:b"], "Principal": "*"}]}`,
		`{"Id": "\u00e9\ud83d\ude00", "Statement": []}`,
		`[`, `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringEqualsIfExists": {"k": [1, true, "x"]}}}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Line < 1 || e.Col < 1 || e.Off < 0 || e.Off > len(src) {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		if !utf8.ValidString(src) {
			t.Fatalf("parsed text that is not UTF-8: %q", src)
		}
		for _, s := range p.Statements {
			if s.Effect != Allow && s.Effect != Deny {
				t.Fatalf("statement without effect: %+v", s)
			}
			for _, c := range s.Conditions {
				c.Eval(mapContext{"k": {"x", "1"}}, p.Vars())
			}
		}
	})
}

func FuzzARN(f *testing.F) {
	f.Add("arn:aws:s3:::b/*", "arn:aws:s3:::b/k")
	f.Add("arn:aws:iam::*:user/*", "arn:aws:iam::111122223333:user/a")
	f.Add("a*b?c", "axxbyc")
	f.Fuzz(func(t *testing.T, pattern, arn string) {
		if len(pattern) > 256 || len(arn) > 256 {
			return
		}
		got := MatchARN(pattern, arn)
		if want := matchPartsRef(pattern, arn); got != want {
			t.Fatalf("MatchARN(%q, %q) = %v, part by part %v", pattern, arn, got, want)
		}
		if !special(pattern) && !HasVariable(pattern) && pattern == arn && !got {
			t.Fatalf("MatchARN(%q, itself) = false", pattern)
		}
		if a, ok := ParseARN(arn); ok && a.String() != arn {
			t.Fatalf("ParseARN(%q).String() = %q", arn, a.String())
		}
		for _, s := range []string{pattern, arn} {
			a, ok := ParseARN(s)
			b, okb := parseARNRef(s)
			if a != b || ok != okb {
				t.Fatalf("ParseARN(%q) = %+v, %v; part by part %+v, %v", s, a, ok, b, okb)
			}
		}
		Match(pattern, arn, true)
	})
}

func FuzzCondition(f *testing.F) {
	f.Add("203.0.113.0/24", "203.0.113.9")
	f.Add("2026-01-01T00:00:00Z", "1780315200")
	f.Add("10", "9.5")
	f.Add("aGk=", "aGk")
	f.Add("${aws:username}", "a*")
	f.Fuzz(func(t *testing.T, policyValue, requestValue string) {
		ctx := mapContext{"k": {requestValue}, "aws:username": {requestValue}}
		for op := OpStringEquals; op <= OpArnNotLike; op++ {
			c := Condition{Op: Operator{Name: op.String(), Base: op}, Key: "k", Values: []Value{{S: policyValue}}, strs: []string{policyValue}}
			c.Eval(ctx, true)
		}
		ParseDate(policyValue)
		ParseCIDR(policyValue)
	})
}

// The shortcuts of Match agree with the general loop.
func FuzzMatch(f *testing.F) {
	f.Add("s3:Get*", "s3:getobject", true)
	f.Add("*Object", "s3:GetObject", false)
	f.Add("a*b", "ab", true)
	f.Fuzz(func(t *testing.T, p, s string, fold bool) {
		star, stars, others := wildcards(p)
		if want := strings.IndexByte(p, '*'); star != want || stars != strings.Count(p, "*") || others != (strings.IndexByte(p, '?') >= 0 || strings.IndexByte(p, literalMark) >= 0) {
			t.Fatalf("wildcards(%q) = %d, %d, %v", p, star, stars, others)
		}
		if got, want := Match(p, s, fold), matchLoop(p, s, fold); got != want {
			t.Fatalf("Match(%q, %q, %v) = %v, the loop says %v", p, s, fold, got, want)
		}
	})
}

func FuzzHasVariable(f *testing.F) {
	for _, s := range []string{"", "$", "${", "$${", "a$b${c}", "arn:aws:s3:::b/${aws:username}/*", "$x$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := HasVariable(s), strings.Contains(s, "${"); got != want {
			t.Fatalf("HasVariable(%q) = %v, want %v", s, got, want)
		}
	})
}

// matchPartsRef is MatchARN the plain way: split both at their first five
// colons, then match part by part.
func matchPartsRef(pattern, arn string) bool {
	if pattern == "*" {
		return true
	}
	p, a := strings.SplitN(pattern, ":", 6), strings.SplitN(arn, ":", 6)
	if len(p) != len(a) {
		return false
	}
	for i := range p {
		if !matchLoop(p[i], a[i], false) {
			return false
		}
	}
	return true
}

// parseARNRef splits an ARN at its colons one by one, the plain way.
func parseARNRef(s string) (ARN, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		return ARN{}, false
	}
	return ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}, true
}

// checkAction's one pass agrees with actionError, which checks each rule
// in turn.
func FuzzCheckAction(f *testing.F) {
	for _, s := range []string{"s3:GetObject", "*", "s3:*", ":x", "s3:", "s3_x:Get", "s3:Get_Object", "s3:a:b", "ec2:Describe*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, a string) {
		if got, want := checkAction(a), actionError(a); got != want {
			t.Fatalf("checkAction(%q) = %q, want %q", a, got, want)
		}
	})
}

// special reports whether a pattern has anything but literal text: the
// plain byte loop that the fuzz targets check Match's shortcuts against.
func special(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c == '*' || c == '?' || c == literalMark {
			return true
		}
	}
	return false
}

// FuzzDate checks utcSeconds against the layouts: it reads a date only as
// time.Parse does, to the same instant.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2026-06-01T12:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z",
		"2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-06-01T24:00:00Z", "2026-06-01T12:60:00Z",
		"2026-06-01T12:00:60Z", "0000-01-01T00:00:00Z", "2026-06-01t12:00:00z", "2026-0a-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := utcSeconds(s)
		if !ok {
			return
		}
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || !got.Equal(want) {
			t.Fatalf("utcSeconds(%q) = %v; time.Parse says %v, %v", s, got, want, err)
		}
	})
}
