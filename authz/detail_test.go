package authz

import (
	"testing"
	"time"

	"github.com/iamlab/iamlab/policy"
)

func decide(t *testing.T, in *Input) *Result {
	t.Helper()
	in.Now = time.Unix(1780315200, 0)
	r, err := Evaluate(in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// An entry of Resource or NotResource whose policy variable has no value
// matches nothing; the statement's other entries still count.
func TestResourceNullEntry(t *testing.T) {
	for _, tc := range []struct {
		name, stmts, resource string
		want                  Decision
	}{
		{"other entry allows", `{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b/${aws:PrincipalTag/team}/*", "arn:aws:s3:::b/public/*"]}`, "arn:aws:s3:::b/public/x", Allowed},
		{"null entry matches nothing", `{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b/${aws:PrincipalTag/team}/*", "arn:aws:s3:::b/public/*"]}`, "arn:aws:s3:::b/x/y", ImplicitDeny},
		{"deny by the other entry", allowAll + `, {"Effect": "Deny", "Action": "s3:*", "Resource": ["arn:aws:s3:::b/${aws:PrincipalTag/team}", "*"]}`, "arn:aws:s3:::b/x", ExplicitDeny},
		{"NotResource excludes nothing", `{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/${aws:PrincipalTag/team}/*"}`, "arn:aws:s3:::b/x/y", Allowed},
		{"NotResource's other entry excludes", `{"Effect": "Allow", "Action": "s3:*", "NotResource": ["arn:aws:s3:::b/${aws:PrincipalTag/team}/*", "arn:aws:s3:::b/x/*"]}`, "arn:aws:s3:::b/x/y", ImplicitDeny},
	} {
		r := decide(t, &Input{Request: Request{Principal: user, Action: "s3:GetObject", Resource: tc.resource}, Identity: []Named{*pol(t, tc.stmts)}})
		if r.Decision != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, r.Decision, tc.want)
		}
	}
}

// DecidedBy names every Deny that applies, the Allows that grant, or the
// policy that blocks.
func TestDecidedBy(t *testing.T) {
	two := *pol(t, allowAll+`, {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "s3:Get*", "Resource": "*"}, {"Sid": "C", "Effect": "Deny", "Action": "ec2:*", "Resource": "*"}`)
	r := decide(t, &Input{Request: Request{Principal: user, Action: "s3:GetObject", Resource: bucket}, Identity: []Named{two}})
	if by := r.DecidedBy(); len(by) != 2 || by[0].Statement.Sid != "A" || by[1].Statement.Sid != "B" {
		t.Errorf("explicit deny decided by %+v", by)
	}
	r = decide(t, &Input{Request: Request{Principal: other, Action: "s3:GetObject", Resource: "arn:aws:sqs:us-east-1:111122223333:q"},
		Identity: []Named{*pol(t, allowAll)}, Resource: pol(t, rbpOther)})
	if by := r.DecidedBy(); len(by) != 2 || by[0].Policy.Type != policy.Identity || by[1].Policy.Type != policy.Resource {
		t.Errorf("cross-account allow decided by %+v", by)
	}
	r = decide(t, &Input{Request: Request{Principal: user, Action: "s3:GetObject", Resource: bucket}, Identity: []Named{*pol(t, allowAll)}, Boundary: pol(t, allowEC2)})
	if by := r.DecidedBy(); len(by) != 1 || by[0].Policy.Type != policy.Boundary || by[0].Statement != nil {
		t.Errorf("boundary deny decided by %+v", by)
	}
	r = decide(t, &Input{Request: Request{Principal: user, Action: "s3:GetObject", Resource: bucket}})
	if by := r.DecidedBy(); len(by) != 0 {
		t.Errorf("nothing allows, decided by %+v", by)
	}
}

// Details evaluates every element of a statement, past the first that
// fails, and every condition.
func TestDetails(t *testing.T) {
	r := decide(t, &Input{
		Request: Request{Principal: user, Action: "s3:GetObject", Resource: bucket,
			Context: Context{Entries: []Entry{{Key: "aws:SourceIp", Values: []string{"10.0.0.1"}}}}},
		Identity: []Named{*pol(t, `{"Effect": "Allow", "Action": ["ec2:*", "s3:Get*"], "Resource": ["arn:aws:s3:::x/*", "arn:aws:s3:::b/${aws:PrincipalTag/none}", "arn:aws:s3:::b/*"],
			"Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "StringEquals": {"aws:username": "bob"}}}`)},
	})
	p := &r.Policies[0]
	d := r.Details(p, &p.Statements[0])
	if !d.Action.Applies || d.Action.Entry != 1 || d.Action.Value != "s3:Get*" {
		t.Errorf("action %+v", d.Action)
	}
	if !d.Resource.Applies || d.Resource.Entry != 2 || d.Resource.Null != "aws:PrincipalTag/none" {
		t.Errorf("resource %+v", d.Resource)
	}
	if len(d.Conditions) != 2 || !d.Conditions[0].Holds || d.Conditions[1].Holds || d.Conditions[1].Request[0] != "alice" {
		t.Errorf("conditions %+v", d.Conditions)
	}
	if st := p.Statements[0]; st.Reason != StmtConditionFailed || st.Condition.Index != 1 {
		t.Errorf("the decision's trace: %+v", st)
	}
}
