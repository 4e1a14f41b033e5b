package route53

import (
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Limits of the request elements (Route 53 API model).
const (
	MaxID              = 32
	MaxCallerReference = 128
	MaxComment         = 256
	// MaxZonesPage is the most hosted zones one list answer holds: "Route
	// 53 returns a maximum of 100 items in each response".
	MaxZonesPage = 100
)

var vpcIDPattern = regexp.MustCompile(`^vpc-[0-9a-f]{8,17}$`)

// allow asks the engine whether the call may do action on resource, a
// hosted zone or change owned by owner ("" for the caller's own).
func allow(c *service.Call, tx *world.Tx, action, resource, owner string, ctx ...authz.Entry) error {
	if owner == "" {
		owner = c.Account()
	}
	_, err := c.Authorize(tx, &authorize.Request{Action: action, Resource: resource, ResourceAccount: owner, Context: ctx})
	return err
}

// nonEmpty drops the parameters a request left out, as CloudTrail does.
func nonEmpty(m map[string]any) map[string]any {
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}

// zoneID checks an ID from the path.
func zoneID(raw string) (string, error) {
	id := bareID(raw)
	if id == "" || len(id) > MaxID {
		return "", invalidInput("1 validation error detected: Value '%s' at 'id' failed to satisfy constraint: Member must have length less than or equal to %d", id, MaxID)
	}
	return id, nil
}

func zoneElemOf(z *Zone) zoneElem {
	return zoneElem{Id: "/hostedzone/" + z.ID, Name: z.Name, CallerReference: z.CallerReference,
		Config: configElem{Comment: z.Comment, PrivateZone: z.Private}, ResourceRecordSetCount: len(z.Records)}
}

// newChange records a submitted change for GetChange.
func newChange(c *service.Call, tx *world.Tx, comment string) (changeInfo, error) {
	ch := &Change{ID: c.World.NewID("C", 20), Account: c.Account(), Comment: comment, Submitted: c.Env.Now.UTC()}
	if err := changes.Put(tx, ch.ID, ch); err != nil {
		return changeInfo{}, err
	}
	// "PENDING indicates that the changes in this request have not
	// propagated to all Amazon Route 53 DNS servers ... This is the initial
	// status of all change batch requests" (GetChange).
	return changeInfo{Id: "/change/" + ch.ID, Status: "PENDING", SubmittedAt: stamp(ch.Submitted), Comment: comment}, nil
}

func changeElements(ci changeInfo) map[string]any {
	return map[string]any{"changeInfo": map[string]any{"id": ci.Id, "status": ci.Status, "submittedAt": ci.SubmittedAt}}
}

func createHostedZone(c *service.Call, _ route) (*answer, error) {
	var in createZoneRequest
	if err := decode(c.Body, &in, "CreateHostedZoneRequest"); err != nil {
		return nil, err
	}
	if in.Name == nil {
		return nil, protocol.MissingParameter("InvalidInput", "Name")
	}
	if in.CallerReference == nil {
		return nil, protocol.MissingParameter("InvalidInput", "CallerReference")
	}
	ref := *in.CallerReference
	params := map[string]any{"name": *in.Name, "callerReference": ref}
	c.Event.RequestParameters = params
	if ref == "" || len(ref) > MaxCallerReference {
		return nil, invalidInput("1 validation error detected: Value '%s' at 'callerReference' failed to satisfy constraint: Member must have length between 1 and %d", ref, MaxCallerReference)
	}
	var comment string
	wantPrivate := false
	if cfg := in.HostedZoneConfig; cfg != nil {
		comment = cfg.Comment
		wantPrivate = cfg.PrivateZone != nil && *cfg.PrivateZone
		params["hostedZoneConfig"] = map[string]any{"comment": comment, "privateZone": wantPrivate}
		if len(comment) > MaxComment {
			return nil, invalidInput("1 validation error detected: Value at 'hostedZoneConfig.comment' failed to satisfy constraint: Member must have length less than or equal to %d", MaxComment)
		}
	}
	if in.DelegationSetID != "" {
		return nil, protocol.Errorf(http.StatusBadRequest, "NoSuchDelegationSet", "A reusable delegation set with the specified ID does not exist: %s (the simulator has no reusable delegation sets)", in.DelegationSetID)
	}
	labels, err := ParseName(*in.Name)
	if err != nil {
		return nil, invalidDomainName("%s is not a valid domain name: %v", *in.Name, err)
	}
	// "You can't create a hosted zone for a top-level domain (TLD) such as
	// .com" and "You can't include an * in the leftmost label in a domain
	// name" (of a hosted zone).
	if len(labels) == 1 {
		return nil, invalidDomainName("%s is a top-level domain: you can't create a hosted zone for a top-level domain (TLD)", *in.Name)
	}
	if labels[0] == "*" {
		return nil, invalidDomainName("%s is not allowed: a hosted zone name can't have * as its leftmost label", *in.Name)
	}
	name := FormatName(labels)
	var vpcs []VPC
	var ctx []authz.Entry
	if in.VPC != nil {
		v, err := checkVPC(in.VPC)
		if err != nil {
			return nil, err
		}
		params["vPC"] = map[string]any{"vPCId": v.ID, "vPCRegion": v.Region}
		vpcs = []VPC{v}
		// "route53:VPCs ... The value must be in the format
		// VPCId=<vpc-id>,VPCRegion=<region>" (IAM policy conditions).
		ctx = append(ctx, authz.Entry{Key: "route53:VPCs", Values: []string{"VPCId=" + v.ID + ",VPCRegion=" + v.Region}})
	} else if wantPrivate {
		return nil, invalidInput("When you're creating a private hosted zone (when you specify true for PrivateZone), you must also specify values for VPCId and VPCRegion.")
	}
	acct := c.Account()
	var out *createZoneResponse
	err = c.World.Update(func(tx *world.Tx) error {
		if err := allow(c, tx, "route53:CreateHostedZone", "*", acct, ctx...); err != nil {
			return err
		}
		if vpcs != nil {
			// "The CreateHostedZone request requires the caller to have an
			// ec2:DescribeVpcs permission" (for a private hosted zone).
			if err := allow(c, tx, "ec2:DescribeVpcs", "*", acct); err != nil {
				return err
			}
		}
		mine := accountZones(tx, acct)
		for _, z := range mine {
			if z.CallerReference == ref {
				return protocol.Errorf(http.StatusConflict, "HostedZoneAlreadyExists", "A hosted zone has already been created with the specified caller reference.")
			}
		}
		if len(mine) >= MaxZonesPerAccount {
			return protocol.Errorf(http.StatusBadRequest, "TooManyHostedZones", "The limit on the number of hosted zones (%d) has been reached.", MaxZonesPerAccount)
		}
		z := &Zone{ID: c.World.NewID("Z", 20), Account: acct, Name: name, CallerReference: ref, Comment: comment,
			Private: vpcs != nil, VPCs: vpcs, Created: c.Env.Now.UTC()}
		z.NameServers = privateNameServers
		if !z.Private {
			z.NameServers = newNameServers(c.World)
		}
		z.Records = defaultRecords(name, z.NameServers, z.Created)
		ci, err := newChange(c, tx, "")
		if err != nil {
			return err
		}
		out = &createZoneResponse{HostedZone: zoneElemOf(z), ChangeInfo: ci}
		if z.Private {
			out.VPC = &vpcElem{VPCRegion: vpcs[0].Region, VPCId: vpcs[0].ID}
		} else {
			out.DelegationSet = &delegationSet{NameServers: trimDots(z.NameServers)}
		}
		c.Event.ResponseElements = map[string]any{"hostedZone": map[string]any{"id": out.HostedZone.Id, "name": name}, "changeInfo": changeElements(ci)["changeInfo"]}
		return Zones.Put(tx, z.ID, z)
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusCreated, doc: out,
		header: map[string]string{"Location": "https://route53.amazonaws.com" + APIPrefix + "hostedzone/" + bareID(out.HostedZone.Id)}}, nil
}

func checkVPC(v *vpcElem) (VPC, error) {
	if v.VPCId == "" || v.VPCRegion == "" {
		return VPC{}, invalidInput("When you're creating a private hosted zone (when you specify true for PrivateZone), you must also specify values for VPCId and VPCRegion.")
	}
	if !vpcIDPattern.MatchString(v.VPCId) {
		return VPC{}, protocol.Errorf(http.StatusBadRequest, "InvalidVPCId", "The VPC ID '%s' is not valid.", v.VPCId)
	}
	return VPC{Region: v.VPCRegion, ID: v.VPCId}, nil
}

// trimDots writes name servers as a delegation set lists them, without the
// trailing dot.
func trimDots(ns []string) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strings.TrimSuffix(n, ".")
	}
	return out
}

