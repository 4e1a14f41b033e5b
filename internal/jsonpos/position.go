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
	for n := 0; n < decoded && i < len(src); n++ {
		c := src[i]
		if c == '"' {
			break
		}
		if c != '\\' || i+1 >= len(src) {
			i++
			continue
		}
		if src[i+1] != 'u' {
			i += 2
			continue
		}
		// A \uXXXX escape decodes to 1-4 bytes; count them all.
		r, ok := hex4(src, i+2)
		step := 6
		if ok && r >= 0xD800 && r <= 0xDBFF && i+12 <= len(src) && src[i+6] == '\\' && src[i+7] == 'u' {
			if r2, ok2 := hex4(src, i+8); ok2 && r2 >= 0xDC00 && r2 <= 0xDFFF {
				r = (r-0xD800)<<10 | (r2 - 0xDC00) + 0x10000
				step = 12
			}
		}
		n += utf8.RuneLen(r) - 1
		if !ok || utf8.RuneLen(r) < 0 {
			n -= utf8.RuneLen(r) - 1
		}
		i += step
	}
	return i
}
