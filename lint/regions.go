package lint

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

// Region names are checked against the partitions AWS publishes (the
// catalog takes them from aws-sdk-go-v2's endpoint data). Access Analyzer
// reports "Invalid ARN Region" and "Invalid Region" as errors; a name that
// has the form of a partition's Regions but is not in the list may be a
// Region opened after the catalog was built, and is only a warning.
var (
	chkRegionName = newCheck("resources", "resource.regionName", Error,
		"an ARN whose Region is no AWS Region (\"us-east-1f\" is an Availability Zone; \"us\", \"us-east-1-f\" are nothing), or a Region of another partition").
		aa("INVALID_ARN_REGION")
	chkRegionUnknown = newCheck("resources", "resource.regionUnknown", Warning,
		"an ARN whose Region has the form of an AWS Region but is not in the catalog's list (a Region AWS opened since, or a typo)").
		aa("INVALID_ARN_REGION")
)

// regionFault says what is wrong with a Region name in partition part
// ("" or a pattern: any), or returns "" if it is a Region there. unknown is
// set for a name that only has the form of one.
func (l *linter) regionFault(region, part string) (msg string, unknown bool) {
	if p, ok := l.cat.RegionPartition(region); ok {
		if part == "" || hasWildcard(part) || p == part || !partitions[part] {
			return "", false
		}
		return quote(region) + " is a Region of the " + p + " partition, not of " + part + ": write arn:" + p + ":... or a Region of " + part, false
	}
	if p, ok := l.cat.RegionShaped(region); ok {
		return quote(region) + " has the form of an " + p + " Region but is not one the lab knows: check the spelling (if AWS opened it recently, the catalog is older)", true
	}
	msg = quote(region) + " is not an AWS Region: Regions are named like us-east-1, eu-west-3 or ap-northeast-1"
	if az := strings.TrimRight(region, "abcdefghijklmnopqrstuvwxyz"); az != region {
		if _, ok := l.cat.RegionPartition(az); ok {
			msg = quote(region) + " is an Availability Zone, not a Region: write " + quote(az)
		}
	}
	return msg, false
}

// checkARNRegion reports the Region part of an ARN that names no Region.
func (l *linter) checkARNRegion(v policy.Value, parts [6]string) bool {
	region := parts[3]
	if region == "" || hasWildcard(region) || strings.Contains(region, "${") {
		return false
	}
	msg, unknown := l.regionFault(region, parts[1])
	switch {
	case msg == "":
		return false
	case unknown:
		l.reportValue(chkRegionUnknown, v, msg)
	default:
		l.reportValue(chkRegionName, v, msg).part = region
	}
	return true
}

// checkRegionValues reports values of aws:RequestedRegion that name no
// Region. With a Like operator a value with wildcards is a pattern.
func (l *linter) checkRegionValues(c *policy.Condition) {
	if l.cat == nil || !strings.EqualFold(c.Key, "aws:RequestedRegion") || c.Op.Base.Type() != "String" {
		return
	}
	for _, v := range c.Values {
		if policy.HasVariable(v.S) || isLike(c.Op.Base) && hasWildcard(v.S) {
			continue
		}
		if msg, unknown := l.regionFault(v.S, ""); msg != "" && !unknown {
			l.reportValue(chkRegionValue, v, msg)
		}
	}
}
