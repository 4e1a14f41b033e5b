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

func rootIAM(url string) *iam.Client {
	return iam.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(url), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(world.DefaultRootKeyID, world.DefaultRootSecret, "")})
}

// kill -9 while clients write: every write acknowledged before the kill
// is in the state file when serve starts again; SIGTERM then stops it
// with exit status 0.
func TestServeKill9KeepsAcknowledgedWrites(t *testing.T) {
	state := t.TempDir() + "/state.db"
	args := "serve --addr 127.0.0.1:0 --world seed --state " + state
	cmd, url := startServe(t, args)
	c := rootIAM(url)
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("w%d-%d", w, i)
				if _, err := c.CreateUser(context.Background(), &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
					return // the server is gone
				}
				mu.Lock()
				acked = append(acked, name)
				mu.Unlock()
			}
		}(w)
	}
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 60 {
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
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged before the kill")
	}

	cmd, url = startServe(t, args)
	users, err := rootIAM(url).ListUsers(context.Background(), &iam.ListUsersInput{})
	if err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, u := range users.Users {
		have[*u.UserName] = true
	}
	for _, n := range acked {
		if !have[n] {
			t.Errorf("acknowledged %s is lost", n)
		}
	}
	if !have["app"] {
		t.Error("the seed's user app is missing after the restart")
	}
	t.Logf("%d acknowledged writes before kill -9, all kept", len(acked))
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
