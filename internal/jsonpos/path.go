package jsonpos

import "strconv"

// PathAt names the value of src that holds the byte offset off, as
// identityPolicies[0].document: the innermost value that spans off, or for
// an offset on a member's key, that member. Errors carry only offsets while
// a document is read; the path is worked out here, once, when one is reported.
func PathAt(src string, off int) string {
	d := NewDecoder(src)
	p := ""
	for {
		k, start := d.Peek()
		if off < int(start) || (k != Object && k != Array) {
			return p
		}
		next, ok := d.child(off)
		if !ok {
			return p
		}
		p = join(p, next)
	}
}

// child reads the object or array at the decoder's position up to the
// member or element that holds off, leaves the decoder at that value, and
// returns its step (".key" or "[i]").
func (d *Decoder) child(off int) (string, bool) {
	k, _ := d.Peek()
	if d.Enter(k) != nil {
		return "", false
	}
	for i := 0; ; i++ {
		var step string
		if k == Object {
			key, keyOff, ok, err := d.Member()
			if err != nil || !ok || off < int(keyOff) {
				return "", false
			}
			step = "." + key
		} else {
			ok, err := d.Element()
			if err != nil || !ok {
				return "", false
			}
			step = "[" + strconv.Itoa(i) + "]"
		}
		if _, start := d.Peek(); k == Array && off < int(start) {
			return "", false // on the array itself, before this element
		}
		save := *d
		if d.Skip() != nil || off < d.valueEnd() {
			*d = save
			return step, true
		}
	}
}

func join(p, step string) string {
	if p == "" && step[0] == '.' {
		return step[1:]
	}
	return p + step
}

// valueEnd returns the offset of the first byte after the value just read
// that is not white space.
func (d *Decoder) valueEnd() int { return skipWhite(d.src, int(d.toks[d.i-1].end)) }
