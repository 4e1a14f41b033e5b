//go:build !(js && wasm)

package flows

import "syscall"

// cpuMicros is the process's CPU time (user and system), in µs: on a
// shared machine, wall time measures the neighbours.
func cpuMicros() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1000
}
