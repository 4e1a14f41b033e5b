package s3

import (
	"net/netip"
	"strings"
)

// Bucket name lengths: "Bucket names must be between 3 (minimum) and 63
// (maximum) characters long" (S3 User Guide, general purpose bucket
// naming rules).
const (
	minBucketName = 3
	maxBucketName = 63
)

// reservedPrefixes and reservedSuffixes are the starts and ends the naming
// rules reserve ("must not start with the prefix xn--", "sthree-",
// "amzn-s3-demo-"; "must not end with the suffix -s3alias", "--ol-s3",
// ".mrap", "--x-s3", "--table-s3").
var (
	reservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	reservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// validBucketName applies the general purpose bucket naming rules: 3 to
// 63 characters, "only lowercase letters, numbers, periods (.), and
// hyphens (-)", beginning and ending "with a letter or number", "must not
// contain two adjacent periods", "must not be formatted as an IP address",
// and the reserved prefixes and suffixes.
func validBucketName(name string) bool {
	if len(name) < minBucketName || len(name) > maxBucketName {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	if !alnum(name[0]) || !alnum(name[len(name)-1]) || strings.Contains(name, "..") {
		return false
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return false
	}
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	for _, s := range reservedSuffixes {
		if strings.HasSuffix(name, s) {
			return false
		}
	}
	return true
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
