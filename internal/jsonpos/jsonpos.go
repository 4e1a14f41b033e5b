// Package jsonpos is a small, fast JSON parser that keeps the byte offset of
// every value and object key, so that callers can report line and column.
//
// It parses into a flat arena of nodes (one allocation for the whole tree in
// the common case) and takes strings without escapes as substrings of the
// input, so parsing a policy or scenario costs little more than reading it.
package jsonpos

import (
	"strconv"
	"unicode/utf8"
)

// Limits protect the parser from hostile input.
const (
	// MaxDepth is the deepest nesting of arrays and objects accepted.
	MaxDepth = 64
	// MaxNodes is the largest number of values in one document.
	MaxNodes = 1 << 20
)

// Kind is the JSON type of a node.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string { return kindNames[k] }

// Node is one JSON value. Object members carry their key.
type Node struct {
	Kind Kind
	// Escaped is true for a string whose source literal had escapes.
	Escaped bool
	// Off is the byte offset of the value's first byte (the quote of a string).
	Off int32
	// End is the byte offset just past the value.
	End int32
	// KeyOff is the byte offset of the member's key quote (objects only).
	KeyOff int32
	// First and Count locate the children of an array or object in Doc.Nodes.
	First, Count int32
	// Str is the decoded string, the literal text of a number, or "true"/"false".
	Str string
	// Key is the decoded member name when the node is an object member.
	Key string
}

// Doc is a parsed document.
type Doc struct {
	Src   string
	Nodes []Node
	Root  int32
}

// Error is a syntax error at a byte offset of the input.
type Error struct {
	Off int
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// Children returns the members of an object or the elements of an array.
func (d *Doc) Children(n *Node) []Node {
	return d.Nodes[n.First : n.First+n.Count]
}

// RootNode returns the top-level value.
func (d *Doc) RootNode() *Node { return &d.Nodes[d.Root] }

type parser struct {
	src   string
	pos   int
	nodes []Node
	stack []Node
	depth int
}

// Parse parses src, which must hold exactly one JSON value.
func Parse(src string) (*Doc, error) {
	p := parser{src: src}
	// Roughly one node per 24 bytes of indented JSON: size the arena once.
	guess := len(src)/24 + 4
	p.nodes = make([]Node, 0, guess)
	p.stack = make([]Node, 0, 32)
	if err := p.value(); err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return nil, p.errf(p.pos, "unexpected "+p.describe(p.pos)+" after the JSON value")
	}
	root := p.stack[0]
	p.nodes = append(p.nodes, root)
	return &Doc{Src: src, Nodes: p.nodes, Root: int32(len(p.nodes) - 1)}, nil
}

func (p *parser) errf(off int, msg string) error { return &Error{Off: off, Msg: msg} }

func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(p.src[off:])
	return strconv.QuoteRune(r)
}

func (p *parser) skipSpace() {
	s, i := p.src, p.pos
	for i < len(s) {
		switch s[i] {
		case ' ', '\n', '\t', '\r':
			i++
		default:
			p.pos = i
			return
		}
	}
	p.pos = i
}

// value parses one value and pushes it on the stack.
func (p *parser) value() error {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return p.errf(p.pos, "unexpected end of input: a value is missing")
	}
	if len(p.nodes)+len(p.stack) >= MaxNodes {
		return p.errf(p.pos, "document too large: more than "+strconv.Itoa(MaxNodes)+" values")
	}
	switch c := p.src[p.pos]; c {
	case '{':
		return p.container(Object, '}')
	case '[':
		return p.container(Array, ']')
	case '"':
		start := p.pos
		s, esc, err := p.str()
		if err != nil {
			return err
		}
		p.stack = append(p.stack, Node{Kind: String, Off: int32(start), End: int32(p.pos), Str: s, Escaped: esc})
		return nil
	case 't':
		return p.literal("true", Bool)
	case 'f':
		return p.literal("false", Bool)
	case 'n':
		return p.literal("null", Null)
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return p.number()
		}
		return p.errf(p.pos, "unexpected "+p.describe(p.pos)+": expected a JSON value")
	}
}

func (p *parser) literal(word string, k Kind) error {
	if len(p.src)-p.pos < len(word) || p.src[p.pos:p.pos+len(word)] != word {
		return p.errf(p.pos, "unexpected "+p.describe(p.pos)+": expected a JSON value")
	}
	start := p.pos
	p.pos += len(word)
	p.stack = append(p.stack, Node{Kind: k, Off: int32(start), End: int32(p.pos), Str: word})
	return nil
}

