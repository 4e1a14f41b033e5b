package flows

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// What a recorded exchange never shows: the signature of a request (with
// it and the signed headers anyone could replay the call), session
// tokens, secret keys, passwords, the tokens Cognito issues, plaintext
// data keys, SAML assertions. A name holding one of these words (any case)
// is a secret, in headers, query strings, forms, JSON and XML.
var secretWords = []string{"signature", "secret", "token", "password", "plaintext", "privatekey", "assertion"}

// secretNames are whole names that hold secrets without saying so:
// Cognito's challenge session.
var secretNames = map[string]bool{"session": true}

func secretName(name string) bool {
	n := lower(name)
	if secretNames[n] {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// masked replaces a secret, keeping only its length.
func masked(v string) string {
	return "<masked: " + strconv.Itoa(len(v)) + " characters>"
}

// maskHeader masks a header's value: the Signature of an Authorization
// header (its credential scope and signed headers stay), and whole values
// of headers named as secrets (X-Amz-Security-Token).
func maskHeader(name, v string) string {
	if strings.EqualFold(name, "Authorization") {
		return authSignature.ReplaceAllStringFunc(v, func(m string) string {
			return "Signature=" + masked(m[len("Signature="):])
		})
	}
	if secretName(name) {
		return masked(v)
	}
	return v
}

var authSignature = regexp.MustCompile(`Signature=[0-9a-fA-F]+`)

// maskURL masks a presigned URL's signature and token.
func maskURL(u *url.URL) string {
	c := *u
	if c.RawQuery != "" {
		c.RawQuery = maskForm(c.RawQuery)
	}
	return c.String()
}

// maskBody masks the secrets of a form, JSON or XML body.
func maskBody(s, contentType string) string {
	switch ct := lower(contentType); {
	case strings.Contains(ct, "x-www-form-urlencoded"):
		return maskForm(s)
	case strings.Contains(ct, "json"):
		return maskJSON(s)
	case strings.Contains(ct, "xml"), strings.HasPrefix(strings.TrimSpace(s), "<"):
		return maskXML(s)
	case strings.HasPrefix(strings.TrimSpace(s), "{"):
		return maskJSON(s)
	}
	return s
}

var formPair = regexp.MustCompile(`(^|&)([^=&]*)=([^&]*)`)

func maskForm(s string) string {
	return replaceMatches(formPair, s, func(m string, g []string) string {
		name, err := url.QueryUnescape(g[2])
		if err != nil || !secretName(name) {
			return m
		}
		v, _ := url.QueryUnescape(g[3])
		return g[1] + g[2] + "=" + url.QueryEscape(masked(v))
	})
}

// jsonPair is a member whose value is a string; the value's escapes are
// kept whole.
var jsonPair = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"`)

func maskJSON(s string) string {
	return replaceMatches(jsonPair, s, func(m string, g []string) string {
		if !secretName(g[1]) {
			return m
		}
		return `"` + g[1] + `"` + g[2] + `"` + masked(g[3]) + `"`
	})
}

var xmlElement = regexp.MustCompile(`<([A-Za-z][\w.-]*)>([^<]*)</([A-Za-z][\w.-]*)>`)

func maskXML(s string) string {
	return replaceMatches(xmlElement, s, func(m string, g []string) string {
		if g[1] != g[3] || !secretName(g[1]) {
			return m
		}
		return "<" + g[1] + ">" + masked(g[2]) + "</" + g[1] + ">"
	})
}

// replaceMatches is ReplaceAllStringFunc whose func also gets the match's
// groups: one pass of the expression, not a second one per match (every
// recorded exchange's bodies go through it).
func replaceMatches(re *regexp.Regexp, s string, fn func(m string, g []string) string) string {
	all := re.FindAllStringSubmatchIndex(s, -1)
	if all == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, loc := range all {
		g := make([]string, len(loc)/2)
		for i := range g {
			if loc[2*i] >= 0 {
				g[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		b.WriteString(s[last:loc[0]])
		b.WriteString(fn(g[0], g))
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}
