package acm

import (
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// epoch is a time as the JSON protocol writes it: seconds since the epoch.
type epoch time.Time

func (t epoch) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(float64(time.Time(t).UnixMilli())/1000, 'f', -1, 64)), nil
}

func stamp(t time.Time) *epoch {
	if t.IsZero() {
		return nil
	}
	e := epoch(t)
	return &e
}

// displayAlgorithm is a key algorithm as DescribeCertificate and
// ListCertificates show it: "RSA-2048", "EC-prime256v1" (the request takes
// RSA_2048, EC_prime256v1).
func displayAlgorithm(a string) string { return strings.Replace(a, "_", "-", 1) }

type resourceRecordOut struct {
	Name, Type, Value string
}

type domainValidationOut struct {
	DomainName       string
	ValidationEmails []string           `json:",omitempty"`
	ValidationDomain string             `json:",omitempty"`
	ValidationStatus string             `json:",omitempty"`
	ResourceRecord   *resourceRecordOut `json:",omitempty"`
	ValidationMethod string             `json:",omitempty"`
}

type usageOut struct {
	Name string
	OID  string `json:",omitempty"`
}

type optionsOut struct {
	CertificateTransparencyLoggingPreference string
	Export                                   string
}

type detailOut struct {
	CertificateArn          string
	DomainName              string
	SubjectAlternativeNames []string
	DomainValidationOptions []domainValidationOut `json:",omitempty"`
	Serial                  string                `json:",omitempty"`
	Subject                 string
	Issuer                  string `json:",omitempty"`
	CreatedAt               *epoch
	IssuedAt                *epoch `json:",omitempty"`
	Status                  string
	NotBefore               *epoch `json:",omitempty"`
	NotAfter                *epoch `json:",omitempty"`
	KeyAlgorithm            string
	SignatureAlgorithm      string
	InUseBy                 []string
	FailureReason           string `json:",omitempty"`
	Type                    string
	KeyUsages               []usageOut
	ExtendedKeyUsages       []usageOut
	CertificateAuthorityArn string `json:",omitempty"`
	RenewalEligibility      string
	Options                 optionsOut
}

// The usages of an issued certificate: ACM's TLS server certificates.
var (
	serverAuth = usageOut{Name: "TLS_WEB_SERVER_AUTHENTICATION", OID: "1.3.6.1.5.5.7.3.1"}
)

func keyUsages(c *Certificate) []usageOut {
	if c.Status != StatusIssued {
		return []usageOut{}
	}
	if strings.HasPrefix(c.KeyAlgorithm, "RSA") {
		return []usageOut{{Name: "DIGITAL_SIGNATURE"}, {Name: "KEY_ENCIPHERMENT"}}
	}
	return []usageOut{{Name: "DIGITAL_SIGNATURE"}}
}

func extendedKeyUsages(c *Certificate) []usageOut {
	if c.Status != StatusIssued {
		return []usageOut{}
	}
	return []usageOut{serverAuth}
}

// renewalEligibility: ACM renews an issued certificate that is in use
// (managed renewal); the others are not eligible.
func renewalEligibility(c *Certificate) string {
	if c.Status == StatusIssued && len(c.InUseBy) > 0 {
		return "ELIGIBLE"
	}
	return "INELIGIBLE"
}

func detailOf(c *Certificate) *detailOut {
	d := &detailOut{CertificateArn: c.ARN, DomainName: c.DomainName, SubjectAlternativeNames: c.Names,
		Subject: "CN=" + c.DomainName, Issuer: "Amazon", CreatedAt: stamp(c.Created), Status: c.Status,
		KeyAlgorithm: displayAlgorithm(c.KeyAlgorithm), SignatureAlgorithm: SignatureAlgorithm,
		InUseBy: append([]string{}, c.InUseBy...), FailureReason: c.Failure, Type: c.Type,
		KeyUsages: keyUsages(c), ExtendedKeyUsages: extendedKeyUsages(c), CertificateAuthorityArn: c.CA,
		RenewalEligibility: renewalEligibility(c),
		Options:            optionsOut{CertificateTransparencyLoggingPreference: c.Transparency, Export: c.Export}}
	if c.Type == "PRIVATE" {
		d.Issuer = ""
	}
	if is := c.Issue; is != nil && c.Status == StatusIssued {
		d.Serial, d.IssuedAt, d.NotBefore, d.NotAfter = is.Serial, stamp(is.At), stamp(is.NotBefore), stamp(is.NotAfter)
		d.SignatureAlgorithm = is.SignatureAlgorithm
	}
	// "This field exists only when the certificate type is AMAZON_ISSUED."
	for _, v := range c.Validations {
		o := domainValidationOut{DomainName: v.DomainName, ValidationDomain: v.ValidationDomain,
			ValidationStatus: v.Status, ValidationMethod: c.Method, ValidationEmails: v.Emails}
		if v.RecordName != "" {
			o.ResourceRecord = &resourceRecordOut{Name: v.RecordName, Type: "CNAME", Value: v.RecordValue}
		}
		d.DomainValidationOptions = append(d.DomainValidationOptions, o)
	}
	return d
}

type describeOut struct {
	Certificate *detailOut
}

func describeCertificate(c *service.Call) (any, error) {
	var in struct{ CertificateArn *string }
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	p, err := readARN(in.CertificateArn)
	if err != nil {
		return nil, err
	}
	var cert *Certificate
	stale := false
	err = c.World.View(func(tx *world.Tx) error {
		cert, err = lookup(c, tx, p, "acm:DescribeCertificate", nil)
		if err != nil {
			return err
		}
		stale = advance(tx, cert, c.Env.Now) != nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	if stale {
		settled, err := settle(c, []string{p.arn})
		if err != nil {
			return nil, err
		}
		if s, ok := settled[p.arn]; ok {
			cert = s
		}
	}
	return &describeOut{Certificate: detailOf(cert)}, nil
}

// settle writes what advance finds for the named certificates, in one
// Update: the read that noticed a certificate's validation or time-out
// makes it last, and issuing (the certificate's body) happens here. It
// returns the certificates as they now are.
func settle(c *service.Call, arns []string) (map[string]*Certificate, error) {
	out := map[string]*Certificate{}
	now := c.Env.Now
	err := c.World.Update(func(tx *world.Tx) error {
		for _, arn := range arns {
			cur, ok := certs.Get(tx, arn)
			if !ok {
				continue // deleted meanwhile
			}
			next := advance(tx, cur, now)
			if next == nil {
				out[arn] = cur
				continue
			}
			if next.Status == StatusIssued {
				if err := issue(c.World, tx, next); err != nil {
					return err
				}
			}
			if err := certs.Put(tx, arn, next); err != nil {
				return err
			}
			c.Event.Note = settledNote(c.Event.Note, next)
			out[arn] = next
		}
		return nil
	})
	return out, err
}

// settledNote tells the event log what a read found: ACM's validation
// happens while nobody asks, the simulator's when the certificate is read.
func settledNote(note string, c *Certificate) string {
	var what string
	switch c.Status {
	case StatusIssued:
		what = c.ARN + " is now ISSUED: every validation record was found in a public hosted zone"
	case StatusTimedOut:
		what = c.ARN + " is now VALIDATION_TIMED_OUT: 72 hours passed without validation"
	default:
		return note
	}
	if note != "" {
		return note + "; " + what
	}
	return what
}

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
