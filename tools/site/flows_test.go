package main

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/markup/flow"
)

// An embedded flow is run and each shown step checked; a block that names
// no flow, an unknown flow or step fails the build with FILE:LINE.
func TestCheckFlow(t *testing.T) {
	p := &page{Lang: "ja", Slug: "03-sts", File: "content/ja/03-sts.md"}
	e := &flow.Embed{Flow: "s3-upload-role", Only: []string{"assume-role", "mistyped-principal"}, Line: 7}
	if err := checkFlow(p, e); err != nil {
		t.Fatal(err)
	}
	if len(e.Steps) != 2 || e.Steps[1].Expect != "MalformedPolicyDocument" || e.Href != "../../flows/s3-upload-role/?lang=ja" ||
		!strings.Contains(e.Title, "ロール") || e.Steps[0].Code == "" {
		t.Errorf("embed %+v", e)
	}
	for _, bad := range []*flow.Embed{
		{Flow: "nope", Line: 3},
		{Flow: "s3-upload-role", Only: []string{"nope"}, Line: 3},
	} {
		err := checkFlow(p, bad)
		if err == nil || !strings.HasPrefix(err.Error(), "content/ja/03-sts.md:3: flow ") {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
