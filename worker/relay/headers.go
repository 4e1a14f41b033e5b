package relay

import (
	"net/http"
	"strings"
)

// dropped are request headers the relay never forwards to AWS, and
// response headers it never passes back. None of them is part of a SigV4
// signature that an AWS SDK makes:
//   - hop-by-hop headers (RFC 9110, section 7.6.1), which belong to one
//     connection and not to the request;
//   - Host and Content-Length, which the relay sets itself from the target
//     and the body;
//   - cookies both ways: the relay carries no session of anyone's;
//   - what the browser or Cloudflare adds about the caller (Origin,
//     Referer, Sec-*, CF-*, X-Forwarded-*...), which AWS does not need;
//   - Accept-Encoding, which workerd rewrites on arrival ("br, gzip")
//     whatever the browser sent, so the relay cannot pass the original on:
//     a client that signs it cannot be relayed, and an unsigned one would
//     only invite a compressed answer.
var dropped = map[string]bool{
	"Connection":          true,
	"Keep-Alive":          true,
	"Proxy-Connection":    true,
	"Proxy-Authenticate":  true,
	"Proxy-Authorization": true,
	"Te":                  true,
	"Trailer":             true,
	"Transfer-Encoding":   true,
	"Upgrade":             true,
	"Expect":              true,
	"Host":                true,
	"Content-Length":      true,
	"Cookie":              true,
	"Set-Cookie":          true,
	"Set-Cookie2":         true,
	"Origin":              true,
	"Referer":             true,
	"User-Agent":          true,
	"Forwarded":           true,
	"X-Real-Ip":           true,
	"Cdn-Loop":            true,
	"Accept-Encoding":     true,
	"Priority":            true,
}

// droppedPrefixes extends dropped to header families.
var droppedPrefixes = []string{"Sec-", "Cf-", "X-Forwarded-", "Access-Control-"}

// forwarded reports whether the header named key (canonical form) passes
// the relay.
func forwarded(key string) bool {
	if dropped[key] {
		return false
	}
	for _, p := range droppedPrefixes {
		if strings.HasPrefix(key, p) {
			return false
		}
	}
	return true
}

// copyHeaders copies the headers of src that pass the relay into a new
// header.
func copyHeaders(src http.Header) http.Header {
	dst := make(http.Header, len(src))
	for k, vs := range src {
		k = http.CanonicalHeaderKey(k)
		if forwarded(k) {
			dst[k] = append(dst[k], vs...)
		}
	}
	return dst
}

// JoinSplitValues undoes the header conversion of github.com/syumai/workers,
// which splits every incoming header value at its commas into several
// values. SigV4 signs the value as sent, and Authorization itself
// ("Credential=..., SignedHeaders=..., Signature=...") has commas, so the
// pieces are joined back with the comma they were split at.
func JoinSplitValues(h http.Header) {
	for k, vs := range h {
		if len(vs) > 1 {
			h[k] = []string{strings.Join(vs, ",")}
		}
	}
}
