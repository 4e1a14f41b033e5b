package jsonpos

import "strconv"

// The decoder works in two passes. tokenize reads the whole text in one
// tight loop that keeps its place in registers: it checks the JSON grammar
// and records each value's tokens (brackets, keys, scalars), dropping white
// space, commas and colons. The methods of Decoder then walk the tokens, so
// reading a member is a few loads, not a scan.
//
// The scan stops at the first error, which it keeps on a bad last token;
// the walk reports it only when it reaches that token. Errors therefore come
// out in document order, the ones a caller finds in the values before it
// first, exactly as from a decoder that reads as it goes.

// token is one value token: a bracket, a member name or a scalar. It has
// four fields so that the compiler keeps one in registers (a bigger struct
// lives in memory, and storing it byte by byte and then copying it stalls
// the CPU on every token).
type token struct {
	off   int32 // offset of the first byte
	end   int32 // offset just past the last byte
	kind  Kind  // the kind of value it starts; Invalid for a closer or the end
	flags flags
}

// flags mark the tokens that the walk's fast paths leave to its slow ones.
type flags uint8

const (
	escaped flags = 1 << iota // a string literal with escapes
	closing                   // "}" or "]"
	// badValue: the value here is malformed (the scan's error, Decoder.err);
	// reading it reports the error, and a caller checking its kind first
	// still sees Peek's kind.
	badValue
	// badSyntax: the member name, comma or bracket expected here is
	// missing; stepping to the next member or element reports the error.
	badSyntax
	bad = badValue | badSyntax
)

// bytesPerToken sizes the first token buffer: the samples have a value
// token per sixteen bytes; compact JSON has more.
const bytesPerToken = 12

// tokenize scans d.src into d.toks. The tokens end with one for the end of
// the top-level value (at the offset of whatever follows it), or with a bad
// token.
//
// It is one function whose labels are the states of the grammar: after a
// key comes a value, after a value a comma or closer, so each step jumps
// straight to the next (a dispatch on a state variable would be a branch
// the CPU mispredicts). The usual cases are inline and call nothing: Go
// keeps no registers across a call, so a call on the hot path would cost a
// spill and a reload of every variable here.
func (d *Decoder) tokenize() {
	s := d.src
	n := len(s)
	toks := d.toks[:0]
	if cap(toks) == 0 {
		toks = make([]token, 0, n/bytesPerToken+16)
	}
	var (
		objects uint64 // bit k is set when the container at depth k+1 is an object
		depth   int
		i, j, e int
		c       byte
		closer  byte // of the innermost container
		kind    Kind
		f       flags
	)
	if i = indent(s, 0); i < n && s[i] <= ' ' {
		i = skipWhite(s, i)
	}

value: // a value starts at i (white space skipped)
	if i >= n {
		toks = append(toks, token{off: int32(i), end: int32(i), flags: d.fail(i, "unexpected end of input: a value is missing")})
		goto stop
	}
	c = s[i]
	kind, f, j = kindOf[c], 0, i+1
	switch kind {
	case String:
		if j = plainWords(s, j); j < n && s[j] == '"' {
			j++
		} else {
			j, f = d.scanString(i, j)
		}
	case Object, Array:
		if depth == MaxDepth {
			f = d.fail(i, "nesting deeper than "+strconv.Itoa(MaxDepth)+" levels")
			break
		}
		depth++
		objects = objects<<1 | uint64(kind-Array) // Object is Array+1
		toks = append(toks, token{off: int32(i), end: int32(j), kind: kind})
		if i = indent(s, j); i < n && s[i] <= ' ' {
			i = skipWhite(s, i)
		}
		if i < n && s[i] == c+2 { // '{'+2 is '}', '['+2 is ']': empty
			goto close
		}
		if kind == Object {
			goto key
		}
		goto value
	case Number:
		j, f = d.scanNumber(i)
	case Bool, Null:
		j, f = d.scanWord(i)
	default:
		f, j = d.fail(i, "unexpected "+d.describe(i)+": expected a JSON value"), i
	}
	toks = append(toks, token{off: int32(i), end: int32(j), kind: kind, flags: f})
	if f&bad != 0 {
		goto stop
	}
	i = j

next: // after a value: a comma or the closer
	if i = indent(s, i); i < n && s[i] <= ' ' {
		i = skipWhite(s, i)
	}
	if depth == 0 {
		toks = append(toks, token{off: int32(i), end: int32(i)})
		goto stop
	}
	closer = ']' | byte(objects&1)<<5 // '}' is ']'+32
	if i < n && s[i] == ',' {
		if i = indent(s, i+1); i < n && s[i] <= ' ' {
			i = skipWhite(s, i)
		}
		if i < n && s[i] == closer {
			toks = append(toks, d.badSyntax(i, "unexpected "+string(closer)+": a trailing comma is not allowed in JSON"))
			goto stop
		}
		if objects&1 != 0 {
			goto key
		}
		goto value
	}
	if i < n && s[i] == closer {
		goto close
	}
	toks = append(toks, d.badNext(i, closer))
	goto stop

close: // the closer is at i
	toks = append(toks, token{off: int32(i), end: int32(i + 1), flags: closing})
	depth--
	objects >>= 1
	i++
	goto next

key: // a member name starts at i (white space skipped)
	if i >= n || s[i] != '"' {
		toks = append(toks, d.badSyntax(i, "unexpected "+d.describe(i)+": expected a quoted member name"))
		goto stop
	}
	f, j = 0, plainWords(s, i+1)
	if j < n && s[j] == '"' {
		j++
	} else if j, f = d.scanString(i, j); f&bad != 0 {
		toks = append(toks, token{off: int32(i), end: int32(j), kind: String, flags: f&^bad | badSyntax})
		goto stop
	}
	// The colon, usually right after the name, and usually one space.
	if e = j; j < n && s[j] != ':' {
		j = skipWhite(s, j)
	}
	if j >= n || s[j] != ':' {
		toks = append(toks, d.badSyntax(j, "unexpected "+d.describe(j)+": expected : after the member name"))
		goto stop
	}
	toks = append(toks, token{off: int32(i), end: int32(e), kind: String, flags: f})
	if i = j + 1; i+1 < n && s[i] == ' ' && s[i+1] > ' ' {
		i++
		goto value
	}
	if i = indent(s, i); i < n && s[i] <= ' ' {
		i = skipWhite(s, i)
	}
	goto value

stop:
	d.toks = toks
}

