package sim_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const trustRoot = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`
const allowListUsers = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}`

// iamOps calls every IAM operation once, in an order in which each
// succeeds for a caller allowed everything; suffix keeps names apart.
func iamOps(suffix string) []struct {
	name string
	call func(c *iam.Client) error
} {
	user, role, group, pol := "u"+suffix, "r"+suffix, "g"+suffix, "p"+suffix
	polARN := "arn:aws:iam::123456789012:policy/" + pol
	var keyID string
	type op = struct {
		name string
		call func(c *iam.Client) error
	}
	return []op{
		{"CreateUser", func(c *iam.Client) error {
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: &user, Tags: []iamtypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
			return err
		}},
		{"GetUser", func(c *iam.Client) error { _, err := c.GetUser(ctx, &iam.GetUserInput{UserName: &user}); return err }},
		{"ListUsers", func(c *iam.Client) error { _, err := c.ListUsers(ctx, &iam.ListUsersInput{}); return err }},
		{"CreateAccessKey", func(c *iam.Client) error {
			out, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &user})
			if err == nil {
				keyID = *out.AccessKey.AccessKeyId
			}
			return err
		}},
		{"ListAccessKeys", func(c *iam.Client) error {
			_, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: &user})
			return err
		}},
		{"DeleteAccessKey", func(c *iam.Client) error {
			if keyID == "" {
				keyID = "AKIANOSUCHKEY0000000"
			}
			_, err := c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: &user, AccessKeyId: &keyID})
			return err
		}},
		{"PutUserPolicy", func(c *iam.Client) error {
			_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &user, PolicyName: aws.String("inline"), PolicyDocument: aws.String(allowListUsers)})
			return err
		}},
		{"GetUserPolicy", func(c *iam.Client) error {
			_, err := c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: &user, PolicyName: aws.String("inline")})
			return err
		}},
		{"DeleteUserPolicy", func(c *iam.Client) error {
			_, err := c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: &user, PolicyName: aws.String("inline")})
			return err
		}},
		{"CreateGroup", func(c *iam.Client) error {
			_, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: &group})
			return err
		}},
		{"AddUserToGroup", func(c *iam.Client) error {
			_, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: &group, UserName: &user})
			return err
		}},
		{"CreatePolicy", func(c *iam.Client) error {
			_, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: &pol, PolicyDocument: aws.String(allowListUsers)})
			return err
		}},
		{"GetPolicy", func(c *iam.Client) error {
			_, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: &polARN})
			return err
		}},
		{"AttachUserPolicy", func(c *iam.Client) error {
			_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: &user, PolicyArn: &polARN})
			return err
		}},
		{"DetachUserPolicy", func(c *iam.Client) error {
			_, err := c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: &user, PolicyArn: &polARN})
			return err
		}},
		{"CreateRole", func(c *iam.Client) error {
			_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: &role, AssumeRolePolicyDocument: aws.String(trustRoot), MaxSessionDuration: aws.Int32(7200)})
			return err
		}},
		{"GetRole", func(c *iam.Client) error { _, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: &role}); return err }},
		{"ListRoles", func(c *iam.Client) error { _, err := c.ListRoles(ctx, &iam.ListRolesInput{}); return err }},
		{"UpdateAssumeRolePolicy", func(c *iam.Client) error {
			_, err := c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: &role, PolicyDocument: aws.String(trustRoot)})
			return err
		}},
		{"PutRolePolicy", func(c *iam.Client) error {
			_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: &role, PolicyName: aws.String("inline"), PolicyDocument: aws.String(allowListUsers)})
			return err
		}},
		{"GetRolePolicy", func(c *iam.Client) error {
			_, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: &role, PolicyName: aws.String("inline")})
			return err
		}},
		{"DeleteRolePolicy", func(c *iam.Client) error {
			_, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: &role, PolicyName: aws.String("inline")})
			return err
		}},
		{"AttachRolePolicy", func(c *iam.Client) error {
			_, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: &role, PolicyArn: &polARN})
			return err
		}},
		{"ListAttachedRolePolicies", func(c *iam.Client) error {
			_, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: &role})
			return err
		}},
		{"DetachRolePolicy", func(c *iam.Client) error {
			_, err := c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: &role, PolicyArn: &polARN})
			return err
		}},
		{"PutRolePermissionsBoundary", func(c *iam.Client) error {
			_, err := c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: &role, PermissionsBoundary: &polARN})
			return err
		}},
		{"TagRole", func(c *iam.Client) error {
			_, err := c.TagRole(ctx, &iam.TagRoleInput{RoleName: &role, Tags: []iamtypes.Tag{{Key: aws.String("team"), Value: aws.String("red")}}})
			return err
		}},
		{"DeleteRole", func(c *iam.Client) error {
			_, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: &role})
			return err
		}},
		{"DeleteUser", func(c *iam.Client) error {
			// Leave the group first: DeleteUser refuses a member.
			return deleteUser(c, user)
		}},
	}
}

// deleteUser is DeleteUser; a user still in a group is refused.
func deleteUser(c *iam.Client, user string) error {
	_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: &user})
	return err
}

