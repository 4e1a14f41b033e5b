package route53

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// Zone is a hosted zone with its record sets. Route 53 is global: zones
// are keyed by their ID alone, and each belongs to one account.
type Zone struct {
	ID              string      `json:"id"` // "Z..." without "/hostedzone/"
	Account         string      `json:"account"`
	Name            string      `json:"name"` // formatted: escaped, trailing dot
	CallerReference string      `json:"callerReference"`
	Comment         string      `json:"comment,omitempty"`
	Private         bool        `json:"private,omitempty"`
	VPCs            []VPC       `json:"vpcs,omitempty"`
	NameServers     []string    `json:"nameServers"`
	Records         []RecordSet `json:"records"`
	Tags            []world.Tag `json:"tags,omitempty"`
	Created         time.Time   `json:"created"`
}

// VPC is a VPC a private hosted zone is associated with.
type VPC struct {
	Region string `json:"region"`
	ID     string `json:"id"`
}

// RecordSet is one resource record set. Its identity is its name, type
// and set identifier.
type RecordSet struct {
	Name          string       `json:"name"` // formatted
	Type          string       `json:"type"`
	SetIdentifier string       `json:"setIdentifier,omitempty"`
	Weight        *int64       `json:"weight,omitempty"`
	Region        string       `json:"region,omitempty"`
	Failover      string       `json:"failover,omitempty"`
	MultiValue    *bool        `json:"multiValueAnswer,omitempty"`
	Geo           *GeoLocation `json:"geoLocation,omitempty"`
	TTL           *int64       `json:"ttl,omitempty"`
	Values        []string     `json:"values,omitempty"`
	Alias         *AliasTarget `json:"alias,omitempty"`
	HealthCheckID string       `json:"healthCheckId,omitempty"`
	// Since is when the record set got its current values: what a
	// validator that looked at DNS then would have seen (ACM).
	Since time.Time `json:"since"`
}

// GeoLocation is a geolocation record's location.
type GeoLocation struct {
	ContinentCode   string `json:"continentCode,omitempty" xml:",omitempty"`
	CountryCode     string `json:"countryCode,omitempty" xml:",omitempty"`
	SubdivisionCode string `json:"subdivisionCode,omitempty" xml:",omitempty"`
}

// AliasTarget is an alias record's target.
type AliasTarget struct {
	HostedZoneID         string `json:"hostedZoneId"`
	DNSName              string `json:"dnsName"`
	EvaluateTargetHealth bool   `json:"evaluateTargetHealth"`
}

// Zones are the world's hosted zones, by ID.
var Zones = world.NewKind[Zone]("route53/zone")

// Change is a submitted change batch, for GetChange.
type Change struct {
	ID        string    `json:"id"`
	Account   string    `json:"account"`
	Comment   string    `json:"comment,omitempty"`
	Submitted time.Time `json:"submitted"`
}

var changes = world.NewKind[Change]("route53/change")

// ZoneARN is a hosted zone's ARN: Route 53's ARNs name no Region and no
// account ("arn:${Partition}:route53:::hostedzone/${Id}", Service
// Authorization Reference).
func ZoneARN(id string) string { return "arn:aws:route53:::hostedzone/" + id }

// ChangeARN is a change's ARN.
func ChangeARN(id string) string { return "arn:aws:route53:::change/" + id }

// Quotas of Route 53 (Route 53 Developer Guide, quotas on hosted zones and
// records; API requests).
const (
	MaxZonesPerAccount = 500
	MaxRecordsPerZone  = 10000
	// MaxChanges bounds the ResourceRecord elements of one request: "A
	// request cannot contain more than 1,000 ResourceRecord elements".
	MaxChanges = 1000
	// MaxValueChars bounds the characters of all Value elements of one
	// request: "The sum of the number of characters (including spaces) in
	// all Value elements in a request can't exceed 32,000 characters".
	MaxValueChars  = 32000
	MaxTagsPerZone = 50
)

// The default records of a zone: "For each public hosted zone that you
// create, Amazon Route 53 automatically creates a name server (NS) record
// and a start of authority (SOA) record", with the TTLs Route 53 gives
// them.
const (
	nsTTL  = 172800
	soaTTL = 900
)

// newNameServers picks four name servers in Route 53's pattern
// (ns-2048.awsdns-64.com, ...), one per top-level domain, from the world's
// randomness.
func newNameServers(w *world.World) []string {
	tlds := []string{"com", "net", "org", "co.uk"}
	b := randomBytes(w, 2*len(tlds))
	out := make([]string, len(tlds))
	for i, tld := range tlds {
		n := (int(b[2*i])<<8 | int(b[2*i+1])) % 2048
		out[i] = fmt.Sprintf("ns-%d.awsdns-%02d.%s.", n, n/32, tld)
	}
	return out
}

// randomBytes are n bytes of the world's randomness.
func randomBytes(w *world.World, n int) []byte {
	b, _ := base64.StdEncoding.DecodeString(w.NewToken(n))
	return b
}

// privateNameServers are the name servers of every private hosted zone's
// NS record.
var privateNameServers = []string{"ns-0.awsdns-00.com.", "ns-512.awsdns-00.net.", "ns-1024.awsdns-00.org.", "ns-1536.awsdns-00.co.uk."}

// defaultRecords are a new zone's NS and SOA record sets.
func defaultRecords(name string, ns []string, now time.Time) []RecordSet {
	nst, soat := int64(nsTTL), int64(soaTTL)
	soa := ns[0] + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"
	return []RecordSet{
		{Name: name, Type: "NS", TTL: &nst, Values: append([]string(nil), ns...), Since: now},
		{Name: name, Type: "SOA", TTL: &soat, Values: []string{soa}, Since: now},
	}
}

// clone copies a zone for changing.
func (z *Zone) clone() *Zone {
	c := *z
	c.Records = append([]RecordSet(nil), z.Records...)
	c.Tags = append([]world.Tag(nil), z.Tags...)
	c.VPCs = append([]VPC(nil), z.VPCs...)
	return &c
}
