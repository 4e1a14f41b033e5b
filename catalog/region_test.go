package catalog_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
)

func TestRegions(t *testing.T) {
	cat := embedded.Catalog()
	for _, tc := range []struct {
		region, partition string
		listed, shaped    bool
	}{
		{"us-east-1", "aws", true, true},
		{"eu-west-3", "aws", true, true},
		{"us-gov-west-1", "aws-us-gov", true, true},
		{"cn-north-1", "aws-cn", true, true},
		{"us-isob-east-1", "aws-iso-b", true, true},
		{"us-north-7", "aws", false, true},
		{"us-east-1f", "", false, false},
		{"us-east-1-f", "", false, false},
		{"us", "", false, false},
		{"aws-global", "", false, false},
		{"US-EAST-1", "", false, false},
	} {
		p, ok := cat.RegionPartition(tc.region)
		if ok != tc.listed || ok && p != tc.partition {
			t.Errorf("RegionPartition(%q) = %q, %v", tc.region, p, ok)
		}
		p, ok = cat.RegionShaped(tc.region)
		if ok != tc.shaped || ok && p != tc.partition {
			t.Errorf("RegionShaped(%q) = %q, %v", tc.region, p, ok)
		}
	}
	parts, err := cat.Partitions()
	if err != nil || len(parts) < 5 || parts[0].ID != "aws" || len(parts[0].Regions) < 20 {
		t.Errorf("Partitions: %d, %v", len(parts), err)
	}
}

// FuzzRegionShaped compares the catalog's Region form with the SDKs'
// regular expression, ^(PREFIX|...)-\w+-\d+$, built from the same prefixes.
func FuzzRegionShaped(f *testing.F) {
	for _, s := range []string{"us-east-1", "us-gov-west-1", "us-east-1f", "eu-", "eusc-de-east-1", "us-_-0", "ap-x-12a"} {
		f.Add(s)
	}
	cat := embedded.Catalog()
	parts, err := cat.Partitions()
	if err != nil {
		f.Fatal(err)
	}
	res := make([]*regexp.Regexp, len(parts))
	for i, p := range parts {
		quoted := make([]string, len(p.Prefixes))
		for j, x := range p.Prefixes {
			quoted[j] = regexp.QuoteMeta(x)
		}
		res[i] = regexp.MustCompile(`^(` + strings.Join(quoted, "|") + `)-\w+-\d+$`)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := ""
		for i, re := range res {
			if re.MatchString(s) {
				want = parts[i].ID
				break
			}
		}
		got, ok := cat.RegionShaped(s)
		if ok != (want != "") || got != want {
			t.Errorf("RegionShaped(%q) = %q, %v; the regular expression says %q", s, got, ok, want)
		}
	})
}
