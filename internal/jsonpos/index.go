package jsonpos

import "unsafe"

// The fast first pass. On amd64 with AVX2, index (index_amd64.go) finds the
// structural bytes of the whole text 64 at a time, much as simdjson does:
// the brackets {}[] outside strings, every quote, and the first byte of each
// scalar (a run of bytes that are none of these, nor white space, nor the
// separators , and :, which it only counts). Each has an entry: its offset
// in the low 24 bits, the byte in the high 8. Then
// tokenizeIndexed builds the tokens from the entries alone, never looking
// at white space or inside strings.
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
// tokenize to scan the text instead. Its labels are tokenize's states. It
// walks pointers to the entries and tokens and calls nothing, so that its
// few variables stay in registers.
//
// The separators have no entries: a colon must follow its member name at
// once, and a comma the value before it, as they do in nearly all JSON.
// The ones found so are counted, and the count must be all of them (seps,
// from index), or one stands somewhere else and tokenize reads the text.
func (d *Decoder) tokenizeIndexed(idx []uint32, seps int) bool {
	s := d.src
	count := len(idx) - ends
	// Each token but the last takes at least one entry; one spare keeps
	// the token pointer inside the buffer.
	if cap(d.toks) < count+2 {
		d.toks = make([]token, count+2+count/2)
	}
	var (
		ep = unsafe.Pointer(unsafe.SliceData(idx))    // the next entry
		tp = unsafe.Pointer(unsafe.SliceData(d.toks)) // the next token
		// objects has a bit per open container, 1 for an object, under a
		// top bit of 1: it is 1 at the top level.
		objects uint64 = 1
		e, end  uint32 // the entry read, the end of the last value
		c       byte
		kind    Kind
	)
	// entry returns the i-th entry from ep, which the zero entries keep
	// inside idx (i <= 1).
	entry := func(i int) uint32 { return *(*uint32)(unsafe.Add(ep, i*4)) }
	put := func(off, end uint32, kind Kind, f flags) {
		*(*token)(tp) = token{off: int32(off), end: int32(end), kind: kind, flags: f}
		tp = unsafe.Add(tp, unsafe.Sizeof(token{}))
	}
	// follows reports whether the byte at i is c (i <= len(s)).
	follows := func(i uint32, c byte) bool { return int(i) < len(s) && s[i] == c }
	const off = 1<<24 - 1 // the offset bits of an entry

value:
	e = entry(0)
	c = byte(e >> 24)
	switch kind = kindOf[c]; kind {
	case String: // the closing quote is the next entry
		end = entry(1)&off + 1
		put(e&off, end, String, 0)
		ep = unsafe.Add(ep, 8)
	case Object, Array:
		if objects>>maxIndexedDepth != 0 { // deeper: tokenize reads it
			return false
		}
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
		end = uint32(scalarEnd(s, int(e&off)))
		put(e&off, end, kind, 0)
		d.scalars = true
		ep = unsafe.Add(ep, 4)
	default:
		return false
	}

next: // after a value, which ends at end
	if objects == 1 {
		return d.tokensEnd(idx, tp, ep, seps)
	}
	if follows(end, ',') {
		seps--
		switch e = entry(0); {
		case byte(e>>24)|0x20 == '}': // ']' | 0x20 is '}'
			return false // a trailing comma
		case objects&1 != 0:
			goto key
		case byte(e>>24) == '"': // the next string of an array
			end = entry(1)&off + 1
			put(e&off, end, String, 0)
			ep = unsafe.Add(ep, 8)
			goto next
		}
		goto value
	}
	if byte(entry(0)>>24) == ']'|byte(objects&1)<<5 { // '}' is ']'+32
		goto close
	}
	return false

close:
	e = entry(0)
	end = e&off + 1
	put(e&off, end, Invalid, closing)
	objects >>= 1
	ep = unsafe.Add(ep, 4)
	goto next

key: // a member name, its closing quote, then at once the colon
	if e = entry(0); byte(e>>24) != '"' {
		return false
	}
	if end = entry(1)&off + 1; !follows(end, ':') {
		return false
	}
	seps--
	put(e&off, end, String, 0)
	ep = unsafe.Add(ep, 8)
	// Most values of members are strings: read one here, without the
	// switch of value.
	if e = entry(0); byte(e>>24) == '"' {
		end = entry(1)&off + 1
		put(e&off, end, String, 0)
		ep = unsafe.Add(ep, 8)
		goto next
	}
	goto value
}

// tokensEnd finishes the tokens after the top-level value: nothing may
// follow it, every separator must have been met, and the scalars must be
// valid literals.
func (d *Decoder) tokensEnd(idx []uint32, tp, ep unsafe.Pointer, seps int) bool {
	if ep != unsafe.Pointer(&idx[len(idx)-ends]) || seps != 0 {
		return false // more after the value, or a separator elsewhere
	}
	n := int32(len(d.src))
	*(*token)(tp) = token{off: n, end: n}
	d.toks = d.toks[:(uintptr(tp)-uintptr(unsafe.Pointer(unsafe.SliceData(d.toks))))/unsafe.Sizeof(token{})+1]
	return !d.scalars || d.scalarsValid()
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
