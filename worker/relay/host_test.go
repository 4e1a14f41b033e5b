package relay

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

func TestAllowedHost(t *testing.T) {
	allowed := []string{
		"iam.amazonaws.com",
		"sts.amazonaws.com",
		"sts.us-east-1.amazonaws.com",
		"sts.ap-southeast-2.amazonaws.com",
		"sts.us-gov-west-1.amazonaws.com",
		"cognito-idp.eu-west-1.amazonaws.com",
		"cognito-identity.us-east-2.amazonaws.com",
		"kms.eu-central-1.amazonaws.com",
		"acm.us-east-1.amazonaws.com",
		"route53.amazonaws.com",
		"s3.amazonaws.com",
		"s3.us-west-2.amazonaws.com",
		"lab-bucket.s3.amazonaws.com",
		"lab-bucket.s3.us-west-2.amazonaws.com",
		"abc.s3.us-east-1.amazonaws.com",
	}
	refused := []string{
		"",
		"amazonaws.com",
		".amazonaws.com",
		"sts.amazonaws.com.",
		"sts.amazonaws.com.evil.test",
		"sts.amazonaws.com-evil.test",
		"evilsts.amazonaws.com",
		"sts.evil.amazonaws.com",
		"sts.us-east-1.evil.amazonaws.com",
		"STS.AMAZONAWS.COM",
		"Sts.amazonaws.com",
		"sts.amazonaws.com:443",
		"sts.amazonaws.com@evil.test",
		"evil.test@sts.amazonaws.com",
		"sts.amazonaws.com%2F",
		"%73ts.amazonaws.com",
		"sts.amazonaws.com/",
		"sts.amazonaws.com\\",
		"sts .amazonaws.com",
		"sts.amazonaws.cn",
		"iam.cn-north-1.amazonaws.com.cn",
		"iam.us-east-1.amazonaws.com",     // IAM has one endpoint
		"route53.us-east-1.amazonaws.com", // and so has Route 53
		"ec2.us-east-1.amazonaws.com",
		"lambda.us-east-1.amazonaws.com",
		"s3-website-us-east-1.amazonaws.com",
		"bucket.s3-website.us-east-1.amazonaws.com",
		"kms.amazonaws.com",
		"kms.us-east.amazonaws.com",
		"kms.us-east-123.amazonaws.com",
		"kms.u-east-1.amazonaws.com",
		"kms.us--1.amazonaws.com",
		"kms.us-east-x.amazonaws.com",
		"kms.1us-east-1.amazonaws.com",
		"ab.s3.amazonaws.com",
		"-bucket.s3.amazonaws.com",
		"bucket-.s3.amazonaws.com",
		"my.bucket.s3.amazonaws.com",
		strings.Repeat("a", 64) + ".s3.amazonaws.com",
		"x.lab-bucket.s3.us-east-1.amazonaws.com",
		"127.0.0.1",
		"2130706433",
		"0x7f000001",
		"0177.0.0.1",
		"127.1",
		"[::1]",
		"::1",
		"[::ffff:127.0.0.1]",
		"169.254.169.254",
		"localhost",
		"metadata.google.internal",
	}
	for _, h := range allowed {
		if !AllowedHost(h) {
			t.Errorf("AllowedHost(%q) = false, want true", h)
		}
	}
	for _, h := range refused {
		if AllowedHost(h) {
			t.Errorf("AllowedHost(%q) = true, want false", h)
		}
	}
}

// FuzzAllowedHost: whatever the input, an allowed host is a DNS name under
// amazonaws.com that URL parsing reads back as the same host, and never an
// IP address.
func FuzzAllowedHost(f *testing.F) {
	for _, s := range []string{"sts.amazonaws.com", "b.s3.us-east-1.amazonaws.com", "127.0.0.1", "sts.amazonaws.com.evil", "[::1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if !AllowedHost(h) {
			return
		}
		if !strings.HasSuffix(h, ".amazonaws.com") || strings.Count(h, ".") < 2 || len(h) > MaxHostLength {
			t.Fatalf("allowed %q", h)
		}
		if net.ParseIP(h) != nil {
			t.Fatalf("allowed the IP literal %q", h)
		}
		u, err := url.Parse("https://" + h + "/")
		if err != nil || u.Host != h || u.Hostname() != h || u.Port() != "" || u.User != nil {
			t.Fatalf("allowed %q, which parses as host %q", h, u.Host)
		}
	})
}
