package policy

import "strconv"

// compareNumeric compares decimal numbers; a value that is not a number
// matches nothing.
func compareNumeric(op BaseOp, cv, pv string) bool {
	c, err1 := strconv.ParseFloat(cv, 64)
	p, err2 := strconv.ParseFloat(pv, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	switch op {
	case OpNumericEquals:
		return c == p
	case OpNumericLessThan:
		return c < p
	case OpNumericLessThanEquals:
		return c <= p
	case OpNumericGreaterThan:
		return c > p
	case OpNumericGreaterThanEquals:
		return c >= p
	}
	return false
}
