package jsonpos

import "unsafe"

// The fast first pass. On amd64 with AVX2, index (index_amd64.go) finds the
// structural bytes of the whole text 64 at a time, much as simdjson does:
// the operators {}[],: outside strings, every quote, and the first byte of
// each scalar (a run of bytes that are none of these nor white space). Each
// has an entry: its offset in the low 24 bits, the byte in the high 8. Then
// tokenizeIndexed builds the tokens from the entries alone, never looking
// at white space or inside strings: the order of the entries is the
// grammar, as everything between them is white space.
//
// It handles well-formed text without escapes, which is nearly every
// policy. Anything else (an escape, an error, a stray control character)
// makes it give up, and tokenize scans the text byte by byte, which finds
// the error and reports it exactly. So the fast pass only has to be right
// about valid text, and tell the rest apart.

// ends is the number of zero entries after the last one. A zero entry
// stands for a NUL byte, which is no value, bracket nor quote: every state
// gives up on it, so the states read an entry or two ahead without checking
// the count.
const ends = 4

// maxIndexedDepth is the deepest nesting tokenizeIndexed reads: its stack of
// containers is a word with a bit over them.
const maxIndexedDepth = 62

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
// tokenize to scan the text instead.
func (d *Decoder) tokenizeIndexed(idx []uint32) bool {
	d.roomForTokens(len(idx) - 1 - ends)
	ep, tp, ok := d.tokenizeValue(unsafe.Pointer(&idx[1]))
	return ok && d.tokensEnd(idx, tp, ep)
}

// roomForTokens makes room in d.toks for the tokens of count entries: each
// token but the last takes at least one entry, and one spare keeps the
// token pointer inside the buffer.
func (d *Decoder) roomForTokens(count int) {
	if cap(d.toks) < count+2 {
		d.toks = make([]token, count+2+count/2)
	}
}

// tokenizeValue writes to d.toks the tokens of the value whose first entry
// is at ep, and returns the entry after the value and the token after its
// last; ok is false where it gives up. Its labels are tokenize's states. It
// walks pointers to the entries and tokens and calls nothing, so that its
// few variables stay in registers.
func (d *Decoder) tokenizeValue(ep unsafe.Pointer) (next, tp unsafe.Pointer, ok bool) {
	s := d.src
	tp = unsafe.Pointer(unsafe.SliceData(d.toks))
	var (
		// objects has a bit per open container, 1 for an object, under a
		// top bit of 1: it is 1 when the value is whole.
		objects uint64 = 1
		e       uint32
		c       byte
		kind    Kind
	)
	// entry returns the i-th entry from ep, which the zero entries keep
	// inside idx (i <= 2).
	entry := func(i int) uint32 { return *(*uint32)(unsafe.Add(ep, i*4)) }
	at := func(i int) byte { return byte(entry(i) >> 24) }
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
		if objects>>maxIndexedDepth != 0 { // deeper: tokenize reads it
			return nil, nil, false
		}
		objects = objects<<1 | uint64(kind-Array)
		put(e&off, e&off+1, kind, 0)
		if ep = unsafe.Add(ep, 4); at(0) == c+2 {
			goto close
		}
		if kind == Object {
			goto key
		}
		goto value
	case Number, Bool, Null:
		// Its end is the first byte that may follow it; scalarsValid then
		// checks its text (a call here would cost the loop its registers).
		put(e&off, uint32(scalarEnd(s, int(e&off))), kind, 0)
		d.scalars = true
		ep = unsafe.Add(ep, 4)
	default:
		return nil, nil, false
	}

next: // after a value: a comma or the closer
	if objects == 1 {
		return ep, tp, true
	}
	switch c = at(0); {
	case c == ',':
		ep = unsafe.Add(ep, 4)
		switch c = at(0); {
		case c|0x20 == '}': // ']' | 0x20 is '}'
			return nil, nil, false // a trailing comma
		case objects&1 != 0:
			goto key
		case c == '"': // the next string of an array
			e = entry(0)
			put(e&off, entry(1)&off+1, String, 0)
			ep = unsafe.Add(ep, 8)
			goto next
		}
		goto value
	case c == ']'|byte(objects&1)<<5: // '}' is ']'+32
		goto close
	}
	return nil, nil, false

close:
	e = entry(0)
	put(e&off, e&off+1, Invalid, closing)
	objects >>= 1
	ep = unsafe.Add(ep, 4)
	goto next

key: // a member name, its closing quote, then the colon
	if at(0) != '"' || at(2) != ':' {
		return nil, nil, false
	}
	e = entry(0)
	put(e&off, entry(1)&off+1, String, 0)
	ep = unsafe.Add(ep, 12)
	// Most values of members are strings: read one here, without the
	// switch of value.
	if e = entry(0); byte(e>>24) == '"' {
		put(e&off, entry(1)&off+1, String, 0)
		ep = unsafe.Add(ep, 8)
		goto next
	}
	goto value
}

// tokensEnd finishes the tokens after the top-level value: nothing may
// follow it, and the scalars must be valid literals.
func (d *Decoder) tokensEnd(idx []uint32, tp, ep unsafe.Pointer) bool {
	if ep != unsafe.Pointer(&idx[len(idx)-ends]) {
		return false // more after the value
	}
	n := int32(len(d.src))
	*(*token)(tp) = token{off: n, end: n}
	d.toks = d.toks[:(uintptr(tp)-uintptr(unsafe.Pointer(unsafe.SliceData(d.toks))))/unsafe.Sizeof(token{})+1]
	return !d.scalars || d.scalarsValid(d.toks)
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
func (d *Decoder) scalarsValid(toks []token) bool {
	for _, t := range toks {
		if (t.kind == Number || t.kind == Bool || t.kind == Null) && !d.scalarValid(t.kind, int(t.off), int(t.end)) {
			return false
		}
	}
	return true
}

// scalarValid reports whether src[off:end] is one whole valid literal of
// kind k: a number, or true, false or null.
func (d *Decoder) scalarValid(k Kind, off, end int) bool {
	var j int
	var f flags
	if k == Number {
		j, f = d.scanNumber(off)
	} else {
		j, f = d.scanWord(off)
	}
	return f == 0 && j == end
}
