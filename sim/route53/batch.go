package route53

import (
	"fmt"
	"net"
	"slices"
	"strings"
	"time"
)

// recordTypes are the types Route 53 supports (the RRType enumeration).
var recordTypes = map[string]bool{"SOA": true, "A": true, "TXT": true, "NS": true, "CNAME": true, "MX": true,
	"NAPTR": true, "PTR": true, "SRV": true, "SPF": true, "AAAA": true, "CAA": true, "DS": true, "TLSA": true,
	"SSHFP": true, "SVCB": true, "HTTPS": true}

// Element limits of a record set (Route 53 API model).
const (
	MaxTTL           = 2147483647
	MaxWeight        = 255
	MaxSetIdentifier = 128
	MaxValue         = 4000
)

// change is one Change of a batch, checked for its form.
type change struct {
	action  string
	given   string // the name as the request gave it
	labels  []string
	nameErr error
	rs      RecordSet
}

// describe names the change as Route 53's messages do.
func (ch *change) describe() string {
	set := "null"
	if ch.rs.SetIdentifier != "" {
		set = ch.rs.SetIdentifier
	}
	return fmt.Sprintf("[Action=%s, Name=%s, Type=%s, SetIdentifier=%s]", ch.action, ch.given, ch.rs.Type, set)
}

