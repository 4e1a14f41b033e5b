package authz

import (
	"testing"
	"time"

	"github.com/iamlab/iamlab/policy"
)

// stmt makes a one-statement policy.
func pol(t *testing.T, stmts string) *Named {
	t.Helper()
	p, err := policy.Parse(`{"Version": "2012-10-17", "Statement": [` + stmts + `]}`)
	if err != nil {
		t.Fatalf("%s: %v", stmts, err)
	}
	return &Named{Name: "p", Policy: p}
}

const (
	user    = "arn:aws:iam::111122223333:user/alice"
	session = "arn:aws:sts::111122223333:assumed-role/Dev/s1"
	fed     = "arn:aws:sts::111122223333:federated-user/bob"
	root    = "arn:aws:iam::111122223333:root"
	other   = "arn:aws:iam::444455556666:user/eve"
	bucket  = "arn:aws:s3:::b/k"
	key     = "arn:aws:kms:us-east-1:111122223333:key/k1"
	role    = "arn:aws:iam::111122223333:role/Target"

	allowAll    = `{"Effect": "Allow", "Action": "*", "Resource": "*"}`
	allowS3     = `{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`
	denyS3      = `{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}`
	allowEC2    = `{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}`
	rbpUser     = `{"Effect": "Allow", "Action": "*", "Principal": {"AWS": "` + user + `"}}`
	rbpSession  = `{"Effect": "Allow", "Action": "*", "Principal": {"AWS": "` + session + `"}}`
	rbpRole     = `{"Effect": "Allow", "Action": "*", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Dev"}}`
	rbpAccount  = `{"Effect": "Allow", "Action": "*", "Principal": {"AWS": "111122223333"}}`
	rbpOther    = `{"Effect": "Allow", "Action": "*", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}}`
	rbpAnyone   = `{"Effect": "Allow", "Action": "*", "Principal": "*"}`
	rbpFed      = `{"Effect": "Allow", "Action": "*", "Principal": {"AWS": "` + fed + `"}}`
	rbpService  = `{"Effect": "Allow", "Action": "*", "Principal": {"Service": "sns.amazonaws.com"}}`
	rbpDenyUser = `{"Effect": "Deny", "Action": "*", "NotPrincipal": {"AWS": ["` + user + `", "111122223333"]}}`
)

