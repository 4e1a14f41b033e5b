package authz

import (
	"strings"
	"testing"
	"time"
)

// The keys AWS sets follow from the kind of caller; given values win.
func TestDerive(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		principal string
		given     []Entry
		want      string // key=value;... of the derived keys, in order
	}{
		{"arn:aws:iam::111122223333:user/alice", nil,
			"aws:PrincipalArn=arn:aws:iam::111122223333:user/alice;aws:PrincipalType=User;aws:username=alice;aws:PrincipalAccount=111122223333;aws:PrincipalIsAWSService=false;aws:ResourceAccount=444455556666;aws:CurrentTime=2026-06-01T12:00:00Z;aws:EpochTime=1780315200"},
		{"arn:aws:sts::111122223333:assumed-role/Dev/s", nil,
			"aws:PrincipalArn=arn:aws:iam::111122223333:role/Dev;aws:PrincipalType=AssumedRole;aws:PrincipalAccount=111122223333;aws:PrincipalIsAWSService=false;aws:ResourceAccount=444455556666;aws:CurrentTime=2026-06-01T12:00:00Z;aws:EpochTime=1780315200"},
		{"arn:aws:sts::111122223333:federated-user/bob", nil,
			"aws:PrincipalArn=arn:aws:sts::111122223333:federated-user/bob;aws:PrincipalType=FederatedUser;aws:PrincipalAccount=111122223333;aws:PrincipalIsAWSService=false;aws:ResourceAccount=444455556666;aws:CurrentTime=2026-06-01T12:00:00Z;aws:EpochTime=1780315200"},
		{"arn:aws:iam::111122223333:root", nil,
			"aws:PrincipalArn=arn:aws:iam::111122223333:root;aws:PrincipalType=Account;aws:PrincipalAccount=111122223333;aws:PrincipalIsAWSService=false;aws:ResourceAccount=444455556666;aws:CurrentTime=2026-06-01T12:00:00Z;aws:EpochTime=1780315200"},
		{"sns.amazonaws.com", nil,
			"aws:PrincipalIsAWSService=true;aws:PrincipalServiceName=sns.amazonaws.com;aws:ResourceAccount=444455556666;aws:CurrentTime=2026-06-01T12:00:00Z;aws:EpochTime=1780315200"},
		{"*", nil,
			"aws:PrincipalType=Anonymous;aws:PrincipalAccount=anonymous;aws:ResourceAccount=444455556666;aws:CurrentTime=2026-06-01T12:00:00Z;aws:EpochTime=1780315200"},
		// Given values win, and a given time sets the other time key.
		{"arn:aws:iam::111122223333:user/alice", []Entry{{Key: "aws:username", Values: []string{"other"}}, {Key: "AWS:CURRENTTIME", Values: []string{"2025-01-01T00:00:00Z"}}},
			"aws:PrincipalArn=arn:aws:iam::111122223333:user/alice;aws:PrincipalType=User;aws:PrincipalAccount=111122223333;aws:PrincipalIsAWSService=false;aws:ResourceAccount=444455556666;aws:EpochTime=1735689600"},
		{"*", []Entry{{Key: "aws:EpochTime", Values: []string{"0"}}},
			"aws:PrincipalType=Anonymous;aws:PrincipalAccount=anonymous;aws:ResourceAccount=444455556666;aws:CurrentTime=1970-01-01T00:00:00Z"},
		// Any form the date operators read: minutes only, an offset, a
		// fractional epoch. A time that is no date leaves the clock's.
		{"*", []Entry{{Key: "aws:CurrentTime", Values: []string{"2025-03-04T05:06Z"}}},
			"aws:PrincipalType=Anonymous;aws:PrincipalAccount=anonymous;aws:ResourceAccount=444455556666;aws:EpochTime=1741064760"},
		{"*", []Entry{{Key: "aws:CurrentTime", Values: []string{"2025-03-04T14:06:00+09:00"}}},
			"aws:PrincipalType=Anonymous;aws:PrincipalAccount=anonymous;aws:ResourceAccount=444455556666;aws:EpochTime=1741064760"},
		{"*", []Entry{{Key: "aws:EpochTime", Values: []string{"1741064760.25"}}},
			"aws:PrincipalType=Anonymous;aws:PrincipalAccount=anonymous;aws:ResourceAccount=444455556666;aws:CurrentTime=2025-03-04T05:06:00Z"},
		{"*", []Entry{{Key: "aws:CurrentTime", Values: []string{"0001-01-01T00:00:00Z"}}}, // the zero time, given
			"aws:PrincipalType=Anonymous;aws:PrincipalAccount=anonymous;aws:ResourceAccount=444455556666;aws:EpochTime=-62135596800"},
		{"*", []Entry{{Key: "aws:EpochTime", Values: []string{"99999999999999999999"}}},
			"aws:PrincipalType=Anonymous;aws:PrincipalAccount=anonymous;aws:ResourceAccount=444455556666;aws:CurrentTime=2026-06-01T12:00:00Z"},
	} {
		c, err := ParseCaller(tc.principal, "s3:GetObject")
		if err != nil {
			t.Fatal(err)
		}
		ctx := Context{Entries: append([]Entry(nil), tc.given...)}
		Derive(&ctx, &c, "444455556666", now)
		var got []string
		for _, e := range ctx.Entries {
			if e.Derived {
				got = append(got, e.Key+"="+strings.Join(e.Values, ","))
			}
		}
		if g := strings.Join(got, ";"); g != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.principal, g, tc.want)
		}
	}
}

