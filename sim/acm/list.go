package acm

import (
	"encoding/base64"
	"net/http"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// ListCertificates limits (ACM API model: MaxItems 1 to 1000).
const MaxItems = 1000

type listIn struct {
	CertificateStatuses []string
	Includes            *struct {
		ExtendedKeyUsage []string `json:"extendedKeyUsage"`
		KeyUsage         []string `json:"keyUsage"`
		KeyTypes         []string `json:"keyTypes"`
		ExportOption     string   `json:"exportOption"`
		ManagedBy        string   `json:"managedBy"`
	}
	NextToken *string
	MaxItems  *int
	SortBy    string
	SortOrder string
}

type summaryOut struct {
	CertificateArn                       string
	DomainName                           string
	SubjectAlternativeNameSummaries      []string
	HasAdditionalSubjectAlternativeNames bool
	Status                               string
	Type                                 string
	KeyAlgorithm                         string
	KeyUsages                            []string
	ExtendedKeyUsages                    []string
	ExportOption                         string
	InUse                                bool
	RenewalEligibility                   string
	NotBefore                            *epoch `json:",omitempty"`
	NotAfter                             *epoch `json:",omitempty"`
	CreatedAt                            *epoch
	IssuedAt                             *epoch `json:",omitempty"`
}

type listOut struct {
	NextToken              string `json:",omitempty"`
	CertificateSummaryList []summaryOut
}

var statuses = []string{"PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"}

// filter is a checked ListCertificates request.
type filter struct {
	statuses  []string
	keyTypes  []string
	usages    []string
	extUsages []string
	export    string
	managedBy string
}

func readList(in *listIn) (*filter, int, error) {
	f := &filter{statuses: in.CertificateStatuses}
	for _, s := range f.statuses {
		if !contains(statuses, s) {
			return nil, 0, validation("Value '[%s]' at 'certificateStatuses' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [%s]]", strings.Join(in.CertificateStatuses, ", "), strings.Join(statuses, ", "))
		}
	}
	// "Default filtering returns only RSA_1024 and RSA_2048 certificates"
	// (Filters, keyTypes).
	f.keyTypes = []string{"RSA_1024", "RSA_2048"}
	if inc := in.Includes; inc != nil {
		if len(inc.KeyTypes) > 0 {
			f.keyTypes = inc.KeyTypes
		}
		for _, k := range inc.KeyTypes {
			if !contains(allKeyAlgs, k) {
				return nil, 0, validation("Value '[%s]' at 'includes.keyTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [%s]]", strings.Join(inc.KeyTypes, ", "), strings.Join(allKeyAlgs, ", "))
			}
		}
		f.usages, f.extUsages, f.export, f.managedBy = inc.KeyUsage, inc.ExtendedKeyUsage, inc.ExportOption, inc.ManagedBy
	}
	n := MaxItems
	if in.MaxItems != nil {
		if *in.MaxItems < 1 || *in.MaxItems > MaxItems {
			return nil, 0, validation("Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and %d", *in.MaxItems, MaxItems)
		}
		n = *in.MaxItems
	}
	if (in.SortBy == "") != (in.SortOrder == "") {
		return nil, 0, validation("SortBy and SortOrder must be given together")
	}
	if in.SortBy != "" && in.SortBy != "CREATED_AT" || in.SortOrder != "" && in.SortOrder != "ASCENDING" && in.SortOrder != "DESCENDING" {
		return nil, 0, validation("Value '%s %s' at 'sortBy/sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [CREATED_AT] and [ASCENDING, DESCENDING]", in.SortBy, in.SortOrder)
	}
	return f, n, nil
}

func (f *filter) match(c *Certificate) bool {
	if len(f.statuses) > 0 && !contains(f.statuses, c.Status) {
		return false
	}
	if !contains(f.keyTypes, c.KeyAlgorithm) || f.export != "" && f.export != c.Export || f.managedBy != "" {
		return false
	}
	for _, u := range f.usages {
		if !hasUsage(keyUsages(c), u) {
			return false
		}
	}
	for _, u := range f.extUsages {
		if !hasUsage(extendedKeyUsages(c), u) {
			return false
		}
	}
	return true
}

func hasUsage(us []usageOut, name string) bool {
	for _, u := range us {
		if u.Name == name || name == "ANY" {
			return true
		}
	}
	return false
}

func summaryOf(c *Certificate) summaryOut {
	s := summaryOut{CertificateArn: c.ARN, DomainName: c.DomainName, SubjectAlternativeNameSummaries: c.Names,
		Status: c.Status, Type: c.Type, KeyAlgorithm: displayAlgorithm(c.KeyAlgorithm), ExportOption: c.Export,
		InUse: len(c.InUseBy) > 0, RenewalEligibility: renewalEligibility(c), CreatedAt: stamp(c.Created),
		KeyUsages: []string{}, ExtendedKeyUsages: []string{}}
	for _, u := range keyUsages(c) {
		s.KeyUsages = append(s.KeyUsages, u.Name)
	}
	for _, u := range extendedKeyUsages(c) {
		s.ExtendedKeyUsages = append(s.ExtendedKeyUsages, u.Name)
	}
	if is := c.Issue; is != nil && c.Status == StatusIssued {
		s.NotBefore, s.NotAfter, s.IssuedAt = stamp(is.NotBefore), stamp(is.NotAfter), stamp(is.At)
	}
	return s
}

func listCertificates(c *service.Call) (any, error) {
	var in listIn
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	f, n, err := readList(&in)
	if err != nil {
		return nil, err
	}
	var list []*Certificate
	var stale []string
	err = c.World.View(func(tx *world.Tx) error {
		if _, err := c.Authorize(tx, &authorize.Request{Action: "acm:ListCertificates", Resource: "*"}); err != nil {
			return err
		}
		list = certs.List(tx, "arn:aws:acm:"+c.Env.Region+":"+c.Account()+":certificate/")
		for _, cert := range list {
			if advance(tx, cert, c.Env.Now) != nil {
				stale = append(stale, cert.ARN)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(stale) > 0 {
		settled, err := settle(c, stale)
		if err != nil {
			return nil, err
		}
		for i, cert := range list {
			if s, ok := settled[cert.ARN]; ok {
				list[i] = s
			}
		}
	}
	sortCertificates(list, in.SortOrder == "DESCENDING")
	return page(list, f, n, in.NextToken)
}

// sortCertificates orders by creation time (ListCertificates' only SortBy),
// then by ARN.
func sortCertificates(list []*Certificate, desc bool) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if !a.Created.Equal(b.Created) {
			return a.Created.Before(b.Created) != desc
		}
		return a.ARN < b.ARN
	})
}

// page returns up to n matching certificates from the one a NextToken
// names: the token is the ARN of the first certificate of the next page.
func page(list []*Certificate, f *filter, n int, token *string) (*listOut, error) {
	start := ""
	if token != nil {
		b, err := base64.RawURLEncoding.DecodeString(*token)
		if err != nil || len(b) == 0 {
			return nil, protocol.Errorf(http.StatusBadRequest, "InvalidArgsException", "The NextToken %q is not valid.", *token)
		}
		start = string(b)
	}
	out := &listOut{CertificateSummaryList: []summaryOut{}}
	started := start == ""
	for _, cert := range list {
		if !started {
			started = cert.ARN == start
		}
		if !started || !f.match(cert) {
			continue
		}
		if len(out.CertificateSummaryList) == n {
			out.NextToken = base64.RawURLEncoding.EncodeToString([]byte(cert.ARN))
			break
		}
		out.CertificateSummaryList = append(out.CertificateSummaryList, summaryOf(cert))
	}
	if !started {
		return nil, protocol.Errorf(http.StatusBadRequest, "InvalidArgsException", "The NextToken %q is not valid.", *token)
	}
	return out, nil
}
