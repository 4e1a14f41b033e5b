package authz

import (
	"testing"

	"github.com/iamlab/iamlab/policy"
)

// Changes finds the smallest edits, prefers editing the statement that
// comes closest, and checks each by deciding again.
func TestChanges(t *testing.T) {
	s3get := Request{Principal: user, Action: "s3:GetObject", Resource: bucket}
	for _, tc := range []struct {
		name  string
		in    Input
		kinds []Code
		typ   policy.Type
		check func(e Edit) bool
	}{
		{"boundary lacks the action", Input{Request: s3get, Identity: []Named{*pol(t, allowAll)}, Boundary: pol(t, allowEC2)},
			[]Code{ChangeAddAction}, policy.Boundary, func(e Edit) bool { return e.Action == "s3:GetObject" && e.Statement == 0 }},
		{"statement lacks the resource", Input{Request: s3get, Identity: []Named{*pol(t, `{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::c/*"}`)}},
			[]Code{ChangeAddResource}, policy.Identity, func(e Edit) bool { return e.Resource == bucket }},
		{"no policy at all", Input{Request: s3get},
			[]Code{ChangeAddStatement}, policy.Identity, func(e Edit) bool { return e.New && e.Statement == -1 }},
		{"the closest statement first", Input{Request: s3get, Identity: []Named{*pol(t, `{"Effect": "Allow", "Action": "ec2:*", "Resource": "arn:aws:ec2:::x"}, {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}`)}},
			[]Code{ChangeAddAction}, policy.Identity, func(e Edit) bool { return e.Statement == 1 }},
		{"cross-account: the account to name", Input{Request: Request{Principal: other, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q"},
			Identity: []Named{*pol(t, allowAll)}, Resource: pol(t, `{"Effect": "Allow", "Action": "sqs:*", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}}`)},
			[]Code{ChangeAddPrincipal}, policy.Resource, func(e Edit) bool { return e.Principal == "arn:aws:iam::444455556666:root" && e.PrincipalKey == "AWS" }},
		{"a condition to meet", Input{Request: s3get, Identity: []Named{*pol(t, `{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}`)}},
			[]Code{ChangeMeetCondition}, policy.Identity, func(e Edit) bool { return e.Condition.Key == "aws:MultiFactorAuthPresent" && !e.Condition.Present }},
		{"a Deny's condition to break", Input{Request: s3get, Identity: []Named{*pol(t, allowAll+`, {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}`)}},
			[]Code{ChangeBreakCondition}, policy.Identity, func(e Edit) bool { return e.Statement == 1 && e.Condition.Rule == policy.RuleIfExists }},
		{"a Deny to remove, then an Allow to add", Input{Request: s3get, Identity: []Named{*pol(t, denyS3)}},
			[]Code{ChangeRemoveDeny, ChangeAddStatement}, policy.Identity, func(e Edit) bool { return true }},
		{"a federated user needs a session policy", Input{Request: Request{Principal: fed, Action: "s3:GetObject", Resource: bucket}, Identity: []Named{*pol(t, allowS3)}},
			[]Code{ChangeAddStatement}, policy.Session, func(e Edit) bool { return e.New }},
		{"a trust policy names the role session's role", Input{Request: Request{Principal: session, Action: "sts:AssumeRole", Resource: role}, Identity: []Named{*pol(t, allowAll)},
			Resource: pol(t, `{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::111122223333:user/x"}}`)},
			[]Code{ChangeAddPrincipal}, policy.Resource, func(e Edit) bool { return e.Principal == "arn:aws:iam::111122223333:role/Dev" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := decide(t, &tc.in)
			ch := r.Changes()
			if ch.Decision != Allowed || len(ch.Edits) != len(tc.kinds) {
				t.Fatalf("%s after %+v", ch.Decision, ch.Edits)
			}
			for i, k := range tc.kinds {
				if ch.Edits[i].Kind != k {
					t.Errorf("edit %d is %s, want %s", i, ch.Edits[i].Kind, k)
				}
			}
			if e := ch.Edits[0]; e.Type != tc.typ || !tc.check(e) {
				t.Errorf("edit %+v", e)
			}
			// The input stays as it was: Changes edits copies.
			if again := decide(t, &tc.in); again.Decision != r.Decision {
				t.Errorf("the input changed: %s, then %s", r.Decision, again.Decision)
			}
		})
	}
}

// An allow needs no change.
func TestChangesOfAnAllow(t *testing.T) {
	r := decide(t, &Input{Request: Request{Principal: user, Action: "s3:GetObject", Resource: bucket}, Identity: []Named{*pol(t, allowAll)}})
	if ch := r.Changes(); ch.Decision != Allowed || len(ch.Edits) != 0 {
		t.Errorf("changes %+v", ch)
	}
}
