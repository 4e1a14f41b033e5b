package jsonpos

import "unicode/utf8"

// Position is a 1-based line and column; the column counts characters
// (Unicode code points), not bytes, so it matches what an editor shows.
type Position struct {
	Line, Col int
}

// PositionOf converts a byte offset of src into a line and column.
// It scans from the start: positions are computed only to report them.
func PositionOf(src string, off int) Position {
	if off > len(src) {
		off = len(src)
	}
	line, col := 1, 1
	for i := 0; i < off; {
		c := src[i]
		if c == '\n' {
			line++
			col = 1
			i++
			continue
		}
		if c < utf8.RuneSelf {
			i++
		} else {
			_, n := utf8.DecodeRuneInString(src[i:])
			i += n
		}
		col++
	}
	return Position{Line: line, Col: col}
}

// LiteralOffset maps an offset inside the decoded value of the string literal
// that starts at lit (its opening quote) in src back to an offset in src, so
// that an error inside a policy written as a JSON string can point into the
// file that holds it.
func LiteralOffset(src string, lit int, decoded int) int {
	i := lit + 1
	for n := 0; n < decoded && i < len(src); {
		c := src[i]
		if c == '"' {
			break
		}
		if c != '\\' || i+1 >= len(src) {
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
			return i
		}
		i += 2 + consumed
		n += utf8.RuneLen(r)
	}
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