func TestEvaluate(t *testing.T) {
	type in struct {
		principal, action, resource string
		identity, boundary, session string
		resource_                   string
		scps                        []string // one policy per level; "" is an empty level
	}
	for _, tc := range []struct {
		name   string
		in     in
		want   Decision
		reason Code
	}{
		{"identity allow", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowS3}, Allowed, ReasonAllowedIdentity},
		{"nothing allows", in{principal: user, action: "s3:GetObject", resource: bucket}, ImplicitDeny, ReasonNoAllow},
		{"explicit deny wins", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowAll + "," + denyS3}, ExplicitDeny, ReasonExplicitDeny},
		{"boundary caps identity", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowAll, boundary: allowEC2}, ImplicitDeny, ReasonBoundaryNoAllow},
		{"boundary deny", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowAll, boundary: allowAll + "," + denyS3}, ExplicitDeny, ReasonExplicitDeny},
		{"rbp to user ignores boundary", in{principal: user, action: "s3:GetObject", resource: bucket, boundary: allowEC2, resource_: rbpUser}, Allowed, ReasonAllowedResource},
		{"rbp to session ignores session policy", in{principal: session, action: "s3:GetObject", resource: bucket, session: allowEC2, resource_: rbpSession}, Allowed, ReasonAllowedResource},
		{"rbp to role limited by session policy", in{principal: session, action: "s3:GetObject", resource: bucket, session: allowEC2, resource_: rbpRole}, ImplicitDeny, ReasonSessionNoAllow},
		{"rbp to role limited by boundary", in{principal: session, action: "s3:GetObject", resource: bucket, boundary: allowEC2, resource_: rbpRole}, ImplicitDeny, ReasonBoundaryNoAllow},
		{"rbp to role allows", in{principal: session, action: "s3:GetObject", resource: bucket, resource_: rbpRole}, Allowed, ReasonAllowedResource},
		{"rbp to account needs identity", in{principal: user, action: "s3:GetObject", resource: bucket, resource_: rbpAccount}, ImplicitDeny, ReasonNoAllow},
		{"session policy caps role", in{principal: session, action: "s3:GetObject", resource: bucket, identity: allowAll, session: allowEC2}, ImplicitDeny, ReasonSessionNoAllow},
		{"role session without session policy", in{principal: session, action: "s3:GetObject", resource: bucket, identity: allowS3}, Allowed, ReasonAllowedIdentity},
		{"federated user needs session policy", in{principal: fed, action: "s3:GetObject", resource: bucket, identity: allowS3}, ImplicitDeny, ReasonFederatedNoSession},
		{"federated user with session policy", in{principal: fed, action: "s3:GetObject", resource: bucket, identity: allowS3, session: allowS3}, Allowed, ReasonAllowedIdentity},
		{"rbp to federated user session", in{principal: fed, action: "s3:GetObject", resource: bucket, resource_: rbpFed}, Allowed, ReasonAllowedResource},
		{"scp level without allow", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowS3, scps: []string{allowAll, allowEC2}}, ImplicitDeny, ReasonSCPNoAllow},
		{"scp empty level", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowS3, scps: []string{allowAll, ""}}, ImplicitDeny, ReasonSCPNoAllow},
		{"scp every level allows", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowS3, scps: []string{allowAll, allowS3}}, Allowed, ReasonAllowedIdentity},
		{"scp limits resource-policy grants too", in{principal: user, action: "s3:GetObject", resource: bucket, resource_: rbpUser, scps: []string{allowEC2}}, ImplicitDeny, ReasonSCPNoAllow},
		{"scp applies to root", in{principal: root, action: "s3:GetObject", resource: bucket, scps: []string{allowEC2}}, ImplicitDeny, ReasonSCPNoAllow},
		{"scp skips service-linked role", in{principal: "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForX/s", action: "s3:GetObject", resource: bucket, identity: allowS3, scps: []string{`{"Effect": "Deny", "Action": "*", "Resource": "*"}`}}, Allowed, ReasonAllowedIdentity},
		{"root in own account", in{principal: root, action: "s3:GetObject", resource: bucket}, Allowed, ReasonAllowedRoot},
		{"cross-account needs rbp", in{principal: other, action: "s3:GetObject", resource: "arn:aws:sqs:us-east-1:111122223333:q", identity: allowAll}, ImplicitDeny, ReasonCrossAccountNoRBP},
		{"cross-account needs identity", in{principal: other, action: "s3:GetObject", resource: "arn:aws:sqs:us-east-1:111122223333:q", resource_: rbpOther}, ImplicitDeny, ReasonCrossAccountNoID},
		{"cross-account both", in{principal: other, action: "s3:GetObject", resource: "arn:aws:sqs:us-east-1:111122223333:q", identity: allowAll, resource_: rbpOther}, Allowed, ReasonAllowedBoth},
		{"anonymous public", in{principal: "*", action: "s3:GetObject", resource: bucket, resource_: rbpAnyone}, Allowed, ReasonAllowedResource},
		{"anonymous not named", in{principal: "*", action: "s3:GetObject", resource: bucket, resource_: rbpAccount}, ImplicitDeny, ReasonNoIdentityForCaller},
		{"service principal", in{principal: "sns.amazonaws.com", action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:q", resource_: rbpService}, Allowed, ReasonAllowedResource},
		{"service principal ignores identity", in{principal: "sns.amazonaws.com", action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:q", identity: allowAll}, ImplicitDeny, ReasonNoIdentityForCaller},
		{"kms key policy must allow", in{principal: user, action: "kms:Decrypt", resource: key, identity: allowAll}, ImplicitDeny, ReasonResourceRequired},
		{"kms key policy delegates to account", in{principal: user, action: "kms:Decrypt", resource: key, identity: allowAll, resource_: rbpAccount}, Allowed, ReasonAllowedIdentity},
		{"kms account delegation needs identity", in{principal: user, action: "kms:Decrypt", resource: key, resource_: rbpAccount}, ImplicitDeny, ReasonNoAllow},
		{"kms root via account", in{principal: root, action: "kms:Decrypt", resource: key, resource_: rbpAccount}, Allowed, ReasonAllowedResource},
		{"kms root without key policy", in{principal: root, action: "kms:Decrypt", resource: key}, ImplicitDeny, ReasonResourceRequired},
		{"trust policy must allow", in{principal: user, action: "sts:AssumeRole", resource: role, identity: allowAll}, ImplicitDeny, ReasonResourceRequired},
		{"trust names user", in{principal: user, action: "sts:AssumeRole", resource: role, resource_: rbpUser}, Allowed, ReasonAllowedResource},
		{"trust names user, boundary still applies", in{principal: user, action: "sts:AssumeRole", resource: role, boundary: allowEC2, resource_: rbpUser}, ImplicitDeny, ReasonBoundaryNoAllow},
		{"NotPrincipal deny spares listed", in{principal: user, action: "s3:GetObject", resource: bucket, identity: allowS3, resource_: rbpDenyUser}, Allowed, ReasonAllowedIdentity},
		{"NotPrincipal deny hits others", in{principal: "arn:aws:iam::111122223333:user/carol", action: "s3:GetObject", resource: bucket, identity: allowS3, resource_: rbpDenyUser}, ExplicitDeny, ReasonExplicitDeny},
		{"web identity trust", in{principal: "cognito-identity.amazonaws.com", action: "sts:AssumeRoleWithWebIdentity", resource: role, resource_: `{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "cognito-identity.amazonaws.com"}}`}, Allowed, ReasonAllowedResource},
	} {
		t.Run(tc.name, func(t *testing.T) {
			input := &Input{Request: Request{Principal: tc.in.principal, Action: tc.in.action, Resource: tc.in.resource}, Now: time.Unix(1780315200, 0)}
			if tc.in.identity != "" {
				input.Identity = []Named{*pol(t, tc.in.identity)}
			}
			if tc.in.boundary != "" {
				input.Boundary = pol(t, tc.in.boundary)
			}
			if tc.in.session != "" {
				input.Session = pol(t, tc.in.session)
			}
			if tc.in.resource_ != "" {
				input.Resource = pol(t, tc.in.resource_)
			}
			for _, s := range tc.in.scps {
				l := Level{Target: "ou"}
				if s != "" {
					l.Policies = []Named{*pol(t, s)}
				}
				input.SCPs = append(input.SCPs, l)
			}
			r, err := Evaluate(input)
			if err != nil {
				t.Fatal(err)
			}
			if r.Decision != tc.want || r.Reason != tc.reason {
				t.Errorf("got %s (%s), want %s (%s)", r.Decision, r.Reason, tc.want, tc.reason)
			}
		})
	}
}

// The trace records why each statement did not apply.
func TestTrace(t *testing.T) {
	input := &Input{
		Request: Request{Principal: user, Action: "s3:GetObject", Resource: bucket,
			Context: Context{Entries: []Entry{{Key: "aws:SourceIp", Values: []string{"10.0.0.1"}}}}},
		Identity: []Named{*pol(t, `{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
			{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::other/*"},
			{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
			{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:PrincipalTag/x}"},
			{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}`)},
		Now: time.Unix(1780315200, 0),
	}
	r, err := Evaluate(input)
	if err != nil {
		t.Fatal(err)
	}
	want := []Code{StmtActionNotMatched, StmtResourceNotMatched, StmtConditionFailed, StmtVariableUnresolved, StmtNotActionExcluded}
	st := r.Policies[0].Statements
	for i, w := range want {
		if st[i].Reason != w {
			t.Errorf("statement %d: %s, want %s", i, st[i].Reason, w)
		}
	}
	if c := st[2].Condition; c == nil || c.Key != "aws:SourceIp" || c.Request[0] != "10.0.0.1" || c.Policy[0] != "203.0.113.0/24" {
		t.Errorf("condition trace = %+v", c)
	}
	if st[3].Unresolved != "aws:PrincipalTag/x" {
		t.Errorf("unresolved = %q", st[3].Unresolved)
	}
	if r.Decision != ImplicitDeny {
		t.Errorf("decision %s", r.Decision)
	}
}

func TestInService(t *testing.T) {
	for _, tc := range []struct {
		action, prefix string
		want           bool
	}{
		{"sts:AssumeRole", "sts", true},
		{"STS:AssumeRole", "sts", true},
		{"Kms:Decrypt", "kms", true},
		{"sts", "sts", false},
		{"sts:", "sts", true},
		{"stsx:AssumeRole", "sts", false},
		{"st:AssumeRole", "sts", false},
		{"s3:GetObject", "sts", false},
		{"\u017fts:AssumeRole", "sts", false}, // no Unicode folding: action names are ASCII
		{"S\x13S:x", "sts", false},
	} {
		if got := inService(tc.action, tc.prefix); got != tc.want {
			t.Errorf("inService(%q, %q) = %v, want %v", tc.action, tc.prefix, got, tc.want)
		}
	}
}

func TestRCPApplies(t *testing.T) {
	user := &Caller{Kind: KindUser}
	slr := &Caller{Kind: KindRoleSession, ServiceLinked: true}
	for _, tc := range []struct {
		action string
		c      *Caller
		want   Code // "" when RCPs apply
	}{
		{"s3:GetObject", user, ""},
		{"S3:GetObject", user, ""},
		{"sts:AssumeRole", user, ""},
		{"dynamodb:PutItem", user, ""},
		{"kms:Decrypt", user, ""},
		{"kms:RetireGrant", user, NotApplicableRCPService},
		{"kms:retiregrant", user, NotApplicableRCPService},
		{"ec2:RunInstances", user, NotApplicableRCPService},
		{"iam:CreateUser", user, NotApplicableRCPService},
		{"lambda:InvokeFunction", user, NotApplicableRCPService},
		{"s3:GetObject", slr, NotApplicableServiceLinked},
	} {
		ok, why := rcpApplies(tc.action, tc.c)
		if ok != (tc.want == "") || why != tc.want {
			t.Errorf("rcpApplies(%q) = %v, %q; want %q", tc.action, ok, why, tc.want)
		}
	}
}
