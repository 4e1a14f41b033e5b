//go:build linux

package jsonpos

import (
	"sync"
	"syscall"
	"unsafe"
)

// guarded is memory followed by a page that faults when read.
var guarded struct {
	once sync.Once
	mem  []byte
}

// guardedPages is how much text atPageEnd can place.
const guardedPages = 16

// atPageEnd returns a copy of s that ends where readable memory ends, so
// that a read past its last byte faults instead of passing unseen. The copy
// is valid until the next call. Where the memory cannot be arranged (or s
// is empty or too long) it returns s.
func atPageEnd(s string) string {
	guarded.once.Do(func() {
		page := syscall.Getpagesize()
		mem, err := syscall.Mmap(-1, 0, (guardedPages+1)*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			return
		}
		if syscall.Mprotect(mem[guardedPages*page:], syscall.PROT_NONE) != nil {
			return
		}
		guarded.mem = mem[:guardedPages*page]
	})
	m := guarded.mem
	if len(s) == 0 || len(s) > len(m) {
		return s
	}
	buf := m[len(m)-len(s):]
	copy(buf, s)
	return unsafe.String(&buf[0], len(s))
}
