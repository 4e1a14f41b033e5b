package word

import "testing"

func TestBytes(t *testing.T) {
	for _, s := range []string{"arn:aws:", "::::::::", "\x00a\x00b\xff\x80:\x3a", "abcdefgh", "\x01\x00\x00\x00\x00\x00\x00\x01"} {
		for _, c := range []byte{0, ':', 'a', 0xff, 0x80, 1} {
			got := Bytes(Load8(s, 0), c)
			var want uint64
			for i := 0; i < 8; i++ {
				if s[i] == c {
					want |= 0x80 << (8 * i)
				}
			}
			if got != want {
				t.Errorf("Bytes(%q, %q) = %#x, want %#x", s, c, got, want)
			}
		}
	}
}
