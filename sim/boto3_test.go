package sim_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// boto3, when python3 has it, works against the simulated AWS as the
// README tells: STS, an assumed role's S3 upload allowed in its folder and
// refused outside, KMS Encrypt and Decrypt (testdata/boto3_smoke.py).
func TestBoto3(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	if exec.Command(py, "-c", "import boto3").Run() != nil {
		t.Skip("boto3 is not installed")
	}
	l := newLab(t, nil)
	cmd := exec.Command(py, "testdata/boto3_smoke.py", l.srv.URL)
	// The script names its keys; nothing of the machine's AWS setup.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	b, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("boto3: %v\n%s", err, stderr)
	}
	var got struct {
		Caller, Outside, OutsideMessage, Decrypted string
		Put                                        bool
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if got.Caller != "arn:aws:iam::123456789012:user/app" || !got.Put || got.Decrypted != "data key" {
		t.Errorf("boto3 saw %+v", got)
	}
	if want := `User: arn:aws:sts::123456789012:assumed-role/XX-s3-upload-role/boto3 is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::xx-upload-bucket/boto3.txt" because no identity-based policy allows the s3:PutObject action`; got.Outside != "AccessDenied" || got.OutsideMessage != want {
		t.Errorf("outside the folder: %s %q", got.Outside, got.OutsideMessage)
	}
}
