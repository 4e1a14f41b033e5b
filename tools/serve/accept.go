package main

import "strings"

// pickEncoding chooses brotli or gzip, whichever Accept-Encoding weighs
// more (brotli on a tie), or "" for neither. RFC 9110, 12.5.3: "A
// request without any Accept-Encoding header field implies that the user
// agent has no preferences", which we take as no compression; "An
// "identity" token is used as a synonym for "no encoding""; "The
// asterisk "*" symbol in an Accept-Encoding field matches any available
// content coding not explicitly listed in the field"; and 12.4.2: "A
// value of 0 means "not acceptable"", where "The weight is normalized to
// a real number in the range 0 through 1 ... Parameter names are
// case-insensitive".
func pickEncoding(accept string) string {
	weight := map[string]float64{}
	for _, part := range strings.Split(accept, ",") {
		coding, q, ok := codingWeight(part)
		if ok {
			weight[coding] = q
		}
	}
	of := func(coding string) float64 {
		if q, listed := weight[coding]; listed {
			return q
		}
		return weight["*"] // 0 when "*" is not listed either
	}
	br, gzip := of("br"), of("gzip")
	switch {
	case br > 0 && br >= gzip:
		return "br"
	case gzip > 0:
		return "gzip"
	}
	return ""
}

// codingWeight reads one element of Accept-Encoding, "coding;q=0.5", as
// the lower-case coding and its weight (1 without q). ok is false for an
// empty element; an unreadable weight counts as 0, so that nothing is
// sent that the client may not accept.
func codingWeight(part string) (coding string, q float64, ok bool) {
	params := strings.Split(part, ";")
	coding = strings.ToLower(strings.TrimSpace(params[0]))
	if coding == "" {
		return "", 0, false
	}
	q = 1
	for _, p := range params[1:] {
		name, value, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(name), "q") {
			q = qvalue(strings.TrimSpace(value))
		}
	}
	return coding, q, true
}

// qvalue reads a weight as RFC 9110 writes it: qvalue = ( "0" [ "." 0*3DIGIT ] )
// / ( "1" [ "." 0*3("0") ] ). Anything else reads as 0.
func qvalue(s string) float64 {
	whole, frac, _ := strings.Cut(s, ".")
	if (whole != "0" && whole != "1") || len(frac) > 3 {
		return 0
	}
	q, scale := 0.0, 0.1
	for _, c := range frac {
		if c < '0' || c > '9' || whole == "1" && c != '0' {
			return 0
		}
		q += float64(c-'0') * scale
		scale /= 10
	}
	if whole == "1" {
		return 1
	}
	return q
}
