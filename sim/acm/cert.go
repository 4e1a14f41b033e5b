package acm

import (
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/route53"
	"github.com/iamlab/iamlab/sim/world"
)

// The statuses of a certificate and of one domain's validation (ACM API
// model: CertificateStatus, DomainStatus).
const (
	StatusPending  = "PENDING_VALIDATION"
	StatusIssued   = "ISSUED"
	StatusTimedOut = "VALIDATION_TIMED_OUT"
	StatusFailed   = "FAILED"

	DomainPending = "PENDING_VALIDATION"
	DomainSuccess = "SUCCESS"
	DomainFailed  = "FAILED"
)

// The validation methods.
const (
	MethodDNS   = "DNS"
	MethodEmail = "EMAIL"
)

// ValidationTimeout is how long ACM tries: "ACM makes repeated attempts
// to validate a certificate for 72 hours and then times out" (ACM API
// Reference, CertificateDetail Status).
const ValidationTimeout = 72 * time.Hour

// Certificate is a certificate that an account requested in a Region.
type Certificate struct {
	ARN          string       `json:"arn"`
	Account      string       `json:"account"`
	Region       string       `json:"region"`
	DomainName   string       `json:"domainName"`
	Names        []string     `json:"names"` // the subject alternative names, DomainName first
	Method       string       `json:"method"`
	KeyAlgorithm string       `json:"keyAlgorithm"` // the request's form: RSA_2048, EC_prime256v1...
	Type         string       `json:"type"`         // AMAZON_ISSUED or PRIVATE
	CA           string       `json:"ca,omitempty"` // a private certificate's CertificateAuthorityArn
	Status       string       `json:"status"`
	Failure      string       `json:"failure,omitempty"`
	Validations  []Validation `json:"validations"`
	Created      time.Time    `json:"created"`
	Transparency string       `json:"transparency"`
	Export       string       `json:"export"`
	Token        string       `json:"token,omitempty"` // the IdempotencyToken
	Tags         []world.Tag  `json:"tags,omitempty"`
	InUseBy      []string     `json:"inUseBy,omitempty"`
	Issue        *Issue       `json:"issue,omitempty"`
}

// Validation is the validation of one domain name of a certificate.
type Validation struct {
	DomainName       string    `json:"domainName"`
	ValidationDomain string    `json:"validationDomain"`
	RecordName       string    `json:"recordName,omitempty"` // DNS: the CNAME to create
	RecordValue      string    `json:"recordValue,omitempty"`
	Emails           []string  `json:"emails,omitempty"` // EMAIL: where ACM would write
	Status           string    `json:"status"`
	Validated        time.Time `json:"validated,omitzero"`
}

// Issue is what issuing gave a certificate.
type Issue struct {
	At                 time.Time `json:"at"`
	NotBefore          time.Time `json:"notBefore"`
	NotAfter           time.Time `json:"notAfter"`
	Serial             string    `json:"serial"`
	SignatureAlgorithm string    `json:"signatureAlgorithm"`
	CertPEM            string    `json:"certPem"`
	ChainPEM           string    `json:"chainPem"`
}

// certs are the world's certificates, by ARN.
var certs = world.NewKind[Certificate]("acm/certificate")

func (c *Certificate) clone() *Certificate {
	n := *c
	n.Names = append([]string(nil), c.Names...)
	n.Validations = append([]Validation(nil), c.Validations...)
	n.Tags = append([]world.Tag(nil), c.Tags...)
	n.InUseBy = append([]string(nil), c.InUseBy...)
	return &n
}

// advance brings a pending certificate up to date with the world at now,
// as ACM's repeated validation attempts would have: each DNS validation
// whose CNAME record a public hosted zone holds (and held before the
// deadline) succeeds from the time the record was written; once every
// domain is validated the certificate is ISSUED; 72 hours after the
// request what is still pending times out. It returns the changed copy,
// or nil when nothing changed; issuing itself (the certificate's body) is
// left to the caller, which holds a write transaction.
func advance(tx *world.Tx, c *Certificate, now time.Time) *Certificate {
	if c.Status != StatusPending {
		return nil
	}
	deadline := c.Created.Add(ValidationTimeout)
	var next *Certificate
	if c.Method == MethodDNS {
		for i, v := range c.Validations {
			if v.Status != DomainPending {
				continue
			}
			target, since, ok := route53.LookupCNAME(tx, v.RecordName)
			if !ok || !sameTarget(target, v.RecordValue) || !since.Before(deadline) || since.After(now) {
				continue
			}
			if next == nil {
				next = c.clone()
			}
			next.Validations[i].Status = DomainSuccess
			next.Validations[i].Validated = latest(since, c.Created)
		}
	}
	cur := c
	if next != nil {
		cur = next
	}
	if issuedAt, ok := allValidated(cur); ok {
		if next == nil {
			next = c.clone()
		}
		next.Status = StatusIssued
		next.Issue = &Issue{At: issuedAt}
		return next
	}
	if !now.Before(deadline) {
		if next == nil {
			next = c.clone()
		}
		next.Status = StatusTimedOut
		for i := range next.Validations {
			if next.Validations[i].Status == DomainPending {
				next.Validations[i].Status = DomainFailed
			}
		}
	}
	return next
}

// allValidated reports whether every domain is validated, and when the
// last one was.
func allValidated(c *Certificate) (time.Time, bool) {
	var at time.Time
	for _, v := range c.Validations {
		if v.Status != DomainSuccess {
			return time.Time{}, false
		}
		at = latest(at, v.Validated)
	}
	return at, len(c.Validations) > 0
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sameTarget compares DNS names as DNS does: without regard to case or
// the trailing dot.
func sameTarget(a, b string) bool {
	return strings.EqualFold(strings.TrimSuffix(a, "."), strings.TrimSuffix(b, "."))
}
