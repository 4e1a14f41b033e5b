package jsonpos

import (
	"math/bits"

	"github.com/iamlab/iamlab/internal/word"
)

// Word-at-a-time scanning: most of a policy file is indentation and short
// strings, so the scan looks at eight bytes per step where it can.

// Words of one byte repeated.
const (
	spaces = word.Ones * ' '
	quotes = word.Ones * '"'
	slashs = word.Ones * '\\'
)

// stopMask flags the bytes of w that may end the fast scan of a string: it
// flags every quote, backslash and control character, and may flag bytes of
// 0x80 and above, which the caller looks at again. Only the lowest flagged
// byte is exact (a borrow can flag bytes above it), and only it is used.
// Leaving out the usual &^w term costs a false stop per non-ASCII byte and
// saves three operations per word.
func stopMask(w uint64) uint64 {
	return (((w ^ quotes) - word.Ones) | ((w ^ slashs) - word.Ones) | (w - spaces)) & word.High
}

// scanPlain returns the offset of the first byte at or after i that may end
// the fast scan of a string (see stopMask), or len(s).
func scanPlain(s string, i int) int {
	i = plainWords(s, i)
	for i < len(s) && !strStop[s[i]] && s[i] < 0x80 {
		i++
	}
	return i
}

// plainWords is scanPlain's eight-byte steps, small enough to be inlined
// into the scan: it stops at the first byte that may end the string,
// or short of the last eight bytes, which scanString reads.
func plainWords(s string, j int) int {
	for j+8 <= len(s) {
		if m := stopMask(word.Load8(s, j)); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
		j += 8
	}
	return j
}

// skipWhite returns the offset of the first byte at or after i that is not
// JSON white space. A newline and the indentation after it, and runs of
// spaces, go eight bytes at a time.
func skipWhite(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\n':
			if i+9 <= len(s) {
				if x := word.Load8(s, i+1) ^ spaces; x != 0 {
					i += 1 + bits.TrailingZeros64(x)>>3
					continue
				}
				i += 9
				continue
			}
			i++
		case ' ':
			if i+8 <= len(s) {
				if x := word.Load8(s, i) ^ spaces; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
					continue
				}
				i += 8
				continue
			}
			i++
		case '\t', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// indent returns the offset past the spaces and newlines at i, going eight
// spaces at a time (TrailingZeros64 of an all-space word is 64: a step of
// nine). It leaves tabs, carriage returns and the last bytes of the text to
// skipWhite, and is small enough to be inlined.
func indent(s string, i int) int {
	for i+9 <= len(s) && (s[i] == ' ' || s[i] == '\n') {
		i += 1 + bits.TrailingZeros64(word.Load8(s, i+1)^spaces)>>3
	}
	return i
}
