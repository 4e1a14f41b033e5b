package catalog

import "strings"

// Partition is a group of AWS Regions (aws, aws-cn, aws-us-gov...) as the
// AWS SDKs publish them; tools/catalog takes them from aws-sdk-go-v2.
type Partition struct {
	// ID is the partition's name, as it appears in ARNs: "aws".
	ID string `json:"id"`
	// Regions are the partition's Region names: "us-east-1".
	Regions []string `json:"r"`
	// Prefixes are how the partition's Region names begin. The SDKs
	// recognize a Region of the partition by the form PREFIX-NAME-NUMBER
	// ("us" in us-east-1, "us-gov" in us-gov-west-1), so that a Region
	// opened after the list was made still finds its partition.
	Prefixes []string `json:"p"`
}

// Partitions lists the AWS partitions and their Regions.
func (c *Catalog) Partitions() ([]Partition, error) {
	idx, err := c.index()
	if err != nil {
		return nil, err
	}
	return append([]Partition(nil), idx.Partitions...), nil
}

// RegionPartition returns the partition whose Region list has the named
// Region ("aws" for "us-east-1"); ok is false for a name no partition lists.
// Region names are lower case; the match is exact.
func (c *Catalog) RegionPartition(region string) (partition string, ok bool) {
	idx, err := c.index()
	if err != nil {
		return "", false
	}
	p, ok := idx.regions[region]
	return p, ok
}

// RegionShaped returns the partition whose Region names have the form of
// region (PREFIX-NAME-NUMBER, with one of the partition's prefixes), for a
// name that is no listed Region but could be one AWS opened since.
func (c *Catalog) RegionShaped(region string) (partition string, ok bool) {
	idx, err := c.index()
	if err != nil {
		return "", false
	}
	for _, p := range idx.Partitions {
		for _, prefix := range p.Prefixes {
			if rest, found := strings.CutPrefix(region, prefix+"-"); found && regionTail(rest) {
				return p.ID, true
			}
		}
	}
	return "", false
}

// regionTail reports whether s is NAME-NUMBER: a run of letters, digits or
// underscores (the SDKs' \w+), a hyphen, and digits.
func regionTail(s string) bool {
	i := strings.LastIndexByte(s, '-')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	for _, c := range []byte(s[:i]) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	for _, c := range []byte(s[i+1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
