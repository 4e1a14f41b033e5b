package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTick is Linux's USER_HZ, the unit of /proc/PID/stat's CPU times.
const clockTick = 10 * time.Millisecond

// measure is one run, as reported.
type measure struct {
	rate      float64       // requests per second
	p50, p99  time.Duration // over every call
	opP99     map[string]time.Duration
	serverCPU time.Duration // per request; 0 when not measured
	clientCPU time.Duration // per request, this process (the SDK clients)
	load      string        // /proc/loadavg's three averages at the end
	requests  int
	opNames   []string
}

func measureRun(t *target, ops []op, b *bench) (*measure, error) {
	cpu0, _ := procCPU(t.pid)
	self0 := selfCPU()
	r := run(t, ops, b.clients, b.warmup, b.duration)
	cpu1, cpuErr := procCPU(t.pid)
	self1 := selfCPU()
	if r.errors > 0 {
		return nil, fmt.Errorf("%d of %d calls failed; the first: %w", r.errors, r.requests+r.errors, r.firstErr)
	}
	if r.requests == 0 {
		return nil, fmt.Errorf("no call finished in %v", b.duration)
	}
	m := &measure{rate: r.rate(), requests: r.requests, load: loadavg(), opP99: map[string]time.Duration{}}
	m.p50, m.p99 = percentile(r.all, 50), percentile(r.all, 99)
	for _, o := range ops {
		m.opNames = append(m.opNames, o.name)
		m.opP99[o.name] = percentile(r.perOp[o.name], 99)
	}
	// The CPU times span the warm-up too: count its calls at the
	// measured rate.
	calls := time.Duration(float64(r.requests) * float64(b.warmup+b.duration) / float64(b.duration))
	if t.pid != 0 && cpuErr == nil {
		m.serverCPU = (cpu1 - cpu0) / calls
	}
	m.clientCPU = (self1 - self0) / calls
	return m, nil
}

func (m *measure) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%8.0f req/s  p50 %6.2f ms  p99 %6.2f ms", m.rate, ms(m.p50), ms(m.p99))
	if m.serverCPU > 0 {
		fmt.Fprintf(&b, "  server CPU %6.1f µs/req", us(m.serverCPU))
	}
	fmt.Fprintf(&b, "  clients CPU %6.1f µs/req  (p99 by op:", us(m.clientCPU))
	for _, n := range m.opNames {
		fmt.Fprintf(&b, " %s %.2f", n, ms(m.opP99[n]))
	}
	fmt.Fprintf(&b, " ms)  load %s", m.load)
	return b.String()
}

// summarize prints each server's ranges over its runs and the ratio of
// the first server's throughput to every other's.
func summarize(servers []*server) {
	fmt.Println("summary (min–max over the runs):")
	for _, s := range servers {
		lo, hi := span(s.runs, func(m *measure) float64 { return m.rate })
		plo, phi := span(s.runs, func(m *measure) float64 { return ms(m.p99) })
		clo, chi := span(s.runs, func(m *measure) float64 { return us(m.serverCPU) })
		fmt.Printf("  %-20s %8.0f–%-8.0f req/s  p99 %.2f–%.2f ms", s.name, lo, hi, plo, phi)
		if chi > 0 {
			fmt.Printf("  server CPU %.1f–%.1f µs/req", clo, chi)
		}
		fmt.Println()
	}
	if len(servers) < 2 {
		return
	}
	base := servers[0]
	blo, bhi := span(base.runs, func(m *measure) float64 { return m.rate })
	for _, s := range servers[1:] {
		lo, hi := span(s.runs, func(m *measure) float64 { return m.rate })
		fmt.Printf("  %s / %s throughput: %.1f× (worst run against best) to %.1f× (best against worst)\n",
			base.name, s.name, blo/hi, bhi/lo)
	}
}

func span(ms []*measure, f func(*measure) float64) (lo, hi float64) {
	for i, m := range ms {
		v := f(m)
		if i == 0 || v < lo {
			lo = v
		}
		if i == 0 || v > hi {
			hi = v
		}
	}
	return lo, hi
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// procCPU is the user and system CPU time of a process and of its
// children that ended (/proc/PID/stat, fields 14 to 17).
func procCPU(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, fmt.Errorf("no process")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 15 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	var ticks int64
	for _, x := range f[11:15] { // utime stime cutime cstime
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	return time.Duration(ticks) * clockTick, nil
}

// selfCPU is this process's user and system CPU time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
