package sim_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53 "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

func (l *lab) route53(key, secret, token string) *route53.Client {
	return route53.NewFromConfig(l.config(key, secret, token))
}

// capture keeps the last answer a client received, for its raw shape.
type capture struct {
	rt     http.RoundTripper
	mu     sync.Mutex
	status int
	body   []byte
}

func (c *capture) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	c.mu.Lock()
	c.status, c.body = resp.StatusCode, b
	c.mu.Unlock()
	return resp, nil
}

func (c *capture) last() (int, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status, string(c.body)
}

// capturing is a config whose client keeps its last raw answer.
func (l *lab) capturing(key, secret string) (aws.Config, *capture) {
	cfg := l.config(key, secret, "")
	cp := &capture{rt: l.srv.Client().Transport}
	cfg.HTTPClient = &http.Client{Transport: cp}
	return cfg, cp
}

// newUser makes an IAM user with one inline policy and returns its keys.
func (l *lab) newUser(t *testing.T, name, policy string) (string, string) {
	t.Helper()
	c := l.rootIAM()
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &name, PolicyName: aws.String("p"), PolicyDocument: &policy}); err != nil {
		t.Fatal(err)
	}
	k, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &name})
	if err != nil {
		t.Fatal(err)
	}
	return *k.AccessKey.AccessKeyId, *k.AccessKey.SecretAccessKey
}

func rrset(name string, typ r53.RRType, ttl int64, values ...string) *r53.ResourceRecordSet {
	rs := &r53.ResourceRecordSet{Name: &name, Type: typ, TTL: &ttl}
	for _, v := range values {
		rs.ResourceRecords = append(rs.ResourceRecords, r53.ResourceRecord{Value: aws.String(v)})
	}
	return rs
}

func batch(changes ...r53.Change) *r53.ChangeBatch { return &r53.ChangeBatch{Changes: changes} }

func change(a r53.ChangeAction, rs *r53.ResourceRecordSet) r53.Change {
	return r53.Change{Action: a, ResourceRecordSet: rs}
}

// seedZone is the seed's hosted zone for the source document's domain.
func seedZone(t testing.TB, c *route53.Client) string {
	t.Helper()
	out, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String("debugroom.org")})
	if err != nil || len(out.HostedZones) == 0 || *out.HostedZones[0].Name != "debugroom.org." {
		t.Fatalf("the seed's zone: %v %v", out, err)
	}
	return *out.HostedZones[0].Id
}

var nameServer = regexp.MustCompile(`^ns-(\d+)\.awsdns-\d\d\.(com|net|org|co\.uk)$`)

