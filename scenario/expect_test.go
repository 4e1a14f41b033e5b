package scenario

import (
	"fmt"
	"strings"
	"testing"
)

const expectScenario = `{
  "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
  "identityPolicies": [{"name": "P", "document": {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}}],
  "serviceControlPolicies": [{"target": "r-root", "policies": [{"name": "Full", "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}]}]%s
}`

// expectedBy names the statements that decided, by Sid or #N, in any
// order; a difference in either direction is reported.
func TestCheckDecidedBy(t *testing.T) {
	for _, tc := range []struct {
		by   string
		want string // a part of the difference, "" for none
	}{
		{``, ""}, // no expectedBy: nothing checked
		{`[{"type": "identity", "policy": "P", "statement": "Read"}, {"type": "identity", "statement": "#2"}]`, ""},
		{`[{"type": "identity", "statement": "#2"}, {"type": "identity", "policy": "P", "statement": "#1"}]`, ""},
		{`[{"type": "identity", "policy": "P", "statement": "Read"}]`, `decided by [identity "P" statement Read; identity "P" statement #2]`},
		{`[{"type": "identity", "statement": "Read"}, {"type": "identity", "statement": "#2"}, {"type": "identity", "statement": "#3"}]`, "expected"},
		{`[{"type": "identity", "policy": "Q", "statement": "Read"}, {"type": "identity", "statement": "#2"}]`, "expected"},
		{`[{"type": "scp", "statement": "#1"}, {"type": "identity", "statement": "#2"}]`, "expected"},
		{`[{"type": "identity", "policy": "P"}, {"type": "identity", "statement": "#2"}]`, "expected"}, // a policy is not a statement
		{`[]`, "expected"},
	} {
		field := ""
		if tc.by != "" {
			field = `, "expectedBy": ` + tc.by
		}
		s, err := Parse(fmt.Sprintf(expectScenario, field), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.by, err)
		}
		r, err := s.Evaluate()
		if err != nil {
			t.Fatal(err)
		}
		got := s.CheckDecidedBy(r)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("expectedBy %s: %q, want %q", tc.by, got, tc.want)
		}
	}
}

// An implicit deny is decided by the policy that blocks it, or by none.
func TestCheckDecidedByImplicit(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
	  "identityPolicies": [{"name": "P", "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}],
	  "permissionsBoundary": {"name": "B", "document": {"Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}}},
	  "expectedBy": %s}`
	for by, ok := range map[string]bool{
		`[{"type": "boundary", "policy": "B"}]`:                    true,
		`[{"type": "boundary"}]`:                                   true,
		`[{"type": "boundary", "policy": "B", "statement": "#1"}]`: false,
		`[]`: false,
	} {
		s, err := Parse(fmt.Sprintf(src, by), Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, _ := s.Evaluate()
		if got := s.CheckDecidedBy(r); (got == "") != ok {
			t.Errorf("%s: %q", by, got)
		}
	}
}

func TestExpectedByErrors(t *testing.T) {
	for by, want := range map[string]string{
		`{}`:                                  "must be an array",
		`[{"policy": "P"}]`:                   `needs "type"`,
		`[{"type": "bucket"}]`:                `unknown policy type "bucket"`,
		`[{"type": "scp", "statment": "#1"}]`: `unknown key "statment"`,
		`[{"type": "scp", "type": "rcp"}]`:    `duplicate key "type"`,
		`[{"type": "scp", "statement": 1}]`:   "must be a string",
		`["scp"]`:                             "must be an object",
	} {
		_, err := Parse(fmt.Sprintf(minimal, `, "expectedBy": `+by), Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("expectedBy %s: %v, want %q", by, err, want)
		}
	}
}
