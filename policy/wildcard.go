package policy

import (
	"strings"
	"unicode/utf8"
)

// literalMark in a pattern makes the byte after it literal: substituted
// policy variables and ${*} ${?} use it so that their text is never a wildcard.
const literalMark = 0

// HasWildcard reports whether s contains * or ?.
func HasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '*' || c == '?' {
			return true
		}
	}
	return false
}

// special reports whether a pattern has anything but literal text.
func special(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c == '*' || c == '?' || c == literalMark {
			return true
		}
	}
	return false
}

// Match reports whether s matches the IAM wildcard pattern: * is any run of
// characters (also none), ? is exactly one. fold makes the comparison
// ASCII case-insensitive, as action names are. It runs in O(len(p)·len(s))
// at worst, never exponentially.
func Match(p, s string, fold bool) bool {
	if p == "*" {
		return true
	}
	if !special(p) {
		if fold {
			return strings.EqualFold(p, s)
		}
		return p == s
	}
	px, sx := 0, 0
	starP, starS := -1, 0
	for sx < len(s) {
		if px < len(p) {
			switch c := p[px]; {
			case c == '*':
				starP, starS = px, sx
				px++
				continue
			case c == '?':
				_, n := utf8.DecodeRuneInString(s[sx:])
				px++
				sx += n
				continue
			case c == literalMark && px+1 < len(p):
				if p[px+1] == s[sx] {
					px += 2
					sx++
					continue
				}
			case sameByte(c, s[sx], fold):
				px++
				sx++
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starS++
		px, sx = starP+1, starS
	}
	for px < len(p) && p[px] == '*' {
		px++
	}
	return px == len(p)
}

func sameByte(a, b byte, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	return lower(a) == lower(b)
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// MatchAction reports whether an action pattern such as "s3:Get*" matches
// the action "s3:GetObject". Action names are case-insensitive.
func MatchAction(pattern, action string) bool {
	return Match(pattern, action, true)
}
