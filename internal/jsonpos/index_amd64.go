package jsonpos

import (
	"slices"
	"unsafe"

	"golang.org/x/sys/cpu"
)

// hasIndex reports whether this CPU runs structurals (AVX2 for the
// classification, PCLMULQDQ for the strings, BMI1 and POPCNT for the offsets).
var hasIndex = cpu.X86.HasAVX2 && cpu.X86.HasPCLMULQDQ && cpu.X86.HasBMI1 && cpu.X86.HasPOPCNT

// blockState is what structurals carries from one 64-byte block to the next.
type blockState struct {
	inString uint64 // all ones when the last block ended inside a string
	scalar   uint64 // 1 when its last byte was part of a scalar
	bad      uint64 // nonzero after a backslash, or a control character in a string
	high     uint64 // nonzero after a byte of 0x80 or above
}

// structurals writes the entries of the structural bytes of blocks 64-byte
// blocks at src to idx (offset+base | byte<<24) and returns how many it
// wrote. idx needs room for writeAhead more than it writes.
//
//go:noescape
func structurals(src *byte, blocks int, idx *uint32, base uint32, st *blockState) int

// index lists the entries of the structural bytes of s (see index.go) in
// idx, reusing its memory, after one zero entry, and ends them with ends
// zero entries. ok is false when s has what the index does not handle: a
// backslash, a control character inside a string, a string left open, or
// more than 16 MiB (an entry keeps 24 bits of offset). A control character
// outside strings is a scalar byte, which no reader of the entries takes
// for a valid scalar. high reports a byte of 0x80 or above.
func index(s string, idx []uint32) (out []uint32, high, ok bool) {
	if !hasIndex || len(s) == 0 || len(s) >= 1<<24 {
		return idx, false, false
	}
	// Each byte of a block may be structural, and structurals writes eight
	// ahead: it gets as many blocks at a time as the room left could hold
	// at worst. The room starts at an eighth of the text (JSON has about
	// one entry per ten bytes) and doubles when short, so that a decoder
	// used once allocates little and a reused one soon needs one call.
	if need := len(s)/8 + minIndex; cap(idx) < need {
		idx = make([]uint32, need)
	}
	idx = idx[:cap(idx)]
	var st blockState
	// The blocks read in place. structurals writes entries ahead, for bits
	// a block does not have, from the byte after the block: the last block
	// always goes through pad, so that no read passes the end of s.
	full := (len(s) - 1) / 64
	idx[0] = 0 // the entry before the first, for the direct walk
	n := 1
	for done := 0; ; {
		if len(idx)-n < 64+writeAhead+ends { // room for one more block, and the end
			idx = slices.Grow(idx[:n], len(idx))
			idx = idx[:cap(idx)]
		}
		if done == full {
			break
		}
		k := min(full-done, (len(idx)-n-writeAhead-ends)/64)
		n += structurals(unsafe.StringData(s[done*64:]), k, &idx[n], uint32(done*64), &st)
		done += k
	}
	// The last 1 to 64 bytes, padded with spaces to a whole block, and a
	// byte more for the writes ahead.
	var pad [65]byte
	copy(pad[copy(pad[:], s[full*64:]):], spaces64)
	n += structurals(&pad[0], 1, &idx[n], uint32(full*64), &st)
	if st.bad != 0 || st.inString != 0 {
		return idx, false, false
	}
	clear(idx[n : n+ends])
	return idx[:n+ends], st.high != 0, true
}

// writeAhead is how many entries past its last one structurals may write:
// it writes eight for every block, whatever the block has.
const writeAhead = 8

// minIndex is the least room for entries that index allocates.
const minIndex = 256

const spaces64 = "                                                                "
