package sim_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"
)

// The AWS CLI, when installed, works against the simulated AWS with
// --endpoint-url, as the README tells.
func TestAWSCLI(t *testing.T) {
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI is not installed")
	}
	l := newLab(t, nil)
	run := func(args ...string) []byte {
		cmd := exec.Command(aws, append([]string{"--endpoint-url", l.srv.URL, "--output", "json"}, args...)...)
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+appKey, "AWS_SECRET_ACCESS_KEY="+appSec,
			"AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_SESSION_TOKEN=")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("aws %v: %v\n%s", args, err, out)
		}
		return out
	}
	var id struct{ Arn, Account string }
	if err := json.Unmarshal(run("sts", "get-caller-identity"), &id); err != nil || id.Arn != "arn:aws:iam::123456789012:user/app" {
		t.Fatalf("get-caller-identity: %+v %v", id, err)
	}
	// The CLI decodes the URL-encoded trust policy into JSON.
	var role struct {
		Role struct {
			AssumeRolePolicyDocument struct {
				Statement []struct{ Principal struct{ AWS string } }
			}
		}
	}
	if err := json.Unmarshal(run("iam", "get-role", "--role-name", "XX-s3-upload-role"), &role); err != nil ||
		role.Role.AssumeRolePolicyDocument.Statement[0].Principal.AWS != "arn:aws:iam::123456789012:user/app" {
		t.Fatalf("get-role: %+v %v", role, err)
	}
}
