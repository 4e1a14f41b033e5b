package compare_test

import (
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/compare"
)

// FuzzBuild: any text is made into the simulator's question or refused
// with an error, never a panic; a question asks for the scenario's one
// action and sends a policy for each identity policy.
func FuzzBuild(f *testing.F) {
	f.Add(`{"request":{"principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","context":{"aws:SourceIp":"1.2.3.4"}},"identityPolicies":[{"name":"P","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}}]}`)
	f.Add(`{"request":{"principal":"*","action":"s3:GetObject","resource":"*"},"resourcePolicy":{"name":"B","document":"{}"}}`)
	f.Add(`{"request":{}}`)
	cat := embedded.Catalog()
	f.Fuzz(func(t *testing.T, text string) {
		q, err := compare.Build(text, cat)
		if err != nil {
			return
		}
		if len(q.Custom.ActionNames) != 1 || q.Custom.ActionNames[0] == "" {
			t.Fatalf("actions %q", q.Custom.ActionNames)
		}
		if q.Ours == "" {
			t.Fatal("no decision of the engine")
		}
	})
}
