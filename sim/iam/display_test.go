package iam

import "testing"

// IAM's denials name users, groups and roles as AWS's do.
func TestDisplay(t *testing.T) {
	for _, tc := range []struct{ action, resource, want string }{
		{"iam:GetUser", "arn:aws:iam::123456789012:user/bob", "user bob"},
		{"iam:CreateAccessKey", "arn:aws:iam::123456789012:user/division/bob", "user bob"},
		{"iam:GetRole", "arn:aws:iam::123456789012:role/XX-s3-upload-role", "role XX-s3-upload-role"},
		{"iam:AttachRolePolicy", "arn:aws:iam::123456789012:role/service-role/r", "role r"},
		{"iam:AddUserToGroup", "arn:aws:iam::123456789012:group/admins", "group admins"},
		{"iam:CreateRole", "arn:aws:iam::123456789012:role/r", ""},
		{"iam:CreateUser", "arn:aws:iam::123456789012:user/u", ""},
		{"iam:CreateGroup", "arn:aws:iam::123456789012:group/g", ""},
		{"iam:ListRoles", "arn:aws:iam::123456789012:role/", ""},
		{"iam:GetPolicy", "arn:aws:iam::123456789012:policy/p", ""},
		{"iam:GetOpenIDConnectProvider", "arn:aws:iam::123456789012:oidc-provider/oidc.iamlab.test", ""},
		{"iam:ListUsers", "*", ""},
	} {
		if got := display(tc.action, tc.resource); got != tc.want {
			t.Errorf("display(%s, %s) = %q, want %q", tc.action, tc.resource, got, tc.want)
		}
	}
}
