package iamlab

import (
	"fmt"
	"strconv"
	"strings"
)

// parseInfo reads the attributes after "iamlab": key=value pairs where a
// value may be a Go-style quoted string (title="a b").
func parseInfo(info string) (expect, title string, err error) {
	rest := strings.TrimSpace(strings.TrimPrefix(info, "iamlab"))
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			return "", "", fmt.Errorf("iamlab block: attribute %q is not key=value", rest)
		}
		key := strings.TrimSpace(rest[:eq])
		rest = strings.TrimLeft(rest[eq+1:], " ")
		var val string
		if strings.HasPrefix(rest, `"`) {
			q, qerr := strconv.QuotedPrefix(rest)
			if qerr != nil {
				return "", "", fmt.Errorf("iamlab block: %s: unterminated quote", key)
			}
			val, _ = strconv.Unquote(q)
			rest = rest[len(q):]
		} else {
			end := strings.IndexByte(rest, ' ')
			if end < 0 {
				end = len(rest)
			}
			val, rest = rest[:end], rest[end:]
		}
		rest = strings.TrimLeft(rest, " ")
		switch key {
		case "expect":
			if !Decisions[val] {
				return "", "", fmt.Errorf("iamlab block: expect=%s: want allowed, explicitDeny or implicitDeny", val)
			}
			expect = val
		case "title":
			title = val
		default:
			return "", "", fmt.Errorf("iamlab block: unknown attribute %q", key)
		}
	}
	if expect == "" {
		return "", "", fmt.Errorf("iamlab block: no expect=... (the stated answer)")
	}
	return expect, title, nil
}
