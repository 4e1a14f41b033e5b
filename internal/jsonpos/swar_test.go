package jsonpos

import "testing"

func TestStopMask(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"abcdefgh", false},
		{"arn:aws:", false},
		{"abc\"efgh", true},
		{"abc\\efgh", true},
		{"abc\nefgh", true},
		{"\x1fbcdefgh", true},
		{"abcdefg\x00", true},
		{"日本語 ok", false},
		{"        ", false},
		{"\x7f\x80\xff!#[]~", false},
	} {
		if got := stopMask(load8(tc.s, 0)) != 0; got != tc.want {
			t.Errorf("stopMask(%q) != 0 is %v, want %v", tc.s, got, tc.want)
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
		{`日本語のテキスト"`, 24},
		{`short`, 5},
	} {
		if got := scanPlain(tc.s, 0); got != tc.want {
			t.Errorf("scanPlain(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}
