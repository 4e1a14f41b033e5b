package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
)

// A new policy's template allows the draft's request, as the engine and
// the linter take it: every slot's template parses, evaluates to allowed
// (the SCP's and RCP's let it through), and a trust policy (a request to
// assume a role) has no Resource, so the linter finds no trust.resource.
func TestTemplate(t *testing.T) {
	for _, c := range []struct {
		principal, action, resource string
		slot                        string
		want, not                   []string
	}{
		{"arn:aws:iam::111122223333:user/a", "s3:PutObject", "arn:aws:s3:::b/k", "identity", []string{`"Action": "s3:PutObject"`, `"Resource": "arn:aws:s3:::b/k"`}, []string{"Principal"}},
		{"arn:aws:iam::111122223333:user/a", "s3:PutObject", "", "boundary", []string{`"Resource": "*"`}, nil},
		{"arn:aws:iam::111122223333:user/a", "s3:Put*", "arn:aws:s3:::b/k", "session", []string{`"Action": "s3:GetObject"`}, nil},
		{"arn:aws:iam::111122223333:user/a", "s3:Put Object", "*", "identity", []string{`"Action": "s3:GetObject"`}, nil},
		{"arn:aws:iam::111122223333:user/a", "s3:GetObject", "arn:aws:s3:::b/k&<x>", "resource", []string{`"AWS": "arn:aws:iam::111122223333:user/a"`, `"Resource": "arn:aws:s3:::b/k&<x>"`}, nil},
		{"arn:aws:iam::111122223333:user/a", "sts:AssumeRole", "arn:aws:iam::111122223333:role/R", "resource", []string{`"Action": "sts:AssumeRole"`}, []string{"Resource"}},
		{"lambda.amazonaws.com", "sts:AssumeRole", "arn:aws:iam::111122223333:role/R", "resource", []string{`"Service": "lambda.amazonaws.com"`}, []string{"Resource"}},
		{"accounts.google.com", "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111122223333:role/R", "resource", []string{`"Federated": "accounts.google.com"`}, []string{"Resource"}},
		{"*", "s3:GetObject", "arn:aws:s3:::b/k", "resource", []string{`"Principal": "*"`}, nil},
		{"arn:aws:iam::111122223333:user/a", "s3:GetObject", "arn:aws:s3:::b/k", "scp", []string{`"Action": "*"`}, nil},
		{"arn:aws:iam::111122223333:user/a", "s3:GetObject", "arn:aws:s3:::b/k", "rcp", []string{`"Effect": "Deny"`, `"aws:SecureTransport": "false"`}, nil},
	} {
		d := newDraft()
		d.Request.Principal, d.Request.Action, d.Request.Resource = c.principal, c.action, c.resource
		draft, _ := json.Marshal(d)
		ans, ok := Template(string(draft), c.slot).(TemplateAnswer)
		if !ok {
			t.Fatalf("%s: %v", c.slot, Template(string(draft), c.slot))
		}
		for _, w := range c.want {
			if !strings.Contains(ans.Text, w) {
				t.Errorf("%s %s: no %s in\n%s", c.slot, c.action, w, ans.Text)
			}
		}
		for _, w := range c.not {
			if strings.Contains(ans.Text, w) {
				t.Errorf("%s %s: %s in\n%s", c.slot, c.action, w, ans.Text)
			}
		}
		typ := map[string]policy.Type{"identity": policy.Identity, "boundary": policy.Boundary, "session": policy.Session, "resource": policy.Resource, "scp": policy.SCP, "rcp": policy.RCP}[c.slot]
		if typ == policy.Resource && lint.TrustRequest(c.action) {
			typ = policy.Trust
		}
		for _, f := range lint.Text(ans.Text, typ, cat) {
			if f.Severity == lint.Error {
				t.Errorf("%s %s: the template has an error: %s %s", c.slot, c.action, f.Code, f.Msg)
			}
		}
	}
	if _, ok := Template(`{}`, "nowhere").(ErrorAnswer); !ok {
		t.Error("a template for no slot")
	}
}

// The slots that take AWS managed policies are the ones the scenario
// reader lets name one by ARN.
func TestSlotsManaged(t *testing.T) {
	arn := `{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}`
	for _, s := range Slots {
		entry := arn
		switch {
		case s.List:
			entry = "[" + arn + "]"
		case s.Levels:
			entry = `[{"target": "r-root", "policies": [` + arn + `]}]`
		}
		text := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}, "` + s.Field + `": ` + entry + `}`
		ans := Evaluate(text, opt)
		if got := ans.Error == nil; got != s.Managed {
			t.Errorf("%s: Managed %v, the reader takes an ARN: %v (%v)", s.Name, s.Managed, got, ans.Error)
		}
	}
}
