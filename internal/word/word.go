// Package word reads strings eight bytes at a time, for the scans that
// look at many bytes: the JSON scanner and ARN matching.
package word

// Ones has 1 in every byte; High has the high bit of every byte set.
const (
	Ones = 0x0101010101010101
	High = 0x8080808080808080
)

// Load8 reads eight bytes of s at i (i+8 <= len(s)) as a little-endian
// word. The compiler makes the eight loads one, with one bounds check.
func Load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Zeros has the high bit set in exactly the bytes of w that are zero.
func Zeros(w uint64) uint64 {
	return ^((w&^High + ^uint64(High)) | w) & High
}

// Bytes has the high bit set in exactly the bytes of w equal to c.
func Bytes(w uint64, c byte) uint64 {
	return Zeros(w ^ Ones*uint64(c))
}
