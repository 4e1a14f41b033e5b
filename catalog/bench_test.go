package catalog_test

import (
	"testing"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/catalog/embedded"
)

// BenchmarkLoadService measures reading and parsing one service file into
// a fresh catalog.
func BenchmarkLoadService(b *testing.B) {
	for _, prefix := range []string{"s3", "ec2"} {
		b.Run(prefix, func(b *testing.B) {
			for b.Loop() {
				c := catalog.New(embedded.FS())
				if _, err := c.Service(prefix); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadAll measures loading every service and the managed policy
// index into a fresh catalog.
func BenchmarkLoadAll(b *testing.B) {
	for b.Loop() {
		c := catalog.New(embedded.FS())
		infos, err := c.Services()
		if err != nil {
			b.Fatal(err)
		}
		for _, info := range infos {
			if _, err := c.Service(info.Prefix); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := c.ManagedPolicies(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExpand measures expanding patterns over a catalog that has
// already loaded everything.
func BenchmarkExpand(b *testing.B) {
	c := embedded.Catalog()
	if _, err := c.Expand("*"); err != nil { // load every service first
		b.Fatal(err)
	}
	for _, p := range []string{"s3:GetObject", "s3:Put*", "iam:*User*", "*:Get*", "*", "s3*", "nonsense"} {
		b.Run(p, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.Expand(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
