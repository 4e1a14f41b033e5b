package route53

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// MaxRecordsPage is the most record sets one ListResourceRecordSets answer
// holds: "ListResourceRecordSets returns up to 300 resource record sets at
// a time".
const MaxRecordsPage = 300

// MaxChangeID bounds a change ID (the ChangeId shape).
const MaxChangeID = 6500

// batchContext holds the condition keys AWS sets for
// ChangeResourceRecordSets: the normalized record names, the record types
// and the actions of the batch (Service Authorization Reference).
func batchContext(chs []change) []authz.Entry {
	var names, types, actions []string
	add := func(list []string, v string) []string {
		for _, x := range list {
			if x == v {
				return list
			}
		}
		return append(list, v)
	}
	for i := range chs {
		ch := &chs[i]
		n := strings.ToLower(strings.TrimSuffix(ch.given, "."))
		if ch.nameErr == nil {
			n = NormalizedName(ch.labels)
		}
		names = add(names, n)
		types = add(types, ch.rs.Type)
		actions = add(actions, ch.action)
	}
	return []authz.Entry{
		{Key: "route53:ChangeResourceRecordSetsNormalizedRecordNames", Values: names},
		{Key: "route53:ChangeResourceRecordSetsRecordTypes", Values: types},
		{Key: "route53:ChangeResourceRecordSetsActions", Values: actions},
	}
}

// batchParameters is the change batch as CloudTrail records it.
func batchParameters(id, comment string, chs []change) map[string]any {
	var list []any
	for i := range chs {
		ch := &chs[i]
		rs := map[string]any{"name": ch.given, "type": ch.rs.Type}
		if ch.rs.TTL != nil {
			rs["tTL"] = *ch.rs.TTL
		}
		if len(ch.rs.Values) > 0 {
			var vs []any
			for _, v := range ch.rs.Values {
				vs = append(vs, map[string]any{"value": v})
			}
			rs["resourceRecords"] = vs
		}
		if ch.rs.SetIdentifier != "" {
			rs["setIdentifier"] = ch.rs.SetIdentifier
		}
		list = append(list, map[string]any{"action": ch.action, "resourceRecordSet": rs})
	}
	batch := map[string]any{"changes": list}
	if comment != "" {
		batch["comment"] = comment
	}
	return map[string]any{"hostedZoneId": id, "changeBatch": batch}
}

func changeResourceRecordSets(c *service.Call, rt route) (*answer, error) {
	id, err := zoneID(rt.id)
	if err != nil {
		return nil, err
	}
	c.Event.RequestParameters = map[string]any{"hostedZoneId": id}
	var in changeRequest
	if err := decode(c.Body, &in, "ChangeResourceRecordSetsRequest"); err != nil {
		return nil, err
	}
	chs, comment, err := readChanges(&in)
	if err != nil {
		return nil, err
	}
	c.Event.RequestParameters = batchParameters(id, comment, chs)
	var out changeInfo
	err = c.World.Update(func(tx *world.Tx) error {
		z, err := lookupZone(c, tx, id, "route53:ChangeResourceRecordSets", batchContext(chs)...)
		if err != nil {
			return err
		}
		recs, msgs := apply(z, chs, c.Env.Now.UTC())
		if len(msgs) > 0 {
			return invalidChangeBatch(msgs)
		}
		nz := z.clone()
		nz.Records = recs
		if out, err = newChange(c, tx, comment); err != nil {
			return err
		}
		return Zones.Put(tx, id, nz)
	})
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = changeElements(out)
	return &answer{status: http.StatusOK, doc: &changeInfoResponse{XMLName: xmlName("ChangeResourceRecordSetsResponse"), ChangeInfo: out}}, nil
}

