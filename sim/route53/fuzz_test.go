package route53

import (
	"encoding/xml"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/sim/protocol"
)

// FuzzParseName: a name that parses has labels of 1 to 63 bytes with no
// upper-case letter; formatting it and parsing that again gives the same
// labels (the escaped form is the reference reading of the name), and
// the formatted name holds nothing Route 53 would escape.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{"www.example.com", "WWW.Example.COM.", `\052.example.com`, `ex\344mple.com`, `a\056b.com`,
		"a..b", ".", "", `\400.com`, `\12`, "a b.com", strings.Repeat("a", 64) + ".com", strings.Repeat("a.", 130)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		labels, err := ParseName(s)
		if err != nil {
			var p *NameProblem
			if !errors.As(err, &p) || p.Name != s {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		total := 1
		for _, l := range labels {
			if len(l) == 0 || len(l) > MaxLabel || strings.ContainsAny(l, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Fatalf("%q: label %q", s, l)
			}
			total += len(l) + 1
		}
		if total > MaxName {
			t.Fatalf("%q: %d bytes", s, total)
		}
		formatted := FormatName(labels)
		for i := 0; i < len(formatted); i++ {
			c := formatted[i]
			if c <= ' ' || c >= 0x7f || 'A' <= c && c <= 'Z' {
				t.Fatalf("%q formats as %q", s, formatted)
			}
		}
		again, err := ParseName(formatted)
		if err != nil || !slices.Equal(again, labels) {
			t.Fatalf("%q -> %q -> %q, %v", s, formatted, again, err)
		}
		if n := NormalizedName(labels); n+"." != formatted {
			t.Fatalf("normalized %q, formatted %q", n, formatted)
		}
		if !inZone(formatted, FormatName(labels[len(labels)-1:])) {
			t.Fatalf("%q not below its own top label", formatted)
		}
	})
}

// FuzzRequestBodies: every request document Route 53 reads, decoded from
// any bytes, is accepted only when encoding/xml (the reference) reads it
// too with Route 53's namespace on its root; otherwise it is refused with
// one of Route 53's codes. A change batch that is accepted is applied to a
// zone without a panic, all or nothing.
func FuzzRequestBodies(f *testing.F) {
	f.Add([]byte(`<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>www.example.com</Name><Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`))
	f.Add([]byte(`<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes><Change><Action>DELETE</Action><ResourceRecordSet><Name>example.com.</Name><Type>SOA</Type><TTL>900</TTL><ResourceRecords><ResourceRecord><Value>x</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change><Change><Action>UPSERT</Action><ResourceRecordSet><Name>*.example.com</Name><Type>CNAME</Type><SetIdentifier>a</SetIdentifier><Weight>3</Weight><TTL>-1</TTL><AliasTarget><HostedZoneId>Z</HostedZoneId><DNSName>d</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`))
	f.Add([]byte(`<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>example.com</Name><CallerReference>r</CallerReference><HostedZoneConfig><PrivateZone>maybe</PrivateZone></HostedZoneConfig></CreateHostedZoneRequest>`))
	f.Add([]byte(`<ChangeTagsForResourceRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><AddTags><Tag><Key>k</Key></Tag></AddTags><RemoveTagKeys><Key>x</Key></RemoveTagKeys></ChangeTagsForResourceRequest>`))
	f.Add([]byte(`<a><b></a>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		codes := []string{"InvalidInput", "InvalidChangeBatch", "RequestEntityTooLarge"}
		check := func(v any, root string) bool {
			err := decode(body, v, root)
			if err != nil {
				var pe *protocol.Error
				if !errors.As(err, &pe) || !slices.Contains(codes, pe.Code) {
					t.Fatalf("%s: %v", root, err)
				}
				return false
			}
			var ref struct{ XMLName xml.Name }
			if xml.Unmarshal(body, &ref) != nil || ref.XMLName.Space != NS || ref.XMLName.Local != root {
				t.Fatalf("%s accepted %q, which encoding/xml reads as %v", root, body, ref.XMLName)
			}
			return true
		}
		check(new(createZoneRequest), "CreateHostedZoneRequest")
		check(new(tagsRequest), "ChangeTagsForResourceRequest")
		check(new(commentRequest), "UpdateHostedZoneCommentRequest")
		var in changeRequest
		if !check(&in, "ChangeResourceRecordSetsRequest") {
			return
		}
		chs, _, err := readChanges(&in)
		if err != nil {
			var pe *protocol.Error
			if !errors.As(err, &pe) || !slices.Contains(codes, pe.Code) {
				t.Fatal(err)
			}
			return
		}
		now := time.Unix(0, 0)
		z := &Zone{Name: "example.com.", NameServers: privateNameServers}
		z.Records = defaultRecords(z.Name, z.NameServers, now)
		before := slices.Clone(z.Records)
		recs, msgs := apply(z, chs, now)
		if !slices.EqualFunc(z.Records, before, func(a, b RecordSet) bool { return sameContent(&a, &b) && a.Name == b.Name }) {
			t.Fatal("apply changed the zone it was given")
		}
		if len(msgs) == 0 {
			for i := range recs {
				if !inZone(recs[i].Name, z.Name) {
					t.Fatalf("record %q outside the zone", recs[i].Name)
				}
			}
		}
	})
}
