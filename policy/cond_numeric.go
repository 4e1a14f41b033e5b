package policy

import "strconv"

// compareNumeric compares decimal numbers; a value that is not a number
// matches nothing.
func compareNumeric(op BaseOp, cv, pv string) bool {
	c, ok1 := ParseNumber(cv)
	p, ok2 := ParseNumber(pv)
	if !ok1 || !ok2 {
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

// ParseNumber reads an integer or a decimal, as AWS documents numeric
// values (an exponent is taken too). strconv.ParseFloat alone would also
// take NaN, Inf and hexadecimal, which are no numbers to AWS.
func ParseNumber(s string) (float64, bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