// A hosted zone's life: created with four name servers and its SOA and NS
// records, found by ID and by name, its comment changed, refused deletion
// while it holds records of its own, deleted, then gone.
func TestRoute53HostedZone(t *testing.T) {
	l := newLab(t, nil)
	c := l.route53(rootKey, rootSec, "")
	out, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("Example.COM"), CallerReference: aws.String("ref-1"),
		HostedZoneConfig: &r53.HostedZoneConfig{Comment: aws.String("lab")}})
	if err != nil {
		t.Fatal(err)
	}
	z := out.HostedZone
	if !strings.HasPrefix(*z.Id, "/hostedzone/Z") || *z.Name != "example.com." || *z.CallerReference != "ref-1" || *z.ResourceRecordSetCount != 2 ||
		*z.Config.Comment != "lab" || z.Config.PrivateZone || out.ChangeInfo.Status != r53.ChangeStatusPending ||
		*out.Location != "https://route53.amazonaws.com/2013-04-01/hostedzone/"+strings.TrimPrefix(*z.Id, "/hostedzone/") {
		t.Fatalf("created %+v %+v %v", z, out.ChangeInfo, aws.ToString(out.Location))
	}
	ns := out.DelegationSet.NameServers
	if len(ns) != 4 {
		t.Fatalf("name servers %v", ns)
	}
	for _, n := range ns {
		if !nameServer.MatchString(n) {
			t.Errorf("name server %q is not in Route 53's form", n)
		}
	}
	ch, err := c.GetChange(ctx, &route53.GetChangeInput{Id: out.ChangeInfo.Id})
	if err != nil || ch.ChangeInfo.Status != r53.ChangeStatusInsync || *ch.ChangeInfo.Id != *out.ChangeInfo.Id {
		t.Errorf("GetChange %+v %v", ch, err)
	}
	got, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: z.Id})
	if err != nil || *got.HostedZone.Name != "example.com." || len(got.DelegationSet.NameServers) != 4 || got.DelegationSet.NameServers[0] != ns[0] {
		t.Fatalf("GetHostedZone %+v %v", got, err)
	}
	recs, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: z.Id})
	if err != nil || len(recs.ResourceRecordSets) != 2 {
		t.Fatalf("records %+v %v", recs, err)
	}
	nsRec, soa := recs.ResourceRecordSets[0], recs.ResourceRecordSets[1]
	if nsRec.Type != r53.RRTypeNs || *nsRec.TTL != 172800 || len(nsRec.ResourceRecords) != 4 || *nsRec.ResourceRecords[0].Value != ns[0]+"." ||
		soa.Type != r53.RRTypeSoa || *soa.TTL != 900 || *soa.ResourceRecords[0].Value != ns[0]+". awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" {
		t.Errorf("default records %+v / %+v", nsRec, soa)
	}
	_, err = c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("other.example"), CallerReference: aws.String("ref-1")})
	wantError(t, err, "HostedZoneAlreadyExists", "A hosted zone has already been created with the specified caller reference.")
	up, err := c.UpdateHostedZoneComment(ctx, &route53.UpdateHostedZoneCommentInput{Id: z.Id, Comment: aws.String("changed")})
	if err != nil || *up.HostedZone.Config.Comment != "changed" {
		t.Errorf("UpdateHostedZoneComment %+v %v", up, err)
	}
	if n, err := c.GetHostedZoneCount(ctx, nil); err != nil || *n.HostedZoneCount != 2 {
		t.Errorf("GetHostedZoneCount %v %v", n, err)
	}
	_, err = c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: z.Id,
		ChangeBatch: batch(change(r53.ChangeActionCreate, rrset("www.example.com", r53.RRTypeA, 60, "192.0.2.1")))})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: z.Id})
	wantError(t, err, "HostedZoneNotEmpty", "The specified hosted zone contains non-required resource record sets and so cannot be deleted.")
	_, err = c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: z.Id,
		ChangeBatch: batch(change(r53.ChangeActionDelete, rrset("www.example.com.", r53.RRTypeA, 60, "192.0.2.1")))})
	if err != nil {
		t.Fatal(err)
	}
	del, err := c.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: z.Id})
	if err != nil || del.ChangeInfo.Status != r53.ChangeStatusPending {
		t.Fatalf("DeleteHostedZone %+v %v", del, err)
	}
	id := strings.TrimPrefix(*z.Id, "/hostedzone/")
	_, err = c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: z.Id})
	wantError(t, err, "NoSuchHostedZone", "No hosted zone found with ID: "+id)
	_, err = c.GetChange(ctx, &route53.GetChangeInput{Id: aws.String("CNOSUCHCHANGE")})
	wantError(t, err, "NoSuchChange", "CNOSUCHCHANGE")
}

