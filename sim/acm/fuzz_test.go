package acm

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/sim/protocol"
)

// modelDomain is the reference reading of ACM's DomainNameString pattern,
// (\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9]),
// label by label, lookaheads and all, without a regular expression.
func modelDomain(s string) bool {
	if len(s) < 1 || len(s) > MaxDomainName {
		return false
	}
	s = strings.TrimPrefix(s, "*.")
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for i, l := range labels {
		min := 1
		if i == len(labels)-1 {
			min = 2 // [A-Za-z0-9-]{1,62}[A-Za-z0-9]
		}
		if len(l) < min || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for j := 0; j < len(l); j++ {
			c := l[j]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// FuzzRequestCertificate: any RequestCertificate body is either refused
// with one of ACM's codes or read into a request whose names all match
// the API model's pattern (checked by modelDomain, not by the regular
// expression the service uses), with the domain name first, no name
// twice, and within the quota.
func FuzzRequestCertificate(f *testing.F) {
	f.Add([]byte(`{"DomainName":"*.debugroom.org","SubjectAlternativeNames":["debugroom.org","DEBUGROOM.org"],"ValidationMethod":"DNS"}`))
	f.Add([]byte(`{"DomainName":"a-.example.com","KeyAlgorithm":"EC_secp384r1","Tags":[{"Key":"aws:x"}]}`))
	f.Add([]byte(`{"DomainName":"x.example.com","DomainValidationOptions":[{"DomainName":"x.example.com","ValidationDomain":"example.com"}],"Options":{"Export":"ENABLED"},"IdempotencyToken":"t_1"}`))
	f.Add([]byte(`{"DomainName":"1.2","SubjectAlternativeNames":["*.*.example.com"]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var in requestIn
		if err := protocol.DecodeJSON(body, &in); err != nil {
			return
		}
		r, err := readRequest(&in)
		if err != nil {
			var pe *protocol.Error
			codes := []string{"ValidationException", "InvalidParameterException", "LimitExceededException",
				"InvalidTagException", "TooManyTagsException", "InvalidDomainValidationOptionsException"}
			if !errors.As(err, &pe) || !slices.Contains(codes, pe.Code) {
				t.Fatal(err)
			}
			return
		}
		if r.names[0] != *in.DomainName || len(r.names) > MaxNames || len(*in.DomainName) > MaxCommonName {
			t.Fatalf("names %q from %q", r.names, body)
		}
		for i, n := range r.names {
			if !modelDomain(n) {
				t.Fatalf("%q accepted, which the model's pattern refuses", n)
			}
			for _, m := range r.names[:i] {
				if strings.EqualFold(m, n) {
					t.Fatalf("%q twice", n)
				}
			}
		}
		if !requestable[r.keyAlg] || r.method != MethodDNS && r.method != MethodEmail {
			t.Fatalf("request %+v", r)
		}
	})
}

// FuzzReadARN: an ARN is accepted only when it is an ACM certificate ARN
// that certARN would write back the same.
func FuzzReadARN(f *testing.F) {
	f.Add("arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012")
	f.Add("arn:aws:acm:us-east-1:123456789012:certificate/a/b")
	f.Add("arn:aws:acm::1:certificate/")
	f.Add("arn:aws-cn:acm:cn-north-1:123456789012:key/x")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := readARN(&s)
		if err != nil {
			var pe *protocol.Error
			if !errors.As(err, &pe) || pe.Code != "ValidationException" && pe.Code != "InvalidArnException" {
				t.Fatal(err)
			}
			return
		}
		parts := strings.SplitN(s, ":", 6)
		if got := "arn:" + parts[1] + ":acm:" + p.region + ":" + p.account + ":certificate/" + p.id; got != s || p.id == "" {
			t.Fatalf("%q read as %+v", s, p)
		}
	})
}
