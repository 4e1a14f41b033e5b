package relay

import (
	"net/http"
	"slices"
	"strings"
)

// preflightMaxAge is how long (seconds) a browser may keep a preflight answer.
const preflightMaxAge = "600"

// callerOrigin decides whether the request comes from the lab's own pages.
// A browser sends Origin with every cross-origin request and every
// same-origin request but GET and HEAD; for those it sends
// "Sec-Fetch-Site: same-origin", which no page can forge. Requests with
// neither (curl, other servers) are refused: the relay serves the lab's
// pages only. cross is the origin to answer with CORS headers, empty for
// a same-origin caller.
func (rl *Relay) callerOrigin(r *http.Request) (cross string, ok bool) {
	origin := r.Header.Get("Origin")
	switch {
	case origin == "":
		return "", r.Header.Get("Sec-Fetch-Site") == "same-origin"
	case origin == ownOrigin(r):
		return "", true
	case slices.Contains(rl.origins, origin):
		return origin, true
	}
	return "", false
}

// ownOrigin is the origin the request was sent to: the Worker's, which
// serves the site. In the Workers runtime the request URL is absolute.
func ownOrigin(r *http.Request) string {
	if r.URL.IsAbs() {
		return r.URL.Scheme + "://" + r.URL.Host
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// setCORS adds the headers that let a page of origin read the answer.
func setCORS(h http.Header, origin string) {
	if origin == "" {
		return
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Add("Vary", "Origin")
	names := make([]string, 0, len(h))
	for k := range h {
		if !strings.HasPrefix(k, "Access-Control-") && k != "Vary" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	h.Set("Access-Control-Expose-Headers", strings.Join(names, ", "))
}

// preflight answers a CORS preflight from an allowed origin: the methods
// the relay forwards, and the requested headers that it forwards. A
// same-origin caller needs none of it.
func preflight(w http.ResponseWriter, r *http.Request, origin string) int {
	h := w.Header()
	if origin == "" {
		w.WriteHeader(http.StatusNoContent)
		return http.StatusNoContent
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Methods", strings.Join(allowedMethods, ", "))
	var names []string
	for _, name := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
		name = strings.TrimSpace(name)
		if name != "" && forwarded(http.CanonicalHeaderKey(name)) {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		h.Set("Access-Control-Allow-Headers", strings.Join(names, ", "))
	}
	h.Set("Access-Control-Max-Age", preflightMaxAge)
	h.Add("Vary", "Origin")
	w.WriteHeader(http.StatusNoContent)
	return http.StatusNoContent
}
