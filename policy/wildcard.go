package policy

import (
	"unicode/utf8"

	"github.com/iamlab/iamlab/internal/word"
)

// literalMark in a pattern makes the byte after it literal: substituted
// policy variables and ${*} ${?} use it so that their text is never a
// wildcard. It is a byte that UTF-8 never has, and every text is UTF-8
// (scenario.Parse and Parse check), so no pattern has it of its own.
const literalMark = 0xff

// HasWildcard reports whether s contains * or ?.
func HasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '*' || c == '?' {
			return true
		}
	}
	return false
}

// Match reports whether s matches the IAM wildcard pattern: * is any run of
// characters (also none), ? is exactly one. fold makes the comparison
// ASCII case-insensitive, as action names are (they are ASCII: no Unicode
// folding, so that "K" never matches the Kelvin sign, with or without a
// wildcard). It runs in O(len(p)·len(s))
// at worst, never exponentially.
func Match(p, s string, fold bool) bool {
	if p == "*" {
		return true
	}
	switch star, stars, others := wildcards(p); {
	case stars == 0 && !others:
		return len(p) == len(s) && sameText(p, s, fold)
	case stars == 1 && !others:
		// One star, the usual shape ("s3:Get*", "kms:*Key"): its text
		// before the star must begin s and its text after end it.
		pre, suf := p[:star], p[star+1:]
		return len(s) >= len(pre)+len(suf) && sameText(pre, s[:len(pre)], fold) && sameText(suf, s[len(s)-len(suf):], fold)
	}
	return matchLoop(p, s, fold)
}

// wildcards returns the offset of the first * of p and the number of them,
// and whether p has any other wildcard or literal mark.
func wildcards(p string) (star, stars int, others bool) {
	star = -1
	i := 0
	// Eight bytes at a time while there is none (most of an ARN).
	for i+8 <= len(p) && specials(word.Load8(p, i)) == 0 {
		i += 8
	}
	for ; i < len(p); i++ {
		switch p[i] {
		case '*':
			if stars++; star < 0 {
				star = i
			}
		case '?', literalMark:
			others = true
		}
	}
	return star, stars, others
}

// specials flags the bytes of the word w that are wildcards or literal
// marks, as word.Bytes does.
func specials(w uint64) uint64 {
	return word.Bytes(w, '*') | word.Bytes(w, '?') | word.Bytes(w, literalMark)
}

// sameText compares a and b (of equal length) byte by byte, ASCII
// case-insensitively with fold, as the wildcard loop does.
func sameText(a, b string, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// matchLoop is Match for any pattern, by the classic loop that remembers the
// last star and retries from it.
func matchLoop(p, s string, fold bool) bool {
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
