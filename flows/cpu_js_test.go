//go:build js && wasm

package flows

import "syscall/js"

// cpuMicros is the process's CPU time (user and system), in µs: on a
// shared machine, wall time measures the neighbours.
func cpuMicros() float64 {
	u := js.Global().Get("process").Call("cpuUsage")
	return u.Get("user").Float() + u.Get("system").Float()
}
