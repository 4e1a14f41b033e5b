package sim_test

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The AWS CLI's s3api against the simulated S3 with --endpoint-url
// (path-style at an IP address): an object up and down, a policy refused
// by Block Public Access. Three calls, two at once: each starts Python, which takes seconds.
func TestS3AWSCLI(t *testing.T) {
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI is not installed")
	}
	l := newS3Lab(t, nil, false)
	dir := t.TempDir()
	run := func(args ...string) ([]byte, error) {
		cmd := exec.Command(aws, append([]string{"--endpoint-url", l.srv.URL, "--output", "json"}, args...)...)
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+s3Admin[0], "AWS_SECRET_ACCESS_KEY="+s3Admin[1],
			"AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_SESSION_TOKEN=")
		return cmd.CombinedOutput()
	}
	must := func(args ...string) []byte {
		out, err := run(args...)
		if err != nil {
			t.Fatalf("aws %v: %v\n%s", args, err, out)
		}
		return out
	}
	in := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(in, []byte("from the CLI"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The refused policy runs beside the upload.
	type answer struct {
		out []byte
		err error
	}
	policy := make(chan answer, 1)
	go func() {
		out, err := run("s3api", "put-bucket-policy", "--bucket", "owner-bucket", "--policy", strings.ReplaceAll(publicRead, "%B", "owner-bucket"))
		policy <- answer{out, err}
	}()
	var put struct{ ETag string }
	if err := json.Unmarshal(must("s3api", "put-object", "--bucket", "owner-bucket", "--key", "dir/in.txt", "--body", in), &put); err != nil ||
		put.ETag != `"`+md5Hex("from the CLI")+`"` {
		t.Errorf("put-object: %+v %v", put, err)
	}
	out := filepath.Join(dir, "out.txt")
	must("s3api", "get-object", "--bucket", "owner-bucket", "--key", "dir/in.txt", out)
	if b, err := os.ReadFile(out); err != nil || string(b) != "from the CLI" {
		t.Errorf("get-object wrote %q, %v", b, err)
	}
	a := <-policy
	msg, err := a.out, a.err
	if err == nil || !strings.Contains(string(msg), "(AccessDenied) when calling the PutBucketPolicy operation: User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:PutBucketPolicy") {
		t.Errorf("put-bucket-policy: %v\n%s", err, msg)
	}
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
