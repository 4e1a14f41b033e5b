package authorize

import (
	"testing"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// The forms of "Troubleshooting access denied error messages" (IAM User
// Guide), one per policy type and kind of denial.
func TestDenyMessage(t *testing.T) {
	const user = "arn:aws:iam::123456789012:user/JohnDoe"
	req := &Request{Action: "codedeploy:ListDeployments", Resource: "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*"}
	on := "User: " + user + " is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*"
	for _, tc := range []struct {
		d       authz.Decision
		reason  authz.Code
		blocked policy.Type
		want    string
	}{
		{authz.ExplicitDeny, authz.ReasonExplicitDeny, policy.Identity, on + " with an explicit deny in an identity-based policy"},
		{authz.ExplicitDeny, authz.ReasonExplicitDeny, policy.Boundary, on + " with an explicit deny in a permissions boundary"},
		{authz.ExplicitDeny, authz.ReasonExplicitDeny, policy.Session, on + " with an explicit deny in a session policy"},
		{authz.ExplicitDeny, authz.ReasonExplicitDeny, policy.Resource, on + " with an explicit deny in a resource-based policy"},
		{authz.ExplicitDeny, authz.ReasonExplicitDeny, policy.SCP, on + " with an explicit deny in a service control policy"},
		{authz.ExplicitDeny, authz.ReasonExplicitDeny, policy.RCP, on + " with an explicit deny in a resource control policy"},
		{authz.ImplicitDeny, authz.ReasonSCPNoAllow, policy.SCP, on + " with an explicit deny in a service control policy"},
		{authz.ImplicitDeny, authz.ReasonNoAllow, 0, on + " because no identity-based policy allows the codedeploy:ListDeployments action"},
		{authz.ImplicitDeny, authz.ReasonBoundaryNoAllow, policy.Boundary, on + " because no permissions boundary allows the codedeploy:ListDeployments action"},
		{authz.ImplicitDeny, authz.ReasonSessionNoAllow, policy.Session, on + " because no session policy allows the codedeploy:ListDeployments action"},
		{authz.ImplicitDeny, authz.ReasonCrossAccountNoRBP, policy.Resource, on + " because no resource-based policy allows the codedeploy:ListDeployments action"},
	} {
		if got := DenyMessage(user, req, tc.d, tc.reason, tc.blocked); got != tc.want {
			t.Errorf("%s/%s:\n got %s\nwant %s", tc.reason, tc.blocked, got, tc.want)
		}
	}
	trust := &Request{Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/r", Trust: true}
	if got := DenyMessage(user, trust, authz.ExplicitDeny, authz.ReasonExplicitDeny, policy.Resource); got != "User: "+user+" is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/r with an explicit deny in the role trust policy" {
		t.Error(got)
	}
	s3 := &Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::bucket/key", Display: `"arn:aws:s3:::bucket/key"`}
	if got := DenyMessage("arn:aws:iam::123456789012:user/app", s3, authz.ImplicitDeny, authz.ReasonNoAllow, 0); got != `User: arn:aws:iam::123456789012:user/app is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::bucket/key" because no identity-based policy allows the s3:PutObject action` {
		t.Error(got)
	}
}
