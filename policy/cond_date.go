package policy

import (
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the ISO 8601 forms AWS accepts in date conditions: the
// W3C profile it names (year and month, date, then hours and minutes,
// seconds, fractions, with a zone) and the basic form. A year alone reads
// as epoch seconds, which AWS also accepts.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
	"20060102T150405Z",
}

// minEpoch and maxEpoch are the epoch seconds of the years 1 and 9999,
// the span of an ISO 8601 date: a number outside it is no date (and would
// overflow a conversion to whole seconds).
const (
	minEpoch = -62135596800
	maxEpoch = 253402300799
)

// ParseDate reads a date as AWS does: ISO 8601 (in UTC unless it gives an
// offset) or seconds since the Unix epoch.
func ParseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if isEpoch(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < minEpoch || f > maxEpoch {
			return time.Time{}, false
		}
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), true
	}
	if t, ok := utcSeconds(s); ok {
		return t, true
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

// utcSeconds reads the usual form, 2006-01-02T15:04:05Z, without trying
// the layouts one by one. It accepts only what time.Parse would, and the
// same instant; anything else is left to the layouts.
func utcSeconds(s string) (time.Time, bool) {
	if len(s) != len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}, false
	}
	century, yy := digits2(s, 0), digits2(s, 2)
	m, d := digits2(s, 5), digits2(s, 8)
	hh, mm, ss := digits2(s, 11), digits2(s, 14), digits2(s, 17)
	y := century*100 + yy
	// digits2 returns 100 for bytes that are no digits.
	if century > 99 || yy > 99 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) || hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false
	}
	return time.Unix(daysSinceEpoch(y, m, d)*86400+int64(hh*3600+mm*60+ss), 0).UTC(), true
}

// digits2 reads the two digits at s[i:], or returns 100 or more when one
// is not a digit.
func digits2(s string, i int) int {
	a, b := uint(s[i]-'0'), uint(s[i+1]-'0')
	if a > 9 || b > 9 {
		return 100
	}
	return int(a*10 + b)
}

// daysIn returns the number of days of a month of the Gregorian calendar,
// as time.Parse checks them.
func daysIn(m, year int) int {
	if m == 2 {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 30 + (m+m/8)&1
}

// daysSinceEpoch counts the days from 1970-01-01 to a date of the
// proleptic Gregorian calendar (H. Hinnant's days_from_civil).
func daysSinceEpoch(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= -1: no rounding toward zero to correct
	if y < 0 {
		era = -1
	}
	yoe := y - era*400
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468)
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
