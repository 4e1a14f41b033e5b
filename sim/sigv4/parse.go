// Package sigv4 verifies AWS Signature Version 4 the way AWS does: it
// reads the signature of a request (Authorization header, or presigned
// query parameters), and recomputes it over exactly the headers the client
// signed (the canonical request of canonical.go, held to aws-sdk-go-v2's
// own signer by FuzzSignature). It also decodes S3's
// aws-chunked payloads, checking every chunk signature or the trailing
// checksum.
package sigv4

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Algorithm is the only signing algorithm the simulated AWS accepts.
const Algorithm = "AWS4-HMAC-SHA256"

// Limits on what a signature may be.
const (
	// MaxAuthorization bounds the Authorization header (and a presigned
	// URL's signature parameters together).
	MaxAuthorization = 8 << 10
	// MaxSignedHeaders bounds the SignedHeaders list.
	MaxSignedHeaders = 64
	// MaxPresignExpires is a week: "the maximum expiration time for a
	// presigned URL is one week from the time of creation" (S3 User Guide).
	MaxPresignExpires = 7 * 24 * 60 * 60
	// MaxSkew is the largest difference between the request's time and
	// the clock that AWS accepts: "AWS rejects requests ... more than 15
	// minutes" away (IAM User Guide, signing AWS API requests).
	MaxSkew = 15 * time.Minute
)

// TimeFormat is X-Amz-Date's form.
const TimeFormat = "20060102T150405Z"

// Auth is what a request's signature says.
type Auth struct {
	Presigned   bool
	AccessKeyID string
	// Date, Region and Service are the credential scope's.
	Date, Region, Service string
	SignedHeaders         []string
	Signature             string
	// Time is X-Amz-Date (or Date).
	Time time.Time
	// Expires is a presigned URL's X-Amz-Expires, in seconds.
	Expires int
	// Token is X-Amz-Security-Token.
	Token string
}

// Scope is the credential scope: DATE/REGION/SERVICE/aws4_request.
func (a *Auth) Scope() string { return a.Date + "/" + a.Region + "/" + a.Service + "/aws4_request" }

// Signed reports whether the request carries a SigV4 signature at all.
func Signed(r *http.Request) bool {
	return r.Header.Get("Authorization") != "" || r.URL.Query().Has("X-Amz-Signature") ||
		r.URL.Query().Has("X-Amz-Credential")
}

// Parse reads the signature of a request; it returns nil and no failure
// for an unsigned request.
func Parse(r *http.Request) (*Auth, *Failure) {
	if h := r.Header.Get("Authorization"); h != "" {
		if len(h) > MaxAuthorization {
			return nil, malformed("The Authorization header is too long")
		}
		return parseHeader(r, h)
	}
	q := r.URL.Query()
	if q.Has("X-Amz-Signature") || q.Has("X-Amz-Credential") || q.Has("X-Amz-Algorithm") {
		return parseQuery(r)
	}
	return nil, nil
}

func parseHeader(r *http.Request, h string) (*Auth, *Failure) {
	alg, rest, _ := strings.Cut(h, " ")
	if alg != Algorithm {
		return nil, malformed("Unsupported Authorization Type: only " + Algorithm + " is accepted")
	}
	a := &Auth{}
	var cred, signed string
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, malformed("Authorization header requires each component to be KEY=VALUE: " + strconv.Quote(strings.TrimSpace(part)))
		}
		switch k {
		case "Credential":
			cred = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			a.Signature = v
		}
	}
	switch {
	case cred == "":
		return nil, malformed("Authorization header requires 'Credential' parameter. Authorization=" + h)
	case signed == "":
		return nil, malformed("Authorization header requires 'SignedHeaders' parameter. Authorization=" + h)
	case a.Signature == "":
		return nil, malformed("Authorization header requires 'Signature' parameter. Authorization=" + h)
	}
	if f := a.credential(cred); f != nil {
		return nil, f
	}
	if f := a.signedHeaders(signed); f != nil {
		return nil, f
	}
	if f := a.date(r.Header.Get("X-Amz-Date"), r.Header.Get("Date")); f != nil {
		return nil, f
	}
	a.Token = r.Header.Get("X-Amz-Security-Token")
	return a, a.signature()
}

