package sim_test

import (
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/iamlab/iamlab/sim/world"
)

const (
	adminKey  = "AKIAADMINEXAMPLE0001"
	adminSec  = "adminSecretKeyEXAMPLEadminSecretKeyEXAMP"
	nobodyKey = "AKIANOBODYEXAMPLE001"
	nobodySec = "nobodySecretKeyEXAMPLEnobodySecretKeyEXA"
	mfaKey    = "AKIAMFANEEDEDEXAMPLE"
	mfaSec    = "mfaSecretKeyEXAMPLEmfaSecretKeyEXAMPLEmf"
	readerARN = "arn:aws:iam::123456789012:role/team/reader"
)

// testWorld is testdata/world.json: two accounts in an organization,
// users with and without permissions, roles with conditions.
func testWorld(t testing.TB) *world.File {
	t.Helper()
	b, err := os.ReadFile("testdata/world.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := world.ParseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestGetCallerIdentity(t *testing.T) {
	l := newLab(t, testWorld(t))
	sess := assume(t, l.sts(adminKey, adminSec, ""), &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("s1")})
	for _, tc := range []struct {
		name, key, secret, token string
		arn, userPrefix          string
	}{
		{"root", rootKey, rootSec, "", "arn:aws:iam::123456789012:root", "123456789012"},
		{"user", appKey, appSec, "", "arn:aws:iam::123456789012:user/app", "AIDA"},
		// GetCallerIdentity needs no permission: "nobody" has no policy.
		{"user without policies", nobodyKey, nobodySec, "", "arn:aws:iam::123456789012:user/nobody", "AIDA"},
		{"role session", sess.AccessKeyID, sess.SecretAccessKey, sess.SessionToken, "arn:aws:sts::123456789012:assumed-role/reader/s1", "AROA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := l.sts(tc.key, tc.secret, tc.token).GetCallerIdentity(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if *out.Arn != tc.arn || *out.Account != account || len(*out.UserId) < 4 || (*out.UserId)[:len(tc.userPrefix)] != tc.userPrefix {
				t.Errorf("got %s %s %s", *out.Arn, *out.Account, *out.UserId)
			}
		})
	}
}

func TestAssumeRoleSeed(t *testing.T) {
	l := newLab(t, nil)
	cr := assume(t, l.sts(appKey, appSec, ""), &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("upload")})
	out, err := l.sts(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *out.Arn != "arn:aws:sts::123456789012:assumed-role/XX-s3-upload-role/upload" {
		t.Fatalf("%v %v", out, err)
	}
	if cr.AccessKeyID[:4] != "ASIA" {
		t.Errorf("temporary key %s", cr.AccessKeyID)
	}
	// The root user may not assume roles, whatever the trust policy says.
	_, err = l.sts(rootKey, rootSec, "").AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("r")})
	wantError(t, err, "AccessDenied", "Roles may not be assumed by root accounts.")
}

func TestAssumeRoleDenied(t *testing.T) {
	l := newLab(t, testWorld(t))
	for _, tc := range []struct {
		name, key, secret string
		in                *sts.AssumeRoleInput
		code, msg         string
	}{
		{"not in the trust policy", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("xx")},
			"AccessDenied", "User: arn:aws:iam::123456789012:user/admin is not authorized to perform: sts:AssumeRole on resource: " + uploadARN},
		{"trusted account, no identity policy", nobodyKey, nobodySec,
			&sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("xx")},
			"AccessDenied", "because no identity-based policy allows the sts:AssumeRole action"},
		{"no such role", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/ghost"), RoleSessionName: aws.String("xx")},
			"AccessDenied", "sts:AssumeRole on resource: arn:aws:iam::123456789012:role/ghost"},
		{"wrong external id", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/external"), RoleSessionName: aws.String("xx"), ExternalId: aws.String("nope")},
			"AccessDenied", "because no role trust policy allows the sts:AssumeRole action"},
		{"no MFA", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/mfa-role"), RoleSessionName: aws.String("xx")},
			"AccessDenied", "sts:AssumeRole"},
		{"duration over the role's maximum", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("xx"), DurationSeconds: aws.Int32(7201)},
			"ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."},
		{"duration under 15 minutes", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("xx"), DurationSeconds: aws.Int32(899)},
			"ValidationError", "Member must have value greater than or equal to 900"},
		{"tags without sts:TagSession in the trust policy", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/no-tags"), RoleSessionName: aws.String("xx"),
				Tags: []ststypes.Tag{{Key: aws.String("team"), Value: aws.String("green")}}},
			"AccessDenied", "sts:TagSession"},
		{"malformed session policy", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("xx"), Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers"}]}`)},
			"MalformedPolicyDocument", "Resource"},
		{"bad session name", adminKey, adminSec,
			&sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("has space")},
			"ValidationError", "roleSessionName"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := l.sts(tc.key, tc.secret, "").AssumeRole(ctx, tc.in)
			wantError(t, err, tc.code, tc.msg)
		})
	}
}

