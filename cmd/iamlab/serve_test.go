package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/sim/world"
)

// TestServeChild is `iamlab serve` in a child process of the tests below
// (it runs only when they start it).
func TestServeChild(t *testing.T) {
	args := os.Getenv("IAMLAB_SERVE_ARGS")
	if args == "" {
		t.Skip("run by the serve tests in a child process")
	}
	os.Exit(run(strings.Fields(args), os.Stdin, os.Stdout, os.Stderr))
}

var serveLine = regexp.MustCompile(`^simulated AWS at (http://127\.0\.0\.1:\d+) \(account 123456789012\)$`)

// startServe starts `iamlab serve` in a child process and returns its URL.
func startServe(t *testing.T, args string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), "IAMLAB_SERVE_ARGS="+args)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		t.Fatalf("no line from iamlab serve: %v", err)
	}
	m := serveLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil {
		cmd.Process.Kill()
		t.Fatalf("printed %q", line)
	}
	return cmd, m[1]
}

var rootCreds = credentials.NewStaticCredentialsProvider(world.DefaultRootKeyID, world.DefaultRootSecret, "")

func rootIAM(url string) *iam.Client { return iam.NewFromConfig(clientConfig(url, rootCreds)) }

// A write of the kill -9 test: it reports what it made, or an error once
// the server is gone; check says whether what it made is there.
type killWrite struct {
	name  string
	write func(ctx context.Context, url string, i int) (string, error)
	check func(ctx context.Context, url, made string) error
}

var appCreds = credentials.NewStaticCredentialsProvider("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "")

func clientConfig(url string, creds aws.CredentialsProvider) aws.Config {
	return aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(url), RetryMaxAttempts: 1, Credentials: creds}
}

// killWrites are writes to each kind of store: IAM users, S3 objects, STS
// sessions (usable after the restart) and KMS keys.
var killWrites = []killWrite{
	{"CreateUser", func(ctx context.Context, url string, i int) (string, error) {
		name := fmt.Sprintf("k-%d", i)
		_, err := rootIAM(url).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
		return name, err
	}, func(ctx context.Context, url, made string) error {
		_, err := rootIAM(url).GetUser(ctx, &iam.GetUserInput{UserName: aws.String(made)})
		return err
	}},
	{"PutObject", func(ctx context.Context, url string, i int) (string, error) {
		key := fmt.Sprintf("upload/kill/%d", i)
		_, err := s3.NewFromConfig(clientConfig(url, appCreds), func(o *s3.Options) { o.UsePathStyle = true }).PutObject(ctx,
			&s3.PutObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String(key), Body: strings.NewReader(key)})
		return key, err
	}, func(ctx context.Context, url, made string) error {
		out, err := s3.NewFromConfig(clientConfig(url, appCreds), func(o *s3.Options) { o.UsePathStyle = true }).GetObject(ctx,
			&s3.GetObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String(made)})
		if err != nil {
			return err
		}
		defer out.Body.Close()
		if b, _ := io.ReadAll(out.Body); string(b) != made {
			return fmt.Errorf("the object holds %q", b)
		}
		return nil
	}},
	{"AssumeRole", func(ctx context.Context, url string, i int) (string, error) {
		out, err := sts.NewFromConfig(clientConfig(url, appCreds)).AssumeRole(ctx, &sts.AssumeRoleInput{
			RoleArn: aws.String("arn:aws:iam::123456789012:role/XX-s3-upload-role"), RoleSessionName: aws.String(fmt.Sprintf("k-%d", i))})
		if err != nil {
			return "", err
		}
		c := out.Credentials
		return *c.AccessKeyId + " " + *c.SecretAccessKey + " " + *c.SessionToken, nil
	}, func(ctx context.Context, url, made string) error {
		f := strings.Fields(made)
		_, err := sts.NewFromConfig(clientConfig(url, credentials.NewStaticCredentialsProvider(f[0], f[1], f[2]))).GetCallerIdentity(ctx, nil)
		return err
	}},
	{"CreateKey", func(ctx context.Context, url string, i int) (string, error) {
		out, err := kms.NewFromConfig(clientConfig(url, rootCreds)).CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String(fmt.Sprint(i))})
		if err != nil {
			return "", err
		}
		return *out.KeyMetadata.KeyId, nil
	}, func(ctx context.Context, url, made string) error {
		_, err := kms.NewFromConfig(clientConfig(url, rootCreds)).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(made)})
		return err
	}},
}

