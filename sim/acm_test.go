package sim_test

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53 "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/iamlab/iamlab/sim/world"
)

func (l *lab) acm(key, secret, token string) *acm.Client {
	return acm.NewFromConfig(l.config(key, secret, token))
}

func describe(t *testing.T, c *acm.Client, arn *string) *acmtypes.CertificateDetail {
	t.Helper()
	out, err := c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: arn})
	if err != nil {
		t.Fatalf("DescribeCertificate: %v", err)
	}
	return out.Certificate
}

func request(t *testing.T, c *acm.Client, in *acm.RequestCertificateInput) *string {
	t.Helper()
	out, err := c.RequestCertificate(ctx, in)
	if err != nil {
		t.Fatalf("RequestCertificate: %v", err)
	}
	return out.CertificateArn
}

// upsert writes a validation record into a zone.
func upsert(t *testing.T, c *route53.Client, zone string, a r53.ChangeAction, rr *acmtypes.ResourceRecord) {
	t.Helper()
	_, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: &zone,
		ChangeBatch: batch(change(a, rrset(*rr.Name, r53.RRTypeCname, 300, *rr.Value)))})
	if err != nil {
		t.Fatalf("%s %s: %v", a, *rr.Name, err)
	}
}

var (
	recordName  = regexp.MustCompile(`^_[0-9a-f]{32}\.debugroom\.org\.$`)
	recordValue = regexp.MustCompile(`^_[0-9a-f]{32}\.[a-z]{10}\.acm-validations\.aws\.$`)
	certARN     = regexp.MustCompile(`^arn:aws:acm:us-east-1:123456789012:certificate/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
)

// The source document's flow: request *.debugroom.org with DNS
// validation, read the CNAME to create, create it in the seed's hosted
// zone, and the certificate is ISSUED, with a real X.509 certificate that
// the chain GetCertificate returns verifies.
func TestACMDNSValidation(t *testing.T) {
	l := newLab(t, nil)
	c := acm.NewFromConfig(l.clocked(rootKey, rootSec))
	dns := route53.NewFromConfig(l.clocked(rootKey, rootSec))
	arn := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("*.debugroom.org"), SubjectAlternativeNames: []string{"debugroom.org"},
		ValidationMethod: acmtypes.ValidationMethodDns})
	if !certARN.MatchString(*arn) {
		t.Fatalf("ARN %s", *arn)
	}
	d := describe(t, c, arn)
	if d.Status != acmtypes.CertificateStatusPendingValidation || d.Type != acmtypes.CertificateTypeAmazonIssued || *d.Subject != "CN=*.debugroom.org" ||
		d.KeyAlgorithm != "RSA-2048" || strings.Join(d.SubjectAlternativeNames, " ") != "*.debugroom.org debugroom.org" ||
		d.NotBefore != nil || d.IssuedAt != nil || d.Serial != nil || d.RenewalEligibility != acmtypes.RenewalEligibilityIneligible ||
		d.Options.CertificateTransparencyLoggingPreference != acmtypes.CertificateTransparencyLoggingPreferenceEnabled || len(d.DomainValidationOptions) != 2 {
		t.Fatalf("pending: %+v", d)
	}
	// A wildcard and its base domain are validated by the same record.
	rr := d.DomainValidationOptions[0].ResourceRecord
	for _, dv := range d.DomainValidationOptions {
		if dv.ValidationMethod != acmtypes.ValidationMethodDns || dv.ValidationStatus != acmtypes.DomainStatusPendingValidation ||
			*dv.ValidationDomain != "debugroom.org" || dv.ResourceRecord.Type != acmtypes.RecordTypeCname ||
			*dv.ResourceRecord.Name != *rr.Name || *dv.ResourceRecord.Value != *rr.Value {
			t.Errorf("validation of %s: %+v", *dv.DomainName, dv)
		}
	}
	if !recordName.MatchString(*rr.Name) || !recordValue.MatchString(*rr.Value) {
		t.Errorf("record %s -> %s", *rr.Name, *rr.Value)
	}
	_, err := c.GetCertificate(ctx, &acm.GetCertificateInput{CertificateArn: arn})
	wantError(t, err, "RequestInProgressException", "PENDING_VALIDATION")

	l.clock.advance(10 * time.Minute)
	upsert(t, dns, seedZone(t, dns), r53.ChangeActionCreate, rr)
	writtenAt := l.clock.now()
	l.clock.advance(time.Hour)
	// The SDK's waiter polls DescribeCertificate until ISSUED.
	if err := acm.NewCertificateValidatedWaiter(c).Wait(ctx, &acm.DescribeCertificateInput{CertificateArn: arn}, time.Minute); err != nil {
		t.Fatal(err)
	}
	d = describe(t, c, arn)
	if d.Status != acmtypes.CertificateStatusIssued || d.IssuedAt == nil || d.IssuedAt.Sub(writtenAt).Abs() > time.Second ||
		d.DomainValidationOptions[0].ValidationStatus != acmtypes.DomainStatusSuccess || d.DomainValidationOptions[1].ValidationStatus != acmtypes.DomainStatusSuccess ||
		len(d.KeyUsages) != 2 || d.ExtendedKeyUsages[0].Name != acmtypes.ExtendedKeyUsageNameTlsWebServerAuthentication {
		t.Fatalf("issued: %+v (record written %v)", d, writtenAt)
	}
	if !d.NotBefore.Equal(d.IssuedAt.UTC().Truncate(24*time.Hour)) || d.NotAfter.Sub(*d.NotBefore) != 395*24*time.Hour-time.Second {
		t.Errorf("validity %v to %v", d.NotBefore, d.NotAfter)
	}
	if _, raw := l.events(t); !strings.Contains(raw, *arn+" is now ISSUED") {
		t.Error("no event tells that the read issued the certificate")
	}
	got, err := c.GetCertificate(ctx, &acm.GetCertificateInput{CertificateArn: arn})
	if err != nil {
		t.Fatal(err)
	}
	leaf := parsePEM(t, *got.Certificate)[0]
	chain := parsePEM(t, *got.CertificateChain)
	if len(chain) != 2 {
		t.Fatalf("chain of %d", len(chain))
	}
	roots, inter := x509.NewCertPool(), x509.NewCertPool()
	roots.AddCert(chain[1])
	inter.AddCert(chain[0])
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: "www.debugroom.org", CurrentTime: l.clock.now()}); err != nil {
		t.Errorf("the certificate does not verify: %v", err)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: "debugroom.org", CurrentTime: l.clock.now()}); err != nil {
		t.Errorf("the certificate does not cover its base domain: %v", err)
	}
	if leaf.Subject.CommonName != "*.debugroom.org" || !leaf.NotAfter.Equal(*d.NotAfter) || colon(leaf.SerialNumber.Bytes()) != *d.Serial ||
		!strings.Contains(leaf.Issuer.CommonName, "IAM Lab Simulated") {
		t.Errorf("leaf %v %v %x issuer %v; described %v %s", leaf.Subject, leaf.NotAfter, leaf.SerialNumber, leaf.Issuer, d.NotAfter, *d.Serial)
	}
	// Issued stays issued: deleting the record afterwards changes nothing.
	upsert(t, dns, seedZone(t, dns), r53.ChangeActionDelete, rr)
	if d := describe(t, c, arn); d.Status != acmtypes.CertificateStatusIssued {
		t.Errorf("after the record went: %s", d.Status)
	}
	// A second certificate of the account for the same domain gets the same
	// record, and is issued by it at once.
	upsert(t, dns, seedZone(t, dns), r53.ChangeActionCreate, rr)
	arn2 := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("debugroom.org"), ValidationMethod: acmtypes.ValidationMethodDns,
		KeyAlgorithm: acmtypes.KeyAlgorithmEcPrime256v1})
	d2 := describe(t, c, arn2)
	if d2.Status != acmtypes.CertificateStatusIssued || *d2.DomainValidationOptions[0].ResourceRecord.Name != *rr.Name || d2.KeyAlgorithm != "EC-prime256v1" {
		t.Errorf("second certificate %+v", d2)
	}
	got, _ = c.GetCertificate(ctx, &acm.GetCertificateInput{CertificateArn: arn2})
	if k := parsePEM(t, *got.Certificate)[0]; k.PublicKeyAlgorithm != x509.ECDSA {
		t.Errorf("EC certificate with a %v key", k.PublicKeyAlgorithm)
	}
}

func colon(b []byte) string {
	var parts []string
	for _, x := range b {
		parts = append(parts, fmt.Sprintf("%02x", x))
	}
	return strings.Join(parts, ":")
}

func parsePEM(t *testing.T, s string) []*x509.Certificate {
	t.Helper()
	var out []*x509.Certificate
	rest := []byte(s)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		t.Fatalf("no certificate in %q", s)
	}
	return out
}

// Validation is checked when the certificate is read: a record written
// and deleted before any read leaves the certificate pending, as does a
// record with another value; 72 hours after the request it times out,
// and a record written after that does not bring it back.
func TestACMValidationOnRead(t *testing.T) {
	l := newLab(t, nil)
	c := acm.NewFromConfig(l.clocked(rootKey, rootSec))
	dns := route53.NewFromConfig(l.clocked(rootKey, rootSec))
	zone := seedZone(t, dns)
	arn := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("www.debugroom.org"), ValidationMethod: acmtypes.ValidationMethodDns})
	rr := describe(t, c, arn).DomainValidationOptions[0].ResourceRecord
	upsert(t, dns, zone, r53.ChangeActionCreate, rr)
	upsert(t, dns, zone, r53.ChangeActionDelete, rr)
	if d := describe(t, c, arn); d.Status != acmtypes.CertificateStatusPendingValidation {
		t.Errorf("record deleted before issue: %s", d.Status)
	}
	wrong := *rr
	wrong.Value = aws.String("_0000.wrong.acm-validations.aws.")
	upsert(t, dns, zone, r53.ChangeActionCreate, &wrong)
	if d := describe(t, c, arn); d.Status != acmtypes.CertificateStatusPendingValidation {
		t.Errorf("record with another value: %s", d.Status)
	}
	upsert(t, dns, zone, r53.ChangeActionDelete, &wrong)
	// A private zone of the same name answers no public query.
	priv, err := dns.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("www.debugroom.org"), CallerReference: aws.String("priv"),
		VPC: &r53.VPC{VPCId: aws.String("vpc-0123456789abcdef0"), VPCRegion: r53.VPCRegionUsEast1}})
	if err != nil {
		t.Fatal(err)
	}
	upsert(t, dns, *priv.HostedZone.Id, r53.ChangeActionCreate, rr)
	if d := describe(t, c, arn); d.Status != acmtypes.CertificateStatusPendingValidation {
		t.Errorf("record in a private zone: %s", d.Status)
	}
	// The record is written after the deadline, before any read: too late.
	l.clock.advance(72 * time.Hour)
	upsert(t, dns, zone, r53.ChangeActionCreate, rr)
	d := describe(t, c, arn)
	if d.Status != acmtypes.CertificateStatusValidationTimedOut || d.DomainValidationOptions[0].ValidationStatus != acmtypes.DomainStatusFailed {
		t.Errorf("record written after 72 hours: %s %s", d.Status, d.DomainValidationOptions[0].ValidationStatus)
	}
	// A certificate whose record was written in time but first read late is
	// issued as of the record's writing.
	arn2 := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("api.debugroom.org"), ValidationMethod: acmtypes.ValidationMethodDns})
	rr2 := describe(t, c, arn2).DomainValidationOptions[0].ResourceRecord
	l.clock.advance(71 * time.Hour)
	upsert(t, dns, zone, r53.ChangeActionCreate, rr2)
	written := l.clock.now()
	l.clock.advance(5 * time.Hour)
	if d := describe(t, c, arn2); d.Status != acmtypes.CertificateStatusIssued || d.IssuedAt.Sub(written).Abs() > time.Second {
		t.Errorf("read after the deadline, written before it: %s at %v (written %v)", d.Status, d.IssuedAt, written)
	}
}

// Email validation stays pending (the world sends no mail) until it times
// out; ResendValidationEmail is accepted while it is pending.
func TestACMEmailValidation(t *testing.T) {
	l := newLab(t, nil)
	c := acm.NewFromConfig(l.clocked(rootKey, rootSec))
	arn := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("shop.debugroom.org"),
		DomainValidationOptions: []acmtypes.DomainValidationOption{{DomainName: aws.String("shop.debugroom.org"), ValidationDomain: aws.String("debugroom.org")}}})
	d := describe(t, c, arn)
	dv := d.DomainValidationOptions[0]
	if d.Status != acmtypes.CertificateStatusPendingValidation || dv.ValidationMethod != acmtypes.ValidationMethodEmail || dv.ResourceRecord != nil ||
		*dv.ValidationDomain != "debugroom.org" || strings.Join(dv.ValidationEmails, " ") != "admin@debugroom.org administrator@debugroom.org hostmaster@debugroom.org postmaster@debugroom.org webmaster@debugroom.org" {
		t.Fatalf("email validation %+v %+v", d, dv)
	}
	resend := func() error {
		_, err := c.ResendValidationEmail(ctx, &acm.ResendValidationEmailInput{CertificateArn: arn, Domain: aws.String("shop.debugroom.org"), ValidationDomain: aws.String("debugroom.org")})
		return err
	}
	if err := resend(); err != nil {
		t.Errorf("ResendValidationEmail: %v", err)
	}
	_, err := c.ResendValidationEmail(ctx, &acm.ResendValidationEmailInput{CertificateArn: arn, Domain: aws.String("shop.debugroom.org"), ValidationDomain: aws.String("example.com")})
	wantError(t, err, "InvalidDomainValidationOptionsException", "example.com")
	l.clock.advance(71 * time.Hour)
	if d := describe(t, c, arn); d.Status != acmtypes.CertificateStatusPendingValidation {
		t.Errorf("after 71 hours: %s", d.Status)
	}
	l.clock.advance(time.Hour)
	if d := describe(t, c, arn); d.Status != acmtypes.CertificateStatusValidationTimedOut {
		t.Errorf("after 72 hours: %s", d.Status)
	}
	wantError(t, resend(), "InvalidStateException", "VALIDATION_TIMED_OUT")
	if _, raw := l.events(t); !strings.Contains(raw, "no validation email is sent") {
		t.Error("no event says that no mail was sent")
	}
}

// ListCertificates: by status, by key type (RSA only unless asked), in
// pages, newest first on request; a bad token is refused.
func TestACMList(t *testing.T) {
	l := newLab(t, nil)
	c := acm.NewFromConfig(l.clocked(rootKey, rootSec))
	var arns []string
	for i, alg := range []acmtypes.KeyAlgorithm{acmtypes.KeyAlgorithmRsa2048, acmtypes.KeyAlgorithmRsa2048, acmtypes.KeyAlgorithmEcSecp384r1} {
		arns = append(arns, *request(t, c, &acm.RequestCertificateInput{DomainName: aws.String(string(rune('a'+i)) + ".debugroom.org"), KeyAlgorithm: alg}))
		l.clock.advance(time.Minute)
	}
	list := func(in *acm.ListCertificatesInput) []string {
		t.Helper()
		var out []string
		p := acm.NewListCertificatesPaginator(c, in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range page.CertificateSummaryList {
				out = append(out, *s.DomainName+" "+string(s.KeyAlgorithm)+" "+string(s.Status))
			}
		}
		return out
	}
	if got := strings.Join(list(&acm.ListCertificatesInput{MaxItems: aws.Int32(1)}), ", "); got != "a.debugroom.org RSA-2048 PENDING_VALIDATION, b.debugroom.org RSA-2048 PENDING_VALIDATION" {
		t.Errorf("default list: %s", got)
	}
	if got := strings.Join(list(&acm.ListCertificatesInput{Includes: &acmtypes.Filters{KeyTypes: []acmtypes.KeyAlgorithm{acmtypes.KeyAlgorithmEcSecp384r1, acmtypes.KeyAlgorithmRsa2048}},
		SortBy: acmtypes.SortByCreatedAt, SortOrder: acmtypes.SortOrderDescending}), ", "); got != "c.debugroom.org EC-secp384r1 PENDING_VALIDATION, b.debugroom.org RSA-2048 PENDING_VALIDATION, a.debugroom.org RSA-2048 PENDING_VALIDATION" {
		t.Errorf("all key types, newest first: %s", got)
	}
	if got := list(&acm.ListCertificatesInput{CertificateStatuses: []acmtypes.CertificateStatus{acmtypes.CertificateStatusIssued}}); len(got) != 0 {
		t.Errorf("issued: %v", got)
	}
	_, err := c.ListCertificates(ctx, &acm.ListCertificatesInput{NextToken: aws.String("!!")})
	wantError(t, err, "InvalidArgsException", "NextToken")
	_, err = c.ListCertificates(ctx, &acm.ListCertificatesInput{CertificateStatuses: []acmtypes.CertificateStatus{"SHINY"}})
	wantError(t, err, "ValidationException", "certificateStatuses")
	// Another Region holds none of them.
	cfg := l.config(rootKey, rootSec, "")
	cfg.Region = "eu-west-1"
	west := acm.NewFromConfig(cfg)
	if out, err := west.ListCertificates(ctx, nil); err != nil || len(out.CertificateSummaryList) != 0 {
		t.Errorf("eu-west-1: %v %v", out, err)
	}
	_, err = west.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: &arns[0]})
	wantError(t, err, "ResourceNotFoundException", "Could not find certificate "+arns[0])
}

// RequestCertificate's checks and its IdempotencyToken.
func TestACMRequest(t *testing.T) {
	l := newLab(t, nil)
	c := acm.NewFromConfig(l.clocked(rootKey, rootSec))
	for _, tc := range []struct {
		in        acm.RequestCertificateInput
		code, msg string
	}{
		{acm.RequestCertificateInput{DomainName: aws.String("-bad.example.com")}, "ValidationException", "at 'domainName' failed to satisfy constraint"},
		{acm.RequestCertificateInput{DomainName: aws.String("example")}, "ValidationException", "regular expression pattern"},
		{acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), SubjectAlternativeNames: []string{"ok.example.com", "x..example.com"}},
			"ValidationException", "subjectAlternativeNames.2.member"},
		{acm.RequestCertificateInput{DomainName: aws.String(strings.Repeat("a", 60) + ".example.com")}, "InvalidParameterException", "64 octets"},
		{acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), SubjectAlternativeNames: strings.Split("b c d e f g h i j k", " ")},
			"ValidationException", "subjectAlternativeNames.1.member"},
		{acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), KeyAlgorithm: acmtypes.KeyAlgorithmRsa4096}, "InvalidParameterException", "imported"},
		{acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), KeyAlgorithm: "RSA_9"}, "ValidationException", "keyAlgorithm"},
		{acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), IdempotencyToken: aws.String("no-dashes")}, "ValidationException", "idempotencyToken"},
		{acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), Tags: []acmtypes.Tag{{Key: aws.String("aws:x"), Value: aws.String("v")}}}, "InvalidTagException", "aws:"},
		{acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), DomainValidationOptions: []acmtypes.DomainValidationOption{
			{DomainName: aws.String("a.example.com"), ValidationDomain: aws.String("other.com")}}}, "InvalidDomainValidationOptionsException", "superdomain"},
	} {
		_, err := c.RequestCertificate(ctx, &tc.in)
		wantError(t, err, tc.code, tc.msg)
	}
	sans := make([]string, 10)
	for i := range sans {
		sans[i] = string(rune('b'+i)) + ".example.com"
	}
	_, err := c.RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), SubjectAlternativeNames: sans})
	wantError(t, err, "LimitExceededException", "11 domain names")

	first := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), IdempotencyToken: aws.String("tok1")})
	l.clock.advance(59 * time.Minute)
	if again := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), IdempotencyToken: aws.String("tok1")}); *again != *first {
		t.Errorf("the same token within the hour gave %s, then %s", *first, *again)
	}
	l.clock.advance(2 * time.Minute)
	if later := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("a.example.com"), IdempotencyToken: aws.String("tok1")}); *later == *first {
		t.Error("the token did not expire after an hour")
	}
	// A private certificate needs AWS Private CA, which the world does not have.
	pca := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("internal.example.com"),
		CertificateAuthorityArn: aws.String("arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012")})
	if d := describe(t, c, pca); d.Status != acmtypes.CertificateStatusFailed || d.FailureReason != acmtypes.FailureReasonPcaResourceNotFound || d.Type != acmtypes.CertificateTypePrivate {
		t.Errorf("private certificate %+v", d)
	}
	for _, bad := range []string{"nope", "arn:aws:acm:us-east-1:123456789012:key/abc"} {
		_, err := c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String(bad)})
		if code, _ := apiError(err); code != "ValidationException" && code != "InvalidArnException" {
			t.Errorf("ARN %q: %v", bad, err)
		}
	}
	_, err = c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String("arn:aws:acm:us-east-1:123456789012:key/abc")})
	wantError(t, err, "InvalidArnException", "not a valid certificate ARN")
}

// Tags: added, listed, removed by key or by key and value, checked.
func TestACMTags(t *testing.T) {
	l := newLab(t, nil)
	c := l.acm(rootKey, rootSec, "")
	arn := request(t, c, &acm.RequestCertificateInput{DomainName: aws.String("www.debugroom.org"), Tags: []acmtypes.Tag{{Key: aws.String("env"), Value: aws.String("prod")}}})
	tag := func(k, v string) acmtypes.Tag { return acmtypes.Tag{Key: aws.String(k), Value: aws.String(v)} }
	if _, err := c.AddTagsToCertificate(ctx, &acm.AddTagsToCertificateInput{CertificateArn: arn, Tags: []acmtypes.Tag{tag("team", "blue"), tag("app", "web"), {Key: aws.String("bare")}}}); err != nil {
		t.Fatal(err)
	}
	tags := func() string {
		out, err := c.ListTagsForCertificate(ctx, &acm.ListTagsForCertificateInput{CertificateArn: arn})
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, t := range out.Tags {
			s = append(s, *t.Key+"="+aws.ToString(t.Value))
		}
		return strings.Join(s, " ")
	}
	if got := tags(); got != "app=web bare= env=prod team=blue" {
		t.Errorf("tags %s", got)
	}
	// By key alone, and by key and a value it does not have (kept).
	if _, err := c.RemoveTagsFromCertificate(ctx, &acm.RemoveTagsFromCertificateInput{CertificateArn: arn,
		Tags: []acmtypes.Tag{{Key: aws.String("app")}, tag("team", "red"), tag("env", "prod")}}); err != nil {
		t.Fatal(err)
	}
	if got := tags(); got != "bare= team=blue" {
		t.Errorf("after removal: %s", got)
	}
	many := make([]acmtypes.Tag, 50)
	for i := range many {
		many[i] = tag("k"+string(rune('A'+i%26))+string(rune('a'+i/26)), "v")
	}
	_, err := c.AddTagsToCertificate(ctx, &acm.AddTagsToCertificateInput{CertificateArn: arn, Tags: many})
	wantError(t, err, "TooManyTagsException", "50 tags")
}

// A world file's certificates: one issued and in use, which
// DeleteCertificate refuses; another that is deleted and then gone.
func TestACMWorldFileAndDelete(t *testing.T) {
	f := world.SeedFile()
	f.Accounts[0].Sections["certificates"] = []byte(`[
		{"domainName": "www.debugroom.org", "status": "ISSUED", "inUseBy": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"], "tags": {"env": "prod"}},
		{"domainName": "old.debugroom.org", "region": "ap-northeast-1", "keyAlgorithm": "EC_secp384r1"}]`)
	l := newLab(t, f)
	c := l.acm(rootKey, rootSec, "")
	out, err := c.ListCertificates(ctx, &acm.ListCertificatesInput{})
	if err != nil || len(out.CertificateSummaryList) != 1 {
		t.Fatalf("%+v %v", out, err)
	}
	s := out.CertificateSummaryList[0]
	if *s.DomainName != "www.debugroom.org" || s.Status != acmtypes.CertificateStatusIssued || !*s.InUse || s.RenewalEligibility != acmtypes.RenewalEligibilityEligible || s.NotAfter == nil {
		t.Errorf("summary %+v", s)
	}
	_, err = c.DeleteCertificate(ctx, &acm.DeleteCertificateInput{CertificateArn: s.CertificateArn})
	wantError(t, err, "ResourceInUseException", "loadbalancer/app/web")
	if d := describe(t, c, s.CertificateArn); len(d.InUseBy) != 1 || d.Status != acmtypes.CertificateStatusIssued {
		t.Errorf("in use %+v", d)
	}
	cfg := l.config(rootKey, rootSec, "")
	cfg.Region = "ap-northeast-1"
	tokyo := acm.NewFromConfig(cfg)
	list, err := tokyo.ListCertificates(ctx, &acm.ListCertificatesInput{Includes: &acmtypes.Filters{KeyTypes: []acmtypes.KeyAlgorithm{acmtypes.KeyAlgorithmEcSecp384r1}}})
	if err != nil || len(list.CertificateSummaryList) != 1 {
		t.Fatalf("%+v %v", list, err)
	}
	old := list.CertificateSummaryList[0].CertificateArn
	if _, err := tokyo.DeleteCertificate(ctx, &acm.DeleteCertificateInput{CertificateArn: old}); err != nil {
		t.Fatal(err)
	}
	_, err = tokyo.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: old})
	wantError(t, err, "ResourceNotFoundException", "Could not find certificate "+*old+" in account 123456789012.")
}

// Every ACM operation, denied to a user no policy allows, with
// AccessDeniedException naming the action and the certificate; the same
// calls allowed for the root user.
func TestACMDenied(t *testing.T) {
	l := newLab(t, nil)
	root := l.acm(rootKey, rootSec, "")
	app := l.acm(appKey, appSec, "")
	arn := request(t, root, &acm.RequestCertificateInput{DomainName: aws.String("mail.debugroom.org")})
	on := " on resource: " + *arn
	ops := []struct {
		action, resource string
		call             func(c *acm.Client) error
	}{
		{"RequestCertificate", "", func(c *acm.Client) error {
			_, err := c.RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: aws.String("x.debugroom.org")})
			return err
		}},
		{"ListCertificates", "", func(c *acm.Client) error { _, err := c.ListCertificates(ctx, nil); return err }},
		{"DescribeCertificate", on, func(c *acm.Client) error {
			_, err := c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: arn})
			return err
		}},
		{"AddTagsToCertificate", on, func(c *acm.Client) error {
			_, err := c.AddTagsToCertificate(ctx, &acm.AddTagsToCertificateInput{CertificateArn: arn, Tags: []acmtypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
			return err
		}},
		{"ListTagsForCertificate", on, func(c *acm.Client) error {
			_, err := c.ListTagsForCertificate(ctx, &acm.ListTagsForCertificateInput{CertificateArn: arn})
			return err
		}},
		{"RemoveTagsFromCertificate", on, func(c *acm.Client) error {
			_, err := c.RemoveTagsFromCertificate(ctx, &acm.RemoveTagsFromCertificateInput{CertificateArn: arn, Tags: []acmtypes.Tag{{Key: aws.String("k")}}})
			return err
		}},
		{"ResendValidationEmail", on, func(c *acm.Client) error {
			_, err := c.ResendValidationEmail(ctx, &acm.ResendValidationEmailInput{CertificateArn: arn, Domain: aws.String("mail.debugroom.org"), ValidationDomain: aws.String("debugroom.org")})
			return err
		}},
		{"GetCertificate", on, func(c *acm.Client) error {
			_, err := c.GetCertificate(ctx, &acm.GetCertificateInput{CertificateArn: arn})
			if code, _ := apiError(err); code == "RequestInProgressException" {
				return nil // allowed: the certificate is not issued yet
			}
			return err
		}},
		{"DeleteCertificate", on, func(c *acm.Client) error {
			_, err := c.DeleteCertificate(ctx, &acm.DeleteCertificateInput{CertificateArn: arn})
			return err
		}},
	}
	for _, op := range ops {
		wantError(t, op.call(app), "AccessDeniedException", "User: arn:aws:iam::123456789012:user/app is not authorized to perform: acm:"+op.action+op.resource+
			" because no identity-based policy allows the acm:"+op.action+" action")
		if err := op.call(root); err != nil {
			t.Errorf("%s as root: %v", op.action, err)
		}
	}
	evs, _ := l.events(t)
	last := evs[len(evs)-1]
	if last.EventSource != "acm.amazonaws.com" || last.EventName != "DeleteCertificate" || last.AWSRegion != "us-east-1" || last.IAMLab.Decision != "allowed" {
		t.Errorf("event %+v", last)
	}
}

// The keys AWS sets for RequestCertificate and for the certificate's own
// operations: a policy from the ACM User Guide's examples allows DNS
// validation of debugroom.org names only, with no RSA key, and
// DescribeCertificate only of certificates tagged env=dev.
func TestACMConditionKeys(t *testing.T) {
	l := newLab(t, nil)
	key, secret := l.newUser(t, "certs", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"acm:RequestCertificate","Resource":"*","Condition":{
			"StringEquals":{"acm:ValidationMethod":"DNS","acm:CertificateKeyPairOrigin":"AWS_MANAGED"},
			"ForAllValues:StringLike":{"acm:DomainNames":["debugroom.org","*.debugroom.org"]},
			"StringEqualsIfExists":{"aws:RequestTag/env":"dev"}}},
		{"Effect":"Deny","Action":"acm:RequestCertificate","Resource":"*","Condition":{"StringLike":{"acm:KeyAlgorithm":"RSA*"}}},
		{"Effect":"Allow","Action":"acm:DescribeCertificate","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"dev"}}}]}`)
	c := l.acm(key, secret, "")
	dev := []acmtypes.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}
	ok := &acm.RequestCertificateInput{DomainName: aws.String("*.debugroom.org"), SubjectAlternativeNames: []string{"debugroom.org"},
		ValidationMethod: acmtypes.ValidationMethodDns, KeyAlgorithm: acmtypes.KeyAlgorithmEcPrime256v1, Tags: dev}
	arn := request(t, c, ok)
	if d := describe(t, c, arn); *d.DomainName != "*.debugroom.org" {
		t.Errorf("%+v", d)
	}
	for name, in := range map[string]*acm.RequestCertificateInput{
		"email (the default)": {DomainName: aws.String("debugroom.org"), KeyAlgorithm: acmtypes.KeyAlgorithmEcPrime256v1},
		"another domain": {DomainName: aws.String("debugroom.org"), SubjectAlternativeNames: []string{"example.com"},
			ValidationMethod: acmtypes.ValidationMethodDns, KeyAlgorithm: acmtypes.KeyAlgorithmEcPrime256v1},
		"RSA (the default)": {DomainName: aws.String("debugroom.org"), ValidationMethod: acmtypes.ValidationMethodDns},
		"another tag": {DomainName: aws.String("debugroom.org"), ValidationMethod: acmtypes.ValidationMethodDns, KeyAlgorithm: acmtypes.KeyAlgorithmEcPrime256v1,
			Tags: []acmtypes.Tag{{Key: aws.String("env"), Value: aws.String("prod")}}},
	} {
		_, err := c.RequestCertificate(ctx, in)
		if code, _ := apiError(err); code != "AccessDeniedException" {
			t.Errorf("%s: %v", name, err)
		}
	}
	untagged := request(t, l.acm(rootKey, rootSec, ""), &acm.RequestCertificateInput{DomainName: aws.String("debugroom.org")})
	_, err := c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: untagged})
	wantError(t, err, "AccessDeniedException", "acm:DescribeCertificate on resource: "+*untagged)
}