func TestAssumeRoleConditions(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.sts(adminKey, adminSec, "")
	// ExternalId and MFA satisfy their trust policies.
	assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/external"), RoleSessionName: aws.String("xx"), ExternalId: aws.String("lab-42")})
	assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/mfa-role"), RoleSessionName: aws.String("xx"),
		SerialNumber: aws.String("arn:aws:iam::123456789012:mfa/admin"), TokenCode: aws.String("123456")})

	// Session tags become principal tags; the role's own tag is overridden.
	cr := assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("tagged"), SourceIdentity: aws.String("alice"),
		Tags: []ststypes.Tag{{Key: aws.String("team"), Value: aws.String("green")}}, TransitiveTagKeys: []string{"team"}})
	// Role chaining: the transitive tag passes on, and the session is
	// capped at one hour.
	reader := l.sts(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken)
	_, err := reader.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/no-tags"), RoleSessionName: aws.String("cc"), DurationSeconds: aws.Int32(3601)})
	wantError(t, err, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	chained := assume(t, reader, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/no-tags"), RoleSessionName: aws.String("cc")})
	// no-tags allows iam:ListRoles only for aws:PrincipalTag/team = green.
	if _, err := l.iam(chained.AccessKeyID, chained.SecretAccessKey, chained.SessionToken).ListRoles(ctx, &iam.ListRolesInput{}); err != nil {
		t.Errorf("the transitive tag did not reach the chained session: %v", err)
	}
	direct := assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/no-tags"), RoleSessionName: aws.String("dd")})
	_, err = l.iam(direct.AccessKeyID, direct.SecretAccessKey, direct.SessionToken).ListRoles(ctx, &iam.ListRolesInput{})
	wantError(t, err, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/no-tags/dd is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based policy allows the iam:ListRoles action")
}

func TestAssumeRoleSessionPolicy(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.sts(adminKey, adminSec, "")
	onlyGetRole := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}`
	cr := assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("limited"), Policy: aws.String(onlyGetRole)})
	c := l.iam(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken)
	if _, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("reader")}); err != nil {
		t.Errorf("GetRole within the session policy: %v", err)
	}
	_, err := c.ListUsers(ctx, &iam.ListUsersInput{})
	wantError(t, err, "AccessDenied", "because no session policy allows the iam:ListUsers action")

	// A managed session policy (PolicyArns) together with the inline one:
	// either may allow.
	cr = assume(t, admin, &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("both"), Policy: aws.String(onlyGetRole),
		PolicyArns: []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::aws:policy/IAMReadOnlyAccess")}}})
	c = l.iam(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken)
	if _, err := c.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Errorf("ListUsers within the managed session policy: %v", err)
	}
}

func TestAssumeRoleCrossAccount(t *testing.T) {
	l := newLab(t, testWorld(t))
	shared := "arn:aws:iam::210987654321:role/shared"
	cr := assume(t, l.sts(adminKey, adminSec, ""), &sts.AssumeRoleInput{RoleArn: aws.String(shared), RoleSessionName: aws.String("xx")})
	out, err := l.sts(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *out.Account != "210987654321" {
		t.Fatalf("%v %v", out, err)
	}
	// app's identity policies do not allow sts:AssumeRole.
	_, err = l.sts(appKey, appSec, "").AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(shared), RoleSessionName: aws.String("xx")})
	wantError(t, err, "AccessDenied", "because no identity-based policy allows the sts:AssumeRole action")
}

func TestGetSessionToken(t *testing.T) {
	l := newLab(t, testWorld(t))
	out, err := l.sts(mfaKey, mfaSec, "").GetSessionToken(ctx, &sts.GetSessionTokenInput{
		SerialNumber: aws.String("arn:aws:iam::123456789012:mfa/mfa-needed"), TokenCode: aws.String("123456"), DurationSeconds: aws.Int32(900)})
	if err != nil {
		t.Fatal(err)
	}
	cr := out.Credentials
	if d := time.Until(*cr.Expiration); d < 14*time.Minute || d > 16*time.Minute {
		t.Errorf("expiration in %v", d)
	}
	id, err := l.sts(*cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *id.Arn != "arn:aws:iam::123456789012:user/mfa-needed" {
		t.Fatalf("%v %v", id, err)
	}
	// The user's policy allows ListUsers only with MFA.
	if _, err := l.iam(*cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Errorf("ListUsers with MFA: %v", err)
	}
	_, err = l.iam(mfaKey, mfaSec, "").ListUsers(ctx, &iam.ListUsersInput{})
	wantError(t, err, "AccessDenied", "iam:ListUsers")
	// Session credentials cannot get a session token.
	_, err = l.sts(*cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).GetSessionToken(ctx, nil)
	wantError(t, err, "AccessDenied", "Cannot call GetSessionToken with session credentials")
	_, err = l.sts(nobodyKey, nobodySec, "").GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(129601)})
	wantError(t, err, "ValidationError", "durationSeconds")
}

func TestGetFederationToken(t *testing.T) {
	l := newLab(t, testWorld(t))
	out, err := l.sts(adminKey, adminSec, "").GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("bob"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	if *out.FederatedUser.Arn != "arn:aws:sts::123456789012:federated-user/bob" || *out.FederatedUser.FederatedUserId != "123456789012:bob" {
		t.Errorf("federated user %+v", out.FederatedUser)
	}
	cr := out.Credentials
	fed := l.iam(*cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken)
	if _, err := fed.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Errorf("ListUsers in the session policy: %v", err)
	}
	_, err = fed.ListRoles(ctx, &iam.ListRolesInput{})
	wantError(t, err, "AccessDenied", "because no session policy allows the iam:ListRoles action")
	_, err = l.sts(nobodyKey, nobodySec, "").GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("bob")})
	wantError(t, err, "AccessDenied", "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::123456789012:federated-user/bob because no identity-based policy allows the sts:GetFederationToken action")
	_, err = l.sts(*cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("eve")})
	wantError(t, err, "AccessDenied", "Cannot call GetFederationToken with session credentials")
}