func recordElemOf(r *RecordSet) recordElem {
	e := recordElem{Name: r.Name, Type: r.Type, SetIdentifier: r.SetIdentifier, Weight: r.Weight, Region: r.Region,
		GeoLocation: r.Geo, Failover: r.Failover, MultiValueAnswer: r.MultiValue, TTL: r.TTL, HealthCheckId: r.HealthCheckID}
	if len(r.Values) > 0 {
		e.ResourceRecords = &valuesElem{}
		for _, v := range r.Values {
			e.ResourceRecords.ResourceRecord = append(e.ResourceRecords.ResourceRecord, struct{ Value *string }{&v})
		}
	}
	if a := r.Alias; a != nil {
		e.AliasTarget = &aliasElem{HostedZoneId: a.HostedZoneID, DNSName: a.DNSName, EvaluateTargetHealth: a.EvaluateTargetHealth}
	}
	return e
}

// recordLess is the order of ListResourceRecordSets: "first by DNS name
// with the labels reversed ... When multiple records have the same DNS
// name, ListResourceRecordSets sorts results by the record type", then by
// set identifier.
func recordLess(a, b [3]string) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func recordKey(r *RecordSet) [3]string { return [3]string{sortKey(r.Name), r.Type, r.SetIdentifier} }

func listResourceRecordSets(c *service.Call, rt route) (*answer, error) {
	id, err := zoneID(rt.id)
	if err != nil {
		return nil, err
	}
	q := c.R.URL.Query()
	n, err := maxItems(q, MaxRecordsPage, MaxRecordsPage)
	if err != nil {
		return nil, err
	}
	var start [3]string
	startName, startType, startID := q.Get("name"), q.Get("type"), q.Get("identifier")
	if startType != "" && startName == "" {
		// "If you specify Type but not Name: Amazon Route 53 returns the
		// InvalidInput error."
		return nil, invalidInput("The type parameter requires the name parameter")
	}
	if startType != "" && !recordTypes[startType] {
		return nil, invalidInput("1 validation error detected: Value '%s' at 'startRecordType' failed to satisfy constraint: Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS]", startType)
	}
	if startName != "" {
		name, err := CanonicalName(startName)
		if err != nil {
			return nil, invalidInput("%v", err)
		}
		start = [3]string{sortKey(name), startType, startID}
	}
	c.Event.RequestParameters = map[string]any{"hostedZoneId": id, "maxItems": strconv.Itoa(n)}
	out := &listRecordsResponse{ResourceRecordSets: []recordElem{}, MaxItems: strconv.Itoa(n)}
	err = c.World.View(func(tx *world.Tx) error {
		z, err := lookupZone(c, tx, id, "route53:ListResourceRecordSets")
		if err != nil {
			return err
		}
		recs := append([]RecordSet(nil), z.Records...)
		sort.Slice(recs, func(i, j int) bool { return recordLess(recordKey(&recs[i]), recordKey(&recs[j])) })
		for i := range recs {
			r := &recs[i]
			if recordLess(recordKey(r), start) {
				continue
			}
			if len(out.ResourceRecordSets) == n {
				out.IsTruncated, out.NextRecordName, out.NextRecordType, out.NextRecordIdentifier = true, r.Name, r.Type, r.SetIdentifier
				break
			}
			out.ResourceRecordSets = append(out.ResourceRecordSets, recordElemOf(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: out}, nil
}

func getChange(c *service.Call, rt route) (*answer, error) {
	id := bareID(rt.id)
	if id == "" || len(id) > MaxChangeID {
		return nil, invalidInput("1 validation error detected: Value '%s' at 'id' failed to satisfy constraint: Member must have length between 1 and %d", id, MaxChangeID)
	}
	c.Event.RequestParameters = map[string]any{"id": id}
	var out changeInfo
	err := c.World.View(func(tx *world.Tx) error {
		ch, ok := changes.Get(tx, id)
		owner := ""
		if ok {
			owner = ch.Account
		}
		if err := allow(c, tx, "route53:GetChange", ChangeARN(id), owner); err != nil {
			return err
		}
		if !ok {
			return noSuchChange(id)
		}
		// Every change is propagated by the time it is asked about: the
		// simulator has one name server, the world itself.
		out = changeInfo{Id: "/change/" + ch.ID, Status: "INSYNC", SubmittedAt: stamp(ch.Submitted), Comment: ch.Comment}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: &changeInfoResponse{XMLName: xmlName("GetChangeResponse"), ChangeInfo: out}}, nil
}