// kill -9 while clients write to IAM, S3, STS and KMS: every write
// acknowledged before the kill is in the state file when serve starts
// again; SIGTERM then stops it with exit status 0.
func TestServeKill9KeepsAcknowledgedWrites(t *testing.T) {
	state := t.TempDir() + "/state.db"
	args := "serve --addr 127.0.0.1:0 --world seed --state " + state
	cmd, url := startServe(t, args)
	ctx := context.Background()
	var mu sync.Mutex
	acked := map[string][]string{}
	total := 0
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for _, w := range killWrites {
		wg.Add(1)
		go func(w killWrite) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				made, err := w.write(ctx, url, i)
				if err != nil {
					return // the server is gone
				}
				mu.Lock()
				acked[w.name] = append(acked[w.name], made)
				total++
				mu.Unlock()
			}
		}(w)
	}
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := total
		mu.Unlock()
		if n >= 80 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	wg.Wait()

	cmd, url = startServe(t, args)
	defer cmd.Process.Kill()
	for _, w := range killWrites {
		if len(acked[w.name]) == 0 {
			t.Errorf("no %s was acknowledged before the kill", w.name)
		}
		for _, made := range acked[w.name] {
			if err := w.check(ctx, url, made); err != nil {
				t.Errorf("acknowledged %s %.20s is lost: %v", w.name, made, err)
			}
		}
		t.Logf("%d acknowledged %s before kill -9, all kept", len(acked[w.name]), w.name)
	}
	if _, err := rootIAM(url).GetUser(ctx, &iam.GetUserInput{UserName: aws.String("app")}); err != nil {
		t.Errorf("the seed's user app is missing after the restart: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v (want exit status 0)", err)
	}
}

func TestServeOptions(t *testing.T) {
	for _, args := range [][]string{{"--port", "1"}, {"--world", "/no/such/file"}, {"extra"}} {
		code, _, errs := runCLI(t, "", append([]string{"serve"}, args...)...)
		if code != exitInvalid || !strings.HasPrefix(errs, "iamlab serve: ") {
			t.Errorf("serve %v: exit %d, %q", args, code, errs)
		}
	}
	// A context that ends at once: the line is printed, then exit 0.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	if code := serve(ctx, []string{"--addr", "127.0.0.1:0"}, &out, &errb); code != exitOK || !serveLine.MatchString(strings.TrimSpace(out.String())) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

// SIGINT stops serve as SIGTERM does: it stops accepting connections at
// once, finishes the call in flight (here one whose body is still
// arriving), answers it, and exits 0.
func TestServeFinishesCallsInFlight(t *testing.T) {
	cmd, url := startServe(t, "serve --addr 127.0.0.1:0")
	host := strings.TrimPrefix(url, "http://")
	body := "Action=GetCallerIdentity&Version=2011-06-15"
	req, _ := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: world.DefaultRootKeyID, SecretAccessKey: world.DefaultRootSecret},
		req, hex.EncodeToString(sum[:]), "sts", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var head strings.Builder
	fmt.Fprintf(&head, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", host, len(body))
	for k, vs := range req.Header {
		fmt.Fprintf(&head, "%s: %s\r\n", k, vs[0])
	}
	head.WriteString("\r\n")
	if _, err := io.WriteString(conn, head.String()+body[:10]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the server has read the headers: the call is in flight
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", host, time.Second)
		if err != nil {
			break // no longer accepting
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after SIGINT")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<Arn>arn:aws:iam::123456789012:root</Arn>") {
		t.Errorf("the call in flight: %d %s", resp.StatusCode, b)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGINT: %v (want exit status 0)", err)
	}
}
