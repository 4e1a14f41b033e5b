package catalog

import (
	"strings"
	"testing"
)

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"*", "anything", true},
		{"**", "x", true},
		{"?", "", false},
		{"?", "a", true},
		{"?", "ab", false},
		{"Get*", "GetObject", true},
		{"get*", "GETOBJECT", true},
		{"Get*", "PutObject", false},
		{"*Object", "GetObject", true},
		{"*Object", "GetObjectAcl", false},
		{"*Object*", "GetObjectAcl", true},
		{"*User*", "ListUsers", true},
		{"*User*", "ListGroups", false},
		{"s?s", "sqs", true},
		{"s?s", "s3", false},
		{"a*b*c", "abc", true},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "acb", false},
		{"a*a", "a", false}, // the two ends may not share a character
		{"a*a", "aa", true},
		{"*a?", "bab", true},
		{"*a?", "ba", false},
		{"?*?", "ab", true},
		{"?*?", "a", false},
		{"x*?*y", "xy", false},
		{"x*?*y", "x1y", true},
	}
	for _, tt := range tests {
		g := compileGlob(tt.pattern)
		if got := g.match(tt.text); got != tt.want {
			t.Errorf("match(%q, %q) = %v, want %v", tt.pattern, tt.text, got, tt.want)
		}
	}
}

func TestTemplatePattern(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"s3:prefix", "s3:prefix", false},
		{"aws:RequestTag/${TagKey}", "aws:RequestTag/?*", true},
		{"s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/?*", true},
		{"codebuild:secondarySources/${sourceIdentifier}.auth.type", "codebuild:secondarySources/?*.auth.type", true},
		{"token.actions.${Domain}.ghe.com", "token.actions.?*.ghe.com", true},
		{"odd${unclosed", "odd${unclosed", false},
	}
	for _, tt := range tests {
		got, ok := templatePattern(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("templatePattern(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// referenceMatch is a plain dynamic-programming wildcard matcher, to check
// compileGlob against.
func referenceMatch(pattern, text string) bool {
	p, s := lowerASCII(pattern), lowerASCII(text)
	// m[j] reports whether p[:i] matches s[:j] for the current i.
	m := make([]bool, len(s)+1)
	m[0] = true
	for i := 0; i < len(p); i++ {
		next := make([]bool, len(s)+1)
		if p[i] == '*' {
			next[0] = m[0]
		}
		for j := 1; j <= len(s); j++ {
			switch p[i] {
			case '*':
				next[j] = m[j] || next[j-1]
			case '?':
				next[j] = m[j-1]
			default:
				next[j] = m[j-1] && p[i] == s[j-1]
			}
		}
		m = next
	}
	return m[len(s)]
}

func FuzzGlob(f *testing.F) {
	f.Add("s3:Get*", "s3:GetObject")
	f.Add("*a*b?c*", "xxaxxbxcxx")
	f.Add("a*a", "a")
	f.Add("?*?*?", "ab")
	f.Fuzz(func(t *testing.T, pattern, text string) {
		g := compileGlob(pattern)
		if got, want := g.match(text), referenceMatch(pattern, text); got != want {
			t.Errorf("match(%q, %q) = %v, want %v", pattern, text, got, want)
		}
	})
}

// TestGlobLongPattern checks that matching stays fast on patterns built to
// make backtracking matchers explode.
func TestGlobLongPattern(t *testing.T) {
	pattern := strings.Repeat("*a", 2000) + "*b"
	text := strings.Repeat("a", 10000)
	g := compileGlob(pattern)
	if g.match(text) {
		t.Error("matched text without b")
	}
	if !g.match(text + "b") {
		t.Error("did not match text ending in b")
	}
}
