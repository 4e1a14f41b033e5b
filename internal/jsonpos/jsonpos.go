// Package jsonpos is a small, fast streaming JSON decoder that reports the
// byte offset of every value and key, so that callers can report line and
// column. Callers walk the document with Object and Array and read values as
// they go, building their own model without an intermediate tree; strings
// without escapes are substrings of the input, never copies.
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
	src   string
	pos   int
	depth int
}

// NewDecoder starts reading src.
func NewDecoder(src string) *Decoder {
	d := new(Decoder)
	d.Reset(src)
	return d
}

// Reset starts reading src, so that a Decoder can live inside another value.
func (d *Decoder) Reset(src string) {
	*d = Decoder{src: src}
	d.at(0)
}

// Src returns the text being decoded.
func (d *Decoder) Src() string { return d.src }

func (d *Decoder) errAt(off int, msg string) error { return &Error{Off: off, Msg: msg} }

func (d *Decoder) describe(off int) string {
	if off >= len(d.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(d.src[off:])
	return strconv.QuoteRune(r)
}

// at moves to offset i and past any white space there. Every method leaves
// the decoder at a token (or the end), so Peek never has to skip.
func (d *Decoder) at(i int) { d.pos = skipSpaceAt(d.src, i) }

// Peek returns the kind of the next value and its offset.
func (d *Decoder) Peek() (Kind, int32) {
	if d.pos >= len(d.src) {
		return Invalid, int32(d.pos)
	}
	return kindOf[d.src[d.pos]], int32(d.pos)
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
	if d.pos < len(d.src) {
		return d.errAt(d.pos, "unexpected "+d.describe(d.pos)+" after the JSON value")
	}
	return nil
}

// Object reads an object, calling fn for each member with its key and the
// offset of the key's quote; fn must read or Skip the member's value.
func (d *Decoder) Object(fn func(key string, keyOff int32) error) error {
	if err := d.Enter(Object); err != nil {
		return err
	}
	for first := true; ; first = false {
		key, keyOff, ok, err := d.Member(first)
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
		ok, err := d.Element(i == 0)
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
//	for first := true; ; first = false {
//		key, off, ok, err := d.Member(first)
//		if err != nil || !ok { ... }
//		... read the value ...
//	}
func (d *Decoder) Enter(k Kind) error {
	got, off := d.Peek()
	if got != k {
		if k == Object {
			return d.unexpected(off, "{")
		}
		return d.unexpected(off, "[")
	}
	if err := d.enter(); err != nil {
		return err
	}
	d.at(d.pos + 1)
	return nil
}

// Member reads the next member's key and colon; ok is false at the end of
// the object, whose closing brace it has read. first is true for the first
// call.
func (d *Decoder) Member(first bool) (key string, keyOff int32, ok bool, err error) {
	if !first {
		if done, err := d.next('}'); done || err != nil {
			return "", 0, false, err
		}
	} else if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.depth--
		d.at(d.pos + 1)
		return "", 0, false, nil
	}
	s, i := d.src, d.pos
	if i >= len(s) || s[i] != '"' {
		return "", 0, false, d.errAt(i, "unexpected "+d.describe(i)+": expected a quoted member name")
	}
	keyOff = int32(i)
	if key, _, err = d.str(); err != nil {
		return "", 0, false, err
	}
	if i = d.pos; i >= len(s) || s[i] != ':' {
		return "", 0, false, d.errAt(i, "unexpected "+d.describe(i)+": expected : after the member name")
	}
	d.pos = skipSpaceAt(s, i+1)
	return key, keyOff, true, nil
}

// Element reports whether another element follows; false at the end of the
// array, whose closing bracket it has read. first is true for the first call.
func (d *Decoder) Element(first bool) (bool, error) {
	if !first {
		done, err := d.next(']')
		return !done && err == nil, err
	}
	if d.pos < len(d.src) && d.src[d.pos] == ']' {
		d.at(d.pos + 1)
		d.depth--
		return false, nil
	}
	return true, nil
}

func (d *Decoder) enter() error {
	d.depth++
	if d.depth > MaxDepth {
		return d.errAt(d.pos, "nesting deeper than "+strconv.Itoa(MaxDepth)+" levels")
	}
	return nil
}

// next reads the comma or the closing bracket after a member or element.
func (d *Decoder) next(closer byte) (bool, error) {
	if d.pos >= len(d.src) {
		return true, d.errAt(d.pos, "unexpected end of input: "+string(closer)+" is missing")
	}
	c := d.src[d.pos]
	if c != closer && c != ',' {
		return true, d.errAt(d.pos, "unexpected "+d.describe(d.pos)+": expected , or "+string(closer))
	}
	d.at(d.pos + 1)
	switch c {
	case closer:
		d.depth--
		return true, nil
	default:
		if d.pos < len(d.src) && d.src[d.pos] == closer {
			return true, d.errAt(d.pos, "unexpected "+string(closer)+": a trailing comma is not allowed in JSON")
		}
		return false, nil
	}
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
	k, off := d.Peek()
	switch k {
	case String:
		s, _, err := d.str()
		return s, k, err
	case Number:
		return d.number()
	case Bool, Null:
		for _, w := range [...]string{"true", "false", "null"} {
			if len(d.src)-d.pos >= len(w) && d.src[d.pos:d.pos+len(w)] == w {
				d.at(d.pos + len(w))
				return w, k, nil
			}
		}
	case Object, Array:
		return "", k, nil
	}
	return "", Invalid, d.unexpected(off, "a JSON value")
}

// Str reads a string value; escaped reports whether its literal had escapes.
func (d *Decoder) Str() (s string, escaped bool, err error) {
	if d.pos >= len(d.src) || d.src[d.pos] != '"' {
		return "", false, d.unexpected(int32(d.pos), "a string")
	}
	return d.str()
}

// Skip reads and discards one value of any kind.
func (d *Decoder) Skip() error {
	switch k, _ := d.Peek(); k {
	case Object:
		return d.Object(func(string, int32) error { return d.Skip() })
	case Array:
		return d.Array(func(int) error { return d.Skip() })
	}
	_, _, err := d.Scalar()
	return err
}

func (d *Decoder) number() (string, Kind, error) {
	s, i := d.src, d.pos
	start := i
	if s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return "", Number, d.errAt(i, "invalid number: a digit is missing")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return "", Number, d.errAt(i, "invalid number: a digit must follow the decimal point")
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return "", Number, d.errAt(i, "invalid number: the exponent has no digits")
		}
	}
	d.at(i)
	return s[start:i], Number, nil
}