// Names Route 53 refuses for a hosted zone, and the ones it takes.
func TestRoute53ZoneNames(t *testing.T) {
	l := newLab(t, nil)
	c := l.route53(rootKey, rootSec, "")
	for i, tc := range []struct{ name, code, msg string }{
		{"com", "InvalidDomainName", "top-level domain"},
		{"*.example.com", "InvalidDomainName", "leftmost label"},
		{"a..example.com", "InvalidDomainName", "DomainLabelEmpty"},
		{strings.Repeat("a", 64) + ".com", "InvalidDomainName", "DomainLabelTooLong"},
		{"bad name.com", "InvalidDomainName", "must be escaped"},
		{`ex\344mple.com`, "", ""},
	} {
		out, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: &tc.name, CallerReference: aws.String(string(rune('a' + i)))})
		if tc.code == "" {
			if err != nil || *out.HostedZone.Name != `ex\344mple.com.` {
				t.Errorf("%q: %v %v", tc.name, out, err)
			}
			continue
		}
		wantError(t, err, tc.code, tc.msg)
	}
}

// ListHostedZones pages by ID; ListHostedZonesByName orders by name with
// the labels reversed ("com.example." before "org.debugroom.") and pages
// by name and ID.
func TestRoute53ListZones(t *testing.T) {
	l := newLab(t, nil)
	c := l.route53(rootKey, rootSec, "")
	for i, n := range []string{"example.com", "b.example.com", "a.example.net"} {
		if _, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(n), CallerReference: aws.String(n + string(rune('0'+i)))}); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	var in route53.ListHostedZonesByNameInput
	in.MaxItems = aws.Int32(2)
	for pages := 0; ; pages++ {
		out, err := c.ListHostedZonesByName(ctx, &in)
		if err != nil || pages > 3 {
			t.Fatal(err, pages)
		}
		for _, z := range out.HostedZones {
			names = append(names, *z.Name)
		}
		if !out.IsTruncated {
			break
		}
		in.DNSName, in.HostedZoneId = out.NextDNSName, out.NextHostedZoneId
	}
	if strings.Join(names, " ") != "example.com. b.example.com. a.example.net. debugroom.org." {
		t.Errorf("by name: %v", names)
	}
	ids := map[string]bool{}
	var marker *string
	for {
		out, err := c.ListHostedZones(ctx, &route53.ListHostedZonesInput{MaxItems: aws.Int32(3), Marker: marker})
		if err != nil {
			t.Fatal(err)
		}
		for _, z := range out.HostedZones {
			ids[*z.Id] = true
		}
		if !out.IsTruncated {
			break
		}
		marker = out.NextMarker
	}
	if len(ids) != 4 {
		t.Errorf("ListHostedZones pages gave %d zones", len(ids))
	}
	_, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{HostedZoneId: aws.String("Z1")})
	wantError(t, err, "InvalidInput", "dnsname")
}

