package sim_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
)

// BenchmarkServeHTTPACMRoute53 measures the handler alone on the calls of
// the DNS validation flow: DescribeCertificate of a pending certificate
// (which looks its CNAME up in the hosted zones), ListResourceRecordSets,
// and a ChangeResourceRecordSets UPSERT (a write, in memory).
func BenchmarkServeHTTPACMRoute53(b *testing.B) {
	l := newLab(b, nil)
	out, err := l.acm(rootKey, rootSec, "").RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: aws.String("*.debugroom.org"),
		ValidationMethod: acmtypes.ValidationMethodDns})
	if err != nil {
		b.Fatal(err)
	}
	zone := strings.TrimPrefix(seedZone(b, l.route53(rootKey, rootSec, "")), "/hostedzone/")
	upsert := `<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes><Change><Action>UPSERT</Action>` +
		`<ResourceRecordSet><Name>www.debugroom.org</Name><Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>` +
		`</Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`
	for _, tc := range []struct {
		name, service, method, url, target, body string
	}{
		{"DescribeCertificate", "acm", http.MethodPost, "https://acm.us-east-1.amazonaws.com/", "CertificateManager.DescribeCertificate",
			`{"CertificateArn":"` + *out.CertificateArn + `"}`},
		{"ListResourceRecordSets", "route53", http.MethodGet, "https://route53.amazonaws.com/2013-04-01/hostedzone/" + zone + "/rrset", "", ""},
		{"ChangeResourceRecordSets", "route53", http.MethodPost, "https://route53.amazonaws.com/2013-04-01/hostedzone/" + zone + "/rrset/", "", upsert},
	} {
		b.Run(tc.name, func(b *testing.B) {
			sum := sha256.Sum256([]byte(tc.body))
			proto, _ := http.NewRequest(tc.method, tc.url, nil)
			if tc.target != "" {
				proto.Header.Set("X-Amz-Target", tc.target)
				proto.Header.Set("Content-Type", "application/x-amz-json-1.1")
			}
			if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: rootKey, SecretAccessKey: rootSec}, proto,
				hex.EncodeToString(sum[:]), tc.service, "us-east-1", time.Now()); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					r := httptest.NewRequest(tc.method, tc.url, strings.NewReader(tc.body))
					r.Header = proto.Header.Clone()
					w := httptest.NewRecorder()
					l.sim.Handler.ServeHTTP(w, r)
					if w.Code != 200 {
						b.Fatalf("%d %s", w.Code, w.Body)
					}
				}
			})
		})
	}
}
