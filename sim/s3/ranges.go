package s3

import (
	"net/http"
	"strconv"
	"strings"
)

// byteRange is the part of an object a Range header asks for: bytes
// start to end, both included.
type byteRange struct{ start, end int64 }

// parseRange reads a Range header (RFC 9110, "bytes=first-last",
// "bytes=first-", "bytes=-suffix") for an object of size bytes. It
// reports ok false when no range applies: no header, one it cannot read,
// or several ranges ("Amazon S3 doesn't support retrieving multiple
// ranges of data per GET request"), which S3 answers with the whole
// object. A range that starts past the end is InvalidRange.
func parseRange(h string, size int64) (r byteRange, ok bool, err *Error) {
	spec, found := strings.CutPrefix(strings.TrimSpace(h), "bytes=")
	if !found || strings.Contains(spec, ",") {
		return r, false, nil
	}
	first, last, found := strings.Cut(strings.TrimSpace(spec), "-")
	if !found {
		return r, false, nil
	}
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	unsatisfiable := errorf(http.StatusRequestedRangeNotSatisfiable, "InvalidRange", "The requested range is not satisfiable",
		Field{"RangeRequested", h}, Field{"ActualObjectSize", strconv.FormatInt(size, 10)})
	if first == "" {
		n, ok := digits(last)
		if !ok {
			return r, false, nil
		}
		if n == 0 || size == 0 {
			return r, false, unsatisfiable
		}
		return byteRange{max(size-n, 0), size - 1}, true, nil
	}
	a, okA := digits(first)
	if !okA {
		return r, false, nil
	}
	b := size - 1
	if last != "" {
		var okB bool
		if b, okB = digits(last); !okB || b < a {
			return r, false, nil
		}
	}
	if a >= size {
		return r, false, unsatisfiable
	}
	return byteRange{a, min(b, size-1)}, true, nil
}

// digits reads a non-negative decimal number of at most 18 digits (no
// sign, no overflow).
func digits(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}
