package route53

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/sim/world"
)

// FileZone is a public hosted zone of a world file (docs/world.md,
// "hostedZones").
type FileZone struct {
	Name            string            `json:"name"`
	CallerReference string            `json:"callerReference,omitempty"`
	Comment         string            `json:"comment,omitempty"`
	Records         []FileRecord      `json:"records,omitempty"`
	Tags            map[string]string `json:"tags,omitempty"`
}

// FileRecord is a simple record set of a world file's zone.
type FileRecord struct {
	Name   string   `json:"name"`
	Type   string   `json:"type"`
	TTL    int64    `json:"ttl"`
	Values []string `json:"values"`
}

func init() {
	world.RegisterSection("hostedZones", applySection)
}

// applySection creates an account's hosted zones, each with its default
// SOA and NS records and the records it lists, checked as
// ChangeResourceRecordSets checks a batch of CREATEs.
func applySection(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	var zones []FileZone
	if err := d.Decode(&zones); err != nil {
		return err
	}
	now := w.Now().UTC()
	for i, fz := range zones {
		labels, err := ParseName(fz.Name)
		if err != nil || len(labels) < 2 {
			return fmt.Errorf("zone %q: not a domain name below a top-level domain", fz.Name)
		}
		z := &Zone{ID: w.NewID("Z", 20), Account: account, Name: FormatName(labels), CallerReference: fz.CallerReference,
			Comment: fz.Comment, Created: now, NameServers: newNameServers(w)}
		if z.CallerReference == "" {
			z.CallerReference = fmt.Sprintf("world-file-%d", i+1)
		}
		z.Records = defaultRecords(z.Name, z.NameServers, now)
		var chs []change
		for _, r := range fz.Records {
			ttl := r.TTL
			e := changeElem{Action: "CREATE", ResourceRecordSet: &recordElem{Name: r.Name, Type: r.Type, TTL: &ttl, ResourceRecords: &valuesElem{}}}
			for _, v := range r.Values {
				e.ResourceRecordSet.ResourceRecords.ResourceRecord = append(e.ResourceRecordSet.ResourceRecords.ResourceRecord, struct{ Value *string }{&v})
			}
			ch, err := readChange(len(chs)+1, &e)
			if err != nil {
				return fmt.Errorf("zone %s: record %s %s: %v", fz.Name, r.Name, r.Type, err)
			}
			chs = append(chs, ch)
		}
		recs, msgs := apply(z, chs, now)
		if len(msgs) > 0 {
			return fmt.Errorf("zone %s: %s", fz.Name, strings.Join(msgs, "; "))
		}
		z.Records = recs
		z.Tags = mergeTags(nil, tagsOf(fz.Tags), nil)
		if err := Zones.Put(tx, z.ID, z); err != nil {
			return err
		}
	}
	return nil
}

func tagsOf(m map[string]string) []world.Tag {
	var out []world.Tag
	for k, v := range m {
		out = append(out, world.Tag{Key: k, Value: v})
	}
	return out
}