func TestContextLookupFolds(t *testing.T) {
	ctx := Context{Entries: []Entry{{Key: "aws:PrincipalTag/Team", Values: []string{"x"}}}}
	for _, k := range []string{"aws:PrincipalTag/Team", "AWS:principaltag/team", "aws:principaltag/TEAM"} {
		if v, ok := ctx.Lookup(k); !ok || v[0] != "x" {
			t.Errorf("Lookup(%q) = %v, %v", k, v, ok)
		}
	}
	if _, ok := ctx.Lookup("aws:PrincipalTag/Tea"); ok {
		t.Error("prefix matched")
	}
}

// foldEqual must agree with strings.EqualFold on strings of equal length.
func TestFoldEqual(t *testing.T) {
	pairs := [][2]string{
		{"aws:SourceIp", "AWS:sourceip"}, {"aws:SourceIp", "aws:SourceIq"}, {"aws:PrincipalArn", "aws:PrincipalTag"},
		{"a@", "a`"}, {"[", "{"}, {"", ""}, {"k\u212a", "\u212ak"}, {"s\u017f", "\u017fs"}, {"x\u212a", "xk\xe2\x84"},
		{"é", "É"}, {"日本", "日本"}, {"ab", "aB"}, {"a1", "A1"}, {"a1", "a2"},
	}
	for _, p := range pairs {
		if len(p[0]) != len(p[1]) {
			t.Fatalf("%q and %q differ in length", p[0], p[1])
		}
		if got, want := foldEqual(p[0], p[1]), strings.EqualFold(p[0], p[1]); got != want {
			t.Errorf("foldEqual(%q, %q) = %v, want %v", p[0], p[1], got, want)
		}
	}
}

func FuzzFoldEqual(f *testing.F) {
	f.Add("aws:SourceIp", "AWS:SOURCEIP")
	f.Fuzz(func(t *testing.T, a, b string) {
		n := min(len(a), len(b))
		a, b = a[:n], b[:n]
		if got, want := foldEqual(a, b), strings.EqualFold(a, b); got != want {
			t.Errorf("foldEqual(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}

// Derive finds the derivable keys of a context by their lengths.
func TestDerivableKeyLengths(t *testing.T) {
	for i, k := range derivableKeys {
		if len(k) >= len(derivableByLen) || derivableByLen[len(k)] != int8(i) {
			t.Errorf("%q shares its length with another derivable key, or is too long", k)
		}
	}
}

// A key the request gives in another case is not derived again.
func TestDeriveKeepsGivenKeys(t *testing.T) {
	c := Context{Entries: []Entry{{Key: "AWS:principalarn", Values: []string{"given"}}, {Key: "aws:CURRENTTIME", Values: []string{"2026-01-01T00:00:00Z"}}}}
	caller, err := ParseCaller("arn:aws:iam::111122223333:user/alice", "s3:GetObject")
	if err != nil {
		t.Fatal(err)
	}
	Derive(&c, &caller, "111122223333", time.Time{})
	if v, _ := c.Lookup("aws:PrincipalArn"); len(v) != 1 || v[0] != "given" {
		t.Errorf("aws:PrincipalArn = %v, want the given value", v)
	}
	if v, _ := c.Lookup("aws:EpochTime"); len(v) != 1 || v[0] != "1767225600" {
		t.Errorf("aws:EpochTime = %v, want it from the given aws:CurrentTime", v)
	}
	n := 0
	for _, e := range c.Entries {
		if strings.EqualFold(e.Key, "aws:PrincipalArn") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("aws:PrincipalArn appears %d times", n)
	}
}
