package explain

import (
	"encoding/json"
	"regexp"
	"slices"
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

// Every code the engine can produce has a message in every language, and
// every text of one language has its counterpart in the other, with the
// same placeholders.
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
	more := []authz.Code{authz.ChangeAddAction, authz.ChangeAddResource, authz.ChangeAddPrincipal, authz.ChangeMeetCondition,
		authz.ChangeAddStatement, authz.ChangeBreakCondition, authz.ChangeRemoveDeny}
	for r := policy.RuleCompared; r <= policy.RuleNullCheck; r++ {
		more = append(more, authz.Code("condition.rule."+r.String()))
	}
	for _, typ := range policy.Types {
		more = append(more, authz.Code("type."+typ.String()))
	}
	for _, l := range Langs {
		for _, c := range append(codes, more...) {
			if _, ok := messages[l][string(c)]; !ok {
				t.Errorf("%s: no message for %s", l, c)
			}
		}
	}
	for k, en := range messages[English] {
		ja, ok := messages[Japanese][k]
		if !ok {
			t.Errorf("no Japanese for %s", k)
			continue
		}
		if a, b := placeholders(en), placeholders(ja); a != b {
			t.Errorf("%s: placeholders %s in English, %s in Japanese", k, a, b)
		}
	}
	if len(messages[Japanese]) != len(messages[English]) {
		t.Errorf("%d Japanese texts for %d English", len(messages[Japanese]), len(messages[English]))
	}
}

var placeholder = regexp.MustCompile(`\{\w+\}`)

func placeholders(s string) string {
	m := placeholder.FindAllString(s, -1)
	slices.Sort(m)
	return strings.Join(m, ",")
}

// The headline names what decided, down to the values compared, in both
// languages.
func TestSummary(t *testing.T) {
	deny, err := policy.Parse(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	scp, err := policy.Parse(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
	  {"Sid": "DenyOutsideTokyoAndVirginia", "Effect": "Deny", "Action": "*", "Resource": "*",
	   "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["ap-northeast-1", "us-east-1"]}}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	r, err := authz.Evaluate(&authz.Input{
		Request: authz.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
			Context: authz.Context{Entries: []authz.Entry{{Key: "aws:RequestedRegion", Values: []string{"eu-west-1"}}}}},
		Identity: []authz.Named{{Name: "Admin", Policy: deny}},
		SCPs:     []authz.Level{{Target: "r-root", Policies: []authz.Named{{Name: "Full", Policy: deny}}}, {Target: "ou-x", Policies: []authz.Named{{Name: "Regions", Policy: scp}}}},
		Now:      time.Unix(0, 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := NewReport(r)
	want := `explicitly denied by SCP level 2 (ou-x) "Regions", statement "DenyOutsideTokyoAndVirginia", because aws:RequestedRegion = eu-west-1 is not in [ap-northeast-1, us-east-1] (StringNotEquals)`
	if rep.Summary.En != want {
		t.Errorf("summary\n%s\nwant\n%s", rep.Summary.En, want)
	}
	if !strings.Contains(rep.Summary.Ja, "明示的に拒否") || !strings.Contains(rep.Summary.Ja, "eu-west-1") {
		t.Errorf("summary in Japanese: %s", rep.Summary.Ja)
	}
	if len(rep.DecidedBy) != 1 || rep.DecidedBy[0].Statement.Sid != "DenyOutsideTokyoAndVirginia" || rep.DecidedBy[0].Statement.Line != 2 {
		t.Errorf("decidedBy %+v", rep.DecidedBy)
	}
	c := rep.Changes
	if c == nil || len(c.Edits) != 1 || c.Edits[0].Kind != authz.ChangeBreakCondition || c.Edits[0].Line != 3 || c.Decision != authz.Allowed {
		t.Fatalf("changes %+v", c)
	}
	if !strings.Contains(c.Edits[0].Text.En, "aws:RequestedRegion = eu-west-1 is not in") || !strings.Contains(c.Edits[0].Text.Ja, "Deny") {
		t.Errorf("edit text %+v", c.Edits[0].Text)
	}
}

// A statement that applies says what matched: the Action and Resource
// entries and every condition with its values.
func TestMatchOfAnAllow(t *testing.T) {
	p, err := policy.Parse(`{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": ["ec2:*", "s3:Get*"], "Resource": ["arn:aws:s3:::b/*"],
	  "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "StringLike": {"aws:userid": "${aws:username}*"}}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	r, err := authz.Evaluate(&authz.Input{
		Request: authz.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
			Context: authz.Context{Entries: []authz.Entry{{Key: "aws:SourceIp", Values: []string{"203.0.113.9"}}, {Key: "aws:userid", Values: []string{"alice-1"}}}}},
		Identity: []authz.Named{{Name: "P", Policy: p}},
		Now:      time.Unix(0, 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := NewReport(r)
	m := rep.Policies[0].Statements[0].Match
	if m.Action.Index != 1 || m.Action.Value != "s3:Get*" || m.Resource.Index != 0 || len(m.Conditions) != 2 {
		t.Fatalf("match %+v", m)
	}
	if c := m.Conditions[1]; !c.Holds || c.Rule != "compared" || c.Compared[0] != "alice*" || c.Request[0] != "alice-1" {
		t.Errorf("condition %+v", c)
	}
	if !strings.Contains(rep.Summary.En, `allowed by identity policy "P", statement "Read", because aws:SourceIp = 203.0.113.9 matches 203.0.113.0/24 (IpAddress) and aws:userid = alice-1 matches alice* (StringLike)`) {
		t.Errorf("summary %s", rep.Summary.En)
	}
	if rep.Changes != nil {
		t.Error("an allow has changes")
	}
}

func TestFill(t *testing.T) {
	for key, want := range map[string]string{
		"condition.nullVariable": "the policy variable ${aws:username} has no value in the request: a value that holds it equals and is like nothing",
		"phrase.and":             "x and {b}", // a name without a value stays
		"phrase.condNullVar":     "T; ${aws:username} has no value, so the value that holds it matches nothing",
	} {
		if got := fill(English, key, "var", "aws:username", "a", "x", "text", "T"); got != want {
			t.Errorf("fill(%s) = %q, want %q", key, got, want)
		}
	}
}