// ChangeResourceRecordSets: each refusal with Route 53's InvalidChangeBatch
// message, every problem of a batch listed, and nothing of a refused
// batch written.
func TestRoute53ChangeBatch(t *testing.T) {
	l := newLab(t, nil)
	c := l.route53(rootKey, rootSec, "")
	zone := seedZone(t, c)
	must := func(b *r53.ChangeBatch) {
		t.Helper()
		if _, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: &zone, ChangeBatch: b}); err != nil {
			t.Fatal(err)
		}
	}
	must(batch(change(r53.ChangeActionCreate, rrset("www.debugroom.org", r53.RRTypeA, 60, "192.0.2.1", "192.0.2.2")),
		change(r53.ChangeActionCreate, rrset("alias.debugroom.org", r53.RRTypeCname, 60, "www.debugroom.org"))))
	cases := []struct {
		name  string
		batch *r53.ChangeBatch
		code  string
		msg   string
	}{
		{"create twice", batch(change(r53.ChangeActionCreate, rrset("WWW.debugroom.org.", r53.RRTypeA, 60, "192.0.2.9"))),
			"InvalidChangeBatch", "[Tried to create resource record set [name='www.debugroom.org.', type='A'] but it already exists]"},
		{"delete missing", batch(change(r53.ChangeActionDelete, rrset("nope.debugroom.org", r53.RRTypeA, 60, "192.0.2.9"))),
			"InvalidChangeBatch", "[Tried to delete resource record set [name='nope.debugroom.org.', type='A'] but it was not found]"},
		{"delete other values", batch(change(r53.ChangeActionDelete, rrset("www.debugroom.org", r53.RRTypeA, 60, "192.0.2.1"))),
			"InvalidChangeBatch", "[Tried to delete resource record set [name='www.debugroom.org.', type='A'] but the values provided do not match the current values]"},
		{"outside the zone", batch(change(r53.ChangeActionCreate, rrset("www.example.com", r53.RRTypeA, 60, "192.0.2.1"))),
			"InvalidChangeBatch", "[RRSet with DNS name www.example.com. is not permitted in zone debugroom.org.]"},
		{"CNAME at apex", batch(change(r53.ChangeActionCreate, rrset("debugroom.org", r53.RRTypeCname, 60, "x.example.com"))),
			"InvalidChangeBatch", "[RRSet of type CNAME with DNS name debugroom.org. is not permitted at apex in zone debugroom.org.]"},
		{"CNAME beside A", batch(change(r53.ChangeActionCreate, rrset("www.debugroom.org", r53.RRTypeCname, 60, "x.example.com"))),
			"InvalidChangeBatch", "RRSet of type CNAME with DNS name www.debugroom.org. is not permitted because a conflicting RRSet of type A with the same DNS name already exists in zone debugroom.org."},
		{"TXT beside CNAME", batch(change(r53.ChangeActionCreate, rrset("alias.debugroom.org", r53.RRTypeTxt, 60, `"v"`))),
			"InvalidChangeBatch", "RRSet of type TXT with DNS name alias.debugroom.org. is not permitted because a conflicting RRSet of type CNAME"},
		{"bad IPv4", batch(change(r53.ChangeActionCreate, rrset("ip.debugroom.org", r53.RRTypeA, 60, "300.1.1.1"))),
			"InvalidChangeBatch", "ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '300.1.1.1'"},
		{"unquoted TXT", batch(change(r53.ChangeActionCreate, rrset("t.debugroom.org", r53.RRTypeTxt, 60, "v=spf1"))),
			"InvalidChangeBatch", "Value should be enclosed in quotation marks"},
		{"empty label", batch(change(r53.ChangeActionCreate, rrset("a..debugroom.org", r53.RRTypeA, 60, "192.0.2.1"))),
			"InvalidChangeBatch", "DomainLabelEmpty"},
		{"delete the SOA", batch(change(r53.ChangeActionDelete, nil)), "", ""}, // filled below
		{"two problems, all listed", batch(
			change(r53.ChangeActionCreate, rrset("new.debugroom.org", r53.RRTypeA, 60, "192.0.2.7")),
			change(r53.ChangeActionCreate, rrset("www.debugroom.org", r53.RRTypeA, 60, "192.0.2.9")),
			change(r53.ChangeActionDelete, rrset("gone.debugroom.org", r53.RRTypeA, 60, "192.0.2.9"))),
			"InvalidChangeBatch", "[Tried to create resource record set [name='www.debugroom.org.', type='A'] but it already exists, Tried to delete resource record set [name='gone.debugroom.org.', type='A'] but it was not found]"},
		{"no TTL", batch(change(r53.ChangeActionCreate, &r53.ResourceRecordSet{Name: aws.String("n.debugroom.org"), Type: r53.RRTypeA,
			ResourceRecords: []r53.ResourceRecord{{Value: aws.String("192.0.2.1")}}})),
			"InvalidInput", "Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=n.debugroom.org, Type=A, SetIdentifier=null]"},
		{"weight without set identifier", batch(change(r53.ChangeActionCreate, &r53.ResourceRecordSet{Name: aws.String("w.debugroom.org"), Type: r53.RRTypeA,
			Weight: aws.Int64(10), TTL: aws.Int64(60), ResourceRecords: []r53.ResourceRecord{{Value: aws.String("192.0.2.1")}}})),
			"InvalidInput", "Missing field 'SetIdentifier'"},
	}
	// The SOA, as listed, is what a DELETE of it must name.
	recs, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: &zone, StartRecordName: aws.String("debugroom.org"), StartRecordType: r53.RRTypeSoa, MaxItems: aws.Int32(1)})
	if err != nil || recs.ResourceRecordSets[0].Type != r53.RRTypeSoa {
		t.Fatal(recs, err)
	}
	soa := recs.ResourceRecordSets[0]
	cases[10].batch, cases[10].code, cases[10].msg = batch(change(r53.ChangeActionDelete, &soa)), "InvalidChangeBatch", "[A HostedZone must contain exactly one SOA record.]"
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: &zone, ChangeBatch: tc.batch})
			wantError(t, err, tc.code, tc.msg)
			var icb *r53.InvalidChangeBatch
			if tc.code == "InvalidChangeBatch" && !errors.As(err, &icb) {
				t.Errorf("%T is not the SDK's InvalidChangeBatch", err)
			}
		})
	}
	// The refused batch "two problems" created nothing.
	list, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: &zone})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range list.ResourceRecordSets {
		got = append(got, *r.Name+" "+string(r.Type))
	}
	if strings.Join(got, ", ") != "debugroom.org. NS, debugroom.org. SOA, alias.debugroom.org. CNAME, www.debugroom.org. A" {
		t.Errorf("records after refused batches: %v", got)
	}
	// UPSERT replaces; a wildcard and upper case come back as Route 53
	// stores them; DELETE then CREATE in one batch is an update.
	must(batch(change(r53.ChangeActionUpsert, rrset("www.debugroom.org", r53.RRTypeA, 300, "192.0.2.3")),
		change(r53.ChangeActionCreate, rrset("*.Debugroom.ORG", r53.RRTypeTxt, 60, `"hello"`)),
		change(r53.ChangeActionDelete, rrset("alias.debugroom.org", r53.RRTypeCname, 60, "www.debugroom.org")),
		change(r53.ChangeActionCreate, rrset("alias.debugroom.org", r53.RRTypeCname, 60, "other.example.com"))))
	list, _ = c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: &zone, StartRecordName: aws.String("*.debugroom.org")})
	if len(list.ResourceRecordSets) != 3 || *list.ResourceRecordSets[0].Name != `\052.debugroom.org.` ||
		*list.ResourceRecordSets[1].ResourceRecords[0].Value != "other.example.com" ||
		*list.ResourceRecordSets[2].TTL != 300 || len(list.ResourceRecordSets[2].ResourceRecords) != 1 {
		for _, r := range list.ResourceRecordSets {
			t.Logf("%s %s %v", *r.Name, r.Type, r.ResourceRecords)
		}
		t.Errorf("after UPSERT: %d records", len(list.ResourceRecordSets))
	}
	// Paging by name and type.
	page, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: &zone, MaxItems: aws.Int32(1)})
	if err != nil || !page.IsTruncated || *page.NextRecordName != "debugroom.org." || page.NextRecordType != r53.RRTypeSoa {
		t.Errorf("page: %+v %v", page, err)
	}
	_, err = c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: &zone, StartRecordType: r53.RRTypeA})
	wantError(t, err, "InvalidInput", "requires the name")
}