func (p *parser) number() error {
	s, i := p.src, p.pos
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
		return p.errf(i, "invalid number: a digit is missing")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return p.errf(i, "invalid number: a digit must follow the decimal point")
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return p.errf(i, "invalid number: the exponent has no digits")
		}
	}
	p.pos = i
	p.stack = append(p.stack, Node{Kind: Number, Off: int32(start), End: int32(i), Str: s[start:i]})
	return nil
}

// container parses an array or object. Its children are collected on the
// stack and moved into the arena in one piece when it closes, so that the
// children of every container are contiguous.
func (p *parser) container(k Kind, closer byte) error {
	start := p.pos
	p.depth++
	if p.depth > MaxDepth {
		return p.errf(start, "nesting deeper than "+strconv.Itoa(MaxDepth)+" levels")
	}
	p.pos++ // opening bracket
	base := len(p.stack)
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == closer {
		p.pos++
	} else {
		for {
			if err := p.element(k); err != nil {
				return err
			}
			p.skipSpace()
			if p.pos >= len(p.src) {
				return p.errf(p.pos, "unexpected end of input: "+string(closer)+" is missing to close the "+k.String()+" opened at offset "+strconv.Itoa(start))
			}
			c := p.src[p.pos]
			p.pos++
			if c == closer {
				break
			}
			if c != ',' {
				return p.errf(p.pos-1, "unexpected "+p.describe(p.pos-1)+": expected , or "+string(closer))
			}
		}
	}
	p.depth--
	first := len(p.nodes)
	p.nodes = append(p.nodes, p.stack[base:]...)
	count := len(p.stack) - base
	p.stack = p.stack[:base]
	p.stack = append(p.stack, Node{Kind: k, Off: int32(start), End: int32(p.pos), First: int32(first), Count: int32(count)})
	return nil
}

// element parses one array element or one object member.
func (p *parser) element(k Kind) error {
	if k == Array {
		return p.value()
	}
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '"' {
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			return p.errf(p.pos, "unexpected }: a trailing comma is not allowed in JSON")
		}
		return p.errf(p.pos, "unexpected "+p.describe(p.pos)+": expected a quoted member name")
	}
	keyOff := p.pos
	key, _, err := p.str()
	if err != nil {
		return err
	}
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != ':' {
		return p.errf(p.pos, "unexpected "+p.describe(p.pos)+": expected : after the member name")
	}
	p.pos++
	if err := p.value(); err != nil {
		return err
	}
	n := &p.stack[len(p.stack)-1]
	n.Key = key
	n.KeyOff = int32(keyOff)
	return nil
}

// str parses a string literal at p.pos. A literal without escapes is returned
// as a substring of the input, without copying.
func (p *parser) str() (string, bool, error) {
	s := p.src
	start := p.pos + 1
	i := start
	for i < len(s) {
		c := s[i]
		if c == '"' {
			p.pos = i + 1
			return s[start:i], false, nil
		}
		if c == '\\' {
			return p.escapedStr(start)
		}
		if c < 0x20 {
			return "", false, p.errf(i, "control character in a string: write it as an escape such as \\n")
		}
		i++
	}
	return "", false, p.errf(p.pos, "unterminated string")
}

func (p *parser) escapedStr(start int) (string, bool, error) {
	s := p.src
	buf := make([]byte, 0, 64)
	i := start
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return string(buf), true, nil
		case c < 0x20:
			return "", false, p.errf(i, "control character in a string: write it as an escape such as \\n")
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
			r, n, err := p.unicodeEscape(i - 2)
			if err != nil {
				return "", false, err
			}
			i += n
			buf = utf8.AppendRune(buf, r)
		default:
			return "", false, p.errf(i-2, "invalid escape \\"+string(e)+" in a string")
		}
	}
	return "", false, p.errf(start-1, "unterminated string")
}

// unicodeEscape decodes \uXXXX (and a following low surrogate) at off and
// returns the rune and how many bytes after "\u" it consumed.
func (p *parser) unicodeEscape(off int) (rune, int, error) {
	r1, ok := hex4(p.src, off+2)
	if !ok {
		return 0, 0, p.errf(off, "invalid \\u escape: four hex digits are needed")
	}
	if r1 < 0xD800 || r1 > 0xDFFF {
		return r1, 4, nil
	}
	if r1 <= 0xDBFF && off+12 <= len(p.src) && p.src[off+6] == '\\' && p.src[off+7] == 'u' {
		if r2, ok := hex4(p.src, off+8); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
			return (r1-0xD800)<<10 | (r2 - 0xDC00) + 0x10000, 10, nil
		}
	}
	return utf8.RuneError, 4, nil
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
