package jsonpos

import (
	"strings"
	"testing"
)

// TestIndexAtPageEnd reads texts that end where readable memory ends. The
// first pass must not read a byte past the text: with a whole number of
// 64-byte blocks, its last block once read one, and such a text faulted.
func TestIndexAtPageEnd(t *testing.T) {
	for _, n := range []int{1, 7, 63, 64, 65, 128, 640} {
		text := `{"a":1}`
		if n >= len(text) {
			text += strings.Repeat(" ", n-len(text))
		} else {
			text = strings.Repeat(" ", n-1) + "1"
		}
		var d Decoder
		d.ResetDirect(atPageEnd(text))
		if err := d.Skip(); err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
		if err := d.End(); err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
	}
}
