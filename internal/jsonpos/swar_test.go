package jsonpos

import (
	"math/bits"
	"testing"

	"github.com/iamlab/iamlab/internal/word"
)

// firstStop is the reference for stopMask and scanPlain: the first quote,
// backslash or control character of s at or after i, or len(s).
func firstStop(s string, i int) int {
	for i < len(s) && !strStop[s[i]] {
		i++
	}
	return i
}

func TestStopMask(t *testing.T) {
	for _, s := range []string{
		"abcdefgh", "arn:aws:", "abc\"efgh", "abc\\efgh", "abc\nefgh", "\x1fbcdefgh",
		"abcdefg\x00", "        ", "!#$%&'()", "\x00\x00\x00\x00\x00\x00\x00\x00", "a\"\"\"\"\"\"\"", "~\x7f[]{}:,",
	} {
		got := 8
		if m := stopMask(word.Load8(s, 0)); m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if want := firstStop(s, 0); got != want {
			t.Errorf("stopMask(%q) flags byte %d first, want %d", s, got, want)
		}
	}
	// Bytes of 0x80 and above may be flagged; the caller looks again.
	for _, s := range []string{"日本語 ok", "\x7f\x80\xff!#[]~"} {
		if m := stopMask(word.Load8(s, 0)); m != 0 && s[bits.TrailingZeros64(m)>>3] < 0x80 {
			t.Errorf("stopMask(%q) flags an ASCII byte that is no stop", s)
		}
	}
}

func TestSkipWhite(t *testing.T) {
	for _, tc := range []struct {
		s    string
		from int
		want int
	}{
		{"                  x", 0, 18},
		{"   x", 0, 3},
		{"x               ", 1, 16},
		{"\n      \t  \r\n           \"", 0, 23},
		{"", 0, 0},
	} {
		if got := skipWhite(tc.s, tc.from); got != tc.want {
			t.Errorf("skipWhite(%q, %d) = %d, want %d", tc.s, tc.from, got, tc.want)
		}
	}
}

func TestScanPlain(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{`abcdefghijklmnop"`, 16},
		{`abc"defghijklmnop`, 3},
		{`abcdefghij\klm`, 10},
		{"abcdefg\x01hijk", 7},
		{`日本語のテキスト"`, 0}, // may stop at a byte of 0x80 and above
		{`short`, 5},
	} {
		if got := scanPlain(tc.s, 0); got != tc.want {
			t.Errorf("scanPlain(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestASCII(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{`{"a": ["b", 1, true]}`, true},
		{`{"a": "日本"}`, false},
		{`{"a": "abcdefghijklmnopqrstuvwxyz é"}`, false},
		{"{\"a\": \"\\\xc3\xa9\"}", false},
		{`{} é`, false},
		{`{"a" 1}`, false},
		{`   `, false},
	} {
		if got := NewDecoder(tc.src).ASCII(); got != tc.want {
			t.Errorf("ASCII(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}