// accountZones are an account's hosted zones, by ID.
func accountZones(tx *world.Tx, acct string) []*Zone {
	var out []*Zone
	for _, z := range Zones.List(tx, "") {
		if z.Account == acct {
			out = append(out, z)
		}
	}
	return out
}

// lookupZone finds a zone for an operation on it: the engine decides
// first (on the zone's ARN, as its owner's), then a missing zone is
// NoSuchHostedZone.
func lookupZone(c *service.Call, tx *world.Tx, id, action string, ctx ...authz.Entry) (*Zone, error) {
	z, ok := Zones.Get(tx, id)
	owner := ""
	if ok {
		owner = z.Account
	}
	if err := allow(c, tx, action, ZoneARN(id), owner, ctx...); err != nil {
		return nil, err
	}
	if !ok {
		return nil, noSuchZone(id)
	}
	return z, nil
}

func getHostedZone(c *service.Call, rt route) (*answer, error) {
	id, err := zoneID(rt.id)
	if err != nil {
		return nil, err
	}
	c.Event.RequestParameters = map[string]any{"id": id}
	var out *getZoneResponse
	err = c.World.View(func(tx *world.Tx) error {
		z, err := lookupZone(c, tx, id, "route53:GetHostedZone")
		if err != nil {
			return err
		}
		out = &getZoneResponse{HostedZone: zoneElemOf(z)}
		if z.Private {
			for _, v := range z.VPCs {
				out.VPCs = append(out.VPCs, vpcElem{VPCRegion: v.Region, VPCId: v.ID})
			}
		} else {
			out.DelegationSet = &delegationSet{NameServers: trimDots(z.NameServers)}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: out}, nil
}

// maxItems reads the maxitems parameter: a number, at most max (a larger
// one is max, as Route 53 caps it), def when absent.
func maxItems(q map[string][]string, def, max int) (int, error) {
	v, ok := q["maxitems"]
	if !ok || len(v) == 0 || v[0] == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v[0])
	if err != nil || n < 1 {
		return 0, invalidInput("1 validation error detected: Value '%s' at 'maxItems' failed to satisfy constraint: Member must be a positive integer", v[0])
	}
	if n > max {
		n = max
	}
	return n, nil
}

func listHostedZones(c *service.Call, _ route) (*answer, error) {
	q := c.R.URL.Query()
	n, err := maxItems(q, MaxZonesPage, MaxZonesPage)
	if err != nil {
		return nil, err
	}
	marker := q.Get("marker")
	onlyPrivate := false
	switch t := q.Get("hostedzonetype"); t {
	case "":
	case "PrivateHostedZone":
		onlyPrivate = true
	default:
		return nil, invalidInput("1 validation error detected: Value '%s' at 'hostedZoneType' failed to satisfy constraint: Member must satisfy enum value set: [PrivateHostedZone]", t)
	}
	if d := q.Get("delegationsetid"); d != "" {
		return nil, protocol.Errorf(http.StatusBadRequest, "NoSuchDelegationSet", "A reusable delegation set with the specified ID does not exist: %s", d)
	}
	c.Event.RequestParameters = nonEmpty(map[string]any{"marker": marker, "maxItems": strconv.Itoa(n)})
	out := &listZonesResponse{HostedZones: []zoneElem{}, Marker: marker, MaxItems: strconv.Itoa(n)}
	err = c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "route53:ListHostedZones", "*", ""); err != nil {
			return err
		}
		for _, z := range accountZones(tx, c.Account()) { // in ID order
			if z.ID < marker || onlyPrivate && !z.Private {
				continue
			}
			if len(out.HostedZones) == n {
				out.IsTruncated, out.NextMarker = true, z.ID
				break
			}
			out.HostedZones = append(out.HostedZones, zoneElemOf(z))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: out}, nil
}

