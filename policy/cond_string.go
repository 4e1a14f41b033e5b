package policy

import "strings"

func compareString(op BaseOp, cv, pv string) bool {
	switch op {
	case OpStringEquals:
		return cv == pv
	case OpStringEqualsIgnoreCase:
		return strings.EqualFold(cv, pv)
	case OpStringLike:
		return Match(pv, cv, false)
	}
	return false
}
