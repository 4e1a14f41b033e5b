package kms

import (
	"encoding/base64"
	"strconv"
)

// The Limit and Marker parameters of the List operations: "Limit ... If you
// include a value, it must be between 1 and 1000" (LimitType), "Marker ...
// Set it to the value of NextMarker from the truncated response you just
// received" (MarkerType, 1 to 1024 characters). Each operation has its own
// default and maximum page size.
const (
	MinLimit      = 1
	MaxLimit      = 1000
	MaxMarkerSize = 1024
)

// page is where a List call starts and how many items it returns.
type page struct {
	limit int
	start int
}

// readPage reads Limit and Marker. A marker is the position of the next
// item, written opaquely; one this lab did not write is refused.
func readPage(limit *int, marker *string, def, max int) (page, error) {
	p := page{limit: def}
	if limit != nil {
		if *limit < MinLimit {
			return p, belowMin(*limit, "limit", MinLimit)
		}
		if *limit > MaxLimit {
			return p, aboveMax(*limit, "limit", MaxLimit)
		}
		p.limit = min(*limit, max)
	}
	if marker != nil {
		if len(*marker) < 1 || len(*marker) > MaxMarkerSize {
			return p, invalidMarker()
		}
		b, err := base64.RawURLEncoding.DecodeString(*marker)
		if err != nil {
			return p, invalidMarker()
		}
		n, err := strconv.Atoi(string(b))
		if err != nil || n < 0 {
			return p, invalidMarker()
		}
		p.start = n
	}
	return p, nil
}

// paginate returns the page's items, the marker of the next page and
// whether there is one.
func paginate[T any](items []T, p page) ([]T, string, bool) {
	if p.start >= len(items) {
		return []T{}, "", false
	}
	end := p.start + p.limit
	if end >= len(items) {
		return items[p.start:], "", false
	}
	return items[p.start:end], base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end))), true
}

// orEmpty makes a nil list an empty one, which JSON writes as [].
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
