package route53

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"github.com/iamlab/iamlab/sim/protocol"
)

// NS is Route 53's XML namespace (API version 2013-04-01).
const NS = protocol.Route53NS

// stamp is how Route 53 writes times: ISO 8601, UTC, milliseconds.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// The request documents.

type createZoneRequest struct {
	XMLName          xml.Name `xml:"CreateHostedZoneRequest"`
	Name             *string
	VPC              *vpcElem
	CallerReference  *string
	HostedZoneConfig *struct {
		Comment     string
		PrivateZone *bool
	}
	DelegationSetID string `xml:"DelegationSetId"`
}

type vpcElem struct {
	VPCRegion string `xml:",omitempty"`
	VPCId     string `xml:",omitempty"`
}

type changeRequest struct {
	XMLName     xml.Name `xml:"ChangeResourceRecordSetsRequest"`
	ChangeBatch *struct {
		Comment string
		Changes *struct {
			Change []changeElem
		}
	}
}

type changeElem struct {
	Action            string
	ResourceRecordSet *recordElem
}

// recordElem is the ResourceRecordSet element, in requests and answers.
type recordElem struct {
	Name                    string
	Type                    string
	SetIdentifier           string       `xml:",omitempty"`
	Weight                  *int64       `xml:",omitempty"`
	Region                  string       `xml:",omitempty"`
	GeoLocation             *GeoLocation `xml:",omitempty"`
	Failover                string       `xml:",omitempty"`
	MultiValueAnswer        *bool        `xml:",omitempty"`
	TTL                     *int64       `xml:",omitempty"`
	ResourceRecords         *valuesElem  `xml:",omitempty"`
	AliasTarget             *aliasElem   `xml:",omitempty"`
	HealthCheckId           string       `xml:",omitempty"`
	TrafficPolicyInstanceId string       `xml:",omitempty"`
	CidrRoutingConfig       *struct {
		CollectionId string
	} `xml:",omitempty"`
	GeoProximityLocation *struct {
		AWSRegion string
	} `xml:",omitempty"`
}

type valuesElem struct {
	ResourceRecord []struct {
		Value *string
	}
}

type aliasElem struct {
	HostedZoneId         string
	DNSName              string
	EvaluateTargetHealth bool
}

type commentRequest struct {
	XMLName xml.Name `xml:"UpdateHostedZoneCommentRequest"`
	Comment *string
}

type tagsRequest struct {
	XMLName xml.Name `xml:"ChangeTagsForResourceRequest"`
	AddTags *struct {
		Tag []struct {
			Key   *string
			Value string
		}
	}
	RemoveTagKeys *struct {
		Key []string
	}
}

// The answer documents.

type zoneElem struct {
	Id                     string
	Name                   string
	CallerReference        string
	Config                 configElem
	ResourceRecordSetCount int
}

type configElem struct {
	Comment     string `xml:",omitempty"`
	PrivateZone bool
}

type changeInfo struct {
	Id          string
	Status      string
	SubmittedAt string
	Comment     string `xml:",omitempty"`
}

type delegationSet struct {
	NameServers []string `xml:"NameServers>NameServer"`
}

type createZoneResponse struct {
	XMLName       xml.Name `xml:"https://route53.amazonaws.com/doc/2013-04-01/ CreateHostedZoneResponse"`
	HostedZone    zoneElem
	ChangeInfo    changeInfo
	DelegationSet *delegationSet `xml:",omitempty"`
	VPC           *vpcElem       `xml:",omitempty"`
}

type getZoneResponse struct {
	XMLName       xml.Name `xml:"https://route53.amazonaws.com/doc/2013-04-01/ GetHostedZoneResponse"`
	HostedZone    zoneElem
	DelegationSet *delegationSet `xml:",omitempty"`
	VPCs          []vpcElem      `xml:"VPCs>VPC,omitempty"`
}

type listZonesResponse struct {
	XMLName     xml.Name   `xml:"https://route53.amazonaws.com/doc/2013-04-01/ ListHostedZonesResponse"`
	HostedZones []zoneElem `xml:"HostedZones>HostedZone"`
	Marker      string
	IsTruncated bool
	NextMarker  string `xml:",omitempty"`
	MaxItems    string
}

type listZonesByNameResponse struct {
	XMLName          xml.Name   `xml:"https://route53.amazonaws.com/doc/2013-04-01/ ListHostedZonesByNameResponse"`
	HostedZones      []zoneElem `xml:"HostedZones>HostedZone"`
	DNSName          string     `xml:",omitempty"`
	HostedZoneId     string     `xml:",omitempty"`
	IsTruncated      bool
	NextDNSName      string `xml:",omitempty"`
	NextHostedZoneId string `xml:",omitempty"`
	MaxItems         string
}

type changeInfoResponse struct {
	XMLName    xml.Name
	ChangeInfo changeInfo
}

type listRecordsResponse struct {
	XMLName              xml.Name     `xml:"https://route53.amazonaws.com/doc/2013-04-01/ ListResourceRecordSetsResponse"`
	ResourceRecordSets   []recordElem `xml:"ResourceRecordSets>ResourceRecordSet"`
	IsTruncated          bool
	NextRecordName       string `xml:",omitempty"`
	NextRecordType       string `xml:",omitempty"`
	NextRecordIdentifier string `xml:",omitempty"`
	MaxItems             string
}

type zoneCountResponse struct {
	XMLName         xml.Name `xml:"https://route53.amazonaws.com/doc/2013-04-01/ GetHostedZoneCountResponse"`
	HostedZoneCount int
}

type commentResponse struct {
	XMLName    xml.Name `xml:"https://route53.amazonaws.com/doc/2013-04-01/ UpdateHostedZoneCommentResponse"`
	HostedZone zoneElem
}

type tagElem struct {
	Key   string
	Value string
}

type listTagsResponse struct {
	XMLName        xml.Name `xml:"https://route53.amazonaws.com/doc/2013-04-01/ ListTagsForResourceResponse"`
	ResourceTagSet struct {
		ResourceType string
		ResourceId   string
		Tags         []tagElem `xml:"Tags>Tag"`
	}
}

type changeTagsResponse struct {
	XMLName xml.Name `xml:"https://route53.amazonaws.com/doc/2013-04-01/ ChangeTagsForResourceResponse"`
}

// write answers with an XML document.
func write(w http.ResponseWriter, status int, requestID string, v any) error {
	b, err := xml.Marshal(v)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("X-Amzn-Requestid", requestID)
	h.Set("Content-Length", strconv.Itoa(len(xml.Header)+len(b)))
	w.WriteHeader(status)
	_, err = w.Write(append([]byte(xml.Header), b...))
	return err
}

// decode reads a request document whose root element must be root, in
// Route 53's namespace. Route 53 answers a document that is not well
// formed, or not its schema's, with InvalidInput.
func decode(body []byte, v any, root string) error {
	if err := protocol.DecodeXML(body, v, "InvalidInput"); err != nil {
		return err
	}
	var probe struct{ XMLName xml.Name }
	_ = xml.Unmarshal(body, &probe)
	if probe.XMLName.Space != NS {
		return invalidInput("Invalid XML ; cvc-elt.1: Cannot find the declaration of element '%s'.", root)
	}
	return nil
}

// xmlName is an answer's root element in Route 53's namespace.
func xmlName(local string) xml.Name { return xml.Name{Space: NS, Local: local} }
