package jsonpos

import "unsafe"

// The fast first pass. On amd64 with AVX2, index (index_amd64.go) finds the
// structural bytes of the whole text 64 at a time, as simdjson does: the
// operators {}[],: outside strings, every quote, and the first byte of each
// scalar (a run of bytes that are none of these nor white space). Each has
// an entry: its offset in the low 24 bits, the byte in the high 8. Then
// tokenizeIndexed builds the tokens from the entries alone, never looking
// at white space or inside strings.
//
// It handles well-formed text without escapes, which is nearly every
// policy. Anything else (an escape, an error, a stray control character)
// makes it give up, and tokenize scans the text byte by byte, which finds
// the error and reports it exactly. So the fast pass only has to be right
// about valid text, and tell the rest apart.

// ends is the number of zero entries after the last one. A zero entry
// stands for a NUL byte, which is no value, operator nor quote: every state
// gives up on it, so the states read up to three entries ahead without
// checking the count.
const ends = 4

// terminates marks the bytes that may follow a number or a literal: white
// space, operators and quotes (those that start a scalar of their own would
// be read as part of it).
var terminates = func() (t [256]bool) {
	for _, c := range " \t\n\r{}[],:\"" {
		t[c] = true
	}
	return t
}()

// tokenizeIndexed fills d.toks from the entries in idx, or reports false for
// tokenize to scan the text instead. Its labels are tokenize's states. It
// walks pointers to the entries and tokens and calls nothing, so that its
// few variables stay in registers.
func (d *Decoder) tokenizeIndexed(idx []uint32) bool {
	count := len(idx) - ends
	// Each token but the last takes at least one entry; one spare keeps
	// the token pointer inside the buffer.
	if cap(d.toks) < count+2 {
		d.toks = make([]token, count+2+count/2)
	}
	toks := unsafe.Pointer(unsafe.SliceData(d.toks))
	var (
		ep      = unsafe.Pointer(unsafe.SliceData(idx)) // the next entry
		last    = unsafe.Add(ep, count*4)               // the first zero entry
		tp      = toks                                  // the next token
		objects uint64
		depth   int
		e       uint32
		c       byte
		kind    Kind
		scalars bool
	)
	// entry returns the i-th entry from ep, which the zero entries keep
	// inside idx (i <= 2).
	entry := func(i int) uint32 { return *(*uint32)(unsafe.Add(ep, i*4)) }
	put := func(off, end uint32, kind Kind, f flags) {
		*(*token)(tp) = token{off: int32(off), end: int32(end), kind: kind, flags: f}
		tp = unsafe.Add(tp, unsafe.Sizeof(token{}))
	}
	const off = 1<<24 - 1 // the offset bits of an entry

value:
	e = entry(0)
	c = byte(e >> 24)
	switch kind = kindOf[c]; kind {
	case String: // the closing quote is the next entry
		put(e&off, entry(1)&off+1, String, 0)
		ep = unsafe.Add(ep, 8)
	case Object, Array:
		if depth == MaxDepth {
			return false
		}
		depth++
		objects = objects<<1 | uint64(kind-Array)
		put(e&off, e&off+1, kind, 0)
		if ep = unsafe.Add(ep, 4); byte(entry(0)>>24) == c+2 {
			goto close
		}
		if kind == Object {
			goto key
		}
		goto value
	case Number, Bool, Null:
		// Its end is the first byte that may follow it; scalarsValid then
		// checks its text (a call here would cost the loop its registers).
		put(e&off, uint32(scalarEnd(d.src, int(e&off))), kind, 0)
		scalars = true
		ep = unsafe.Add(ep, 4)
	default:
		return false
	}

next:
	if depth == 0 {
		if ep != last { // more after the value: tokenize words the error
			return false
		}
		n := uint32(len(d.src))
		put(n, n, Invalid, 0)
		d.toks = d.toks[:(uintptr(tp)-uintptr(toks))/unsafe.Sizeof(token{})]
		return !scalars || d.scalarsValid()
	}
	switch c = byte(entry(0) >> 24); c {
	case ',':
		ep = unsafe.Add(ep, 4)
		if c = byte(entry(0) >> 24); c == ']'|byte(objects&1)<<5 {
			return false // a trailing comma
		}
		if objects&1 != 0 {
			goto key
		}
		goto value
	case ']' | byte(objects&1)<<5: // '}' is ']'+32
		goto close
	}
	return false

close:
	e = entry(0)
	put(e&off, e&off+1, Invalid, closing)
	depth--
	objects >>= 1
	ep = unsafe.Add(ep, 4)
	goto next

key: // a member name, its closing quote, then the colon
	if e = entry(0); byte(e>>24) != '"' || byte(entry(2)>>24) != ':' {
		return false
	}
	put(e&off, entry(1)&off+1, String, 0)
	ep = unsafe.Add(ep, 12)
	goto value
}

// scalarEnd returns the offset of the first byte after i that may follow
// a number or literal, or len(s).
func scalarEnd(s string, i int) int {
	for i++; i < len(s) && !terminates[s[i]]; i++ {
	}
	return i
}

// scalarsValid checks that each number, boolean and null token is one
// whole valid literal.
func (d *Decoder) scalarsValid() bool {
	for _, t := range d.toks {
		var j int
		var f flags
		switch t.kind {
		case Number:
			j, f = d.scanNumber(int(t.off))
		case Bool, Null:
			j, f = d.scanWord(int(t.off))
		default:
			continue
		}
		if f != 0 || j != int(t.end) {
			return false
		}
	}
	return true
}
