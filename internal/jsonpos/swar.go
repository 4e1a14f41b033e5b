package jsonpos

import (
	"math/bits"
	"unsafe"
)

// Word-at-a-time scanning: most of a policy file is indentation and short
// strings, so the decoder looks at eight bytes per step where it can.

const (
	ones   = 0x0101010101010101
	highs  = 0x8080808080808080
	spaces = 0x2020202020202020
	quotes = 0x2222222222222222
	slashs = 0x5C5C5C5C5C5C5C5C
)

// load8 reads eight bytes of s at i (i+8 <= len(s)) as a little-endian word.
// Unaligned loads are fine on every target Go supports for this project
// (amd64, arm64, wasm).
func load8(s string, i int) uint64 {
	return *(*uint64)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i))
}

// stopMask flags the bytes of w that end the fast scan of a string: a quote,
// a backslash or a control character. Only the lowest flagged byte is
// exact (a borrow can flag bytes above it), and only it is used.
func stopMask(w uint64) uint64 {
	low := (w - spaces) &^ w & highs
	q := w ^ quotes
	b := w ^ slashs
	return low | (q-ones)&^q&highs | (b-ones)&^b&highs
}

// scanPlain returns the offset of the first byte at or after i that ends
// the fast scan of a string, or len(s).
func scanPlain(s string, i int) int {
	for i+8 <= len(s) {
		if m := stopMask(load8(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(s) && !strStop[s[i]] {
		i++
	}
	return i
}

// skipSpaceAt returns i, or the first offset past the white space at i.
func skipSpaceAt(s string, i int) int {
	if i < len(s) && s[i] <= ' ' {
		return skipWhite(s, i)
	}
	return i
}

// skipWhite returns the offset of the first byte at or after i that is not
// JSON white space. Runs of spaces, the indentation of pretty-printed JSON,
// go eight bytes at a time.
func skipWhite(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ':
			if i+8 <= len(s) {
				if x := load8(s, i) ^ spaces; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
				} else {
					i += 8
				}
				continue
			}
			i++
		case '\n', '\t', '\r':
			i++
		default:
			return i
		}
	}
	return i
}