// Every Route 53 operation, denied to a user no policy allows, with
// Route 53's AccessDenied (HTTP 403, the Query ErrorResponse in its
// namespace) naming the action and, for zones and changes, their ARNs;
// the same calls allowed for the root user.
func TestRoute53Denied(t *testing.T) {
	l := newLab(t, nil)
	root := l.route53(rootKey, rootSec, "")
	zone := seedZone(t, root)
	zoneID := strings.TrimPrefix(zone, "/hostedzone/")
	ch, err := root.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: &zone,
		ChangeBatch: batch(change(r53.ChangeActionCreate, rrset("a.debugroom.org", r53.RRTypeA, 60, "192.0.2.1")))})
	if err != nil {
		t.Fatal(err)
	}
	changeID := strings.TrimPrefix(*ch.ChangeInfo.Id, "/change/")
	spare, err := root.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("spare.example"), CallerReference: aws.String("spare")})
	if err != nil {
		t.Fatal(err)
	}
	spareID := strings.TrimPrefix(*spare.HostedZone.Id, "/hostedzone/")
	cfg, cp := l.capturing(appKey, appSec)
	app := route53.NewFromConfig(cfg)
	zoneARN := " on resource: arn:aws:route53:::hostedzone/" + zoneID
	ops := []struct {
		action, resource string
		call             func(c *route53.Client) error
	}{
		{"CreateHostedZone", "", func(c *route53.Client) error {
			_, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("d.example"), CallerReference: aws.String("d")})
			return err
		}},
		{"ListHostedZones", "", func(c *route53.Client) error { _, err := c.ListHostedZones(ctx, nil); return err }},
		{"ListHostedZonesByName", "", func(c *route53.Client) error { _, err := c.ListHostedZonesByName(ctx, nil); return err }},
		{"GetHostedZoneCount", "", func(c *route53.Client) error { _, err := c.GetHostedZoneCount(ctx, nil); return err }},
		{"GetHostedZone", zoneARN, func(c *route53.Client) error {
			_, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: &zone})
			return err
		}},
		{"UpdateHostedZoneComment", zoneARN, func(c *route53.Client) error {
			_, err := c.UpdateHostedZoneComment(ctx, &route53.UpdateHostedZoneCommentInput{Id: &zone, Comment: aws.String("c")})
			return err
		}},
		{"ChangeResourceRecordSets", zoneARN, func(c *route53.Client) error {
			_, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: &zone,
				ChangeBatch: batch(change(r53.ChangeActionCreate, rrset("b.debugroom.org", r53.RRTypeA, 60, "192.0.2.1")))})
			return err
		}},
		{"ListResourceRecordSets", zoneARN, func(c *route53.Client) error {
			_, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: &zone})
			return err
		}},
		{"GetChange", " on resource: arn:aws:route53:::change/" + changeID, func(c *route53.Client) error {
			_, err := c.GetChange(ctx, &route53.GetChangeInput{Id: &changeID})
			return err
		}},
		{"ChangeTagsForResource", zoneARN, func(c *route53.Client) error {
			_, err := c.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: r53.TagResourceTypeHostedzone, ResourceId: &zoneID,
				AddTags: []r53.Tag{{Key: aws.String("team"), Value: aws.String("blue")}}})
			return err
		}},
		{"ListTagsForResource", zoneARN, func(c *route53.Client) error {
			_, err := c.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: r53.TagResourceTypeHostedzone, ResourceId: &zoneID})
			return err
		}},
		{"DeleteHostedZone", " on resource: arn:aws:route53:::hostedzone/" + spareID, func(c *route53.Client) error {
			_, err := c.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: &spareID})
			return err
		}},
	}
	for _, op := range ops {
		err := op.call(app)
		wantError(t, err, "AccessDenied", "User: arn:aws:iam::123456789012:user/app is not authorized to perform: route53:"+op.action+op.resource+
			" because no identity-based policy allows the route53:"+op.action+" action")
		status, body := cp.last()
		if status != 403 || !strings.Contains(body, `<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">`) ||
			!strings.Contains(body, "<Type>Sender</Type>") || !strings.Contains(body, "<Code>AccessDenied</Code>") {
			t.Errorf("%s: %d %s", op.action, status, body)
		}
		if err := op.call(root); err != nil {
			t.Errorf("%s as root: %v", op.action, err)
		}
	}
	tags, err := root.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: r53.TagResourceTypeHostedzone, ResourceId: &zoneID})
	if err != nil || len(tags.ResourceTagSet.Tags) != 1 || *tags.ResourceTagSet.Tags[0].Value != "blue" {
		t.Errorf("tags %+v %v", tags, err)
	}
	_, err = root.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: r53.TagResourceTypeHostedzone, ResourceId: &zoneID, RemoveTagKeys: []string{"team"}})
	tags, _ = root.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: r53.TagResourceTypeHostedzone, ResourceId: &zoneID})
	if err != nil || len(tags.ResourceTagSet.Tags) != 0 {
		t.Errorf("tag removed: %+v %v", tags, err)
	}
}

