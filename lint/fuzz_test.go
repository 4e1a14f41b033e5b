package lint

import (
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/scenario"
)

// FuzzLint lints arbitrary text as every policy type and as a scenario: it
// must never panic, and every finding must have a position inside the text;
// what a store refuses on save has the store's error code.
func FuzzLint(f *testing.F) {
	for _, c := range checkCases {
		if len(c.fire) < 4096 {
			f.Add(c.fire)
			f.Add(c.quiet)
		}
	}
	for _, c := range requestCases {
		f.Add(`{"request": ` + c.fire + `}`)
	}
	f.Add(`{"request":{"principal":"*","action":"s3:GetObject","resource":"*"},"identityPolicies":[{"name":"a","document":"{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}}"}]}`)
	cat := embedded.Catalog()
	f.Fuzz(func(t *testing.T, src string) {
		for typ := policy.Identity; typ <= policy.RCP; typ++ {
			for _, fd := range Text(src, typ, cat) {
				if fd.Line < 1 || fd.Col < 1 || int(fd.Off) > len(src) {
					t.Fatalf("%s: bad position %+v", typ, fd)
				}
			}
			p, err := policy.Parse(src)
			if err != nil {
				if code, _ := ParseRefusal(src, err, StoreOf(typ)); code == "" {
					t.Fatalf("%s: no refusal for %v", typ, err)
				}
				continue
			}
			for _, fd := range SaveErrors(p, typ, StoreOf(typ), cat) {
				if fd.AWSCode == "" || fd.Severity != Error && fd.Code != "size.quota" {
					t.Fatalf("%s: refusal %+v", typ, fd)
				}
			}
		}
		for _, fd := range ScenarioText(src, scenario.Options{}, cat) {
			if fd.Line < 1 || fd.Col < 1 {
				t.Fatalf("scenario: bad position %+v", fd)
			}
		}
	})
}
