package iamlab

import (
	"reflect"
	"testing"
)

const folded = `{
  "request": {
    "principal": "arn:aws:iam::111122223333:user/alice",
    "context": {
      "aws:CurrentTime": "2026-11-20T09:00:00Z",
      "aws:EpochTime": "1795165200",
      "aws:SourceIp": "192.0.2.1",
      "s3:prefix": [
        "a/"
      ]
    }
  },
  "identityPolicies": [{"name": "P", "document": {"Statement": [{"Condition": {"IpAddress": {"AWS:SOURCEIP": "192.0.2.0/24"}}}]}}]
}
`

func TestFold(t *testing.T) {
	ranges, keys := Fold(folded)
	// aws:SourceIp is used by the policy (in another case): it stays.
	if want := [][2]int{{5, 6}, {8, 10}}; !reflect.DeepEqual(ranges, want) {
		t.Errorf("ranges %v, want %v", ranges, want)
	}
	if want := []string{"aws:CurrentTime", "aws:EpochTime", "s3:prefix"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	for _, src := range []string{
		`{"request": {"context": {"aws:CurrentTime": "x"}}}`, // one line
		`{"request": {"principal": "a"}}`,                    // no context
		`{"request": `,                                       // not JSON
	} {
		if r, k := Fold(src); r != nil || k != nil {
			t.Errorf("Fold(%q) = %v %v, want nothing", src, r, k)
		}
	}
}

func TestChanged(t *testing.T) {
	prev := "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3,\n  \"d\": 4\n}\n"
	for _, c := range []struct {
		cur  string
		want []int
	}{
		{"{\n  \"a\": 1,\n  \"b\": 3,\n  \"c\": 3,\n  \"d\": 4\n}\n", []int{3}},
		{"{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3,\n  \"d\": 4,\n  \"e\": 5\n}\n", []int{6}}, // d only gained a comma
		{prev, nil}, // the same
		{"{\n  \"a\": 1,\n  \"x\": 2,\n  \"y\": 3,\n  \"d\": 4\n}\n", nil}, // half new: not a variation
		{"[\n  9,\n  8,\n  7\n]\n", nil},                                   // nothing shared
	} {
		if got := Changed(prev, c.cur); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Changed(%q) = %v, want %v", c.cur, got, c.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add(folded)
	f.Add(`{"request": {"context": {"k": [1, {"x": 2}]}}}`)
	f.Fuzz(func(t *testing.T, src string) {
		ranges, keys := Fold(src)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, r := range ranges {
			if r[0] < 1 || r[1] < r[0] || r[1] > lines {
				t.Fatalf("range %v outside 1..%d", r, lines)
			}
		}
		if len(ranges) > 0 && len(keys) == 0 {
			t.Fatalf("ranges %v without keys", ranges)
		}
	})
}
