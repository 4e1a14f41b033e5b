// Package route53 is the simulated Amazon Route 53 (REST-XML protocol):
// public and private hosted zones with their default SOA and NS records,
// resource record sets changed in atomic batches, changes, and tags.
// Route 53 is global: every call is recorded and decided in us-east-1,
// and its ARNs name no Region and no account.
//
// Other services read the world's public DNS through LookupCNAME (ACM's
// DNS validation).
package route53

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sigv4"
)

// Region is where Route 53's calls are recorded and decided: "Route 53 is
// a global service ... the Region is us-east-1" for signing and for
// aws:RequestedRegion.
const Region = "us-east-1"

// APIPrefix starts every path of Route 53's API.
const APIPrefix = "/2013-04-01/"

// Service is the simulated Route 53.
type Service struct{}

// New returns the Route 53 service.
func New() *Service { return &Service{} }

// Name implements service.Service.
func (*Service) Name() string { return "route53" }

// Style implements service.Service.
func (*Service) Style() sigv4.Style { return sigv4.Route53Style }

// MaxBody implements service.Service.
func (*Service) MaxBody() int64 { return protocol.MaxXMLBody }

// Unsigned implements service.Service: Route 53 answers nothing unsigned.
func (*Service) Unsigned(string) bool { return false }

// Claims implements service.Service: paths of Route 53's API.
func (*Service) Claims(r *http.Request, _ []byte) bool {
	return strings.HasPrefix(r.URL.Path, APIPrefix)
}

// route is a call's operation and the identifiers its path names.
type route struct {
	op       string
	id       string // hosted zone or change ID
	resource string // tags: the resource type
}

// Operation implements service.Service.
func (*Service) Operation(r *http.Request, _ []byte) (string, *protocol.Error) {
	rt, err := parseRoute(r)
	if err != nil {
		return "", err
	}
	return rt.op, nil
}

// parseRoute maps method and path to an operation (the requestUri of each
// operation in Route 53's API model).
func parseRoute(r *http.Request) (route, *protocol.Error) {
	p := r.URL.EscapedPath()
	rest, ok := strings.CutPrefix(p, APIPrefix)
	if !ok {
		return route{}, unknownOperation(r)
	}
	seg := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	for i, s := range seg {
		u, err := url.PathUnescape(s)
		if err != nil {
			return route{}, invalidInput("The request path is not validly escaped")
		}
		seg[i] = u
	}
	m := r.Method
	switch {
	case len(seg) == 1 && seg[0] == "hostedzone" && m == http.MethodPost:
		return route{op: "CreateHostedZone"}, nil
	case len(seg) == 1 && seg[0] == "hostedzone" && m == http.MethodGet:
		return route{op: "ListHostedZones"}, nil
	case len(seg) == 1 && seg[0] == "hostedzonesbyname" && m == http.MethodGet:
		return route{op: "ListHostedZonesByName"}, nil
	case len(seg) == 1 && seg[0] == "hostedzonecount" && m == http.MethodGet:
		return route{op: "GetHostedZoneCount"}, nil
	case len(seg) == 2 && seg[0] == "hostedzone":
		switch m {
		case http.MethodGet:
			return route{op: "GetHostedZone", id: seg[1]}, nil
		case http.MethodDelete:
			return route{op: "DeleteHostedZone", id: seg[1]}, nil
		case http.MethodPost:
			return route{op: "UpdateHostedZoneComment", id: seg[1]}, nil
		}
	case len(seg) == 3 && seg[0] == "hostedzone" && seg[2] == "rrset":
		switch m {
		case http.MethodPost:
			return route{op: "ChangeResourceRecordSets", id: seg[1]}, nil
		case http.MethodGet:
			return route{op: "ListResourceRecordSets", id: seg[1]}, nil
		}
	case len(seg) == 2 && seg[0] == "change" && m == http.MethodGet:
		return route{op: "GetChange", id: seg[1]}, nil
	case len(seg) == 3 && seg[0] == "tags":
		switch m {
		case http.MethodPost:
			return route{op: "ChangeTagsForResource", resource: seg[1], id: seg[2]}, nil
		case http.MethodGet:
			return route{op: "ListTagsForResource", resource: seg[1], id: seg[2]}, nil
		}
	}
	return route{}, unknownOperation(r)
}

func unknownOperation(r *http.Request) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidAction", "Route 53 has no operation %s %s", r.Method, r.URL.Path)
}

// answer is an operation's result: the document and its HTTP status.
type answer struct {
	status int
	doc    any
	header map[string]string
}

type op func(c *service.Call, rt route) (*answer, error)

var ops = map[string]op{
	"CreateHostedZone":         createHostedZone,
	"GetHostedZone":            getHostedZone,
	"ListHostedZones":          listHostedZones,
	"ListHostedZonesByName":    listHostedZonesByName,
	"GetHostedZoneCount":       getHostedZoneCount,
	"DeleteHostedZone":         deleteHostedZone,
	"UpdateHostedZoneComment":  updateHostedZoneComment,
	"ChangeResourceRecordSets": changeResourceRecordSets,
	"ListResourceRecordSets":   listResourceRecordSets,
	"GetChange":                getChange,
	"ChangeTagsForResource":    changeTagsForResource,
	"ListTagsForResource":      listTagsForResource,
}

// Serve implements service.Service.
func (*Service) Serve(c *service.Call) {
	// A global service: the call is in us-east-1 whatever Region the
	// client signed for.
	c.Env.Region = Region
	c.Event.AWSRegion = Region
	rt, perr := parseRoute(c.R)
	if perr != nil {
		c.Fail(perr)
		return
	}
	a, err := ops[rt.op](c, rt)
	if err != nil {
		c.Fail(err)
		return
	}
	c.MarkAnswered()
	for k, v := range a.header {
		c.W.Header().Set(k, v)
	}
	if err := write(c.W, a.status, c.RequestID, a.doc); err != nil {
		c.Event.ErrorCode, c.Event.ErrorMessage = "InternalFailure", err.Error()
	}
}

// WriteError implements service.Service.
func (*Service) WriteError(c *service.Call, e *protocol.Error) {
	protocol.WriteRoute53Error(c.W, c.RequestID, e)
}

// bareID strips the "/hostedzone/" or "/change/" prefix that Route 53's
// answers put before an ID, so that an ID read from an answer works as
// given (the SDKs strip it too).
func bareID(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[i+1:]
	}
	return id
}
