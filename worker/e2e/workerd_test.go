//go:build workerd

package e2e

// The Worker under wrangler/workerd (`make test-worker`, which builds the
// test Worker into build-test/ and the site into dist/ first). One
// wrangler runs for the whole package; its relay goes to the test
// upstream (RELAY_TEST_UPSTREAM). With IAMLAB_SERVE naming the iamlab
// binary, the upstream hands every AWS call to `iamlab serve` instead of
// answering itself (see startWorker).

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// crossOrigin is an origin that the test Worker lets call the relay
// (RELAY_ORIGINS); only its name is used, nothing listens there.
const crossOrigin = "https://lab.example"

// testLimit is [env.test]'s RELAY_LIMIT in wrangler.toml: calls per client
// per minute.
const testLimit = 20

// worker is the running Worker, started by the first test that needs it.
var worker struct {
	once sync.Once
	err  error
	stop func()
	target
	addr string
	log  *syncBuffer // wrangler's output, the Worker's logs among it
}

// running starts the Worker once, or fails the test if it cannot.
func running(tb testing.TB) {
	tb.Helper()
	worker.once.Do(func() { worker.stop, worker.err = startWorker() })
	if worker.err != nil {
		tb.Fatalf("starting the Worker: %v", worker.err)
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if worker.stop != nil {
		worker.stop()
	}
	os.Exit(code)
}

// startWorker starts the upstream and `wrangler dev --env test` on a free
// port, and waits for the Worker's first answer.
func startWorker() (stop func(), err error) {
	dir, _ := filepath.Abs("..")
	wrangler := filepath.Join(dir, "..", "node_modules", ".bin", "wrangler")
	for _, need := range []string{wrangler, filepath.Join(dir, "build-test", "app.wasm"), filepath.Join(dir, "..", "dist", "index.html")} {
		if _, err := os.Stat(need); err != nil {
			return nil, fmt.Errorf("%v (run `make test-worker`, which builds it)", err)
		}
	}
	up := newUpstream()
	stopServe := func() {}
	if bin := os.Getenv("IAMLAB_SERVE"); bin != "" { // the simulated AWS behind the Worker
		if up.backend, stopServe, err = startIamlabServe(bin); err != nil {
			return nil, err
		}
	}
	upSrv := httptest.NewServer(up)
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "iamlab-worker-test")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(wrangler, "dev", "--env", "test",
		"--ip", "127.0.0.1", "--port", port, "--persist-to", filepath.Join(tmp, "state"),
		"--var", "RELAY_TEST_UPSTREAM:"+upSrv.URL, "--var", "RELAY_ORIGINS:"+crossOrigin)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false",
		"XDG_CONFIG_HOME="+tmp, "WRANGLER_LOG_PATH="+tmp, "NO_COLOR=1", "CI=true")
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // wrangler and its workerd, stopped together
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop = func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		upSrv.Close()
		stopServe()
		os.RemoveAll(tmp)
	}
	addr := "127.0.0.1:" + port
	if err := waitReady("http://"+addr+"/", exited); err != nil {
		stop()
		return nil, fmt.Errorf("%v\nwrangler said:\n%s", err, log.String())
	}
	worker.addr, worker.log = addr, log
	worker.target = target{relay: &url.URL{Scheme: "http", Host: addr}, origin: "http://" + addr, up: up}
	return stop, nil
}

// startIamlabServe runs `iamlab serve` (the simulated AWS, whose default
// world has the root user's key pair this package signs with) on a free
// port and waits for the line it prints once it accepts connections:
// "simulated AWS at http://HOST:PORT (account ...)".
func startIamlabServe(bin string) (*url.URL, func(), error) {
	port, err := freePort()
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:"+port)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "simulated AWS at "); ok {
				ready <- strings.Fields(rest)[0]
			}
		}
		close(ready)
	}()
	select {
	case u, ok := <-ready:
		if ok {
			backend, err := url.Parse(u)
			if err == nil {
				return backend, stop, nil
			}
		}
	case <-time.After(startupTimeout):
	}
	stop()
	return nil, nil, fmt.Errorf("%s serve did not say where it listens", bin)
}

// startupTimeout bounds wrangler's start (its first answer comes after
// about 5 seconds here).
const startupTimeout = 90 * time.Second

func waitReady(u string, exited <-chan struct{}) error {
	deadline := time.Now().Add(startupTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("wrangler exited")
		default:
		}
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("no answer at %s after %v", u, startupTimeout)
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port, nil
}

// syncBuffer collects a process's output.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestWorkerServesSite(t *testing.T) {
	running(t)
	for _, c := range []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "<html"},
		{"/en/", 200, "<html"},
		{"/iamlab.wasm", 200, "\x00asm"},
		{"/no/such/page", 404, "<html"},
	} {
		a := raw(t, worker.addr, "GET", c.path, nil, "")
		if a.status != c.status || !strings.Contains(a.body, c.want) {
			t.Errorf("GET %s: %d, %d bytes, want %d with %q", c.path, a.status, len(a.body), c.status, c.want)
		}
	}
}

func TestWorkerSignedCalls(t *testing.T) {
	running(t)
	checkSignedCalls(t, worker.target)
}

func TestWorkerRefusals(t *testing.T) {
	running(t)
	checkRefusals(t, worker.target, worker.addr)
}

