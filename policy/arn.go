package policy

import (
	"math/bits"
	"strings"

	"github.com/iamlab/iamlab/internal/word"
)

// ARN is an Amazon Resource Name split into its six parts:
// arn:partition:service:region:account:resource.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits an ARN. The resource part keeps any further colons.
func ParseARN(s string) (ARN, bool) {
	if !strings.HasPrefix(s, "arn:") {
		return ARN{}, false
	}
	var c [4]int // the colons after the partition, service, region and account
	if !colons(s, &c) || c[0] == 4 || c[1] == c[0]+1 {
		return ARN{}, false // too few parts, or no partition or service
	}
	return ARN{Partition: s[4:c[0]], Service: s[c[0]+1 : c[1]], Region: s[c[1]+1 : c[2]],
		Account: s[c[2]+1 : c[3]], Resource: s[c[3]+1:]}, true
}

// colons finds the four colons of s after "arn:", eight bytes at a time,
// and reports whether it has them.
func colons(s string, c *[4]int) bool {
	n, i := 0, 4
	for ; i+8 <= len(s); i += 8 {
		for m := word.Bytes(word.Load8(s, i), ':'); m != 0; m &= m - 1 {
			c[n] = i + bits.TrailingZeros64(m)>>3
			if n++; n == len(c) {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if s[i] == ':' {
			c[n] = i
			if n++; n == len(c) {
				return true
			}
		}
	}
	return false
}

func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// MatchARN reports whether an ARN matches a pattern as the Resource element
// and the Arn condition operators compare them: "Each of the six
// colon-delimited components of the ARN is checked separately" (IAM User
// Guide, condition operators, ARN). Both are cut at their first five colons
// (the sixth part, the resource, keeps any further colons); they match when
// they have as many parts and each part matches, case-sensitively, so a
// wildcard never spans a colon between parts, and a pattern with fewer
// parts than the ARN (arn:aws:sns:*:alerts) matches nothing. "*" alone
// matches everything.
func MatchARN(pattern, arn string) bool {
	if pattern == "*" {
		return true
	}
	// Most patterns are literal up to the resource part. Compare the text
	// until the first wildcard: a difference before it is a mismatch
	// (usually early: another service, account or resource type), and one
	// after the fifth colon leaves only the resource to match.
	colons, i := literalPrefix(pattern, arn)
	for ; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*', '?', literalMark:
			if colons < 5 {
				return matchParts(pattern, arn)
			}
			return Match(pattern[i:], arn[i:], false)
		case ':':
			colons++
			fallthrough
		default:
			if i >= len(arn) || arn[i] != c {
				return false
			}
		}
	}
	return len(arn) == len(pattern)
}

// literalPrefix skips, eight bytes at a time, the text that pattern and arn
// share before any wildcard or literal mark of the pattern, and counts its
// colons. It stops at the word where they differ or the pattern has one,
// which MatchARN then reads byte by byte.
func literalPrefix(pattern, arn string) (colons, i int) {
	for i+8 <= len(pattern) && i+8 <= len(arn) {
		w := word.Load8(pattern, i)
		if w != word.Load8(arn, i) || specials(w) != 0 {
			break
		}
		colons += bits.OnesCount64(word.Bytes(w, ':'))
		i += 8
	}
	return colons, i
}

// matchParts matches the parts of ARN and pattern one by one: the first
// five end at a colon, the last takes the rest.
func matchParts(pattern, arn string) bool {
	p, a := pattern, arn
	for range 5 {
		pi := strings.IndexByte(p, ':')
		ai := strings.IndexByte(a, ':')
		if pi < 0 || ai < 0 {
			return pi < 0 && ai < 0 && Match(p, a, false) // fewer parts: as many on both sides
		}
		if !Match(p[:pi], a[:ai], false) {
			return false
		}
		p, a = p[pi+1:], a[ai+1:]
	}
	return Match(p, a, false)
}

// IsAccountID reports whether s is a 12-digit AWS account ID.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
