package samlidp_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/samlidp"
	"github.com/iamlab/iamlab/sim/world"
)

// apply sets up a world of one account with the given sections.
func apply(t *testing.T, idps, providers string) (*world.World, error) {
	t.Helper()
	w, err := world.Open(world.NewMemory(), world.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := world.FileAccount{ID: "123456789012", Sections: map[string]json.RawMessage{}}
	if idps != "" {
		a.Sections["samlIdps"] = json.RawMessage(idps)
	}
	if providers != "" {
		a.Sections["samlProviders"] = json.RawMessage(providers)
	}
	return w, w.Apply(&world.File{Accounts: []world.FileAccount{a}})
}

func TestWorldSections(t *testing.T) {
	w, err := apply(t, `[{"name":"corp","users":[{"name":"alice","roles":["arn:aws:iam::123456789012:role/r,arn:aws:iam::123456789012:saml-provider/Corp"]}]},
		{"name":"other","entityId":"https://other.example.com"}]`, `[{"name":"Corp","idp":"corp","tags":{"k":"v"}}]`)
	if err != nil {
		t.Fatal(err)
	}
	_ = w.View(func(tx *world.Tx) error {
		p := saml.Find(tx, "arn:aws:iam::123456789012:saml-provider/Corp")
		corp, _ := samlidp.Get(tx, "corp")
		other, _ := samlidp.Get(tx, "other")
		if p == nil || corp == nil || other == nil {
			t.Fatalf("provider %v, IdPs %v %v", p, corp, other)
		}
		if p.Meta.EntityID != "urn:iamlab:saml:corp" || len(p.Tags) != 1 {
			t.Errorf("provider %+v", p)
		}
		// Each IdP signs with a key of its own.
		if string(corp.Key.Certificate()) == string(other.Key.Certificate()) {
			t.Error("two IdPs share a lab key")
		}
		return nil
	})
	// Issue at the world's time, for a user of the IdP.
	if _, err := samlidp.Issue(w, "corp", samlidp.Options{User: "alice"}); err != nil {
		t.Error(err)
	}
	if _, err := samlidp.Issue(w, "nope", samlidp.Options{User: "alice"}); err == nil {
		t.Error("an unknown IdP issued")
	}
}

func TestWorldSectionErrors(t *testing.T) {
	five := `[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"},{"name":"e"}]`
	for _, tc := range []struct{ name, idps, providers, want string }{
		{"bad IdP name", `[{"name":"a b"}]`, "", "a name is"},
		{"IdP twice", `[{"name":"a"},{"name":"a"}]`, "", "declared twice"},
		{"lab keys run out", five, "", "all are taken"},
		{"user twice", `[{"name":"a","users":[{"name":"u"},{"name":"u"}]}]`, "", "every user needs a name of its own"},
		{"role not a pair", `[{"name":"a","users":[{"name":"u","roles":["arn:aws:iam::123456789012:role/r"]}]}]`, "", "ROLE ARN,PROVIDER ARN"},
		{"unknown field", `[{"name":"a","password":"x"}]`, "", "unknown field"},
		{"bad private key", `[{"name":"a","privateKey":"not PEM"}]`, "", "no RSA private key"},
		{"provider of no IdP", "", `[{"name":"P","idp":"ghost"}]`, "no simulated identity provider"},
		{"provider with both", `[{"name":"a"}]`, `[{"name":"P","idp":"a","metadataDocument":"<x/>"}]`, "not both"},
		{"provider with neither", "", `[{"name":"P"}]`, "give idp or metadataDocument"},
		{"provider metadata refused", "", `[{"name":"P","metadataDocument":"<x/>"}]`, "Could not parse metadata."},
		{"provider twice", `[{"name":"a"}]`, `[{"name":"P","idp":"a"},{"name":"p","idp":"a"}]`, "declared twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := apply(t, tc.idps, tc.providers)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Apply = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestOwnKey: a world file's own key and certificate sign, and its
// metadata verifies its responses; a key without its certificate, or with
// another key's, is refused.
func TestOwnKey(t *testing.T) {
	k3, _ := samlidp.LabKey(3)
	k4, _ := samlidp.LabKey(4)
	split := func(k *samlidp.Key) (string, string) {
		i := strings.Index(k.PEM, "-----BEGIN CERTIFICATE")
		return k.PEM[:i], k.PEM[i:]
	}
	key, cert := split(k3)
	_, other := split(k4)
	for _, tc := range []struct{ name, key, cert, want string }{
		{"no certificate", key, "", "no certificate"},
		{"another key's certificate", key, other, "not the private key's"},
	} {
		raw, _ := json.Marshal([]samlidp.FileIdP{{Name: "own", PrivateKey: tc.key, Certificate: tc.cert}})
		if _, err := apply(t, string(raw), ""); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	raw, _ := json.Marshal([]samlidp.FileIdP{{Name: "own", PrivateKey: key, Certificate: cert, Users: []samlidp.User{{Name: "u"}}}})
	w, err := apply(t, string(raw), `[{"name":"Own","idp":"own"}]`)
	if err != nil {
		t.Fatal(err)
	}
	var p *samlidp.IdP
	_ = w.View(func(tx *world.Tx) error { p, _ = samlidp.Get(tx, "own"); return nil })
	m, err := saml.ParseMetadata(string(p.Metadata("")))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.Response(w, w.Now(), samlidp.Options{User: "u"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := saml.Decode(b64(doc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Verify(m.Certs); err != nil {
		t.Error(err)
	}
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
