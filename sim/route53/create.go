package route53

import (
	"net/http"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// newZone is a checked CreateHostedZone request.
type newZone struct {
	name, ref, comment string
	vpcs               []VPC
	ctx                []authz.Entry
}

// readCreateZone checks a CreateHostedZone request and notes its
// parameters for the event.
func readCreateZone(in *createZoneRequest, params map[string]any) (*newZone, error) {
	if in.Name == nil {
		return nil, protocol.MissingParameter("InvalidInput", "Name")
	}
	if in.CallerReference == nil {
		return nil, protocol.MissingParameter("InvalidInput", "CallerReference")
	}
	nz := &newZone{ref: *in.CallerReference}
	params["name"], params["callerReference"] = *in.Name, nz.ref
	if nz.ref == "" || len(nz.ref) > MaxCallerReference {
		return nil, invalidInput("1 validation error detected: Value '%s' at 'callerReference' failed to satisfy constraint: Member must have length between 1 and %d", nz.ref, MaxCallerReference)
	}
	wantPrivate := false
	if cfg := in.HostedZoneConfig; cfg != nil {
		nz.comment = cfg.Comment
		wantPrivate = cfg.PrivateZone != nil && *cfg.PrivateZone
		params["hostedZoneConfig"] = map[string]any{"comment": nz.comment, "privateZone": wantPrivate}
		if len(nz.comment) > MaxComment {
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
	nz.name = FormatName(labels)
	if in.VPC == nil {
		if wantPrivate {
			return nil, invalidInput("When you're creating a private hosted zone (when you specify true for PrivateZone), you must also specify values for VPCId and VPCRegion.")
		}
		return nz, nil
	}
	v, err := checkVPC(in.VPC)
	if err != nil {
		return nil, err
	}
	params["vPC"] = map[string]any{"vPCId": v.ID, "vPCRegion": v.Region}
	nz.vpcs = []VPC{v}
	// "route53:VPCs ... The value must be in the format
	// VPCId=<vpc-id>,VPCRegion=<region>" (IAM policy conditions).
	nz.ctx = []authz.Entry{{Key: "route53:VPCs", Values: []string{"VPCId=" + v.ID + ",VPCRegion=" + v.Region}}}
	return nz, nil
}

func createHostedZone(c *service.Call, _ route) (*answer, error) {
	var in createZoneRequest
	if err := decode(c.Body, &in, "CreateHostedZoneRequest"); err != nil {
		return nil, err
	}
	c.Event.RequestParameters = map[string]any{}
	nz, err := readCreateZone(&in, c.Event.RequestParameters)
	if err != nil {
		return nil, err
	}
	acct := c.Account()
	var out *createZoneResponse
	err = c.World.Update(func(tx *world.Tx) error {
		if err := allow(c, tx, "route53:CreateHostedZone", "*", acct, nz.ctx...); err != nil {
			return err
		}
		if nz.vpcs != nil {
			// "The CreateHostedZone request requires the caller to have an
			// ec2:DescribeVpcs permission" (for a private hosted zone).
			if err := allow(c, tx, "ec2:DescribeVpcs", "*", acct); err != nil {
				return err
			}
		}
		mine := accountZones(tx, acct)
		for _, z := range mine {
			if z.CallerReference == nz.ref {
				return protocol.Errorf(http.StatusConflict, "HostedZoneAlreadyExists", "A hosted zone has already been created with the specified caller reference.")
			}
		}
		if len(mine) >= MaxZonesPerAccount {
			return protocol.Errorf(http.StatusBadRequest, "TooManyHostedZones", "The limit on the number of hosted zones (%d) has been reached.", MaxZonesPerAccount)
		}
		z := &Zone{ID: c.World.NewID("Z", 20), Account: acct, Name: nz.name, CallerReference: nz.ref, Comment: nz.comment,
			Private: nz.vpcs != nil, VPCs: nz.vpcs, Created: c.Env.Now.UTC(), NameServers: privateNameServers}
		if !z.Private {
			z.NameServers = newNameServers(c.World)
		}
		z.Records = defaultRecords(z.Name, z.NameServers, z.Created)
		ci, err := newChange(c, tx, "")
		if err != nil {
			return err
		}
		out = &createZoneResponse{HostedZone: zoneElemOf(z), ChangeInfo: ci}
		if z.Private {
			out.VPC = &vpcElem{VPCRegion: z.VPCs[0].Region, VPCId: z.VPCs[0].ID}
		} else {
			out.DelegationSet = &delegationSet{NameServers: trimDots(z.NameServers)}
		}
		c.Event.ResponseElements = map[string]any{"hostedZone": map[string]any{"id": out.HostedZone.Id, "name": z.Name}, "changeInfo": changeElements(ci)["changeInfo"]}
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
