package sim_test

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The AWS CLI's s3api against the simulated S3 with --endpoint-url
// (path-style at an IP address): an object up, another down, a policy
// refused by Block Public Access. The three run at once: each starts
// Python, which takes seconds.
func TestS3AWSCLI(t *testing.T) {
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI is not installed")
	}
	l := newS3Lab(t, nil, false)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.txt")
	if err := os.WriteFile(in, []byte("from the CLI"), 0o600); err != nil {
		t.Fatal(err)
	}
	calls := [][]string{
		{"s3api", "put-object", "--bucket", "owner-bucket", "--key", "dir/in.txt", "--body", in},
		{"s3api", "get-object", "--bucket", "owner-bucket", "--key", "hello.txt", out},
		{"s3api", "put-bucket-policy", "--bucket", "owner-bucket", "--policy", strings.ReplaceAll(publicRead, "%B", "owner-bucket")},
	}
	outs, errs := make([][]byte, len(calls)), make([]error, len(calls))
	var wg sync.WaitGroup
	for i, args := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(aws, append([]string{"--endpoint-url", l.srv.URL, "--output", "json"}, args...)...)
			cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+s3Admin[0], "AWS_SECRET_ACCESS_KEY="+s3Admin[1],
				"AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_SESSION_TOKEN=")
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	var put struct{ ETag string }
	if err := json.Unmarshal(outs[0], &put); err != nil || errs[0] != nil || put.ETag != `"`+md5Hex("from the CLI")+`"` {
		t.Errorf("put-object: %+v %v %v\n%s", put, err, errs[0], outs[0])
	}
	if b, err := os.ReadFile(out); err != nil || errs[1] != nil || string(b) != "hello, world" {
		t.Errorf("get-object wrote %q, %v %v\n%s", b, err, errs[1], outs[1])
	}
	if errs[2] == nil || !strings.Contains(string(outs[2]), "(AccessDenied) when calling the PutBucketPolicy operation: User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:PutBucketPolicy") {
		t.Errorf("put-bucket-policy: %v\n%s", errs[2], outs[2])
	}
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
