package jsonpos

import "unsafe"

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

// hasZeroByte reports whether any byte of w is zero.
func hasZeroByte(w uint64) bool { return (w-ones)&^w&highs != 0 }

// plainString reports whether none of the eight bytes ends the fast scan of
// a string: no quote, no backslash, no control character.
func plainString(w uint64) bool {
	// A byte below 0x20: (b - 0x20) borrows into the high bit when b < 0x20
	// and b itself has the high bit clear.
	low := (w - spaces) &^ w & highs
	return low == 0 && !hasZeroByte(w^quotes) && !hasZeroByte(w^slashs)
}

// skipSpaces advances over a run of spaces eight at a time.
func skipSpaces(s string, i int) int {
	for i+8 <= len(s) && load8(s, i) == spaces {
		i += 8
	}
	return i
}

// skipPlain advances over string bytes that need no attention, eight at a time.
func skipPlain(s string, i int) int {
	for i+8 <= len(s) && plainString(load8(s, i)) {
		i += 8
	}
	return i
}