// badNext returns the bad token where a comma or closer is missing at i.
func (d *Decoder) badNext(i int, closer byte) token {
	if i >= len(d.src) {
		return d.badSyntax(i, "unexpected end of input: "+string(closer)+" is missing")
	}
	return d.badSyntax(i, "unexpected "+d.describe(i)+": expected , or "+string(closer))
}

// badSyntax returns a bad token at off for a missing comma, bracket or name.
func (d *Decoder) badSyntax(off int, msg string) token {
	d.err = Error{Off: off, Msg: msg}
	return token{off: int32(off), end: int32(off), flags: badSyntax}
}

// scanString finds the end of the string literal at i, where the fast scan
// stopped at j: on a backslash, a control character or a byte of 0x80 or
// above, or short of the last eight bytes of the text. It checks escapes as
// it meets them, so the first error in the literal is the one reported and
// the reader decodes without checking again.
func (d *Decoder) scanString(i, j int) (end int, f flags) {
	s := d.src
	for j < len(s) {
		switch c := s[j]; {
		case c == '"':
			return j + 1, f
		case c == '\\':
			if j+1 == len(s) {
				j++ // a backslash at the very end: unterminated
				continue
			}
			n, msg := escape(s, j)
			if msg != "" {
				return j, f | d.fail(j, msg)
			}
			f |= escaped
			j += n
		case c < 0x20:
			return j, f | d.fail(j, "control character in a string: write it as an escape such as \\n")
		default:
			if c >= 0x80 {
				d.high = true
			}
			j = scanPlain(s, j+1)
		}
	}
	return len(s), f | d.fail(i, "unterminated string")
}

// escape returns the length of the escape at s[j] (a backslash with a byte
// after it), or why it is invalid.
func escape(s string, j int) (int, string) {
	switch e := s[j+1]; e {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, ""
	case 'u':
		if _, n, ok := unicodeEscape(s, j); ok {
			return 2 + n, ""
		}
		return 0, "invalid \\u escape: four hex digits are needed"
	default:
		return 0, "invalid escape \\" + string(e) + " in a string"
	}
}

// scanNumber finds the end of the number at i, checking its grammar.
func (d *Decoder) scanNumber(i int) (int, flags) {
	s := d.src
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
		return i, d.fail(i, "invalid number: a digit is missing")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return i, d.fail(i, "invalid number: a digit must follow the decimal point")
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return i, d.fail(i, "invalid number: the exponent has no digits")
		}
	}
	return i, 0
}

// scanWord reads true, false or null at i.
func (d *Decoder) scanWord(i int) (int, flags) {
	for _, w := range [...]string{"true", "false", "null"} {
		if len(d.src)-i >= len(w) && d.src[i:i+len(w)] == w {
			return i + len(w), 0
		}
	}
	return i, d.fail(i, "unexpected "+d.describe(i)+": expected a JSON value")
}

// fail keeps the scan's error for the walk to report at a bad value.
func (d *Decoder) fail(off int, msg string) flags {
	d.err = Error{Off: off, Msg: msg}
	return badValue
}
