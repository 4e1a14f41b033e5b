// Package acm is the simulated AWS Certificate Manager (JSON 1.1
// protocol, X-Amz-Target CertificateManager.*): public certificates
// requested with DNS or email validation, their status lifecycle, tags,
// and the certificate itself once issued.
//
// A DNS-validated certificate becomes ISSUED once a public hosted zone of
// the world (sim/route53) holds each of its validation CNAME records. The
// check happens when the certificate is read (DescribeCertificate,
// ListCertificates, GetCertificate...): nothing runs in the background.
// Email validation never completes, for the world sends no mail; both
// time out after 72 hours of the world's clock, as ACM does.
//
// Not simulated (their calls answer UnknownOperationException):
// ImportCertificate, ExportCertificate (the simulator keeps no private
// keys), RenewCertificate and RevokeCertificate, UpdateCertificateOptions,
// SearchCertificates and the account configuration.
package acm

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// New returns the ACM service.
func New() *service.JSON {
	return &service.JSON{
		SigningName:  "acm",
		TargetPrefix: "CertificateManager",
		Version:      "1.1",
		Ops: map[string]service.JSONOp{
			"RequestCertificate":        requestCertificate,
			"DescribeCertificate":       describeCertificate,
			"ListCertificates":          listCertificates,
			"GetCertificate":            getCertificate,
			"DeleteCertificate":         deleteCertificate,
			"AddTagsToCertificate":      addTagsToCertificate,
			"RemoveTagsFromCertificate": removeTagsFromCertificate,
			"ListTagsForCertificate":    listTagsForCertificate,
			"ResendValidationEmail":     resendValidationEmail,
		},
		UnsignedOps: map[string]bool{},
	}
}

// arnPattern is the Arn shape's pattern (ACM API model).
var arnPattern = regexp.MustCompile(`^arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(/[\w+=,.@-]+)*$`)

// Limits of the Arn shape.
const (
	MinARN = 20
	MaxARN = 2048
)

// certARN is a certificate's ARN: "arn:aws:acm:region:account:certificate/
// 12345678-1234-1234-1234-123456789012".
func certARN(region, account, id string) string {
	return "arn:aws:acm:" + region + ":" + account + ":certificate/" + id
}

// parsedARN is a certificate ARN's parts.
type parsedARN struct {
	arn, region, account, id string
}

// readARN checks a CertificateArn parameter: missing or off the model's
// pattern is a ValidationException; an ACM ARN that names no certificate
// is an InvalidArnException.
func readARN(arn *string) (parsedARN, error) {
	if arn == nil {
		return parsedARN{}, protocol.MissingParameter("ValidationException", "CertificateArn")
	}
	a := *arn
	if len(a) < MinARN || len(a) > MaxARN || !arnPattern.MatchString(a) {
		return parsedARN{}, validation("Value '%s' at 'certificateArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:acm:[\\w+=/,.@-]*:[0-9]+:[\\w+=,.@-]+(/[\\w+=,.@-]+)*", a)
	}
	parts := strings.SplitN(a, ":", 6)
	id, ok := strings.CutPrefix(parts[5], "certificate/")
	if !ok || id == "" || strings.Contains(id, "/") {
		return parsedARN{}, protocol.Errorf(http.StatusBadRequest, "InvalidArnException", "String '%s' is not a valid certificate ARN.", a)
	}
	return parsedARN{arn: a, region: parts[3], account: parts[4], id: id}, nil
}

// validation is ACM's ValidationException for one constraint.
func validation(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "ValidationException", "1 validation error detected: "+format, args...)
}

func notFound(p parsedARN) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "ResourceNotFoundException", "Could not find certificate %s in account %s.", p.arn, p.account)
}

func invalidParameter(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidParameterException", format, args...)
}

// lookup finds a certificate for an operation on it. The engine decides
// first, on the ARN as given, with the certificate's tags as
// aws:ResourceTag/* and the keys the caller adds; a certificate that is
// not there (or is another Region's) is then ResourceNotFoundException.
func lookup(c *service.Call, tx *world.Tx, p parsedARN, action string, keys func(*Certificate) []authz.Entry) (*Certificate, error) {
	cert, ok := certs.Get(tx, p.arn)
	ok = ok && cert.Region == c.Env.Region
	var ctx []authz.Entry
	if ok {
		for _, t := range cert.Tags {
			ctx = append(ctx, authz.Entry{Key: "aws:ResourceTag/" + t.Key, Values: []string{t.Value}})
		}
		if keys != nil {
			ctx = append(ctx, keys(cert)...)
		}
	}
	if _, err := c.Authorize(tx, &authorize.Request{Action: action, Resource: p.arn, Context: ctx}); err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound(p)
	}
	return cert, nil
}

// keyPairOrigin is acm:CertificateKeyPairOrigin: "For RequestCertificate,
// the value is always AWS_MANAGED ... For AddTagsToCertificate and
// RevokeCertificate, the value is read from the existing certificate"
// (ACM User Guide, condition keys). Every certificate of the simulator is
// requested, never imported.
func keyPairOrigin(*Certificate) []authz.Entry {
	return []authz.Entry{{Key: "acm:CertificateKeyPairOrigin", Values: []string{OriginAWSManaged}}}
}

// OriginAWSManaged is the key pair origin of requested certificates.
const OriginAWSManaged = "AWS_MANAGED"
