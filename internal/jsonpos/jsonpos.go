// Package jsonpos is a small, fast JSON decoder that reports the byte offset
// of every value and key, so that callers can report line and column. A
// first pass (scan.go) checks the grammar and lists the tokens; callers then
// walk them with Object and Array and read values as they go, building their
// own model without an intermediate tree. The same code runs natively and
// in the browser's WebAssembly module. Strings without escapes are
// substrings of the input, never copies, and a reused Decoder allocates
// nothing.
package jsonpos

import (
	"strconv"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects accepted.
const MaxDepth = 64

// Kind is the JSON type of a value.
type Kind uint8

// The kinds of JSON values. Invalid marks a byte that starts no value.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"invalid value", "null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string { return kindNames[k] }

// Article returns the kind with "a" or "an", for messages.
func (k Kind) Article() string {
	if k == Array || k == Object || k == Invalid {
		return "an " + k.String()
	}
	return "a " + k.String()
}

// Error is a syntax error at a byte offset of the input.
type Error struct {
	Off int
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// Decoder reads one JSON document.
type Decoder struct {
	src  string
	toks []token
	// i is the index of the next token in toks. The walk never steps past
	// the last token (the end, or a bad token).
	i    int
	err  Error // the scan's error, kept on the last token
	high bool  // the scan met a byte of 0x80 or above
}

// step moves to the next token.
func (d *Decoder) step() { d.i++ }

// tok returns the next token.
func (d *Decoder) tok() *token { return &d.toks[d.i] }

// ASCII reports whether the scan read the whole text and found only ASCII
// bytes in it, so that a caller can skip checking the text is UTF-8.
func (d *Decoder) ASCII() bool {
	t := &d.toks[len(d.toks)-1]
	return !d.high && t.flags&bad == 0 && int(t.off) == len(d.src)
}

// NewDecoder starts reading src.
func NewDecoder(src string) *Decoder {
	d := new(Decoder)
	d.Reset(src)
	return d
}

// Reset starts reading src, so that a Decoder can live inside another value
// and reuse its token buffer.
func (d *Decoder) Reset(src string) {
	*d = Decoder{src: src, toks: d.toks}
	d.tokenize()
}

// Src returns the text being decoded.
func (d *Decoder) Src() string { return d.src }

func (d *Decoder) errAt(off int, msg string) error { return &Error{Off: off, Msg: msg} }

// SyntaxError returns the error of the scan of the whole text, if it met
// one, wherever it is, or text after the top-level value: a reader that
// found a fault in a value before it can report that the text is not JSON
// instead.
func (d *Decoder) SyntaxError() error {
	if d.err.Msg != "" {
		return d.scanErr()
	}
	if off := int(d.toks[len(d.toks)-1].off); off < len(d.src) {
		return d.errAt(off, "unexpected "+d.describe(off)+" after the JSON value")
	}
	return nil
}

// scanErr returns the scan's error, kept on the bad token.
func (d *Decoder) scanErr() error {
	e := d.err
	return &e
}

func (d *Decoder) describe(off int) string {
	if off >= len(d.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(d.src[off:])
	return strconv.QuoteRune(r)
}

// Peek returns the kind of the next value and its offset.
func (d *Decoder) Peek() (Kind, int32) {
	t := d.tok()
	return t.kind, t.off
}

var kindOf = func() (t [256]Kind) {
	t['{'], t['['], t['"'], t['t'], t['f'], t['n'] = Object, Array, String, Bool, Bool, Null
	t['-'] = Number
	for c := '0'; c <= '9'; c++ {
		t[c] = Number
	}
	return t
}()

// End checks that nothing but white space follows the document.
func (d *Decoder) End() error {
	if off := int(d.tok().off); off < len(d.src) {
		return d.errAt(off, "unexpected "+d.describe(off)+" after the JSON value")
	}
	return nil
}

// Object reads an object, calling fn for each member with its key and the
// offset of the key's quote; fn must read or Skip the member's value.
func (d *Decoder) Object(fn func(key string, keyOff int32) error) error {
	if err := d.Enter(Object); err != nil {
		return err
	}
	for {
		key, keyOff, ok, err := d.Member()
		if err != nil || !ok {
			return err
		}
		if err := fn(key, keyOff); err != nil {
			return err
		}
	}
}

// Array reads an array, calling fn for each element, which fn must read or Skip.
func (d *Decoder) Array(fn func(i int) error) error {
	if err := d.Enter(Array); err != nil {
		return err
	}
	for i := 0; ; i++ {
		ok, err := d.Element()
		if err != nil || !ok {
			return err
		}
		if err := fn(i); err != nil {
			return err
		}
	}
}

// Enter reads the opening bracket of an object or array. The loop form of
// Object and Array, without a callback, for the hottest paths:
//
//	d.Enter(jsonpos.Object)
//	for {
//		key, off, ok, err := d.Member()
//		if err != nil || !ok { ... }
//		... read the value ...
//	}
func (d *Decoder) Enter(k Kind) error {
	t := d.tok()
	if t.kind != k {
		if k == Object {
			return d.unexpected(t.off, "{")
		}
		return d.unexpected(t.off, "[")
	}
	if t.flags&bad != 0 {
		return d.scanErr()
	}
	d.step()
	return nil
}

// Member reads the next member's name; ok is false at the end of the
// object, whose closing brace it has read.
func (d *Decoder) Member() (key string, keyOff int32, ok bool, err error) {
	t := d.tok()
	if t.flags != 0 || t.kind != String {
		return d.member()
	}
	d.step()
	return d.body(t), t.off, true, nil
}

// member is Member's slow path: the end, an error, or a name with escapes.
func (d *Decoder) member() (string, int32, bool, error) {
	switch t := d.tok(); {
	case t.flags&bad != 0:
		return "", 0, false, d.scanErr()
	case t.flags&closing != 0:
		d.step()
		return "", 0, false, nil
	case t.kind != String: // the end: not in an object, a caller's slip
		return "", 0, false, d.unexpected(t.off, "a member name")
	}
	t := d.tok()
	d.step()
	return d.unescape(int(t.off)+1, int(t.end)-1), t.off, true, nil
}

// Element reports whether another element follows; false at the end of the
// array, whose closing bracket it has read.
func (d *Decoder) Element() (bool, error) {
	switch t := d.tok(); {
	case t.flags&closing != 0:
		d.step()
		return false, nil
	case t.flags&badSyntax != 0:
		return false, d.scanErr()
	}
	return true, nil
}

func (d *Decoder) unexpected(off int32, want string) error {
	if int(off) >= len(d.src) {
		return d.errAt(int(off), "unexpected end of input: a value is missing")
	}
	return d.errAt(int(off), "unexpected "+d.describe(int(off))+": expected "+want)
}

// Scalar reads a string, number, boolean or null and returns its text (the
// decoded string, the number's literal, "true", "false" or "null").
func (d *Decoder) Scalar() (string, Kind, error) {
	t := d.tok()
	if t.kind == String && t.flags == 0 { // the usual case
		d.step()
		return d.body(t), String, nil
	}
	return d.scalar()
}

func (d *Decoder) scalar() (string, Kind, error) {
	t := d.tok()
	switch {
	case t.kind == Object || t.kind == Array:
		return "", t.kind, nil
	case t.flags&bad != 0:
		return "", t.kind, d.scanErr()
	case t.kind == String:
		s, _, err := d.Str()
		return s, String, err
	case t.kind == Invalid:
		return "", Invalid, d.unexpected(t.off, "a JSON value")
	}
	d.step()
	return d.src[t.off:t.end], t.kind, nil
}

// EnterIf reads the opening bracket of an object or array of kind k, the
// usual case, and returns its offset; ok is false, and nothing is read,
// for any other value (the caller reads it the long way, for its error).
func (d *Decoder) EnterIf(k Kind) (off int32, ok bool) {
	t := d.tok()
	if t.kind != k || t.flags != 0 {
		return 0, false
	}
	d.step()
	return t.off, true
}

// PlainStr reads a string value without escapes, the usual case, and
// returns it with its offset; ok is false, and nothing is read, for any
// other value, which the caller then reads the long way (Peek, Str...).
// Member, Str and Scalar open with the same three lines rather than a call
// to PlainStr: the call, though inlined, measured 0.8% more instructions
// per scenario, as it changes what the profile-guided build inlines.
func (d *Decoder) PlainStr() (s string, off int32, ok bool) {
	t := d.tok()
	if t.kind != String || t.flags != 0 {
		return "", 0, false
	}
	d.step()
	return d.body(t), t.off, true
}

// Str reads a string value; escaped reports whether its literal had escapes.
func (d *Decoder) Str() (s string, escaped bool, err error) {
	t := d.tok()
	if t.kind != String || t.flags != 0 {
		return d.strSlow()
	}
	d.step()
	return d.body(t), false, nil
}

func (d *Decoder) strSlow() (string, bool, error) {
	t := d.tok()
	switch {
	case t.kind != String:
		return "", false, d.unexpected(t.off, "a string")
	case t.flags&bad != 0:
		return "", false, d.scanErr()
	}
	d.step()
	return d.unescape(int(t.off)+1, int(t.end)-1), true, nil
}

// Skip reads and discards one value of any kind. The scan has checked the
// grammar, so skipping a container is counting brackets up to its end, or
// to a bad token inside it.
func (d *Decoder) Skip() error {
	t := d.tok()
	if t.kind != Object && t.kind != Array {
		_, _, err := d.Scalar()
		return err
	}
	open := 0
	for i := d.i; i < len(d.toks); i++ {
		switch p := &d.toks[i]; {
		case p.flags&bad != 0:
			d.i = i
			return d.scanErr()
		case p.kind == Object || p.kind == Array:
			open++
		case p.flags&closing != 0:
			if open--; open == 0 {
				d.i = i + 1
				return nil
			}
		}
	}
	return d.scanErr() // not reached: the scan ends with an end or bad token
}

// body returns the text between the quotes of a string token. The scan
// made the token, so its bounds hold: no bounds checks on the hot path.
func (d *Decoder) body(t *token) string {
	return d.src[t.off+1 : t.end-1]
}

// strStop marks the bytes that end the fast scan of a string literal.
var strStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// unescape decodes the body s[i:end] of a string literal with escapes,
// which the scan has checked.
func (d *Decoder) unescape(i, end int) string {
	s := d.src
	buf := make([]byte, 0, end-i)
	for i < end {
		c := s[i]
		if c != '\\' {
			buf = append(buf, c)
			i++
			continue
		}
		e := s[i+1]
		i += 2
		switch e {
		case 'b':
			e = '\b'
		case 'f':
			e = '\f'
		case 'n':
			e = '\n'
		case 'r':
			e = '\r'
		case 't':
			e = '\t'
		case 'u':
			r, n, _ := unicodeEscape(s, i-2)
			i += n
			buf = utf8.AppendRune(buf, r)
			continue
		}
		buf = append(buf, e) // '"', '\\' and '/' stand for themselves
	}
	return string(buf)
}

// unicodeEscape decodes \uXXXX (and a following low surrogate) at off and
// returns the rune and how many bytes after "\u" it consumed.
func unicodeEscape(s string, off int) (rune, int, bool) {
	r1, ok := hex4(s, off+2)
	if !ok {
		return 0, 0, false
	}
	if r1 < 0xD800 || r1 > 0xDFFF {
		return r1, 4, true
	}
	if r1 <= 0xDBFF && off+12 <= len(s) && s[off+6] == '\\' && s[off+7] == 'u' {
		if r2, ok := hex4(s, off+8); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
			return (r1-0xD800)<<10 | (r2 - 0xDC00) + 0x10000, 10, true
		}
	}
	return utf8.RuneError, 4, true
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