// The keys AWS sets for ChangeResourceRecordSets: a policy that lets a
// user UPSERT only CNAME records named _*.debugroom.org (what ACM's DNS
// validation needs) allows exactly that.
func TestRoute53ConditionKeys(t *testing.T) {
	l := newLab(t, nil)
	zone := seedZone(t, l.route53(rootKey, rootSec, ""))
	key, secret := l.newUser(t, "dns", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"route53:ChangeResourceRecordSets",
		"Resource":"arn:aws:route53:::hostedzone/*","Condition":{
		"ForAllValues:StringLike":{"route53:ChangeResourceRecordSetsNormalizedRecordNames":["_*.debugroom.org"]},
		"ForAllValues:StringEquals":{"route53:ChangeResourceRecordSetsRecordTypes":["CNAME"],"route53:ChangeResourceRecordSetsActions":["UPSERT"]}}}]}`)
	c := l.route53(key, secret, "")
	try := func(a r53.ChangeAction, rs *r53.ResourceRecordSet) error {
		_, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: &zone, ChangeBatch: batch(change(a, rs))})
		return err
	}
	if err := try(r53.ChangeActionUpsert, rrset("_abc.DebugRoom.org.", r53.RRTypeCname, 300, "_x.acm-validations.aws.")); err != nil {
		t.Errorf("the validation record: %v", err)
	}
	for _, tc := range []struct {
		a  r53.ChangeAction
		rs *r53.ResourceRecordSet
	}{
		{r53.ChangeActionUpsert, rrset("www.debugroom.org", r53.RRTypeCname, 300, "x.example.com")},
		{r53.ChangeActionUpsert, rrset("_abc.debugroom.org", r53.RRTypeTxt, 300, `"x"`)},
		{r53.ChangeActionCreate, rrset("_new.debugroom.org", r53.RRTypeCname, 300, "x.example.com")},
	} {
		wantError(t, try(tc.a, tc.rs), "AccessDenied", "is not authorized to perform: route53:ChangeResourceRecordSets on resource: arn:aws:route53:::hostedzone/")
	}
}

// Route 53 is global: a call signed for another Region is recorded in
// us-east-1 and decided with aws:RequestedRegion us-east-1.
func TestRoute53Global(t *testing.T) {
	l := newLab(t, nil)
	key, secret := l.newUser(t, "east", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"route53:ListHostedZones","Resource":"*",
		"Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}`)
	cfg := l.config(key, secret, "")
	cfg.Region = "ap-northeast-1"
	if _, err := route53.NewFromConfig(cfg).ListHostedZones(ctx, nil); err != nil {
		t.Fatal(err)
	}
	evs, _ := l.events(t)
	last := evs[len(evs)-1]
	if last.EventSource != "route53.amazonaws.com" || last.EventName != "ListHostedZones" || last.AWSRegion != "us-east-1" || last.IAMLab.Decision != "allowed" {
		t.Errorf("event %+v", last)
	}
}

