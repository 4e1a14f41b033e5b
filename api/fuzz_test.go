package api

import (
	"encoding/json"
	"testing"
)

// FuzzImport: any text gives an answer, never a panic; a scenario's draft
// written back and read again is stable (the second round trip changes
// nothing), so the page never drifts from what it imported.
func FuzzImport(f *testing.F) {
	for _, s := range []string{
		`{"request":{"principal":"p","action":"s3:GetObject","resource":"*","context":{"k":[1,"a"],"n":1.50}},"identityPolicies":[{"name":"P","document":{"Statement":[]}}]}`,
		`{"Statement":[{"Effect":"Allow","Principal":"*"}]}`,
		`{"UserDetailList":[{"Arn":"a","UserPolicyList":[{"PolicyName":"x","PolicyDocument":"%7B%7D"}]}]}`,
		`{"serviceControlPolicies":[{"target":"r","policies":[{"arn":"x"}]}],"request":null}`,
		`[`, `"x"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ans := Import(text)
		if ans.Error == nil && ans.Kind == "" {
			t.Fatalf("no kind and no error: %+v", ans)
		}
		if ans.Kind != KindScenario {
			return
		}
		once := Import(ans.Draft.Scenario())
		if once.Draft == nil {
			t.Fatalf("the written draft does not import: %+v", once.Error)
		}
		twice := Import(once.Draft.Scenario())
		a, _ := json.Marshal(once.Draft)
		b, _ := json.Marshal(twice.Draft)
		if string(a) != string(b) {
			t.Fatalf("round trip drifts:\n%s\n%s", a, b)
		}
	})
}

// FuzzOpenLink: any fragment opens or is refused with a code.
func FuzzOpenLink(f *testing.F) {
	f.Add(ShareLink(`{"request":{}}`).Fragment)
	f.Add("v1.")
	f.Add("v01.abc")
	f.Fuzz(func(t *testing.T, frag string) {
		ans := OpenLink(frag)
		if (ans.Error == nil) == (ans.Draft == nil) || ans.Error != nil && ans.Error.Code == "" {
			t.Fatalf("OpenLink = %+v", ans)
		}
	})
}