// Every operation: allowed for a user whose policy allows iam:*, denied
// with AWS's message for one without any policy.
func TestIAMEveryOperation(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.iam(adminKey, adminSec, "")
	nobody := l.iam(nobodyKey, nobodySec, "")
	deniedOps := iamOps("1")
	for _, op := range iamOps("1") {
		t.Run(op.name, func(t *testing.T) {
			err := op.call(admin)
			if op.name == "DeleteUser" {
				// The user is still in its group.
				wantError(t, err, "DeleteConflict", "Cannot delete entity, must remove users from group first.")
				return
			}
			if err != nil {
				t.Fatalf("allowed call failed: %v", err)
			}
		})
	}
	for _, op := range deniedOps {
		t.Run(op.name+"/denied", func(t *testing.T) {
			err := op.call(nobody)
			wantError(t, err, "AccessDenied", "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: iam:"+op.name)
			if _, msg := apiError(err); !strings.Contains(msg, "because no identity-based policy allows the iam:"+op.name+" action") {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestIAMSemantics(t *testing.T) {
	l := newLab(t, testWorld(t))
	root := l.rootIAM()
	// The source document's trust policy edit, with a colon where the
	// slash belongs: IAM refuses it.
	colon := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user:app"},"Action":"sts:AssumeRole"}]}`
	_, err := root.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("XX-s3-upload-role"), PolicyDocument: aws.String(colon)})
	wantError(t, err, "MalformedPolicyDocument", `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user:app"`)
	ghost := strings.Replace(colon, "user:app", "user/ghost", 1)
	_, err = root.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r1"), AssumeRolePolicyDocument: aws.String(ghost)})
	wantError(t, err, "MalformedPolicyDocument", `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/ghost"`)
	_, err = root.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("app"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`)})
	wantError(t, err, "MalformedPolicyDocument", "Policy document should not specify a principal.")
	_, err = root.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("app"), PolicyName: aws.String("p"), PolicyDocument: aws.String(`{"Version":`)})
	wantError(t, err, "MalformedPolicyDocument", "Syntax errors in policy.")
	_, err = root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("app")})
	wantError(t, err, "EntityAlreadyExists", "User with name app already exists.")
	_, err = root.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("ghost")})
	wantError(t, err, "NoSuchEntity", "The role with name ghost cannot be found.")
	_, err = root.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("XX-s3-upload-role")})
	wantError(t, err, "DeleteConflict", "Cannot delete entity, must detach all policies first.")
	_, err = root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bad name")})
	wantError(t, err, "ValidationError", "userName")
	// An SCP denies iam:CreateGroup to everyone but root in the account.
	_, err = l.iam(adminKey, adminSec, "").CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("restricted-g")})
	wantError(t, err, "AccessDenied", "iam:CreateGroup on resource: arn:aws:iam::123456789012:group/restricted-g with an explicit deny in a service control policy")

	// GetRole returns the trust policy URL-encoded, as IAM does.
	out, err := root.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("XX-s3-upload-role")})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := url.QueryUnescape(*out.Role.AssumeRolePolicyDocument)
	if err != nil || !json.Valid([]byte(doc)) || !strings.Contains(doc, `"arn:aws:iam::123456789012:user/app"`) {
		t.Errorf("trust policy %q (%v)", doc, err)
	}

	// Two access keys per user at most.
	for i := 0; i < 2; i++ {
		if _, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("nobody")}); i == 0 && err != nil {
			t.Fatal(err)
		} else if i == 1 {
			wantError(t, err, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2")
		}
	}
}

// A new user's access key works at once, and a permissions boundary on a
// role limits its sessions.
func TestIAMKeysAndBoundary(t *testing.T) {
	l := newLab(t, testWorld(t))
	root := l.rootIAM()
	if _, err := root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("carol")}); err != nil {
		t.Fatal(err)
	}
	k, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("carol")})
	if err != nil {
		t.Fatal(err)
	}
	carol := l.iam(*k.AccessKey.AccessKeyId, *k.AccessKey.SecretAccessKey, "")
	_, err = carol.ListUsers(ctx, &iam.ListUsersInput{})
	wantError(t, err, "AccessDenied", "because no identity-based policy allows the iam:ListUsers action")
	if _, err := root.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("carol"), PolicyName: aws.String("list"), PolicyDocument: aws.String(allowListUsers)}); err != nil {
		t.Fatal(err)
	}
	if _, err := carol.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Errorf("after PutUserPolicy: %v", err)
	}
	// The boundary allows only iam:GetRole: the reader role's ListUsers is cut.
	if _, err := root.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("onlyGetRole"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","sts:AssumeRole"],"Resource":"*"}]}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := root.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String("reader"),
		PermissionsBoundary: aws.String("arn:aws:iam::123456789012:policy/onlyGetRole")}); err != nil {
		t.Fatal(err)
	}
	cr := assume(t, l.sts(adminKey, adminSec, ""), &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("bb")})
	_, err = l.iam(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken).ListUsers(ctx, &iam.ListUsersInput{})
	wantError(t, err, "AccessDenied", "because no permissions boundary allows the iam:ListUsers action")
	// Deleting the key: it stops working.
	if _, err := root.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("carol"), AccessKeyId: k.AccessKey.AccessKeyId}); err != nil {
		t.Fatal(err)
	}
	_, err = carol.ListUsers(ctx, &iam.ListUsersInput{})
	wantError(t, err, "InvalidClientTokenId", "The security token included in the request is invalid.")
}
