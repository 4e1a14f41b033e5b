package cognitoidp

import (
	"strings"
	"testing"
)

func TestParseFilter(t *testing.T) {
	u := &User{Username: "u1", Status: StatusConfirmed, Enabled: true, Attrs: []Attribute{{"email", "jiro@example.com"}}}
	for _, tc := range []struct {
		f         string
		ok, match bool
	}{
		{``, true, true},
		{`email = "jiro@example.com"`, true, true},
		{`email="jiro@example.com"`, true, true},
		{`email ^= "jiro"`, true, true},
		{`email ^= "taro"`, true, false},
		{`username = "u1"`, true, true},
		{`cognito:user_status = "CONFIRMED"`, true, true},
		{`status = "Disabled"`, true, false},
		{`custom:x = "1"`, false, false},
		{`email = jiro`, false, false},
		{`email == "x"`, false, false},
	} {
		m, err := parseFilter(tc.f)
		if (err == nil) != tc.ok {
			t.Errorf("%q: %v", tc.f, err)
			continue
		}
		if err == nil && m(u) != tc.match {
			t.Errorf("%q matches %v", tc.f, !tc.match)
		}
	}
}

// FuzzFilter: any filter parses or is refused, never a panic; one that
// parses is ATTRIBUTE OP "VALUE" as a plain split reads it.
func FuzzFilter(f *testing.F) {
	f.Add(`email = "a@b.c"`)
	f.Add(`username ^= "x"`)
	f.Add(`"`)
	f.Fuzz(func(t *testing.T, s string) {
		m, err := parseFilter(s)
		if err != nil {
			return
		}
		if strings.TrimSpace(s) == "" {
			return
		}
		op := "="
		if strings.Contains(s, "^=") {
			op = "^="
		}
		name, rest, ok := strings.Cut(s, op)
		v := strings.TrimSpace(rest)
		if !ok || !strings.HasPrefix(v, `"`) || !strings.HasSuffix(v, `"`) || len(v) < 2 {
			t.Fatalf("accepted %q", s)
		}
		val := v[1 : len(v)-1]
		u := &User{Username: val, Status: val, Enabled: true}
		u.Attrs = []Attribute{{strings.TrimSpace(name), val}}
		if strings.TrimSpace(name) != "status" && !m(u) {
			t.Fatalf("%q does not match its own value %q", s, val)
		}
	})
}
