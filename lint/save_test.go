package lint

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/policy"
)

// saveCases: what each store answers when a policy is saved. An empty code
// means the store keeps the policy.
var saveCases = []struct {
	name      string
	src       string
	typ       policy.Type
	store     Store
	code, msg string // the first refusal's check code and AWS's message
}{
	{"identity policy with a principal", res(`{"AWS":"111122223333"}`), policy.Identity, IAM,
		"statement.principalNotAllowed", "Policy document should not specify a principal."},
	{"no resource", pol(`"Effect":"Allow","Action":"s3:GetObject"`), policy.Identity, IAM,
		"statement.noResource", "Policy statement must contain resources."},
	{"unknown action: IAM keeps it", act(`"s3:GetObjct"`, `"*"`), policy.Identity, IAM, "", ""},
	{"unknown condition key: IAM keeps it", cond(`"StringEquals":{"s3:prefx":"a"}`), policy.Identity, IAM, "", ""},
	{"missing Region: IAM keeps it", act(`"sqs:SendMessage"`, `"arn:aws:sqs::111122223333:q"`), policy.Identity, IAM, "", ""},
	{"iam ARN with a Region", act(`"iam:GetRole"`, `"arn:aws:iam:us-east-1:111122223333:role/x"`), policy.Identity, IAM,
		"resource.region", "IAM resource arn:aws:iam:us-east-1:111122223333:role/x cannot contain region information."},
	{"s3 ARN with a Region", act(`"s3:GetObject"`, `"arn:aws:s3:us-east-1::b/*"`), policy.Identity, IAM,
		"resource.region", "Resource arn:aws:s3:us-east-1::b/* can not contain region information."},
	{"not an ARN", act(`"s3:GetObject"`, `"bucket/key"`), policy.Identity, IAM,
		"resource.syntax", `Resource bucket/key must be in ARN format or "*".`},
	{"bad partition", act(`"s3:GetObject"`, `"arn:amazon:s3:::b/*"`), policy.Identity, IAM,
		"resource.partition", `Partition "amazon" is not valid for resource "arn:amazon:s3:::b/*".`},
	{"Sid characters", pol(`"Sid":"read-only",` + get("")), policy.Identity, IAM,
		"sid.charset", "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"},
	{"duplicate Sid", pol(`"Sid":"A",`+get(""), `"Sid":"A",`+get("")), policy.Identity, IAM,
		"sid.duplicateRequired", "Statement IDs (SID) in a single policy must be unique."},
	{"managed policy over its quota", act(`"s3:GetObject"`, bigResources(200)), policy.Identity, IAM,
		"size.quota", "Cannot exceed quota for PolicySize: 6144"},
	{"trust policy with a resource", trust(`{"AWS":"arn:aws:iam::111122223333:root"}`, `"Resource":"*"`), policy.Trust, IAM,
		"trust.resource", "Has prohibited field Resource"},
	{"trust policy naming a user with a colon", trust(`{"AWS":"arn:aws:iam::123456789012:user:NAME"}`, ""), policy.Trust, IAM,
		"principal.colon", `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user:NAME"`},
	{"trust policy over its quota", trust(`{"AWS":`+strings.NewReplacer("arn:aws:s3:::bucket-number-", "arn:aws:iam::111122223333:role/r", "/*", "").Replace(bigResources(60))+`}`, ""), policy.Trust, IAM,
		"size.quota", "Cannot exceed quota for ACLSizePerRole: 2048"},
	{"bucket policy with a colon", res(`{"AWS":"arn:aws:iam::111122223333:user:app"}`), policy.Resource, S3,
		"principal.colon", "Invalid principal in policy"},
	{"bucket policy with a federated principal", res(`{"Federated":"arn:aws:iam::111122223333:saml-provider/Corp"}`), policy.Resource, S3,
		"principal.federatedNotSupported", "Invalid principal in policy"},
	{"bucket policy with an origin access identity", res(`{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE"}`), policy.Resource, S3, "", ""},
	{"bucket policy without a principal", pol(get("")), policy.Resource, S3, "statement.noPrincipal", "Missing required field Principal"},
	{"bucket ARN with an account", pol(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3::111122223333:b/*"`), policy.Resource, S3,
		"resource.account", "Policy has invalid resource"},
	{"key policy with a bad principal", pol(`"Effect":"Allow","Principal":{"AWS":"12345"},"Action":"kms:Decrypt","Resource":"*"`), policy.Resource, KMS,
		"principal.accountId", "Policy contains a statement with one or more invalid principals."},
	{"a valid bucket policy", res(`{"AWS":"111122223333"}`), policy.Resource, S3, "", ""},
}

func TestSaveErrors(t *testing.T) {
	cat := embedded.Catalog()
	for _, tc := range saveCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := policy.Parse(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			got := SaveErrors(p, tc.typ, tc.store, cat)
			if tc.code == "" {
				if len(got) > 0 {
					t.Errorf("%s refuses it: %+v", tc.store, got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("%s keeps it; lint says %+v", tc.store, Policy(p, tc.typ, cat))
			}
			f := got[0]
			if f.Code != tc.code || f.AWSMessage != tc.msg || f.AWSCode == "" {
				t.Errorf("got %s %s %q, want %s %q", f.Code, f.AWSCode, f.AWSMessage, tc.code, tc.msg)
			}
		})
	}
}

func TestParseRefusal(t *testing.T) {
	for _, tc := range []struct{ src, code, msg string }{
		{`{"Version": "2012-10-17",`, "MalformedPolicyDocument", "Syntax errors in policy."},
		{act(`"s3GetObject"`, `"*"`), "MalformedPolicyDocument", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
		{act(`"s3:Get:Object"`, `"*"`), "MalformedPolicyDocument", "Actions/Condition can contain only one colon."},
		{act(`"s3*:GetObject"`, `"*"`), "MalformedPolicyDocument", "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards"},
		{pol(`"Action":"s3:GetObject","Resource":"*"`), "MalformedPolicyDocument", "Syntax errors in policy."},
	} {
		_, err := policy.Parse(tc.src)
		if err == nil {
			t.Errorf("%s parses", tc.src)
			continue
		}
		code, msg := ParseRefusal(tc.src, err, IAM)
		if code != tc.code || msg != tc.msg {
			t.Errorf("%s (%v): %s %q, want %s %q", tc.src, err, code, msg, tc.code, tc.msg)
		}
	}
	if code, _ := ParseRefusal("{", &policy.Error{Code: "json.syntax"}, S3); code != "MalformedPolicy" {
		t.Errorf("S3 answers %s", code)
	}
}

// Every refusal is well formed: a known store and code; a message that
// names its source or says that none was found.
func TestRefusals(t *testing.T) {
	for _, c := range Checks() {
		for _, r := range c.Refusals {
			if r.Store < IAM || r.Store > Organizations || r.Code == "" {
				t.Errorf("%s: %+v", c.Code, r)
			}
			if r.Seen != "" && (r.Msg == "" || !strings.HasPrefix(r.Seen, "github.com/")) {
				t.Errorf("%s: seen %q for message %q", c.Code, r.Seen, r.Msg)
			}
		}
		if c.Severity != Error && len(c.Refusals) > 0 && c.Code != "size.quota" {
			t.Errorf("%s is refused on save but only a %s", c.Code, c.Severity)
		}
	}
}
