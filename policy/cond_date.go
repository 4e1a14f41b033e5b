package policy

import (
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the ISO 8601 forms AWS accepts in date conditions.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"20060102T150405Z",
}

// ParseDate reads a date as AWS does: ISO 8601 (in UTC unless it gives an
// offset) or seconds since the Unix epoch.
func ParseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if isEpoch(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return time.Time{}, false
		}
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// Lower-case t and z are accepted by ISO 8601 readers too.
	if u := strings.ToUpper(s); u != s {
		return ParseDate(u)
	}
	return time.Time{}, false
}

func isEpoch(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0:
			dot = true
		case c == '-' && i == 0 && len(s) > 1:
		default:
			return false
		}
	}
	return true
}

func compareDate(op BaseOp, cv, pv string) bool {
	c, ok1 := ParseDate(cv)
	p, ok2 := ParseDate(pv)
	if !ok1 || !ok2 {
		return false
	}
	switch op {
	case OpDateEquals:
		return c.Equal(p)
	case OpDateLessThan:
		return c.Before(p)
	case OpDateLessThanEquals:
		return !c.After(p)
	case OpDateGreaterThan:
		return c.After(p)
	case OpDateGreaterThanEquals:
		return !c.Before(p)
	}
	return false
}
