package sigv4

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The canonical request and the string to sign, as the IAM User Guide's
// "Create a signed AWS API request" defines them:
//
//	CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n
//	                   CanonicalHeaders \n SignedHeaders \n HashedPayload
//	StringToSign     = Algorithm \n RequestDateTime \n CredentialScope \n
//	                   HashedCanonicalRequest
//
// written over exactly the headers the client lists in SignedHeaders, in
// the forms aws-sdk-go-v2's signer gives them (reference_test.go checks
// the two against each other).

// canonicalBufs are reused for the canonical request.
var canonicalBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// signature computes the request's signature with the signing key of its
// scope.
func signature(r *http.Request, a *Auth, signingKey []byte, payloadHash string) [sha256.Size]byte {
	bp := canonicalBufs.Get().(*[]byte)
	b := canonicalRequest((*bp)[:0], r, a, payloadHash)
	sum := sha256.Sum256(b)

	// The string to sign, in the same buffer after a block for HMAC's
	// inner padded key.
	b = append(b[:0], zeroBlock[:]...)
	b = append(b, Algorithm+"\n"...)
	b = a.Time.UTC().AppendFormat(b, TimeFormat)
	b = append(b, '\n')
	b = append(b, a.Date...)
	b = append(b, '/')
	b = append(b, a.Region...)
	b = append(b, '/')
	b = append(b, a.Service...)
	b = append(b, "/aws4_request\n"...)
	b = hex.AppendEncode(b, sum[:])
	mac := hmacPadded(signingKey, b)
	*bp = b
	canonicalBufs.Put(bp)
	return mac
}

// hmacBlock is SHA-256's block size.
const hmacBlock = 64

var zeroBlock [hmacBlock]byte

// hmacPadded is HMAC-SHA256 (RFC 2104), H((K ^ opad) || H((K ^ ipad) ||
// m)), of the message that follows hmacBlock bytes of room in buf, which
// it fills with the inner padded key; the key is at most a block long.
// It allocates nothing.
func hmacPadded(key, buf []byte) [sha256.Size]byte {
	for i := range hmacBlock {
		buf[i] = 0x36
	}
	for i, k := range key {
		buf[i] ^= k
	}
	inner := sha256.Sum256(buf)
	var outer [hmacBlock + sha256.Size]byte
	for i := range hmacBlock {
		outer[i] = 0x5c
	}
	for i, k := range key {
		outer[i] ^= k
	}
	copy(outer[hmacBlock:], inner[:])
	return sha256.Sum256(outer[:])
}

func canonicalRequest(b []byte, r *http.Request, a *Auth, payloadHash string) []byte {
	b = append(b, r.Method...)
	b = append(b, '\n')
	b = appendCanonicalURI(b, r.URL.EscapedPath(), a.Service != "s3")
	b = append(b, '\n')
	b = appendCanonicalQuery(b, r.URL.RawQuery, a.Presigned)
	b = append(b, '\n')
	for _, h := range a.SignedHeaders {
		b = append(b, h...)
		b = append(b, ':')
		b = appendHeaderValue(b, r, h)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	for i, h := range a.SignedHeaders {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, h...)
	}
	b = append(b, '\n')
	return append(b, payloadHash...)
}

// appendCanonicalURI writes the path as sent, "/" when empty; every
// service but S3 encodes it once more ("each path segment must be
// URI-encoded twice ... except for Amazon S3").
func appendCanonicalURI(b []byte, path string, twice bool) []byte {
	if path == "" {
		path = "/"
	}
	if !twice {
		return append(b, path...)
	}
	for i := 0; i < len(path); i++ {
		c := path[i]
		if unreserved(c) || c == '/' {
			b = append(b, c)
			continue
		}
		b = append(b, '%', upperHex[c>>4], upperHex[c&15])
	}
	return b
}

const upperHex = "0123456789ABCDEF"

// unreserved are the characters URI encoding leaves as they are:
// "A-Z, a-z, 0-9, hyphen, underscore, period, and tilde".
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

// appendCanonicalQuery writes the query's parameters sorted by encoded
// name, then value, each encoded; a presigned URL leaves out its
// signature. Pairs that do not decode are left out, as url.ParseQuery
// leaves them.
func appendCanonicalQuery(b []byte, raw string, presigned bool) []byte {
	if raw == "" {
		return b
	}
	type pair struct{ k, v string }
	var stack [16]pair
	ps := stack[:0]
	for raw != "" {
		var kv string
		kv, raw, _ = strings.Cut(raw, "&")
		if kv == "" || strings.Contains(kv, ";") {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil || (presigned && k == "X-Amz-Signature") {
			continue
		}
		ps = append(ps, pair{encodeQueryComponent(k), encodeQueryComponent(v)})
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].k != ps[j].k {
			return ps[i].k < ps[j].k
		}
		return ps[i].v < ps[j].v
	})
	for i, p := range ps {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, p.k...)
		b = append(b, '=')
		b = append(b, p.v...)
	}
	return b
}

// encodeQueryComponent encodes every byte but the unreserved ones.
func encodeQueryComponent(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return string(b)
}

// appendHeaderValue writes a signed header's values as the SDKs sign
// them: each without leading and trailing spaces and with runs of spaces
// made one, several values joined by commas. host is the request's Host;
// content-length its length when the header itself is gone.
func appendHeaderValue(b []byte, r *http.Request, name string) []byte {
	switch name {
	case "host":
		return append(b, stripExcessSpaces(r.Host)...)
	case "content-length":
		if _, ok := r.Header["Content-Length"]; !ok {
			return strconv.AppendInt(b, r.ContentLength, 10)
		}
	}
	vs := r.Header[http.CanonicalHeaderKey(name)]
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, strings.TrimSpace(stripExcessSpaces(v))...)
	}
	return b
}

// stripExcessSpaces trims spaces at both ends and makes each run of
// spaces inside one.
func stripExcessSpaces(v string) string {
	v = strings.Trim(v, " ")
	i := strings.Index(v, "  ")
	if i < 0 {
		return v
	}
	b := []byte(v[:i+1])
	for j := i + 1; j < len(v); j++ {
		if v[j] == ' ' && b[len(b)-1] == ' ' {
			continue
		}
		b = append(b, v[j])
	}
	return string(b)
}

// MaxCachedKeys bounds the signing keys kept, one per access key and
// scope (day, region, service): four HMACs saved per request.
const MaxCachedKeys = 4096

// keyCache holds derived signing keys by secret and scope.
type keyCache struct {
	mu   sync.RWMutex
	keys map[string][]byte
}

func (c *keyCache) get(secret string, a *Auth) []byte {
	id := secret + "\x00" + a.Date + "/" + a.Region + "/" + a.Service
	c.mu.RLock()
	k, ok := c.keys[id]
	c.mu.RUnlock()
	if ok {
		return k
	}
	k = SigningKey(secret, a)
	c.mu.Lock()
	if c.keys == nil || len(c.keys) >= MaxCachedKeys {
		c.keys = map[string][]byte{}
	}
	c.keys[id] = k
	c.mu.Unlock()
	return k
}
