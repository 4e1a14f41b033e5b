package route53

import (
	"net/http"
	"regexp"

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
