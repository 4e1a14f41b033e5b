package authz

import (
	"strings"
	"testing"
)

func TestParseCaller(t *testing.T) {
	for _, tc := range []struct {
		principal, action string
		kind              Kind
		account, name     string
		serviceLinked     bool
	}{
		{"arn:aws:iam::111122223333:user/alice", "s3:GetObject", KindUser, "111122223333", "alice", false},
		{"arn:aws:iam::111122223333:user/division/alice", "s3:GetObject", KindUser, "111122223333", "alice", false},
		{"arn:aws:iam::111122223333:role/Dev", "s3:GetObject", KindRole, "111122223333", "Dev", false},
		{"arn:aws:iam::111122223333:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR", "ec2:RunInstances", KindRole, "111122223333", "AWSServiceRoleForEMR", true},
		{"arn:aws:sts::111122223333:assumed-role/Dev/sess", "s3:GetObject", KindRoleSession, "111122223333", "Dev", false},
		{"arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/x", "s3:GetObject", KindRoleSession, "111122223333", "AWSServiceRoleForSupport", true},
		{"arn:aws:sts::111122223333:federated-user/bob", "s3:GetObject", KindFederatedUser, "111122223333", "bob", false},
		{"arn:aws:iam::111122223333:root", "s3:GetObject", KindRoot, "111122223333", "", false},
		{"arn:aws-cn:iam::111122223333:root", "s3:GetObject", KindRoot, "111122223333", "", false},
		{"s3.amazonaws.com", "sqs:SendMessage", KindService, "", "s3.amazonaws.com", false},
		{"alexa-appkit.amazon.com", "lambda:InvokeFunction", KindService, "", "alexa-appkit.amazon.com", false},
		{"s3.amazonaws.com.cn", "sqs:SendMessage", KindService, "", "s3.amazonaws.com.cn", false},
		{"*", "s3:GetObject", KindAnonymous, "", "", false},
		{"cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity", KindProvider, "", "", false},
		{"accounts.google.com", "sts:AssumeRoleWithWebIdentity", KindProvider, "", "", false},
		{"arn:aws:iam::111122223333:saml-provider/IdP", "sts:AssumeRoleWithSAML", KindProvider, "", "", false},
	} {
		c, err := ParseCaller(tc.principal, tc.action)
		if err != nil {
			t.Errorf("ParseCaller(%q): %v", tc.principal, err)
			continue
		}
		if c.Kind != tc.kind || c.Account != tc.account || c.Name != tc.name || c.ServiceLinked != tc.serviceLinked {
			t.Errorf("ParseCaller(%q) = %+v", tc.principal, c)
		}
	}
}

func TestParseCallerErrors(t *testing.T) {
	for _, tc := range []struct{ principal, msg string }{
		{"", "empty"},
		{"arn:aws:iam::111122223333:user:alice", "arn:aws:iam::111122223333:user/alice (a slash, not a colon"},
		{"arn:aws:iam::1111:user/alice", "12-digit account"},
		{"arn:aws:s3::111122223333:bucket", "not an IAM or STS principal"},
		{"arn:aws:sts::111122223333:assumed-role/Dev", "not an STS session"},
		{"111122223333", "is an account ID"},
		{"alice", "not an ARN"},
		{"www.amazon.com", "not an ARN, a service principal"},
		{"arn:aws:iam::111122223333:saml-provider/", "saml-provider/NAME"},
		{"arn:aws:iam::1111:saml-provider/IdP", "12-digit"},
		{"amazonaws.com", "not an ARN, a service principal"},
		{"arn:aws:iam::111122223333:group/g", "IAM principals are"},
	} {
		_, err := ParseCaller(tc.principal, "s3:GetObject")
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("ParseCaller(%q) error = %v, want %q", tc.principal, err, tc.msg)
		}
	}
}

// A web identity provider is a host name; anything else is refused.
func TestParseCallerProviderNames(t *testing.T) {
	for _, tc := range []struct {
		principal string
		ok        bool
	}{
		{"accounts.google.com", true},
		{"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", true},
		{" ", false},
		{"google", false},
		{"accounts google.com", false},
	} {
		c, err := ParseCaller(tc.principal, "sts:AssumeRoleWithWebIdentity")
		if (err == nil) != tc.ok || (err == nil && c.Kind != KindProvider) {
			t.Errorf("ParseCaller(%q) = %v, %v; want ok=%v", tc.principal, c.Kind, err, tc.ok)
		}
	}
}

// A result keeps its strings: the role ARN of one decision does not change
// when the same Evaluator decides again.
func TestResultKeepsRoleARN(t *testing.T) {
	var ev Evaluator
	decide := func(principal string) string {
		r, err := ev.Evaluate(&Input{Request: Request{Principal: principal, Action: "s3:GetObject", Resource: "*"}})
		if err != nil {
			t.Fatal(err)
		}
		return r.Caller.RoleARN
	}
	first := decide("arn:aws:sts::111122223333:assumed-role/First/s")
	decide("arn:aws:sts::444455556666:assumed-role/Other/s")
	if first != "arn:aws:iam::111122223333:role/First" {
		t.Errorf("the first result's role ARN is now %q", first)
	}
}
