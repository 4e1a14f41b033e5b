package catalog

import "strings"

// glob is a compiled IAM wildcard pattern: '*' matches any run of
// characters (also none), '?' matches exactly one, and letters match
// without regard to ASCII case, as AWS matches action names.
//
// Matching never backtracks: the pattern is split at its stars into literal
// segments, the first and last are anchored at the ends of the text, and the
// ones between are found left to right, each at its leftmost position (which
// is always safe for star-separated segments). A match costs at most
// O(len(pattern) * len(text)) and usually O(len(text)).
//
// The text is compared byte by byte, so '?' matches one byte; AWS names
// (prefixes, actions, keys) are ASCII.
type glob struct {
	segs       []string // literal segments between stars, lower case; '?' is kept
	hasStar    bool
	literalLen int  // total length of segs: the shortest text that can match
	isLiteral  bool // no '*' and no '?': segs[0] is the whole (lower-case) text
}

func compileGlob(pattern string) glob {
	segs := strings.Split(lowerASCII(pattern), "*")
	g := glob{segs: segs, hasStar: len(segs) > 1, isLiteral: !strings.ContainsAny(pattern, "*?")}
	for _, s := range segs {
		g.literalLen += len(s)
	}
	return g
}

func (g *glob) match(text string) bool {
	if len(text) < g.literalLen {
		return false
	}
	first, last := g.segs[0], g.segs[len(g.segs)-1]
	if !g.hasStar {
		return len(text) == len(first) && segmentAt(first, text)
	}
	// literalLen ≥ len(first)+len(last), so the two ends cannot overlap.
	if !segmentAt(first, text) || !segmentAt(last, text[len(text)-len(last):]) {
		return false
	}
	rest := text[len(first) : len(text)-len(last)]
	for _, seg := range g.segs[1 : len(g.segs)-1] {
		i := segmentIndex(rest, seg)
		if i < 0 {
			return false
		}
		rest = rest[i+len(seg):]
	}
	return true
}

// segmentAt reports whether text starts with seg, where '?' in seg matches
// any byte and letters match regardless of ASCII case.
func segmentAt(seg, text string) bool {
	if len(text) < len(seg) {
		return false
	}
	for i := 0; i < len(seg); i++ {
		if seg[i] != '?' && seg[i] != lowerByte(text[i]) {
			return false
		}
	}
	return true
}

// segmentIndex returns the first position in text where seg matches, or -1.
func segmentIndex(text, seg string) int {
	for i := 0; i+len(seg) <= len(text); i++ {
		if segmentAt(seg, text[i:]) {
			return i
		}
	}
	return -1
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// lowerASCII lowers ASCII letters only, so that byte positions stay as they
// are (strings.ToLower may change the length of non-ASCII text).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerByte(c)
	}
	return string(b)
}
