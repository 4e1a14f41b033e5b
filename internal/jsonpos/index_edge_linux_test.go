//go:build linux

package jsonpos

import (
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestIndexAtPageEnd reads texts that end where the mapped memory ends, a
// page that faults follows. The first pass must not read a byte past the
// text: with a whole number of blocks, its last block once read one.
func TestIndexAtPageEnd(t *testing.T) {
	page := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 2*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip("mmap:", err)
	}
	defer syscall.Munmap(mem)
	if err := syscall.Mprotect(mem[page:], syscall.PROT_NONE); err != nil {
		t.Skip("mprotect:", err)
	}
	for _, n := range []int{1, 63, 64, 65, 128, 640} {
		// An object whose text is n bytes: {"a":"xxx"} padded with spaces.
		text := `{"a":1}`
		if n >= len(text) {
			text += strings.Repeat(" ", n-len(text))
		} else {
			text = strings.Repeat(" ", n-1) + "1"
		}
		buf := mem[page-n : page]
		copy(buf, text)
		s := unsafe.String(&buf[0], n)
		var d Decoder
		d.ResetDirect(s) // faults if it reads past the page
		if err := d.Skip(); err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
		if err := d.End(); err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
	}
}
