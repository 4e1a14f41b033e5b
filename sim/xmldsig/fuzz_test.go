package xmldsig_test

import (
	"bytes"
	"testing"

	"github.com/iamlab/iamlab/sim/xmldsig"
)

// FuzzParse: Parse never panics and stays within its limits; a document it
// reads is written back (Bytes) to one that reads to the same canonical
// form; and that canonical form is goxmldsig's (the reference) whenever the
// reference reads the document too.
func FuzzParse(f *testing.F) {
	for _, s := range []string{sample, `<a/>`, `<a xmlns="u"><b xmlns=""/></a>`, `<p:a xmlns:p="u" p:x="1" y="&#9;&#10;&#13;"><?pi data?>t&#13;</p:a>`,
		`<a><![CDATA[<x>]]></a>`, `<!DOCTYPE a><a/>`, `<a xml:lang="en" xmlns:q="v"><q:b q:c="1" c="2"/></a>`} {
		f.Add([]byte(s))
	}
	lim := xmldsig.Limits{MaxBytes: 4096, MaxDepth: 16, MaxElements: 200, MaxAttrs: 16}
	f.Fuzz(func(t *testing.T, b []byte) {
		root, err := xmldsig.Parse(b, lim)
		if err != nil {
			return
		}
		if len(b) > lim.MaxBytes {
			t.Fatal("a document past MaxBytes was read")
		}
		canon := xmldsig.Canonical(root, nil, nil)
		again, err := xmldsig.Parse(root.Bytes(), xmldsig.DefaultLimits)
		if err != nil {
			t.Fatalf("the written document does not read back: %v\n%s", err, root.Bytes())
		}
		if got := xmldsig.Canonical(again, nil, nil); !bytes.Equal(got, canon) {
			t.Fatalf("round trip changed the canonical form\n%s\n%s", canon, got)
		}
		if want, ok := refCanonical(t, string(b), "", ""); ok && want != string(canon) {
			t.Fatalf("canonical form differs from goxmldsig's\n got: %s\nwant: %s", canon, want)
		}
	})
}