func listHostedZonesByName(c *service.Call, _ route) (*answer, error) {
	q := c.R.URL.Query()
	n, err := maxItems(q, MaxZonesPage, MaxZonesPage)
	if err != nil {
		return nil, err
	}
	out := &listZonesByNameResponse{HostedZones: []zoneElem{}, MaxItems: strconv.Itoa(n)}
	startKey, startID := "", q.Get("hostedzoneid")
	if d := q.Get("dnsname"); d != "" {
		name, err := CanonicalName(d)
		if err != nil {
			return nil, invalidDomainName("%s is not a valid domain name: %v", d, err)
		}
		out.DNSName, startKey = name, sortKey(name)
	} else if startID != "" {
		return nil, invalidInput("The hostedzoneid parameter requires the dnsname parameter")
	}
	if startID != "" {
		out.HostedZoneId = startID
		startID = bareID(startID)
	}
	c.Event.RequestParameters = nonEmpty(map[string]any{"dNSName": out.DNSName, "hostedZoneId": out.HostedZoneId, "maxItems": strconv.Itoa(n)})
	err = c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "route53:ListHostedZonesByName", "*", ""); err != nil {
			return err
		}
		zs := accountZones(tx, c.Account())
		// "ListHostedZonesByName sorts hosted zones by name with the labels
		// reversed", then by ID.
		sort.SliceStable(zs, func(i, j int) bool { return sortKey(zs[i].Name) < sortKey(zs[j].Name) })
		for _, z := range zs {
			k := sortKey(z.Name)
			if k < startKey || k == startKey && z.ID < startID {
				continue
			}
			if len(out.HostedZones) == n {
				out.IsTruncated, out.NextDNSName, out.NextHostedZoneId = true, z.Name, z.ID
				break
			}
			out.HostedZones = append(out.HostedZones, zoneElemOf(z))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: out}, nil
}

