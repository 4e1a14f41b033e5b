package route53

import (
	"net/http"
	"sort"
	"strconv"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

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
