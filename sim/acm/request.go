package acm

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Limits of a certificate request (ACM API model; ACM quotas).
const (
	MaxDomainName = 253
	// MaxCommonName: "the length of the domain name (technically, the
	// Common Name) that you provide cannot exceed 64 octets".
	MaxCommonName = 64
	// MaxNames is the initial quota of domain names per certificate: "The
	// maximum number of domain names that you can add to an ACM
	// certificate is 100. However, the initial quota is 10 domain names."
	MaxNames = 10
	MaxToken = 32
	MaxTags  = 50
	// TokenLifetime: "Idempotency tokens time out after one hour".
	TokenLifetime = time.Hour
)

// domainPattern is the DomainNameString pattern of ACM's API model,
// (\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9]),
// with its negative lookaheads written out (RE2 has none).
var (
	domainPattern = regexp.MustCompile(`^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$`)
	tokenPattern  = regexp.MustCompile(`^\w+$`)
)

// The key algorithms ACM issues with: "Algorithms supported for an ACM
// certificate request include: RSA_2048, EC_prime256v1, EC_secp384r1.
// Other listed algorithms are for imported certificates only."
var (
	requestable = map[string]bool{"RSA_2048": true, "EC_prime256v1": true, "EC_secp384r1": true}
	allKeyAlgs  = []string{"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"}
)

type tagIn struct {
	Key   *string
	Value *string
}

type requestIn struct {
	DomainName              *string
	ValidationMethod        string
	SubjectAlternativeNames []string
	IdempotencyToken        string
	DomainValidationOptions []struct {
		DomainName       *string
		ValidationDomain *string
	}
	Options *struct {
		CertificateTransparencyLoggingPreference string
		Export                                   string
	}
	CertificateAuthorityArn string
	Tags                    []tagIn
	KeyAlgorithm            string
	ManagedBy               string
}

// request is a checked RequestCertificate.
type request struct {
	names        []string
	method       string
	keyAlg       string
	transparency string
	export       string
	ca           string
	tags         []world.Tag
	validation   map[string]string // domain → validation domain (EMAIL)
}

func checkDomain(field, d string) error {
	if len(d) < 1 || len(d) > MaxDomainName || !domainPattern.MatchString(d) {
		return validation("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])", d, field)
	}
	return nil
}

// readRequest checks a request's parameters and fills in ACM's defaults:
// RSA_2048 ("Default: RSA_2048"), EMAIL validation (the API's method when
// none is given; the console picks DNS), transparency logging ENABLED and
// export DISABLED.
func readRequest(in *requestIn) (*request, error) {
	if in.DomainName == nil {
		return nil, protocol.MissingParameter("ValidationException", "DomainName")
	}
	r := &request{method: MethodEmail, keyAlg: "RSA_2048", transparency: "ENABLED", export: "DISABLED", ca: in.CertificateAuthorityArn}
	if err := checkDomain("domainName", *in.DomainName); err != nil {
		return nil, err
	}
	if len(*in.DomainName) > MaxCommonName {
		return nil, invalidParameter("The first domain name can't be longer than %d octets (the common name); put a longer name in SubjectAlternativeNames", MaxCommonName)
	}
	r.names = append(r.names, *in.DomainName)
	for i, n := range in.SubjectAlternativeNames {
		if err := checkDomain(fmt.Sprintf("subjectAlternativeNames.%d.member", i+1), n); err != nil {
			return nil, err
		}
		if !containsFold(r.names, n) {
			r.names = append(r.names, n)
		}
	}
	if len(r.names) > MaxNames {
		return nil, protocol.Errorf(http.StatusBadRequest, "LimitExceededException", "Certificate request contains %d domain names: the quota of names per certificate is %d", len(r.names), MaxNames)
	}
	switch in.ValidationMethod {
	case "":
	case MethodDNS, MethodEmail:
		r.method = in.ValidationMethod
	case "HTTP":
		return nil, invalidParameter("HTTP validation is only for certificates managed by CloudFront")
	default:
		return nil, validation("Value '%s' at 'validationMethod' failed to satisfy constraint: Member must satisfy enum value set: [EMAIL, DNS, HTTP]", in.ValidationMethod)
	}
	if in.KeyAlgorithm != "" {
		if !contains(allKeyAlgs, in.KeyAlgorithm) {
			return nil, validation("Value '%s' at 'keyAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [%s]", in.KeyAlgorithm, strings.Join(allKeyAlgs, ", "))
		}
		if !requestable[in.KeyAlgorithm] {
			return nil, invalidParameter("Key algorithm %s is only for imported certificates; request RSA_2048, EC_prime256v1 or EC_secp384r1", in.KeyAlgorithm)
		}
		r.keyAlg = in.KeyAlgorithm
	}
	if o := in.Options; o != nil {
		if err := enum("options.certificateTransparencyLoggingPreference", o.CertificateTransparencyLoggingPreference, &r.transparency); err != nil {
			return nil, err
		}
		if err := enum("options.export", o.Export, &r.export); err != nil {
			return nil, err
		}
	}
	if in.IdempotencyToken != "" && (len(in.IdempotencyToken) > MaxToken || !tokenPattern.MatchString(in.IdempotencyToken)) {
		return nil, validation("Value '%s' at 'idempotencyToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\w+", in.IdempotencyToken)
	}
	if in.ManagedBy != "" {
		return nil, invalidParameter("Certificates managed by CloudFront are not simulated")
	}
	var err error
	if r.tags, err = readTags(in.Tags, MaxTags); err != nil {
		return nil, err
	}
	if r.validation, err = readValidationOptions(in, r.names); err != nil {
		return nil, err
	}
	return r, nil
}

