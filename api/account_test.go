package api

import (
	"os"
	"strings"
	"testing"
)

// testdata/account-authorization-details.json follows the IAM API's
// GetAccountAuthorizationDetails response: documents URL-encoded as the
// API returns them for some entries, JSON objects as the AWS CLI decodes
// them for others.
func readAccountFile(t *testing.T) string {
	b, err := os.ReadFile("testdata/account-authorization-details.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportAccount(t *testing.T) {
	text := readAccountFile(t)
	ans := Import(text)
	if ans.Kind != KindAccount || ans.Account == nil {
		t.Fatalf("Import = %+v", ans)
	}
	var got []string
	for _, p := range ans.Account.Principals {
		got = append(got, p.Kind+" "+p.Name)
	}
	if strings.Join(got, ", ") != "user alice, user bob, role ReportLambda" {
		t.Errorf("principals = %v", got)
	}
	if ans.Account.Principals[0].Policies != 5 {
		t.Errorf("alice brings %d policies, want 5", ans.Account.Principals[0].Policies)
	}
}

func TestImportPrincipal(t *testing.T) {
	text := readAccountFile(t)
	ans := ImportPrincipal(text, "arn:aws:iam::111122223333:user/alice")
	if ans.Error != nil || len(ans.Problems) > 0 {
		t.Fatalf("ImportPrincipal = %+v", ans)
	}
	d := ans.Draft
	var names []string
	for _, e := range d.Identity {
		names = append(names, e.Name)
	}
	// Her inline policy (URL-encoded), her customer managed policy (its
	// default version), her group's inline and AWS managed policies; the
	// boundary from the customer managed policy's URL-encoded document.
	if strings.Join(names, " ") != "ReadReports DenyObjectDeletion Developers-UploadToBucket AmazonS3ReadOnlyAccess" {
		t.Errorf("identity policies = %v", names)
	}
	if !strings.Contains(d.Identity[0].Text, `"s3:GetObject"`) || !strings.Contains(d.Identity[1].Text, `"s3:DeleteObject"`) {
		t.Errorf("documents not decoded: %q / %q", d.Identity[0].Text, d.Identity[1].Text)
	}
	if d.Identity[3].ARN != "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" || d.Boundary == nil || !strings.Contains(d.Boundary.Text, "cloudwatch:*") {
		t.Errorf("managed %+v, boundary %+v", d.Identity[3], d.Boundary)
	}
	for action, want := range map[string]string{"s3:GetObject": "allowed", "s3:DeleteObject": "explicitDeny", "ec2:RunInstances": "implicitDeny"} {
		d.Request.Action, d.Request.Resource = action, "arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv"
		if got := Evaluate(d.Scenario(), opt); got.Report == nil || string(got.Report.Decision) != want {
			t.Errorf("alice %s: %+v, want %s", action, got.Error, want)
		}
	}
	role := ImportPrincipal(text, "arn:aws:iam::111122223333:role/service-role/ReportLambda")
	if role.Error != nil || len(role.Draft.Identity) != 1 || role.Draft.Request.Principal == "" {
		t.Errorf("role = %+v", role)
	}
	if ans := ImportPrincipal(text, "arn:aws:iam::111122223333:user/nobody"); ans.Error == nil {
		t.Error("an unknown ARN gave a draft")
	}
	// A customer managed policy missing from Policies is named, not dropped silently.
	cut := strings.Replace(text, `"PolicyName": "DeveloperBoundary"`, `"PolicyName": "Other"`, 1)
	cut = strings.Replace(cut, `"Arn": "arn:aws:iam::111122223333:policy/DeveloperBoundary"`, `"Arn": "arn:aws:iam::111122223333:policy/Other"`, 1)
	if ans := ImportPrincipal(cut, "arn:aws:iam::111122223333:user/alice"); len(ans.Problems) != 1 || ans.Draft.Boundary != nil {
		t.Errorf("missing boundary policy: %+v", ans.Problems)
	}
}
