package s3

import (
	"testing"

	"github.com/iamlab/iamlab/policy"
)

// Public follows "The meaning of public" (S3 User Guide): its examples,
// then each rule.
func TestPublic(t *testing.T) {
	stmt := func(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }
	allow := func(principal, cond string) string {
		s := `{"Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`
		if cond != "" {
			s += `,"Condition":` + cond
		}
		return stmt(s + "}")
	}
	for _, tc := range []struct {
		name   string
		policy string
		public bool
	}{
		// The guide's examples.
		{"federated principal", allow(`{"Federated":"graph.facebook.com"}`, ""), true},
		{"anyone", allow(`"*"`, ""), true},
		{"wildcard VPC", allow(`"*"`, `{"StringLike":{"aws:SourceVpc":"vpc-*"}}`), true},
		{"fixed VPC", allow(`"*"`, `{"StringEquals":{"aws:SourceVpc":"vpc-91237329"}}`), false},
		// Principals.
		{"an account", allow(`{"AWS":"arn:aws:iam::111122223333:root"}`, ""), false},
		{"an account ID", allow(`{"AWS":"111122223333"}`, ""), false},
		{"a service", allow(`{"Service":"cloudtrail.amazonaws.com"}`, ""), false},
		{"AWS *", allow(`{"AWS":"*"}`, ""), true},
		{"a wildcard ARN", allow(`{"AWS":"arn:aws:iam::111122223333:user/*"}`, ""), true},
		{"a variable", allow(`{"AWS":"arn:aws:iam::111122223333:user/${aws:username}"}`, ""), true},
		{"one fixed, one wildcard", allow(`{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::*:root"]}`, ""), true},
		{"NotPrincipal", stmt(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), true},
		{"only a Deny to anyone", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`), false},
		// Conditions.
		{"organization", allow(`"*"`, `{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}`), false},
		{"source account", allow(`"*"`, `{"StringEquals":{"AWS:SourceAccount":"111122223333"}}`), false},
		{"source ARN pattern", allow(`"*"`, `{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*"}}`), true},
		{"IfExists", allow(`"*"`, `{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-91237329"}}`), true},
		{"negated", allow(`"*"`, `{"StringNotEquals":{"aws:SourceVpc":"vpc-91237329"}}`), true},
		{"ForAllValues", allow(`"*"`, `{"ForAllValues:StringEquals":{"aws:SourceVpc":"vpc-91237329"}}`), true},
		{"a key that limits nothing", allow(`"*"`, `{"StringEquals":{"aws:UserAgent":"curl"}}`), true},
		{"userid outside a role's pattern", allow(`"*"`, `{"StringEquals":{"aws:userid":"AIDAEXAMPLE"}}`), false},
		{"userid pattern", allow(`"*"`, `{"StringLike":{"aws:userid":"AROAEXAMPLE:*"}}`), true},
		{"a /24", allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`), false},
		{"an address", allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`), false},
		{"a /8", allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), false},
		{"broader than /8", allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}`), true},
		{"IPv6 /32", allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`), false},
		{"IPv6 broader than /32", allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"2001::/16"}}`), true},
		{"NotIpAddress", allow(`"*"`, `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`), true},
		{"one public statement of two", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"},
			{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), true},
	} {
		p, err := policy.Parse(tc.policy)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := Public(p); got != tc.public {
			t.Errorf("%s: Public = %v, want %v", tc.name, got, tc.public)
		}
	}
}

// The naming rules of general purpose buckets, each broken once.
func TestValidBucketName(t *testing.T) {
	for name, want := range map[string]bool{
		"docexamplebucket1": true, "log-delivery-march-2020": true, "my.example.s3.bucket": true, "abc": true,
		"ab": false, "a234567890123456789012345678901234567890123456789012345678901234": false,
		"doc_example_bucket": false, "DocExampleBucket": false, "doc-example-bucket-": false, "-doc": false,
		"my..bucket": false, "192.168.5.4": false, "xn--bucket": false, "sthree-bucket": false, "amzn-s3-demo-bucket": false,
		"bucket-s3alias": false, "bucket--ol-s3": false, "bucket.mrap": false, "bucket--x-s3": false, "bucket--table-s3": false,
	} {
		if validBucketName(name) != want {
			t.Errorf("validBucketName(%q) = %v", name, !want)
		}
	}
}

// CRC64NVME is CRC-64/NVME: its check value over "123456789" is
// 0xae8b14860a799888 (the CRC catalogue's).
func TestCRC64NVME(t *testing.T) {
	if got := digest("CRC64NVME", []byte("123456789")); got != "rosUhgp5mIg=" {
		t.Errorf("CRC64NVME = %s", got)
	}
}

// Virtual-hosted-style host names of S3 name the bucket; others do not.
func TestHostBucket(t *testing.T) {
	for host, want := range map[string]string{
		"b.s3.amazonaws.com": "b", "my.bucket.s3.eu-west-1.amazonaws.com:443": "my.bucket", "b.s3-us-west-2.amazonaws.com": "b",
		"b.s3.dualstack.us-east-1.amazonaws.com": "b", "b.s3.cn-north-1.amazonaws.com.cn": "b", "b.localhost:4566": "b",
		"s3.amazonaws.com": "", "s3.us-east-1.amazonaws.com": "", "127.0.0.1:4566": "", "localhost": "", "sts.amazonaws.com": "",
	} {
		if got, ok := hostBucket(host); got != want || ok != (want != "") {
			t.Errorf("hostBucket(%q) = %q, %v", host, got, ok)
		}
	}
}
