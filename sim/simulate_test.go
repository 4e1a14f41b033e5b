package sim_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

const (
	adminARN  = "arn:aws:iam::123456789012:user/admin"
	s3Upload  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket/upload/*"}]}`
	denyAfter = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
{"Sid":"Late","Effect":"Deny","Action":"s3:PutObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}`
	onlyGet = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	// A bucket policy of account 111122223333 granting the admin user.
	bucketGrant = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/admin"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*"}]}`
)

func strs(s ...string) []string { return s }

// simulated runs one custom simulation and returns its only result.
func simulated(t *testing.T, c *iam.Client, in *iam.SimulateCustomPolicyInput) iamtypes.EvaluationResult {
	t.Helper()
	out, err := c.SimulateCustomPolicy(ctx, in)
	if err != nil {
		t.Fatalf("SimulateCustomPolicy: %v", err)
	}
	if len(out.EvaluationResults) != 1 {
		t.Fatalf("%d results, want 1", len(out.EvaluationResults))
	}
	return out.EvaluationResults[0]
}

// TestSimulateCustomPolicy: the decisions, the statements that decided
// with their places, the boundary's part, the missing context keys and the
// resource-specific results, through the SDK's client.
func TestSimulateCustomPolicy(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.iam(adminKey, adminSec, "")
	for _, tc := range []struct {
		name     string
		in       iam.SimulateCustomPolicyInput
		decision iamtypes.PolicyEvaluationDecisionType
		matched  []string // SourcePolicyId of each matched statement
		missing  []string
		boundary *bool
	}{
		{"identity allows", iam.SimulateCustomPolicyInput{PolicyInputList: strs(s3Upload), ActionNames: strs("s3:PutObject"),
			ResourceArns: strs("arn:aws:s3:::bucket/upload/a.txt")}, "allowed", strs("PolicyInputList.1"), nil, nil},
		{"outside the folder", iam.SimulateCustomPolicyInput{PolicyInputList: strs(s3Upload), ActionNames: strs("s3:PutObject"),
			ResourceArns: strs("arn:aws:s3:::bucket/a.txt")}, "implicitDeny", nil, nil, nil},
		{"a deny with its date given", iam.SimulateCustomPolicyInput{PolicyInputList: strs(denyAfter), ActionNames: strs("s3:PutObject"),
			ContextEntries: []iamtypes.ContextEntry{{ContextKeyName: aws.String("aws:CurrentTime"), ContextKeyValues: strs("2024-05-01T00:00:00Z"), ContextKeyType: "date"}}},
			"explicitDeny", strs("PolicyInputList.1"), nil, nil},
		{"the deny's key missing", iam.SimulateCustomPolicyInput{PolicyInputList: strs(denyAfter), ActionNames: strs("s3:PutObject"),
			ContextEntries: []iamtypes.ContextEntry{{ContextKeyName: aws.String("aws:CurrentTime"), ContextKeyValues: strs("2019-05-01T00:00:00Z"), ContextKeyType: "date"}}},
			"allowed", strs("PolicyInputList.1"), nil, nil},
		{"a boundary caps it", iam.SimulateCustomPolicyInput{PolicyInputList: strs(s3Upload), PermissionsBoundaryPolicyInputList: strs(onlyGet),
			ActionNames: strs("s3:PutObject"), ResourceArns: strs("arn:aws:s3:::bucket/upload/a.txt")}, "implicitDeny", nil, nil, aws.Bool(false)},
		{"a boundary allows it", iam.SimulateCustomPolicyInput{PolicyInputList: strs(onlyGet), PermissionsBoundaryPolicyInputList: strs(onlyGet),
			ActionNames: strs("s3:GetObject")}, "allowed", strs("PolicyInputList.1", "PermissionsBoundaryPolicyInputList.1"), nil, aws.Bool(true)},
		{"a cross-account bucket policy", iam.SimulateCustomPolicyInput{PolicyInputList: strs(onlyGet), ResourcePolicy: aws.String(bucketGrant),
			CallerArn: aws.String(adminARN), ResourceOwner: aws.String("arn:aws:iam::111122223333:root"),
			ActionNames: strs("s3:GetObject"), ResourceArns: strs("arn:aws:s3:::other-bucket/x")}, "allowed", strs("PolicyInputList.1", "ResourcePolicy"), nil, nil},
		{"a cross-account bucket policy, no identity allow", iam.SimulateCustomPolicyInput{PolicyInputList: strs(s3Upload), ResourcePolicy: aws.String(bucketGrant),
			CallerArn: aws.String(adminARN), ResourceOwner: aws.String("arn:aws:iam::111122223333:root"),
			ActionNames: strs("s3:GetObject"), ResourceArns: strs("arn:aws:s3:::other-bucket/x")}, "implicitDeny", nil, nil, nil},
		{"the same bucket policy in the caller's account", iam.SimulateCustomPolicyInput{PolicyInputList: strs(s3Upload), ResourcePolicy: aws.String(bucketGrant),
			CallerArn: aws.String(adminARN), ActionNames: strs("s3:GetObject"), ResourceArns: strs("arn:aws:s3:::other-bucket/x")},
			"allowed", strs("ResourcePolicy"), nil, nil},
		{"a condition key not given", iam.SimulateCustomPolicyInput{ActionNames: strs("s3:GetObject"),
			PolicyInputList: strs(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}},{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`)},
			"implicitDeny", nil, strs("aws:SourceIp"), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := simulated(t, admin, &tc.in)
			if r.EvalDecision != tc.decision {
				t.Errorf("decision %s, want %s", r.EvalDecision, tc.decision)
			}
			var ids []string
			for _, m := range r.MatchedStatements {
				ids = append(ids, aws.ToString(m.SourcePolicyId))
				if m.StartPosition == nil || m.EndPosition == nil || m.StartPosition.Line < 1 || m.EndPosition.Column <= m.StartPosition.Column {
					t.Errorf("statement of %s at %+v to %+v", aws.ToString(m.SourcePolicyId), m.StartPosition, m.EndPosition)
				}
			}
			if !equalStrings(ids, tc.matched) {
				t.Errorf("matched statements %q, want %q", ids, tc.matched)
			}
			missing := r.MissingContextValues
			if len(tc.in.ResourceArns) > 0 {
				if len(r.ResourceSpecificResults) != 1 || aws.ToString(r.ResourceSpecificResults[0].EvalResourceName) != tc.in.ResourceArns[0] {
					t.Fatalf("resource-specific results %+v", r.ResourceSpecificResults)
				}
				missing = r.ResourceSpecificResults[0].MissingContextValues
			} else if aws.ToString(r.EvalResourceName) != "*" {
				t.Errorf("EvalResourceName %q, want *", aws.ToString(r.EvalResourceName))
			}
			if !equalStrings(missing, tc.missing) {
				t.Errorf("missing context values %q, want %q", missing, tc.missing)
			}
			switch {
			case tc.boundary == nil && r.PermissionsBoundaryDecisionDetail != nil:
				t.Errorf("a boundary detail without a boundary")
			case tc.boundary != nil && (r.PermissionsBoundaryDecisionDetail == nil || r.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary != *tc.boundary):
				t.Errorf("boundary detail %+v, want allowed %v", r.PermissionsBoundaryDecisionDetail, *tc.boundary)
			}
		})
	}
}

// The place of a statement is in its policy's own text.
func TestSimulateStatementPlace(t *testing.T) {
	l := newLab(t, testWorld(t))
	doc := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"iam:GetUser\", \"Resource\": \"*\"}\n  ]\n}"
	r := simulated(t, l.iam(adminKey, adminSec, ""), &iam.SimulateCustomPolicyInput{PolicyInputList: strs(doc), ActionNames: strs("iam:GetUser")})
	if len(r.MatchedStatements) != 1 {
		t.Fatalf("matched %+v", r.MatchedStatements)
	}
	m := r.MatchedStatements[0]
	if got := [4]int32{m.StartPosition.Line, m.StartPosition.Column, m.EndPosition.Line, m.EndPosition.Column}; got != [4]int32{4, 5, 4, 65} {
		t.Errorf("statement at %v, want line 4 columns 5 to 65", got)
	}
}

// Refusals: what the simulator does not take, and a caller not allowed
// to simulate.
func TestSimulateRefusals(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.iam(adminKey, adminSec, "")
	date := func(v ...string) []iamtypes.ContextEntry {
		return []iamtypes.ContextEntry{{ContextKeyName: aws.String("aws:CurrentTime"), ContextKeyValues: v, ContextKeyType: "date"}}
	}
	for _, tc := range []struct {
		name string
		in   iam.SimulateCustomPolicyInput
		code string
	}{
		{"wildcard action", iam.SimulateCustomPolicyInput{PolicyInputList: strs(s3Upload), ActionNames: strs("s3:Put*")}, "InvalidInput"},
		{"not JSON", iam.SimulateCustomPolicyInput{PolicyInputList: strs(`{"Version":`), ActionNames: strs("s3:PutObject")}, "InvalidInput"},
		{"a resource policy as identity policy", iam.SimulateCustomPolicyInput{PolicyInputList: strs(bucketGrant), ActionNames: strs("s3:GetObject")}, "InvalidInput"},
		{"two boundaries", iam.SimulateCustomPolicyInput{PolicyInputList: strs(s3Upload), PermissionsBoundaryPolicyInputList: strs(onlyGet, onlyGet), ActionNames: strs("s3:GetObject")}, "InvalidInput"},
		{"a resource policy without caller", iam.SimulateCustomPolicyInput{PolicyInputList: strs(onlyGet), ResourcePolicy: aws.String(bucketGrant), ActionNames: strs("s3:GetObject")}, "InvalidInput"},
		{"a role as caller", iam.SimulateCustomPolicyInput{PolicyInputList: strs(onlyGet), CallerArn: aws.String("arn:aws:iam::123456789012:role/reader"), ActionNames: strs("s3:GetObject")}, "InvalidInput"},
		{"two values of a single-valued type", iam.SimulateCustomPolicyInput{PolicyInputList: strs(denyAfter), ActionNames: strs("s3:PutObject"), ContextEntries: date("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z")}, "InvalidInput"},
		{"not a date", iam.SimulateCustomPolicyInput{PolicyInputList: strs(denyAfter), ActionNames: strs("s3:PutObject"), ContextEntries: date("yesterday")}, "InvalidInput"},
		{"a bad owner", iam.SimulateCustomPolicyInput{PolicyInputList: strs(onlyGet), ResourceOwner: aws.String("arn:aws:iam::1234:root"), ActionNames: strs("s3:GetObject")}, "InvalidInput"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := admin.SimulateCustomPolicy(ctx, &tc.in)
			if code, msg := apiError(err); code != tc.code {
				t.Errorf("error %s %q, want %s", code, msg, tc.code)
			}
		})
	}
	_, err := l.iam(nobodyKey, nobodySec, "").SimulateCustomPolicy(ctx, &iam.SimulateCustomPolicyInput{PolicyInputList: strs(onlyGet), ActionNames: strs("s3:GetObject")})
	wantError(t, err, "AccessDenied", "is not authorized to perform: iam:SimulateCustomPolicy")
}

// Results come in pages of MaxItems, continued with the Marker.
func TestSimulatePages(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.iam(adminKey, adminSec, "")
	in := &iam.SimulateCustomPolicyInput{PolicyInputList: strs(onlyGet), ActionNames: strs("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), MaxItems: aws.Int32(2)}
	var got []string
	for page := 0; page < 3; page++ {
		out, err := admin.SimulateCustomPolicy(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out.EvaluationResults {
			got = append(got, aws.ToString(r.EvalActionName)+"="+string(r.EvalDecision))
		}
		if !out.IsTruncated {
			break
		}
		in.Marker = out.Marker
	}
	if want := strs("s3:GetObject=allowed", "s3:PutObject=implicitDeny", "s3:DeleteObject=implicitDeny"); !equalStrings(got, want) {
		t.Errorf("results %q, want %q", got, want)
	}
}

// SimulatePrincipalPolicy simulates the entity's own policies (a user's
// groups' too, its boundary) with the SCPs of its account, and names them
// as IAM does.
func TestSimulatePrincipalPolicy(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.iam(adminKey, adminSec, "")
	for _, tc := range []struct {
		name, source, action, resource string
		decision                       iamtypes.PolicyEvaluationDecisionType
		matched                        string // SourcePolicyId/SourcePolicyType of the first matched statement
		orgAllows                      bool
	}{
		{"a managed policy allows", "arn:aws:iam::123456789012:user/app", "iam:GetUser", "*", "allowed", "IAMReadOnly/user-managed", true},
		{"nothing allows", "arn:aws:iam::123456789012:user/app", "iam:CreateUser", "*", "implicitDeny", "", true},
		{"an SCP denies", adminARN, "iam:CreateGroup", "arn:aws:iam::123456789012:group/restricted-g", "explicitDeny", "", false},
		{"the admin's policies allow", adminARN, "iam:CreateGroup", "arn:aws:iam::123456789012:group/open-g", "allowed", "IAMAll/user-managed", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String(tc.source), ActionNames: strs(tc.action)}
			if tc.resource != "*" {
				in.ResourceArns = strs(tc.resource)
			}
			out, err := admin.SimulatePrincipalPolicy(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			r := out.EvaluationResults[0]
			if r.EvalDecision != tc.decision {
				t.Errorf("decision %s, want %s", r.EvalDecision, tc.decision)
			}
			got := ""
			if len(r.MatchedStatements) > 0 {
				got = aws.ToString(r.MatchedStatements[0].SourcePolicyId) + "/" + string(r.MatchedStatements[0].SourcePolicyType)
			}
			if got != tc.matched {
				t.Errorf("matched %q, want %q", got, tc.matched)
			}
			if r.OrganizationsDecisionDetail == nil || r.OrganizationsDecisionDetail.AllowedByOrganizations != tc.orgAllows {
				t.Errorf("organizations detail %+v, want allowed %v", r.OrganizationsDecisionDetail, tc.orgAllows)
			}
		})
	}
	_, err := admin.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/ghost"), ActionNames: strs("iam:GetUser")})
	wantError(t, err, "NoSuchEntity", "The user with name ghost cannot be found.")
	// An inline policy whose condition the call does not satisfy names its key.
	out, err := admin.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/mfa-needed"), ActionNames: strs("iam:ListUsers")})
	if err != nil {
		t.Fatal(err)
	}
	if r := out.EvaluationResults[0]; r.EvalDecision != "implicitDeny" || !equalStrings(r.MissingContextValues, strs("aws:MultiFactorAuthPresent")) {
		t.Errorf("mfa-needed: %s, missing %q", r.EvalDecision, r.MissingContextValues)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