// Private hosted zones: the VPC is required, ec2:DescribeVpcs is asked
// too, and the zone lists its VPC instead of a delegation set.
func TestRoute53PrivateZone(t *testing.T) {
	l := newLab(t, nil)
	c := l.route53(rootKey, rootSec, "")
	_, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("corp.internal"), CallerReference: aws.String("p0"),
		HostedZoneConfig: &r53.HostedZoneConfig{PrivateZone: true}})
	wantError(t, err, "InvalidInput", "you must also specify values for VPCId and VPCRegion")
	_, err = c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("corp.internal"), CallerReference: aws.String("p1"),
		VPC: &r53.VPC{VPCId: aws.String("not-a-vpc"), VPCRegion: r53.VPCRegionUsEast1}})
	wantError(t, err, "InvalidVPCId", "not-a-vpc")
	out, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("corp.internal"), CallerReference: aws.String("p2"),
		VPC: &r53.VPC{VPCId: aws.String("vpc-0123456789abcdef0"), VPCRegion: r53.VPCRegionApNortheast1}})
	if err != nil || out.DelegationSet != nil || *out.VPC.VPCId != "vpc-0123456789abcdef0" || !out.HostedZone.Config.PrivateZone {
		t.Fatalf("private zone %+v %v", out, err)
	}
	got, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: out.HostedZone.Id})
	if err != nil || len(got.VPCs) != 1 || got.VPCs[0].VPCRegion != r53.VPCRegionApNortheast1 || got.DelegationSet != nil {
		t.Errorf("GetHostedZone %+v %v", got, err)
	}
	list, err := c.ListHostedZones(ctx, &route53.ListHostedZonesInput{HostedZoneType: r53.HostedZoneTypePrivateHostedZone})
	if err != nil || len(list.HostedZones) != 1 {
		t.Errorf("private zones %+v %v", list, err)
	}
	evs, _ := l.events(t)
	last := evs[len(evs)-3] // the create: two decisions, both allowed
	if len(last.IAMLab.Checks) != 2 || last.IAMLab.Checks[1].Action != "ec2:DescribeVpcs" {
		t.Errorf("checks %+v", last.IAMLab.Checks)
	}
}

