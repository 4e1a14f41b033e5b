package acm

import (
	"strconv"
	"strings"
	"time"

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
