package explain

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

func evaluate(t *testing.T) *authz.Result {
	t.Helper()
	p, err := policy.Parse(`{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
    {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::secret/*"}
  ]
}`)
	if err != nil {
		t.Fatal(err)
	}
	r, err := authz.Evaluate(&authz.Input{
		Request: authz.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
			Context: authz.Context{Entries: []authz.Entry{{Key: "aws:SourceIp", Values: []string{"198.51.100.1"}}}}},
		Identity: []authz.Named{{Name: "inline", Policy: p}},
		Now:      time.Unix(0, 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReport(t *testing.T) {
	rep := NewReport(evaluate(t))
	if rep.Decision != authz.ImplicitDeny || rep.Reason.Code != authz.ReasonNoAllow || rep.Reason.Message == "" {
		t.Fatalf("report = %+v", rep)
	}
	st := rep.Policies[0].Statements
	if st[0].Line != 4 || st[0].Column != 5 || st[0].Sid != "Read" || st[0].Reason.Code != authz.StmtConditionFailed {
		t.Errorf("statement 0 = %+v", st[0])
	}
	c := st[0].Condition
	if c == nil || c.Operator != "IpAddress" || c.Line != 5 || c.Request[0] != "198.51.100.1" || !c.Present {
		t.Errorf("condition = %+v", c)
	}
	if st[1].Line != 6 || st[1].Reason.Code != authz.StmtResourceNotMatched {
		t.Errorf("statement 1 = %+v", st[1])
	}
	derived := 0
	for _, k := range rep.Context {
		if k.Derived {
			derived++
		}
	}
	if derived == 0 {
		t.Error("no derived context keys in the report")
	}
	b, err := JSON(evaluate(t))
	if err != nil || !json.Valid(b) || !strings.Contains(string(b), `"decision": "implicitDeny"`) {
		t.Errorf("JSON: %v\n%s", err, b)
	}
}

func TestText(t *testing.T) {
	var b strings.Builder
	Text(&b, evaluate(t))
	out := b.String()
	for _, want := range []string{
		"decision: implicitDeny",
		"why: no identity-based or resource-based policy allows the request",
		`Allow #1 "Read" (line 4, col 5): a condition is not met`,
		"IpAddress aws:SourceIp: policy [203.0.113.0/24], request [198.51.100.1] (line 5)",
		"Deny #2 (line 6, col 5): the resource is not in Resource",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}

// Every code the engine can produce has an English message.
func TestEveryCodeHasAMessage(t *testing.T) {
	codes := []authz.Code{
		authz.StmtMatched, authz.StmtActionNotMatched, authz.StmtNotActionExcluded, authz.StmtResourceNotMatched,
		authz.StmtNotResourceExcl, authz.StmtPrincipalNotNamed, authz.StmtNotPrincipalExcl, authz.StmtNotPrincipalBoundary, authz.StmtConditionFailed,
		authz.StmtVariableUnresolved, authz.NotApplicableCaller, authz.NotApplicableServiceLinked, authz.NotApplicableRCPService,
		authz.ReasonExplicitDeny, authz.ReasonAllowedIdentity, authz.ReasonAllowedResource, authz.ReasonAllowedBoth,
		authz.ReasonAllowedRoot, authz.ReasonSCPNoAllow, authz.ReasonNoAllow, authz.ReasonBoundaryNoAllow,
		authz.ReasonSessionNoAllow, authz.ReasonFederatedNoSession, authz.ReasonResourceRequired,
		authz.ReasonCrossAccountNoRBP, authz.ReasonCrossAccountNoID, authz.ReasonNoIdentityForCaller,
	}
	if len(Codes()) != len(codes) {
		t.Errorf("%d messages for %d codes", len(Codes()), len(codes))
	}
	for _, c := range codes {
		if Message(c) == string(c) {
			t.Errorf("no message for %s", c)
		}
	}
}