// What Route 53 answers to requests no SDK sends: a body that is not its
// XML, and a path that is no operation.
func TestRoute53BadRequests(t *testing.T) {
	l := newLab(t, nil)
	cfg, cp := l.capturing(rootKey, rootSec)
	c := route53.NewFromConfig(cfg, func(o *route53.Options) {
		o.APIOptions = append(o.APIOptions, replaceBody(`<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>x.example`))
	})
	_, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("x.example"), CallerReference: aws.String("x")})
	wantError(t, err, "InvalidInput", "not well-formed")
	if status, _ := cp.last(); status != 400 {
		t.Errorf("status %d", status)
	}
	c = route53.NewFromConfig(cfg, func(o *route53.Options) {
		o.APIOptions = append(o.APIOptions, replaceBody(`<CreateHostedZoneRequest xmlns="urn:other"><Name>x.example</Name><CallerReference>x</CallerReference></CreateHostedZoneRequest>`))
	})
	_, err = c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("x.example"), CallerReference: aws.String("x")})
	wantError(t, err, "InvalidInput", "Cannot find the declaration of element 'CreateHostedZoneRequest'")
	_, err = route53.NewFromConfig(cfg).GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(strings.Repeat("Z", 33))})
	wantError(t, err, "InvalidInput", "Member must have length less than or equal to 32")
	_, err = route53.NewFromConfig(cfg).ListHostedZones(ctx, &route53.ListHostedZonesInput{DelegationSetId: aws.String("N1")})
	wantError(t, err, "NoSuchDelegationSet", "N1")
}

// replaceBody sends body instead of what the SDK serialized (signed as
// sent), for requests no SDK would make.
func replaceBody(body string) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Build.Add(middleware.BuildMiddlewareFunc("replaceBody", func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
			req := in.Request.(*smithyhttp.Request)
			r, err := req.SetStream(strings.NewReader(body))
			if err != nil {
				return middleware.BuildOutput{}, middleware.Metadata{}, err
			}
			r.ContentLength = int64(len(body))
			in.Request = r
			return next.HandleBuild(ctx, in)
		}), middleware.After)
	}
}