func enum(field, v string, into *string) error {
	switch v {
	case "":
	case "ENABLED", "DISABLED":
		*into = v
	default:
		return validation("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]", v, field)
	}
	return nil
}

func readValidationOptions(in *requestIn, names []string) (map[string]string, error) {
	out := map[string]string{}
	for _, o := range in.DomainValidationOptions {
		if o.DomainName == nil || o.ValidationDomain == nil {
			return nil, validation("Value null at 'domainValidationOptions.member.domainName' failed to satisfy constraint: Member must not be null")
		}
		if !containsFold(names, *o.DomainName) {
			return nil, protocol.Errorf(http.StatusBadRequest, "InvalidDomainValidationOptionsException", "DomainValidationOptions: %s is not one of the certificate's domain names", *o.DomainName)
		}
		if !isSuperdomain(*o.ValidationDomain, *o.DomainName) {
			return nil, protocol.Errorf(http.StatusBadRequest, "InvalidDomainValidationOptionsException", "DomainValidationOptions: the validation domain %s must be %s or a superdomain of it", *o.ValidationDomain, *o.DomainName)
		}
		out[strings.ToLower(*o.DomainName)] = baseDomain(*o.ValidationDomain)
	}
	return out, nil
}

// context is what RequestCertificate tells the engine: the acm: keys of
// the ACM User Guide's table (acm:DomainNames holds every name of the
// request) and the request's tags.
func (r *request) context() []authz.Entry {
	ctx := []authz.Entry{
		{Key: "acm:DomainNames", Values: r.names},
		{Key: "acm:ValidationMethod", Values: []string{r.method}},
		{Key: "acm:KeyAlgorithm", Values: []string{r.keyAlg}},
		{Key: "acm:CertificateTransparencyLogging", Values: []string{r.transparency}},
		{Key: "acm:Export", Values: []string{r.export}},
		{Key: "acm:CertificateKeyPairOrigin", Values: []string{OriginAWSManaged}},
	}
	if r.ca != "" {
		ctx = append(ctx, authz.Entry{Key: "acm:CertificateAuthority", Values: []string{r.ca}})
	}
	return append(ctx, tagContext(r.tags)...)
}

type requestOut struct {
	CertificateArn string
}

func requestCertificate(c *service.Call) (any, error) {
	var in requestIn
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	r, err := readRequest(&in)
	if err != nil {
		return nil, err
	}
	acct, region, now := c.Account(), c.Env.Region, c.Env.Now.UTC()
	var arn string
	err = c.World.Update(func(tx *world.Tx) error {
		if _, err := c.Authorize(tx, &authorize.Request{Action: "acm:RequestCertificate", Resource: "*", Context: r.context()}); err != nil {
			return err
		}
		if in.IdempotencyToken != "" {
			if prev := sameToken(tx, acct, region, in.IdempotencyToken, now); prev != nil {
				arn = prev.ARN
				return nil
			}
		}
		cert, err := newCertificate(c.World, tx, r, acct, region, now)
		if err != nil {
			return err
		}
		cert.Token = in.IdempotencyToken
		arn = cert.ARN
		return certs.Put(tx, arn, cert)
	})
	if err != nil {
		return nil, err
	}
	c.Event.ResponseElements = map[string]any{"certificateArn": arn}
	return &requestOut{CertificateArn: arn}, nil
}

// sameToken finds the certificate an idempotency token asked for within
// the last hour: "if you call RequestCertificate multiple times with the
// same idempotency token within one hour, ACM recognizes that you are
// requesting only one certificate".
func sameToken(tx *world.Tx, acct, region, token string, now time.Time) *Certificate {
	for _, c := range certs.List(tx, "arn:aws:acm:"+region+":"+acct+":certificate/") {
		if c.Token == token && now.Sub(c.Created) < TokenLifetime {
			return c
		}
	}
	return nil
}

// newCertificate makes a requested certificate, PENDING_VALIDATION with
// each domain's validation ready: the CNAME record to create, at once
// (ACM shows it "shortly after" the request; the simulator has nothing to
// wait for), or the addresses email would go to.
func newCertificate(w *world.World, tx *world.Tx, r *request, acct, region string, now time.Time) (*Certificate, error) {
	id := w.NewRequestID() // a UUID, the form of certificate IDs
	cert := &Certificate{ARN: certARN(region, acct, id), Account: acct, Region: region, DomainName: r.names[0],
		Names: r.names, Method: r.method, KeyAlgorithm: r.keyAlg, Type: "AMAZON_ISSUED", Status: StatusPending,
		Created: now, Transparency: r.transparency, Export: r.export, Tags: r.tags}
	if r.ca != "" {
		// A private certificate needs the private CA it names, and the
		// world has no AWS Private CA.
		cert.Type, cert.CA, cert.Status, cert.Failure = "PRIVATE", r.ca, StatusFailed, "PCA_RESOURCE_NOT_FOUND"
		return cert, nil
	}
	for _, n := range r.names {
		v := Validation{DomainName: n, ValidationDomain: baseDomain(n), Status: DomainPending}
		if d, ok := r.validation[strings.ToLower(n)]; ok {
			v.ValidationDomain = d
		}
		if r.method == MethodDNS {
			rec, err := validationRecord(w, tx, acct, n)
			if err != nil {
				return nil, err
			}
			v.RecordName, v.RecordValue = rec.Name, rec.Value
		} else {
			v.Emails = validationEmails(v.ValidationDomain)
		}
		cert.Validations = append(cert.Validations, v)
	}
	return cert, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