// readChanges checks the form of a change batch: what Route 53 refuses
// with InvalidInput before it looks at the zone. Names that do not parse
// are kept for the batch's InvalidChangeBatch answer.
func readChanges(in *changeRequest) ([]change, string, error) {
	if in.ChangeBatch == nil {
		return nil, "", invalidInput("1 validation error detected: Value null at 'changeBatch' failed to satisfy constraint: Member must not be null")
	}
	if len(in.ChangeBatch.Comment) > MaxComment {
		return nil, "", invalidInput("1 validation error detected: Value at 'changeBatch.comment' failed to satisfy constraint: Member must have length less than or equal to %d", MaxComment)
	}
	if in.ChangeBatch.Changes == nil || len(in.ChangeBatch.Changes.Change) == 0 {
		return nil, "", invalidInput("1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	var out []change
	values, chars := 0, 0
	for i, e := range in.ChangeBatch.Changes.Change {
		ch, err := readChange(i+1, &e)
		if err != nil {
			return nil, "", err
		}
		values += len(ch.rs.Values)
		for _, v := range ch.rs.Values {
			chars += len(v)
		}
		out = append(out, ch)
	}
	if values > MaxChanges {
		return nil, "", invalidChangeBatch([]string{fmt.Sprintf("Number of records limit of %d exceeded.", MaxChanges)})
	}
	if chars > MaxValueChars {
		return nil, "", invalidChangeBatch([]string{fmt.Sprintf("Number of characters in Value elements limit of %d exceeded.", MaxValueChars)})
	}
	return out, in.ChangeBatch.Comment, nil
}

func member(i int, field string) string {
	return fmt.Sprintf("changeBatch.changes.%d.member.%s", i, field)
}

func readChange(i int, e *changeElem) (change, error) {
	switch e.Action {
	case "CREATE", "DELETE", "UPSERT":
	default:
		return change{}, invalidInput("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [CREATE, DELETE, UPSERT]", e.Action, member(i, "action"))
	}
	r := e.ResourceRecordSet
	if r == nil {
		return change{}, invalidInput("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member(i, "resourceRecordSet"))
	}
	if !recordTypes[r.Type] {
		return change{}, invalidInput("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS]", r.Type, member(i, "resourceRecordSet.type"))
	}
	ch := change{action: e.Action, given: r.Name}
	ch.labels, ch.nameErr = ParseName(r.Name)
	rs := RecordSet{Type: r.Type, SetIdentifier: r.SetIdentifier, Weight: r.Weight, Region: r.Region, Failover: r.Failover,
		MultiValue: r.MultiValueAnswer, Geo: r.GeoLocation, TTL: r.TTL, HealthCheckID: r.HealthCheckId}
	if ch.nameErr == nil {
		rs.Name = FormatName(ch.labels)
	}
	if r.ResourceRecords != nil {
		for _, v := range r.ResourceRecords.ResourceRecord {
			if v.Value == nil {
				return change{}, invalidInput("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member(i, "resourceRecordSet.resourceRecords.value"))
			}
			if len(*v.Value) > MaxValue {
				return change{}, invalidInput("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", member(i, "resourceRecordSet.resourceRecords.value"), MaxValue)
			}
			rs.Values = append(rs.Values, *v.Value)
		}
	}
	if a := r.AliasTarget; a != nil {
		rs.Alias = &AliasTarget{HostedZoneID: a.HostedZoneId, DNSName: a.DNSName, EvaluateTargetHealth: a.EvaluateTargetHealth}
	}
	ch.rs = rs
	if err := checkForm(i, &ch, r); err != nil {
		return change{}, err
	}
	return ch, nil
}

// checkForm checks the elements a record set must and must not have.
func checkForm(i int, ch *change, r *recordElem) error {
	rs := &ch.rs
	if r.TrafficPolicyInstanceId != "" || r.CidrRoutingConfig != nil || r.GeoProximityLocation != nil {
		return invalidInput("Invalid request: traffic policy instances, CIDR and geoproximity routing are not simulated (Change with %s)", ch.describe())
	}
	if rs.TTL != nil && (*rs.TTL < 0 || *rs.TTL > MaxTTL) {
		return invalidInput("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value between 0 and %d", *rs.TTL, member(i, "resourceRecordSet.tTL"), MaxTTL)
	}
	if rs.Weight != nil && (*rs.Weight < 0 || *rs.Weight > MaxWeight) {
		return invalidInput("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value between 0 and %d", *rs.Weight, member(i, "resourceRecordSet.weight"), MaxWeight)
	}
	if len(rs.SetIdentifier) > MaxSetIdentifier {
		return invalidInput("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", member(i, "resourceRecordSet.setIdentifier"), MaxSetIdentifier)
	}
	// "Expected exactly one of [AliasTarget, all of [TTL, and
	// ResourceRecords], or TrafficPolicyInstanceId]".
	plain := rs.TTL != nil && r.ResourceRecords != nil
	switch {
	case rs.Alias != nil && (rs.TTL != nil || r.ResourceRecords != nil):
		return invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in Change with %s", ch.describe())
	case rs.Alias == nil && !plain:
		return invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with %s", ch.describe())
	case plain && len(rs.Values) == 0:
		return invalidInput("1 validation error detected: Value '[]' at '%s' failed to satisfy constraint: Member must have length greater than or equal to 1", member(i, "resourceRecordSet.resourceRecords"))
	}
	routed := rs.Weight != nil || rs.Region != "" || rs.Failover != "" || rs.Geo != nil || rs.MultiValue != nil
	if routed && rs.SetIdentifier == "" {
		return invalidInput("Invalid request: Missing field 'SetIdentifier' in Change with %s", ch.describe())
	}
	if !routed && rs.SetIdentifier != "" {
		return invalidInput("Invalid request: Unexpected field 'SetIdentifier' in Change with %s: a record with a set identifier needs a routing policy (Weight, Region, Failover, GeoLocation or MultiValueAnswer)", ch.describe())
	}
	return nil
}

// apply makes a batch's changes to a copy of the zone's records, in order:
// "Route 53 validates the changes in the request and then either makes
// all or none of the changes in the change batch request". Every problem
// is listed; the records come back only when there is none.
func apply(z *Zone, chs []change, now time.Time) ([]RecordSet, []string) {
	recs := append([]RecordSet(nil), z.Records...)
	var msgs []string
	for i := range chs {
		next, msg := applyOne(z, recs, &chs[i], now)
		if msg != "" {
			msgs = append(msgs, msg)
			continue
		}
		recs = next
	}
	if len(msgs) == 0 && len(recs) > MaxRecordsPerZone {
		msgs = append(msgs, fmt.Sprintf("The hosted zone would exceed its limit of %d record sets", MaxRecordsPerZone))
	}
	return recs, msgs
}

func setName(rs *RecordSet) string {
	s := fmt.Sprintf("[name='%s', type='%s'", rs.Name, rs.Type)
	if rs.SetIdentifier != "" {
		s += fmt.Sprintf(", set-identifier='%s'", rs.SetIdentifier)
	}
	return s + "]"
}

func find(recs []RecordSet, rs *RecordSet) int {
	for i := range recs {
		r := &recs[i]
		if r.Name == rs.Name && r.Type == rs.Type && r.SetIdentifier == rs.SetIdentifier {
			return i
		}
	}
	return -1
}

func applyOne(z *Zone, recs []RecordSet, ch *change, now time.Time) ([]RecordSet, string) {
	if ch.nameErr != nil {
		return nil, ch.nameErr.Error()
	}
	rs := ch.rs
	rs.Since = now
	if !inZone(rs.Name, z.Name) {
		return nil, fmt.Sprintf("RRSet with DNS name %s is not permitted in zone %s", rs.Name, z.Name)
	}
	at := find(recs, &rs)
	if ch.action == "DELETE" {
		return deleteRecord(z, recs, at, &rs)
	}
	if msg := checkValues(&rs); msg != "" {
		return nil, msg
	}
	if at >= 0 {
		if ch.action == "CREATE" {
			return nil, "Tried to create resource record set " + setName(&rs) + " but it already exists"
		}
		if sameContent(&recs[at], &rs) {
			rs.Since = recs[at].Since // the same answer since then
		}
		out := append([]RecordSet(nil), recs...)
		out[at] = rs
		return out, ""
	}
	if msg := conflict(z, recs, &rs); msg != "" {
		return nil, msg
	}
	return append(append([]RecordSet(nil), recs...), rs), ""
}

func deleteRecord(z *Zone, recs []RecordSet, at int, rs *RecordSet) ([]RecordSet, string) {
	if at < 0 {
		return nil, "Tried to delete resource record set " + setName(rs) + " but it was not found"
	}
	if !sameContent(&recs[at], rs) {
		// "To delete a resource record set, you must specify all the same
		// values that you specified when you created it."
		return nil, "Tried to delete resource record set " + setName(rs) + " but the values provided do not match the current values"
	}
	if isDefault(z, rs) {
		if rs.Type == "SOA" {
			return nil, "A HostedZone must contain exactly one SOA record."
		}
		return nil, "A HostedZone must contain at least one NS record for the zone itself."
	}
	return slices.Delete(append([]RecordSet(nil), recs...), at, at+1), ""
}

// conflict checks a new record set against those of the same name: a
// CNAME stands alone and never at the apex; simple and routed record sets
// of one name and type do not mix.
func conflict(z *Zone, recs []RecordSet, rs *RecordSet) string {
	if rs.Type == "CNAME" && rs.Name == z.Name {
		return fmt.Sprintf("RRSet of type CNAME with DNS name %s is not permitted at apex in zone %s", rs.Name, z.Name)
	}
	for i := range recs {
		r := &recs[i]
		if r.Name != rs.Name {
			continue
		}
		switch {
		case rs.Type == "CNAME" && r.Type != "CNAME":
			return fmt.Sprintf("RRSet of type CNAME with DNS name %s is not permitted because a conflicting RRSet of type %s with the same DNS name already exists in zone %s", rs.Name, r.Type, z.Name)
		case r.Type == "CNAME" && rs.Type != "CNAME":
			return fmt.Sprintf("RRSet of type %s with DNS name %s is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone %s", rs.Type, rs.Name, z.Name)
		case r.Type == rs.Type && (r.SetIdentifier == "") != (rs.SetIdentifier == ""):
			return fmt.Sprintf("RRSet with DNS name %s, type %s cannot be created as other RRSets exist with the same name and type.", rs.Name, rs.Type)
		}
	}
	return ""
}

// checkValues checks the record data Route 53 parses: IP addresses, the
// single target of a CNAME, quoted TXT strings.
func checkValues(rs *RecordSet) string {
	fatal := func(code, text, v string) string {
		return "Invalid Resource Record: 'FATAL problem: " + code + " (" + text + ") encountered with '" + v + "''"
	}
	if rs.Type == "CNAME" && len(rs.Values) > 1 {
		return fmt.Sprintf("RRSet of type CNAME with DNS name %s has more than one value: a CNAME record can have only one value", rs.Name)
	}
	for _, v := range rs.Values {
		switch rs.Type {
		case "A":
			if ip := net.ParseIP(v); ip == nil || ip.To4() == nil || strings.Contains(v, ":") {
				return fatal("ARRDATAIllegalIPv4Address", "Value is not a valid IPv4 address", v)
			}
		case "AAAA":
			if ip := net.ParseIP(v); ip == nil || !strings.Contains(v, ":") {
				return fatal("AAAARRDATAIllegalIPv6Address", "Value is not a valid IPv6 address", v)
			}
		case "CNAME", "NS", "PTR":
			if _, err := ParseName(v); err != nil {
				return "Invalid Resource Record: '" + err.Error() + "'"
			}
		case "TXT", "SPF":
			if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
				return fatal("InvalidCharacterString", "Value should be enclosed in quotation marks", v)
			}
		}
	}
	return ""
}

// sameContent reports whether two record sets of one identity hold the
// same values and settings (the order of values does not matter).
func sameContent(a, b *RecordSet) bool {
	eqInt := func(x, y *int64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	eqBool := func(x, y *bool) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	if !eqInt(a.TTL, b.TTL) || !eqInt(a.Weight, b.Weight) || !eqBool(a.MultiValue, b.MultiValue) ||
		a.Region != b.Region || a.Failover != b.Failover || a.HealthCheckID != b.HealthCheckID {
		return false
	}
	if (a.Geo == nil) != (b.Geo == nil) || a.Geo != nil && *a.Geo != *b.Geo {
		return false
	}
	if (a.Alias == nil) != (b.Alias == nil) || a.Alias != nil && !sameAlias(a.Alias, b.Alias) {
		return false
	}
	x, y := slices.Clone(a.Values), slices.Clone(b.Values)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func sameAlias(a, b *AliasTarget) bool {
	return bareID(a.HostedZoneID) == bareID(b.HostedZoneID) && a.EvaluateTargetHealth == b.EvaluateTargetHealth &&
		strings.EqualFold(strings.TrimSuffix(a.DNSName, "."), strings.TrimSuffix(b.DNSName, "."))
}
