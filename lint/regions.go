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
	chkRegionName = regionForms(newCheck("resources", "resource.regionName", Error,
		"an ARN whose Region is no AWS Region (\"us-east-1f\" is an Availability Zone; \"us\", \"us-east-1-f\" are nothing), or a Region of another partition",
		"リージョンが AWS のリージョンではない ARN です (\"us-east-1f\" はアベイラビリティーゾーン、\"us\" や \"us-east-1-f\" はどちらでもありません)。または別のパーティションのリージョンです").
		aa("INVALID_ARN_REGION"), "", "zone", "partition")
	chkRegionUnknown = regionForms(newCheck("resources", "resource.regionUnknown", Warning,
		"an ARN whose Region has the form of an AWS Region but is not in the catalog's list (a Region AWS opened since, or a typo)",
		"AWS のリージョンの形をしているものの、カタログの一覧にないリージョンの ARN です (その後に AWS が開設したリージョンか、入力ミスです)").
		aa("INVALID_ARN_REGION"), "unknown")
)

// regionMessages are the messages of regionFault, by form.
var regionMessages = map[string]Words{
	"": {`"{region}" is not an AWS Region: Regions are named like us-east-1, eu-west-3 or ap-northeast-1`,
		`"{region}" は AWS のリージョンではありません: リージョンは us-east-1、eu-west-3、ap-northeast-1 のような名前です`},
	"zone": {`"{region}" is an Availability Zone, not a Region: write "{write}"`,
		`"{region}" はリージョンではなくアベイラビリティーゾーンです: "{write}" と書きます`},
	"partition": {`"{region}" is a Region of the {regionPartition} partition, not of {partition}: write arn:{regionPartition}:... or a Region of {partition}`,
		`"{region}" は {partition} ではなく {regionPartition} パーティションのリージョンです: arn:{regionPartition}:... と書くか、{partition} のリージョンを書きます`},
	"unknown": {`"{region}" has the form of an {regionPartition} Region but is not one the lab knows: check the spelling (if AWS opened it recently, the catalog is older)`,
		`"{region}" は {regionPartition} のリージョンの形をしていますが、ラボの知らないリージョンです: 綴りを確かめます (AWS が最近開設したリージョンなら、カタログの方が古いためです)`},
}

// regionForms registers the given forms of regionFault's messages on a
// check.
func regionForms(c *Check, forms ...string) *Check {
	for _, f := range forms {
		c.msg(f, regionMessages[f].En, regionMessages[f].Ja)
	}
	return c
}

// regionFault says what is wrong with a Region name in partition part
// ("" or a pattern: any): the form and arguments of the message, nil if
// it is a Region there. unknown is set for a name that only has the form
// of one.
func (l *linter) regionFault(region, part string) (form string, kv []string, unknown bool) {
	if p, ok := l.cat.RegionPartition(region); ok {
		if part == "" || hasWildcard(part) || p == part || !partitions[part] {
			return "", nil, false
		}
		return "partition", []string{"region", region, "regionPartition", p, "partition", part}, false
	}
	if p, ok := l.cat.RegionShaped(region); ok {
		return "unknown", []string{"region", region, "regionPartition", p}, true
	}
	if az := strings.TrimRight(region, "abcdefghijklmnopqrstuvwxyz"); az != region {
		if _, ok := l.cat.RegionPartition(az); ok {
			return "zone", []string{"region", region, "write", az}, false
		}
	}
	return "", []string{"region", region}, false
}

// checkARNRegion reports the Region part of an ARN that names no Region.
func (l *linter) checkARNRegion(v policy.Value, parts [6]string) bool {
	region := parts[3]
	if region == "" || hasWildcard(region) || strings.Contains(region, "${") {
		return false
	}
	form, kv, unknown := l.regionFault(region, parts[1])
	switch {
	case kv == nil:
		return false
	case unknown:
		l.reportValue(chkRegionUnknown, v, form, kv...)
	default:
		l.reportValue(chkRegionName, v, form, kv...).part = region
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
		if form, kv, unknown := l.regionFault(v.S, ""); kv != nil && !unknown {
			l.reportValue(chkRegionValue, v, form, kv...)
		}
	}
}
