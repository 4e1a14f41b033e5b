package sts

import (
	"regexp"
	"strconv"

	"github.com/iamlab/iamlab/sim/protocol"
)

// The constraints of STS parameters (STS API Reference).
var (
	namePattern     = regexp.MustCompile(`^[\w+=,.@-]*$`)
	externalPattern = regexp.MustCompile(`^[\w+=,.@:/-]*$`)
	tokenPattern    = regexp.MustCompile(`^[\d]*$`)
)

// Limits of STS parameters (STS API Reference).
const (
	MaxSessionPolicy    = 2048 // "can't exceed 2,048 characters"
	MaxPolicyARNs       = 10
	MaxSessionTags      = 50
	MaxTagKey           = 128
	MaxTagValue         = 256
	MinDuration         = 900
	MaxChainedDuration  = 3600   // role chaining: "a maximum of one hour"
	MaxTokenDuration    = 129600 // GetSessionToken, GetFederationToken: 36 hours
	DefaultTokenSeconds = 43200
	RootTokenSeconds    = 3600 // root: "a maximum of one hour" and the default
)

// constraint is AWS's validation message for one member.
func constraint(value, member, rule string) *protocol.Error {
	return protocol.Validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: %s", value, member, rule)
}

// checkString checks a string parameter's length and pattern.
func checkString(v, member string, min, max int, pat *regexp.Regexp) error {
	if len(v) < min {
		return constraint(v, member, "Member must have length greater than or equal to "+strconv.Itoa(min))
	}
	if len(v) > max {
		return constraint(v, member, "Member must have length less than or equal to "+strconv.Itoa(max))
	}
	if pat != nil && !pat.MatchString(v) {
		return constraint(v, member, "Member must satisfy regular expression pattern: "+pat.String()[1:len(pat.String())-1])
	}
	return nil
}

// duration reads DurationSeconds within [MinDuration, max], def when absent.
func duration(p protocol.Params, def, max int) (int, error) {
	n, ok, err := p.Int("DurationSeconds")
	if err != nil {
		return 0, err
	}
	if !ok {
		return def, nil
	}
	if n < MinDuration {
		return 0, constraint(strconv.Itoa(n), "durationSeconds", "Member must have value greater than or equal to "+strconv.Itoa(MinDuration))
	}
	if n > max {
		return 0, constraint(strconv.Itoa(n), "durationSeconds", "Member must have value less than or equal to "+strconv.Itoa(max))
	}
	return n, nil
}