// strStop marks the bytes that end the fast scan of a string literal.
var strStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str reads the string literal at d.pos.
func (d *Decoder) str() (string, bool, error) {
	s := d.src
	start := d.pos + 1
	i := scanPlain(s, start)
	if i < len(s) && s[i] == '"' {
		d.at(i + 1)
		return s[start:i], false, nil
	}
	if i < len(s) && s[i] == '\\' {
		v, err := d.escapedStr(start)
		return v, true, err
	}
	if i < len(s) {
		return "", false, d.errAt(i, "control character in a string: write it as an escape such as \\n")
	}
	return "", false, d.errAt(d.pos, "unterminated string")
}

func (d *Decoder) escapedStr(start int) (string, error) {
	s := d.src
	buf := make([]byte, 0, 64)
	i := start
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			d.at(i + 1)
			return string(buf), nil
		case c < 0x20:
			return "", d.errAt(i, "control character in a string: write it as an escape such as \\n")
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		if i+1 >= len(s) {
			break
		}
		e := s[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, n, ok := unicodeEscape(s, i-2)
			if !ok {
				return "", d.errAt(i-2, "invalid \\u escape: four hex digits are needed")
			}
			i += n
			buf = utf8.AppendRune(buf, r)
		default:
			return "", d.errAt(i-2, "invalid escape \\"+string(e)+" in a string")
		}
	}
	return "", d.errAt(start-1, "unterminated string")
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