func parseQuery(r *http.Request) (*Auth, *Failure) {
	q := r.URL.Query()
	if len(r.URL.RawQuery) > MaxAuthorization*4 {
		return nil, malformed("The query string is too long")
	}
	if q.Get("X-Amz-Algorithm") != Algorithm {
		return nil, malformed("X-Amz-Algorithm only supports \"" + Algorithm + "\"")
	}
	a := &Auth{Presigned: true, Signature: q.Get("X-Amz-Signature"), Token: q.Get("X-Amz-Security-Token")}
	for _, p := range []string{"X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Date"} {
		if q.Get(p) == "" {
			return nil, malformed("Query-string authentication requires the " + p + " parameter")
		}
	}
	if f := a.credential(q.Get("X-Amz-Credential")); f != nil {
		return nil, f
	}
	if f := a.signedHeaders(q.Get("X-Amz-SignedHeaders")); f != nil {
		return nil, f
	}
	if f := a.date(q.Get("X-Amz-Date"), ""); f != nil {
		return nil, f
	}
	exp := q.Get("X-Amz-Expires")
	if exp == "" {
		exp = "900" // the SDKs' default, and what AWS assumes without one
	}
	n, err := strconv.Atoi(exp)
	if err != nil || n < 1 {
		return nil, malformed("X-Amz-Expires should be a number of seconds from 1")
	}
	if n > MaxPresignExpires {
		return nil, malformed("X-Amz-Expires must be less than a week (in seconds) that is 604800")
	}
	a.Expires = n
	return a, a.signature()
}

// credential reads AKID/DATE/REGION/SERVICE/aws4_request.
func (a *Auth) credential(c string) *Failure {
	parts := strings.Split(c, "/")
	if len(parts) != 5 || parts[4] != "aws4_request" {
		return malformed("Credential should be scoped to a valid region, service and date: " + strconv.Quote(c) + " is not KEY/DATE/REGION/SERVICE/aws4_request")
	}
	for _, p := range parts[:4] {
		if p == "" {
			return malformed("Credential should be scoped with a key, a date, a region and a service: " + strconv.Quote(c))
		}
	}
	if _, err := time.Parse("20060102", parts[1]); err != nil {
		return malformed("Credential should be scoped to a valid date: " + strconv.Quote(parts[1]))
	}
	a.AccessKeyID, a.Date, a.Region, a.Service = parts[0], parts[1], parts[2], parts[3]
	return nil
}

func (a *Auth) signedHeaders(s string) *Failure {
	hs := strings.Split(s, ";")
	if len(hs) > MaxSignedHeaders {
		return malformed("SignedHeaders lists more than " + strconv.Itoa(MaxSignedHeaders) + " headers")
	}
	host := false
	for _, h := range hs {
		if h == "" || h != strings.ToLower(h) {
			return malformed("SignedHeaders must be lower-case header names separated by ';': " + strconv.Quote(s))
		}
		host = host || h == "host"
	}
	if !host {
		return malformed("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	}
	a.SignedHeaders = hs
	return nil
}

func (a *Auth) date(amz, date string) *Failure {
	if amz != "" {
		t, err := time.Parse(TimeFormat, amz)
		if err != nil {
			return malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\": " + strconv.Quote(amz))
		}
		a.Time = t
	} else if date != "" {
		t, err := http.ParseTime(date)
		if err != nil {
			return malformed("Date must be an HTTP date: " + strconv.Quote(date))
		}
		a.Time = t.UTC()
	} else {
		return malformed("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	var day [8]byte
	if string(a.Time.AppendFormat(day[:0], "20060102")) != a.Date {
		return malformed("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
			strconv.Quote(a.Date) + " != " + strconv.Quote(a.Time.Format("20060102")))
	}
	return nil
}

func (a *Auth) signature() *Failure {
	if len(a.Signature) != 64 || strings.Trim(strings.ToLower(a.Signature), "0123456789abcdef") != "" {
		return &Failure{Kind: BadSignature, Detail: "the signature is not 64 hexadecimal digits"}
	}
	return nil
}
