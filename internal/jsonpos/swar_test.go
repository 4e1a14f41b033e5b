package jsonpos

import "testing"

func TestPlainString(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"abcdefgh", true},
		{"arn:aws:", true},
		{"abc\"efgh", false},
		{"abc\\efgh", false},
		{"abc\nefgh", false},
		{"\x1fbcdefgh", false},
		{"abcdefg\x00", false},
		{"日本語 ok", true},
		{"        ", true},
	} {
		if got := plainString(load8(tc.s, 0)); got != tc.want {
			t.Errorf("plainString(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestSkipSpaces(t *testing.T) {
	for _, tc := range []struct {
		s    string
		from int
		want int
	}{
		{"                  x", 0, 16},
		{"   x", 0, 0},
		{"x               ", 1, 9},
	} {
		if got := skipSpaces(tc.s, tc.from); got != tc.want {
			t.Errorf("skipSpaces(%q, %d) = %d, want %d", tc.s, tc.from, got, tc.want)
		}
	}
}