// TestWorkerCORS: a page of an origin in RELAY_ORIGINS may call the relay
// and read its answers; the Worker's own pages need no CORS headers.
func TestWorkerCORS(t *testing.T) {
	running(t)
	pre := raw(t, worker.addr, "OPTIONS", "/relay/sts.us-east-1.amazonaws.com/", map[string]string{
		"Origin":                         crossOrigin,
		"Access-Control-Request-Method":  "POST",
		"Access-Control-Request-Headers": "authorization, x-amz-date, cookie, content-type",
	}, "")
	allowed := strings.ToLower(pre.header.Get("Access-Control-Allow-Headers"))
	if pre.status != http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != crossOrigin ||
		!strings.Contains(allowed, "authorization") || strings.Contains(allowed, "cookie") {
		t.Errorf("preflight: %d %v", pre.status, pre.header)
	}
	cross := signedSTS(t, worker.target)
	cross.Header.Set("Origin", crossOrigin)
	if a := do(t, cross); a.status != http.StatusOK || a.header.Get("Access-Control-Allow-Origin") != crossOrigin {
		t.Errorf("cross-origin call: %d, Access-Control-Allow-Origin %q", a.status, a.header.Get("Access-Control-Allow-Origin"))
	}
	if a := do(t, signedSTS(t, worker.target)); a.status != http.StatusOK || a.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("same-origin call: %d, Access-Control-Allow-Origin %q", a.status, a.header.Get("Access-Control-Allow-Origin"))
	}
}

// TestWorkerRateLimit: a client gets testLimit calls a minute, then 429;
// another client still gets through. The client is CF-Connecting-IP, which
// wrangler keeps when the request has one (Cloudflare sets it itself).
func TestWorkerRateLimit(t *testing.T) {
	running(t)
	// The limit counts per calendar minute: start early in one.
	if s := time.Now().Second(); s >= 55 {
		time.Sleep(time.Duration(61-s) * time.Second)
	}
	call := func(client string) answer {
		req := signedSTS(t, worker.target)
		req.Header.Set("Cf-Connecting-Ip", client)
		return do(t, req)
	}
	for i := 0; i < testLimit; i++ {
		if a := call("198.51.100.7"); a.status != http.StatusOK {
			t.Fatalf("call %d of %d: %d %q", i+1, testLimit, a.status, a.body)
		}
	}
	if a := call("198.51.100.7"); a.status != http.StatusTooManyRequests || a.header.Get("X-Iamlab-Relay") != "refused" {
		t.Errorf("call %d: %d %q, want the relay's 429", testLimit+1, a.status, a.body)
	}
	if a := call("198.51.100.8"); a.status != http.StatusOK {
		t.Errorf("another client: %d %q, want 200", a.status, a.body)
	}
}

// TestWorkerLogs: the Worker logs one line per relay call, and never the
// credentials, signatures or tokens in them.
func TestWorkerLogs(t *testing.T) {
	running(t)
	req := signedSTS(t, worker.target)
	req.Header.Set("X-Amz-Security-Token", "SESSION-TOKEN-NOT-FOR-LOGS")
	req.URL.RawQuery = "X-Amz-Signature=QUERY-SIGNATURE-NOT-FOR-LOGS"
	do(t, req)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(worker.log.String(), "relay POST sts.us-east-1.amazonaws.com/ ") && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	logs := worker.log.String()
	if !strings.Contains(logs, "relay POST sts.us-east-1.amazonaws.com/ ") {
		t.Fatalf("no relay log line in wrangler's output:\n%s", logs)
	}
	for _, secret := range []string{"Signature=", "AWS4-HMAC-SHA256", accessKeyID, "SESSION-TOKEN-NOT-FOR-LOGS", "QUERY-SIGNATURE-NOT-FOR-LOGS", "Authorization", "authorization"} {
		if strings.Contains(logs, secret) {
			t.Errorf("the Worker's logs hold %q", secret)
		}
	}
}

// BenchmarkWorkerRelay: one signed GetCallerIdentity through the running
// Worker to the local upstream, per op; the median and 90th percentile of
// the calls are reported too (a new Go instance starts per request).
func BenchmarkWorkerRelay(b *testing.B) {
	running(b)
	bench(b, func(int) {
		req := signedSTS(b, worker.target)
		// A new client address every testLimit/2 calls, so that the limit
		// is never hit (documentation addresses, as header values only).
		n := benchCalls.Add(1) / (testLimit / 2)
		req.Header.Set("Cf-Connecting-Ip", fmt.Sprintf("%s.%d", []string{"192.0.2", "203.0.113"}[n/256%2], n%256))
		if a := do(b, req); a.status != http.StatusOK {
			b.Fatalf("relay call: %d %q", a.status, a.body)
		}
	})
}

// benchCalls counts the relay benchmark's calls across its runs.
var benchCalls atomic.Int64

// BenchmarkWorkerStatic: one static file, per op (no Go instance runs).
func BenchmarkWorkerStatic(b *testing.B) {
	running(b)
	u := "http://" + worker.addr + "/index.html"
	bench(b, func(int) {
		resp, err := http.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	})
}

func bench(b *testing.B, op func(i int)) {
	for i := 0; i < 5; i++ { // warm up
		op(i)
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		op(i)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/1e6, "ms-median")
	b.ReportMetric(float64(times[len(times)*9/10])/1e6, "ms-p90")
}
