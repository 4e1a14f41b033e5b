package relay

import "strings"

// awsSuffix is the only domain the relay forwards to. Every service
// endpoint of the lab lives under it in the aws partition (AWS General
// Reference, "Service endpoints": "protocol://service-code.region-code.amazonaws.com").
const awsSuffix = ".amazonaws.com"

// MaxHostLength bounds the host name read from a relay path (DNS names are
// at most 253 characters).
const MaxHostLength = 253

// global is the set of endpoints that have no region in their name: IAM
// and Route 53 are global services ("iam.amazonaws.com",
// "route53.amazonaws.com"), STS keeps its legacy global endpoint
// ("sts.amazonaws.com"), and S3 its path-style one ("s3.amazonaws.com").
var global = map[string]bool{
	"iam":     true,
	"route53": true,
	"sts":     true,
	"s3":      true,
}

// regional is the set of services whose endpoint is
// "service.region.amazonaws.com": STS's regional endpoints, Cognito user
// pools (cognito-idp) and identity pools (cognito-identity), KMS, ACM and
// S3 (path-style).
var regional = map[string]bool{
	"sts":              true,
	"cognito-idp":      true,
	"cognito-identity": true,
	"kms":              true,
	"acm":              true,
	"s3":               true,
}

// AllowedHost reports whether host is an AWS endpoint of a service the
// lab uses. It is an exact grammar, not a pattern: lower-case letters,
// digits, dots and hyphens only, ending in ".amazonaws.com" with nothing
// after it, so that IP literals in any form (decimal, hex, octal,
// bracketed IPv6), ports, user info, trailing dots and lookalikes
// ("sts.amazonaws.com.evil.test", "evilsts.amazonaws.com") are all
// refused, and so are other AWS services (EC2, Lambda...).
func AllowedHost(host string) bool {
	if len(host) > MaxHostLength || !hostChars(host) {
		return false
	}
	name, ok := strings.CutSuffix(host, awsSuffix)
	if !ok {
		return false
	}
	labels := strings.Split(name, ".")
	switch len(labels) {
	case 1: // service.amazonaws.com
		return global[labels[0]]
	case 2: // service.region.amazonaws.com, or bucket.s3.amazonaws.com
		if labels[1] == "s3" {
			return bucketLabel(labels[0])
		}
		return regional[labels[0]] && region(labels[1])
	case 3: // bucket.s3.region.amazonaws.com (virtual-hosted–style S3)
		return labels[1] == "s3" && bucketLabel(labels[0]) && region(labels[2])
	}
	return false
}

// hostChars reports whether s is made of lower-case letters, digits, dots
// and hyphens only: no '%', '@', ':', '[', upper case or white space can
// reach a host name the relay forwards to.
func hostChars(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// region reports whether s has the shape of an AWS Region code: an area,
// one or more words and a number ("us-east-1", "ap-southeast-2").
func region(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 || len(parts[0]) != 2 || !letters(parts[0]) {
		return false
	}
	for _, p := range parts[1 : len(parts)-1] {
		if p == "" || !letters(p) {
			return false
		}
	}
	n := parts[len(parts)-1]
	return len(n) >= 1 && len(n) <= 2 && digits(n)
}

// bucketLabel reports whether the host label s can be a bucket name in a
// virtual-hosted–style S3 host. The S3 User Guide: "Bucket names must be
// between 3 and 63 characters long", "can consist only of lowercase
// letters, numbers, periods (.), and hyphens (-)", "must begin and end
// with a letter or number". A label has no periods: names with periods
// break the TLS certificate of virtual-hosted requests, and the SDKs send
// them path-style, so they never need this form.
func bucketLabel(s string) bool {
	return len(s) >= 3 && len(s) <= 63 && s[0] != '-' && s[len(s)-1] != '-'
}

func letters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
