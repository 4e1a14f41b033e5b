package policy

import "strings"

// compareBool compares booleans written as text, case-insensitively; a value
// that is neither true nor false matches nothing.
func compareBool(cv, pv string) bool {
	c, ok1 := parseBool(cv)
	p, ok2 := parseBool(pv)
	return ok1 && ok2 && c == p
}

func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}
