package relay

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Prefix is where the Worker relays: a request for
// https://HOST/PATH?QUERY is sent to the Worker as /relay/HOST/PATH?QUERY.
// It is a prefix, not the root, because the site's static files own "/".
const Prefix = "/relay/"

// MaxURLLength bounds the path and query of a relay request, well above
// what an AWS API call needs (presigned S3 URLs with a session token are
// about 1.5 KB).
const MaxURLLength = 8 << 10

// Target is where a relay request goes: the AWS host it was signed for,
// and its path and query byte for byte as they were signed.
type Target struct {
	Host     string
	Path     string // escaped, as on the wire; starts with "/"
	RawQuery string
}

// URL is the AWS URL of the target: https://HOST/PATH?QUERY.
func (t Target) URL() *url.URL {
	u := &url.URL{Scheme: "https", Host: t.Host, RawQuery: t.RawQuery}
	// ParseTarget checked that Path unescapes and escapes back to itself.
	u.Path, _ = url.PathUnescape(t.Path)
	u.RawPath = t.Path
	return u
}

// ParseTarget reads a relay request's target from its escaped path and
// raw query. The host is everything between Prefix and the next '/', read
// before any unescaping, so that "%2F", "@" or ":" can never move the
// boundary between host and path: they are refused as characters no
// allowed host has.
func ParseTarget(escapedPath, rawQuery string) (Target, error) {
	if len(escapedPath)+len(rawQuery) > MaxURLLength {
		return Target{}, refusal(http.StatusRequestURITooLong, "the relay URL is longer than %d bytes", MaxURLLength)
	}
	rest, ok := strings.CutPrefix(escapedPath, Prefix)
	if !ok {
		return Target{}, refusal(http.StatusNotFound, "not a relay path: the relay serves %sHOST/PATH", Prefix)
	}
	host, path := rest, "/"
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	if !AllowedHost(host) {
		return Target{}, refusal(http.StatusForbidden, "host %q is not an AWS endpoint of the lab's services", clip(host))
	}
	t := Target{Host: host, Path: path, RawQuery: rawQuery}
	if t.URL().EscapedPath() != path {
		return Target{}, refusal(http.StatusBadRequest, "the path %q cannot be forwarded byte for byte", clip(path))
	}
	return t, nil
}

// RelayURL is where a request signed for the AWS URL u is sent through the
// relay at base (the Worker's origin; its path is not used):
// base/relay/HOST/PATH?QUERY. The
// client signs for u first, then sends to this URL with the same headers:
// the relay puts HOST back, so the signature still holds. u must be an
// https URL of an allowed host, with no port or user info.
func RelayURL(base, u *url.URL) (*url.URL, error) {
	if u.Scheme != "https" || u.User != nil || u.Port() != "" || u.Opaque != "" || !AllowedHost(u.Host) {
		return nil, fmt.Errorf("relay: %s is not an AWS endpoint of the lab's services", u.Redacted())
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	r := &url.URL{Scheme: base.Scheme, Host: base.Host, RawQuery: u.RawQuery}
	r.RawPath = Prefix + u.Host + path
	var err error
	if r.Path, err = url.PathUnescape(r.RawPath); err != nil {
		return nil, fmt.Errorf("relay: %w", err)
	}
	return r, nil
}

// A Refusal is a request the relay does not forward, with the HTTP status
// it answers.
type Refusal struct {
	Status int
	Reason string
}

func (r *Refusal) Error() string { return "relay: " + r.Reason }

func refusal(status int, format string, args ...any) *Refusal {
	return &Refusal{Status: status, Reason: fmt.Sprintf(format, args...)}
}

// clip shortens what a refusal quotes back from the request.
func clip(s string) string {
	const quoted = 80
	if len(s) > quoted {
		return s[:quoted] + "..."
	}
	return s
}
