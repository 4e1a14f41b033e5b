// Command simbench compares the simulated AWS (`iamlab serve`) with
// moto_server under the same aws-sdk-go-v2 load: 8 concurrent clients,
// each calling in turn GetCallerIdentity, PutObject of 1 KiB, KMS Encrypt
// and AssumeRole, one call at a time. Each server runs in a process of
// its own on loopback; runs alternate between them, so that the
// machine's other load falls on both. It prints each run's throughput,
// 99th percentile latency and the server's CPU time per request, then the
// ranges over the runs:
//
//	go run ./tools/simbench -iamlab bin/iamlab -moto moto_server -runs 3
//	go run ./tools/simbench -endpoint http://127.0.0.1:4566 -pid PID   # a server already running
//	go run ./tools/simbench -cpuprofile cpu.out -addr 127.0.0.1:4566   # the server alone, profiled
//
// `make bench-sim` builds bin/iamlab and runs the comparison.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"
)

// The caller the load runs as: the seed world's user app (docs/world.md),
// whose group and policies allow the whole mix; moto takes any key.
const (
	appKey    = "AKIAI44QH8DHBEXAMPLE"
	appSecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
)

// serveLine is what iamlab serve prints once it accepts connections.
var serveLine = regexp.MustCompile(`^simulated AWS at (http://\S+) \(account \d{12}\)\n$`)

// startTimeout bounds the wait for a server to answer.
const startTimeout = 30 * time.Second

func main() {
	var (
		iamlab        = flag.String("iamlab", "", "the iamlab binary: runs `iamlab serve --world seed` (with -state, on a state file)")
		moto          = flag.String("moto", "", "the moto_server command")
		endpoint      = flag.String("endpoint", "", "load a server already running at this URL instead")
		pid           = flag.Int("pid", 0, "with -endpoint: the server's process, for its CPU time per request")
		state         = flag.Bool("state", false, "run iamlab serve with --state on a fresh file in a temporary folder")
		runs          = flag.Int("runs", 3, "runs per server")
		clients       = flag.Int("clients", 8, "concurrent clients")
		duration      = flag.Duration("duration", 10*time.Second, "measured time per run")
		warmup        = flag.Duration("warmup", 2*time.Second, "unmeasured time before each run")
		noKMS         = flag.Bool("nokms", false, "leave KMS Encrypt out of the mix")
		profile       = flag.String("cpuprofile", "", "serve the seed world at -addr with a CPU profile of the server into this file, and load nothing")
		addr          = flag.String("addr", "127.0.0.1:4566", "with -cpuprofile: the address to serve at")
		clientProfile = flag.String("clientprofile", "", "write a CPU profile of the load (the SDK clients) into this file")
	)
	flag.Parse()
	if *clientProfile != "" {
		f, err := os.Create(*clientProfile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	if *profile != "" {
		if err := serveProfiled(*addr, *profile); err != nil {
			fail(err)
		}
		return
	}
	b := &bench{clients: *clients, duration: *duration, warmup: *warmup, kms: !*noKMS}
	var servers []*server
	if *endpoint != "" {
		servers = append(servers, &server{name: "endpoint", t: &target{name: *endpoint, endpoint: *endpoint, key: appKey, secret: appSecret, pid: *pid}})
	}
	if *iamlab != "" {
		args := []string{"serve", "--world", "seed", "--addr", "127.0.0.1:0"}
		name := "iamlab serve"
		if *state {
			dir, err := os.MkdirTemp("", "simbench")
			if err != nil {
				fail(err)
			}
			defer os.RemoveAll(dir)
			args = append(args, "--state", dir+"/state.db")
			name += " --state"
		}
		servers = append(servers, &server{name: name, start: func() (*target, *exec.Cmd, error) { return startIAMLab(*iamlab, args) }})
	}
	if *moto != "" {
		servers = append(servers, &server{name: "moto_server", start: func() (*target, *exec.Cmd, error) { return startMoto(*moto) }})
	}
	if len(servers) == 0 {
		fail(errors.New("nothing to load: give -iamlab, -moto or -endpoint"))
	}
	defer func() {
		for _, s := range servers {
			s.stop()
		}
	}()
	if err := b.compare(servers, *runs); err != nil {
		for _, s := range servers {
			s.stop()
		}
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "simbench:", err)
	os.Exit(1)
}

// server is a server under comparison: one already running, or one the
// bench starts (once, before its first run) and stops at the end.
type server struct {
	name  string
	start func() (*target, *exec.Cmd, error)
	t     *target
	cmd   *exec.Cmd
	runs  []*measure
}

func (s *server) ensure() error {
	if s.t != nil {
		return nil
	}
	t, cmd, err := s.start()
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	s.t, s.cmd = t, cmd
	return nil
}

// stop ends a server the bench started: SIGTERM, then SIGKILL.
func (s *server) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
}

// startIAMLab starts `iamlab serve` and reads its address from the line
// it prints once it accepts connections.
func startIAMLab(bin string, args []string) (*target, *exec.Cmd, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, nil, fmt.Errorf("no line from iamlab serve: %w", err)
	}
	m := serveLine.FindStringSubmatch(line)
	if m == nil {
		_ = cmd.Process.Kill()
		return nil, nil, fmt.Errorf("iamlab serve printed %q", line)
	}
	return &target{name: "iamlab", endpoint: m[1], key: appKey, secret: appSecret, pid: cmd.Process.Pid}, cmd, nil
}

// startMoto starts moto_server on a free loopback port and waits until it
// answers.
func startMoto(bin string) (*target, *exec.Cmd, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(startTimeout); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return &target{name: "moto", endpoint: url, key: appKey, secret: appSecret, pid: cmd.Process.Pid}, cmd, nil
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	return nil, nil, fmt.Errorf("moto_server did not answer at %s within %v", url, startTimeout)
}

// bench is the load's shape.
type bench struct {
	clients          int
	duration, warmup time.Duration
	kms              bool
	noKMSWhy         string
}

// compare sets every server up, then runs the load on each in turn, runs
// times, and prints the runs and a summary.
func (b *bench) compare(servers []*server, runs int) error {
	ctx := context.Background()
	for _, s := range servers {
		if err := s.ensure(); err != nil {
			return err
		}
		err := setup(ctx, s.t, b.kms)
		if errors.Is(err, errNoKMS) {
			b.kms, b.noKMSWhy = false, s.name+" has no KMS"
			err = nil
		}
		if err != nil {
			return fmt.Errorf("%s: setup: %w", s.name, err)
		}
	}
	ops := b.ops()
	names := make([]string, len(ops))
	for i, o := range ops {
		names[i] = o.name
	}
	fmt.Printf("load: %d clients, each calling in turn %s; %v measured after %v of warm-up; %d runs per server\n",
		b.clients, strings.Join(names, ", "), b.duration, b.warmup, runs)
	if b.noKMSWhy != "" {
		fmt.Printf("KMS Encrypt left out of the mix: %s\n", b.noKMSWhy)
	}
	for i := 0; i < runs; i++ {
		for _, s := range servers {
			m, err := measureRun(s.t, ops, b)
			if err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			s.runs = append(s.runs, m)
			fmt.Printf("%-20s run %d: %s\n", s.name, i+1, m)
		}
	}
	summarize(servers)
	return nil
}

func (b *bench) ops() []op {
	var out []op
	for _, o := range allOps {
		if o.name == "Encrypt" && !b.kms {
			continue
		}
		out = append(out, o)
	}
	return out
}
