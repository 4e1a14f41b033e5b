package jsonpos

import "unicode/utf8"

// Position is a 1-based line and column; the column counts characters
// (Unicode code points), not bytes, so it matches what an editor shows.
type Position struct {
	Line, Col int
}

// PositionOf converts a byte offset of src into a line and column.
// It scans from the start: for many offsets of one text, use a Cursor.
func PositionOf(src string, off int) Position {
	return NewCursor(src).At(off)
}

// Cursor converts offsets of one text into positions, going on from the
// last one: offsets asked in increasing order (the statements of a trace,
// the findings of a policy) cost one pass over the text in all, where
// PositionOf for each would cost a pass each.
type Cursor struct {
	src string
	off int
	pos Position
}

// NewCursor starts at the beginning of src.
func NewCursor(src string) *Cursor {
	return &Cursor{src: src, pos: Position{Line: 1, Col: 1}}
}

// Cursors keeps one Cursor per text, for callers that place positions in
// several texts, most often the same one (the policies written in one
// scenario share its text, and one pass through it serves them all).
type Cursors []*Cursor

// Of returns the cursor of src, made the first time.
func (cs *Cursors) Of(src string) *Cursor {
	for _, c := range *cs {
		if c.src == src { // usually the same string: its pointer decides
			return c
		}
	}
	c := NewCursor(src)
	*cs = append(*cs, c)
	return c
}

// At returns the position of the byte offset off. A line ends at a line
// feed, a carriage return and line feed, or a carriage return alone, as
// editors count lines.
func (c *Cursor) At(off int) Position {
	off = min(off, len(c.src))
	if off < c.off {
		c.off, c.pos = 0, Position{Line: 1, Col: 1}
	}
	src, i, line, col := c.src, c.off, c.pos.Line, c.pos.Col
	for i < off {
		switch ch := src[i]; {
		case ch == '\n' || ch == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			line++
			col = 1
			i++
			continue
		case ch < utf8.RuneSelf:
			i++
		default:
			_, n := utf8.DecodeRuneInString(src[i:])
			i += n
		}
		col++
	}
	c.off, c.pos = i, Position{Line: line, Col: col}
	return c.pos
}

// LiteralOffset maps an offset inside the decoded value of the string literal
// that starts at lit (its opening quote) in src back to an offset in src, so
// that an error inside a policy written as a JSON string can point into the
// file that holds it. For many offsets of one literal, use a LiteralCursor.
func LiteralOffset(src string, lit int, decoded int) int {
	return NewLiteralCursor(src, lit).At(decoded)
}

// LiteralCursor does what LiteralOffset does for many offsets of one
// literal, going on from the last one as Cursor does.
type LiteralCursor struct {
	src  string
	lit  int
	i, n int // the offset in src of the decoded offset n
}

// NewLiteralCursor starts at the beginning of the literal at lit.
func NewLiteralCursor(src string, lit int) *LiteralCursor {
	return &LiteralCursor{src: src, lit: lit, i: lit + 1}
}

// At returns the offset in src of the decoded offset.
func (c *LiteralCursor) At(decoded int) int {
	if decoded < c.n {
		c.i, c.n = c.lit+1, 0
	}
	src, i, n := c.src, c.i, c.n
	for n < decoded && i < len(src) {
		ch := src[i]
		if ch == '"' {
			break
		}
		if ch != '\\' || i+1 >= len(src) {
			i++
			n++
			continue
		}
		if src[i+1] != 'u' {
			i += 2
			n++
			continue
		}
		r, consumed, ok := unicodeEscape(src, i)
		if !ok {
			break
		}
		i += 2 + consumed
		n += utf8.RuneLen(r)
	}
	c.i, c.n = i, n
	return i
}

// InvalidUTF8 returns the offset of the first byte of the text that is not
// part of valid UTF-8, and false when there is none. A text the scan found
// to be ASCII needs no second look.
func (d *Decoder) InvalidUTF8() (int, bool) {
	if d.ASCII() || utf8.ValidString(d.src) {
		return 0, false
	}
	for i := 0; i < len(d.src); {
		r, n := utf8.DecodeRuneInString(d.src[i:])
		if r == utf8.RuneError && n == 1 {
			return i, true
		}
		i += n
	}
	return 0, false
}
