package route53

import (
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// LookupCNAME answers a CNAME query as the world's public DNS would: from
// the public hosted zones, of any account, whose name is the longest
// suffix of name (the zone that delegation would lead a resolver to; the
// world has no registrar, so every public zone counts as delegated). It
// returns the record's target and since when the record set has held it.
// Private hosted zones answer only inside their VPCs, never here.
func LookupCNAME(tx *world.Tx, name string) (target string, since time.Time, ok bool) {
	name, err := CanonicalName(name)
	if err != nil {
		return "", time.Time{}, false
	}
	var best []*Zone
	for _, z := range Zones.List(tx, "") {
		if z.Private || !inZone(name, z.Name) {
			continue
		}
		switch {
		case len(best) == 0 || len(z.Name) > len(best[0].Name):
			best = []*Zone{z}
		case len(z.Name) == len(best[0].Name):
			best = append(best, z)
		}
	}
	for _, z := range best {
		for i := range z.Records {
			r := &z.Records[i]
			if r.Name == name && r.Type == "CNAME" && len(r.Values) == 1 {
				return r.Values[0], r.Since, true
			}
		}
	}
	return "", time.Time{}, false
}