func getHostedZoneCount(c *service.Call, _ route) (*answer, error) {
	out := &zoneCountResponse{}
	err := c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "route53:GetHostedZoneCount", "*", ""); err != nil {
			return err
		}
		out.HostedZoneCount = len(accountZones(tx, c.Account()))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: out}, nil
}

// isDefault reports whether a record set is one of the zone's own SOA and
// NS records, which a zone keeps until it is deleted.
func isDefault(z *Zone, r *RecordSet) bool {
	return r.Name == z.Name && (r.Type == "SOA" || r.Type == "NS") && r.SetIdentifier == ""
}

func deleteHostedZone(c *service.Call, rt route) (*answer, error) {
	id, err := zoneID(rt.id)
	if err != nil {
		return nil, err
	}
	c.Event.RequestParameters = map[string]any{"id": id}
	var out changeInfo
	err = c.World.Update(func(tx *world.Tx) error {
		z, err := lookupZone(c, tx, id, "route53:DeleteHostedZone")
		if err != nil {
			return err
		}
		for i := range z.Records {
			if !isDefault(z, &z.Records[i]) {
				// "You can delete a hosted zone only if it contains only the
				// default SOA and NS records".
				return protocol.Errorf(http.StatusBadRequest, "HostedZoneNotEmpty", "The specified hosted zone contains non-required resource record sets and so cannot be deleted.")
			}
		}
		if out, err = newChange(c, tx, ""); err != nil {
			return err
		}
		return Zones.Delete(tx, id)
	})
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = changeElements(out)
	return &answer{status: http.StatusOK, doc: &changeInfoResponse{XMLName: xmlName("DeleteHostedZoneResponse"), ChangeInfo: out}}, nil
}

func updateHostedZoneComment(c *service.Call, rt route) (*answer, error) {
	id, err := zoneID(rt.id)
	if err != nil {
		return nil, err
	}
	var in commentRequest
	if err := decode(c.Body, &in, "UpdateHostedZoneCommentRequest"); err != nil {
		return nil, err
	}
	comment := ""
	if in.Comment != nil {
		comment = *in.Comment
	}
	c.Event.RequestParameters = map[string]any{"id": id, "comment": comment}
	if len(comment) > MaxComment {
		return nil, invalidInput("1 validation error detected: Value at 'comment' failed to satisfy constraint: Member must have length less than or equal to %d", MaxComment)
	}
	var out *commentResponse
	err = c.World.Update(func(tx *world.Tx) error {
		z, err := lookupZone(c, tx, id, "route53:UpdateHostedZoneComment")
		if err != nil {
			return err
		}
		nz := z.clone()
		nz.Comment = comment
		out = &commentResponse{HostedZone: zoneElemOf(nz)}
		return Zones.Put(tx, id, nz)
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: out}, nil
}
