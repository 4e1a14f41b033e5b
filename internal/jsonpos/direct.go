package jsonpos

import "unsafe"

// The direct walk. After ResetDirect, the walk reads the entries of the
// first pass (index.go) itself, with no token pass between: each method
// checks the grammar where it reads, from the order of the entries (a
// member is a comma unless it is the first, a name's two quotes, a colon;
// an element is a comma unless it is the first, then a value), and End
// checks that nothing is left. Whether a comma is due is read from the
// entry before: the opening bracket when the member or element is the
// first.
//
// The direct walk reports no errors of its own: at anything amiss it gives
// up with errDirect, and the caller reads the text again after Reset,
// whose scan finds the first error and words it exactly. The caller must
// also read again on its own errors, so that a syntax error further on
// still comes first, as from the scan.

// errDirect is the error of the direct walk when it gives up.
var errDirect = &Error{Msg: "jsonpos: the direct walk gave up; read the text again after Reset"}

// ResetDirect starts reading src by the direct walk when the first pass
// can index it (well-formed text without escapes, on amd64 with AVX2), and
// by the tokens as Reset does otherwise; Direct reports which.
func (d *Decoder) ResetDirect(src string) {
	idx, high, ok := index(src, d.idx)
	if !ok {
		d.resetTokens(src, idx, high, ok)
		return
	}
	*d = Decoder{src: src, toks: d.toks, idx: idx, high: high, direct: true, e: &idx[1]}
}

// Direct reports whether the decoder reads by the direct walk: a caller
// that meets an error then reads the text again after Reset.
func (d *Decoder) Direct() bool { return d.direct }

// entry returns the i-th entry after the next one.
func (d *Decoder) entry(i int) uint32 {
	return *(*uint32)(unsafe.Add(unsafe.Pointer(d.e), i*4))
}

// advance moves past n entries.
func (d *Decoder) advance(n int) { d.e = nextEntry(d.e, n) }

// nextEntry returns the entry n after p.
func nextEntry(p *uint32, n int) *uint32 { return (*uint32)(unsafe.Add(unsafe.Pointer(p), n*4)) }

// entryByte and entryOff are the two halves of an entry.
func entryByte(e uint32) byte { return byte(e >> 24) }
func entryOff(e uint32) int32 { return int32(e & (1<<24 - 1)) }

// text returns the body of the string whose quotes are the entries open
// and close.
func (d *Decoder) text(open, close uint32) string {
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(d.src)), entryOff(open)+1)), entryOff(close)-entryOff(open)-1)
}

// enterDirect is Enter for the direct walk.
func (d *Decoder) enterDirect(k Kind) bool {
	p := d.e
	if kindOf[entryByte(*p)] != k || entryByte(*nextEntry(p, 1)) == ',' {
		return false
	}
	d.e = nextEntry(p, 1)
	return true
}

// scalarDirect is Scalar for the direct walk.
func (d *Decoder) scalarDirect() (string, Kind, error) {
	e := d.entry(0)
	switch k := kindOf[entryByte(e)]; k {
	case String:
		s, _, _ := d.PlainStr()
		return s, String, nil
	case Object, Array:
		return "", k, nil
	case Number, Bool, Null:
		off := int(entryOff(e))
		end := scalarEnd(d.src, off)
		if !d.scalarValid(k, off, end) {
			return "", k, errDirect
		}
		d.advance(1)
		return d.src[off:end], k, nil
	}
	return "", Invalid, errDirect
}

// skipDirect is Skip for the direct walk: it checks the value's grammar
// as tokenizeIndexed does, with d.toks for scratch.
func (d *Decoder) skipDirect() error {
	d.roomForTokens(len(d.idx))
	next, tp, ok := d.tokenizeValue(unsafe.Pointer(d.e))
	if !ok {
		return errDirect
	}
	n := (uintptr(tp) - uintptr(unsafe.Pointer(unsafe.SliceData(d.toks)))) / unsafe.Sizeof(token{})
	if !d.scalarsValid(d.toks[:n]) {
		return errDirect
	}
	d.e = (*uint32)(next)
	return nil
}