// Another account's certificate is out of reach: ACM has no resource
// policies.
func TestACMCrossAccount(t *testing.T) {
	f := world.SeedFile()
	f.Accounts = append(f.Accounts, world.FileAccount{ID: "210987654321", RootAccessKeys: []world.FileKey{{ID: "AKIAOTHERACCOUNT0001", Secret: "other"}}})
	l := newLab(t, f)
	arn := request(t, l.acm(rootKey, rootSec, ""), &acm.RequestCertificateInput{DomainName: aws.String("www.debugroom.org")})
	_, err := l.acm("AKIAOTHERACCOUNT0001", "other", "").DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: arn})
	wantError(t, err, "AccessDeniedException", "is not authorized to perform: acm:DescribeCertificate on resource: "+*arn)
}

// clocked is a config whose requests are signed at the lab's clock, so
// that tests can move the world's time by days and still be let in.
func (l *lab) clocked(key, secret string) aws.Config {
	cfg := l.config(key, secret, "")
	cfg.HTTPClient = &http.Client{Transport: &resign{rt: l.srv.Client().Transport,
		creds: aws.Credentials{AccessKeyID: key, SecretAccessKey: secret}, now: l.clock.now}}
	return cfg
}

// resign signs a request again, at another time, in the scope the SDK
// signed it for.
type resign struct {
	rt    http.RoundTripper
	creds aws.Credentials
	now   func() time.Time
}

func (r *resign) RoundTrip(req *http.Request) (*http.Response, error) {
	_, scope, _ := strings.Cut(req.Header.Get("Authorization"), "Credential=")
	scope, _, _ = strings.Cut(scope, ",")
	parts := strings.Split(scope, "/")
	if len(parts) != 5 {
		return nil, fmt.Errorf("no credential scope in %q", req.Header.Get("Authorization"))
	}
	req = req.Clone(req.Context())
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	sum := sha256.Sum256(body)
	req.Header.Del("Authorization")
	req.Header.Del("X-Amz-Date")
	if err := v4.NewSigner().SignHTTP(req.Context(), r.creds, req, hex.EncodeToString(sum[:]), parts[3], parts[2], r.now()); err != nil {
		return nil, err
	}
	return r.rt.RoundTrip(req)
}
