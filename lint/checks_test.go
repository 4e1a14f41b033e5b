package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/scenario"
)

// pol builds a 2012-10-17 policy from statement bodies.
func pol(stmts ...string) string {
	for i, s := range stmts {
		stmts[i] = "{" + s + "}"
	}
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

// get is an identity statement body with a condition block or extra elements.
func get(extra string) string {
	s := `"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`
	if extra != "" {
		s += "," + extra
	}
	return s
}

// cond is an identity policy with one condition block.
func cond(c string) string { return pol(get(`"Condition":{` + c + `}`)) }

// res is a resource-based policy statement with the given principal.
func res(principal string) string {
	return pol(`"Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`)
}

// trust is a trust policy statement with the given principal and extras.
func trust(principal, extra string) string {
	s := `"Effect":"Allow","Principal":` + principal + `,"Action":"sts:AssumeRole"`
	if extra != "" {
		s += "," + extra
	}
	return pol(s)
}

func act(a, r string) string {
	return pol(`"Effect":"Allow","Action":` + a + `,"Resource":` + r)
}

func bigResources(n int) string {
	rs := make([]string, n)
	for i := range rs {
		rs[i] = fmt.Sprintf(`"arn:aws:s3:::bucket-number-%04d/*"`, i)
	}
	return "[" + strings.Join(rs, ",") + "]"
}

type checkCase struct {
	code        string
	typ         policy.Type
	fire, quiet string
}

var good = pol(get(""))

var checkCases = []checkCase{
	// grammar
	{"json.syntax", policy.Identity, `{"Version": "2012-10-17",`, good},
	{"json.type", policy.Identity, pol(`"Effect":1,"Action":"s3:GetObject","Resource":"*"`), good},
	{"json.duplicateKey", policy.Identity, `{"Version":"2012-10-17","Version":"2012-10-17","Statement":[{` + get("") + `}]}`, good},
	{"policy.size", policy.Identity, good + strings.Repeat(" ", 1<<20), good},
	{"policy.noStatement", policy.Identity, `{"Version":"2012-10-17"}`, good},
	{"policy.version", policy.Identity, `{"Version":"2012-10-18","Statement":[{` + get("") + `}]}`, good},
	{"policy.unknownElement", policy.Identity, pol(`"Effect":"Allow","action":"s3:GetObject","Resource":"*"`), good},
	{"statement.noEffect", policy.Identity, pol(`"Action":"s3:GetObject","Resource":"*"`), good},
	{"statement.noAction", policy.Identity, pol(`"Effect":"Allow","Resource":"*"`), good},
	{"statement.pair", policy.Identity, pol(`"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"`), good},
	{"statement.effect", policy.Identity, pol(`"Effect":"allow","Action":"s3:GetObject","Resource":"*"`), good},
	{"statement.emptyList", policy.Identity, pol(`"Effect":"Allow","Action":[],"Resource":"*"`), good},
	{"action.syntax", policy.Identity, act(`"s3GetObject"`, `"*"`), good},
	{"principal.syntax", policy.Resource, res(`"alice"`), res(`"*"`)},
	{"principal.empty", policy.Resource, res(`{}`), res(`{"AWS":"111122223333"}`)},
	{"condition.operator", policy.Identity, cond(`"StringEqualz":{"aws:PrincipalTag/team":"a"}`), cond(`"StringEquals":{"aws:PrincipalTag/team":"a"}`)},
	{"condition.empty", policy.Identity, cond(`"StringEquals":{}`), cond(`"StringEquals":{"aws:PrincipalTag/team":"a"}`)},
	{"condition.key", policy.Identity, cond(`"StringEquals":{"":"a"}`), cond(`"StringEquals":{"aws:PrincipalTag/team":"a"}`)},
	{"condition.nullValue", policy.Identity, cond(`"Null":{"aws:TokenIssueTime":"yes"}`), cond(`"Null":{"aws:TokenIssueTime":"true"}`)},

	// types
	{"statement.principalNotAllowed", policy.Identity, res(`{"AWS":"111122223333"}`), good},
	{"statement.noResource", policy.Identity, pol(`"Effect":"Allow","Action":"s3:GetObject"`), good},
	{"statement.noPrincipal", policy.Resource, good, res(`{"AWS":"111122223333"}`)},
	{"statement.rcpPrincipal", policy.RCP, pol(`"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"*"`),
		pol(`"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"`)},
	{"trust.resource", policy.Trust, trust(`{"AWS":"arn:aws:iam::111122223333:root"}`, `"Resource":"*"`), trust(`{"AWS":"arn:aws:iam::111122223333:root"}`, "")},
	{"trust.notPrincipal", policy.Trust, pol(`"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sts:AssumeRole"`),
		trust(`{"AWS":"arn:aws:iam::111122223333:user/bob"}`, "")},
	{"trust.action", policy.Trust, pol(`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["sts:AssumeRole","s3:GetObject"]`),
		pol(`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["sts:AssumeRole","sts:TagSession"]`)},
	{"json.utf8", policy.Identity, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"a\xffb\"}}", good},
	{"policy.charset", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::b/日報/*"`), act(`"s3:GetObject"`, `"arn:aws:s3:::b/café/*"`)},
	{"policy.emptyStatement", policy.Identity, `{"Version":"2012-10-17","Statement":[]}`, good},
	{"rcp.allow", policy.RCP, pol(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"`),
		pol(`"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"`)},
	{"rcp.service", policy.RCP, pol(`"Effect":"Deny","Principal":"*","Action":"ec2:RunInstances","Resource":"*"`),
		pol(`"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"`)},

	// actions
	{"action.unknownService", policy.Identity, act(`"s4:GetObject"`, `"*"`), good},
	{"action.unknown", policy.Identity, act(`"s3:GetObjct"`, `"*"`), good},
	{"action.noMatch", policy.Identity, act(`"s3:Gett*"`, `"*"`), act(`"s3:Get*"`, `"*"`)},
	{"action.redundant", policy.Identity, act(`["s3:Get*","s3:GetObject"]`, `"*"`), act(`["s3:GetObject","s3:PutObject"]`, `"*"`)},
	{"action.case", policy.Identity, act(`"s3:getobject"`, `"*"`), good},
	{"action.undocumented", policy.Identity, act(`"mobilehub:ListProjects"`, `"*"`), act(`"s3:ListAllMyBuckets"`, `"*"`)},
	{"action.undocumented", policy.Identity, act(`"budgets:DescribeBudget"`, `"*"`), act(`"budgets:ViewBudget"`, `"*"`)},

	// resources
	{"resource.syntax", policy.Identity, act(`"s3:GetObject"`, `"bucket/key"`), good},
	{"resource.missingField", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:bucket"`), good},
	{"resource.partition", policy.Identity, act(`"s3:GetObject"`, `"arn:amazon:s3:::b/*"`), good},
	{"resource.serviceCase", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:S3:::b/*"`), good},
	{"resource.unknownService", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s4:::b/*"`), good},
	{"resource.wildcardService", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s*:::b/*"`), good},
	{"resource.region", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:us-east-1::b/*"`), good},
	{"resource.region", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs::111122223333:queue1"`), act(`"sqs:SendMessage"`, `"arn:aws:sqs:*:111122223333:queue1"`)},
	{"resource.account", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3::111122223333:b/*"`), good},
	{"resource.account", policy.Identity, act(`"iam:GetRole"`, `"arn:aws:iam:::role/my-role"`), act(`"iam:GetRole"`, `"arn:aws:iam::111122223333:role/my-role"`)},
	{"resource.account", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1::queue1"`), act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1:*:queue1"`)},
	// AWS-owned SSM documents have no account; AWS's own policies name them so.
	{"resource.account", policy.Identity, act(`"ssm:SendCommand"`, `"arn:aws:ec2:us-east-1::instance/i-1"`), act(`"ssm:SendCommand"`, `"arn:aws:ssm:us-east-1::document/AWS-RunShellScript"`)},
	{"resource.regionName", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1f:111122223333:q"`), act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1:111122223333:q"`)},
	{"resource.regionName", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs:us:111122223333:q"`), act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-*:111122223333:q"`)},
	{"resource.regionName", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1-f:111122223333:q"`), act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-?:111122223333:q"`)},
	{"resource.regionName", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs:cn-north-1:111122223333:q"`), act(`"sqs:SendMessage"`, `"arn:aws-cn:sqs:cn-north-1:111122223333:q"`)},
	{"resource.regionUnknown", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-north-7:111122223333:q"`), act(`"sqs:SendMessage"`, `"arn:aws:sqs:eu-south-2:111122223333:q"`)},
	{"resource.typeWildcard", policy.Identity, act(`"iam:GetRole"`, `"arn:aws:iam::123456789012:*/name"`), act(`"iam:GetRole"`, `"arn:aws:iam::123456789012:role/*"`)},
	{"resource.typeWildcard", policy.Identity, act(`"iam:GetUser"`, `"arn:aws:iam::123456789012:u*"`), act(`"ec2:StartInstances"`, `"arn:aws:ec2:*:*:*/*"`)},
	{"resource.accountId", policy.Identity, act(`"iam:GetRole"`, `"arn:aws:iam::<account-id>:role/XX-*"`), act(`"iam:GetRole"`, `"arn:aws:iam::111122223333:role/XX-*"`)},
	{"resource.noType", policy.Identity, act(`"iam:GetRole"`, `"arn:aws:iam::111122223333:rolle/x"`), act(`"iam:GetRole"`, `"arn:aws:iam::111122223333:role/x"`)},
	{"resource.mismatch", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::bucket"`), act(`"s3:GetObject"`, `"arn:aws:s3:::bucket/*"`)},
	{"resource.redundant", policy.Identity, act(`"s3:GetObject"`, `["arn:aws:s3:::b/*","arn:aws:s3:::b/k"]`), act(`"s3:GetObject"`, `["arn:aws:s3:::b/*","arn:aws:s3:::c/k"]`)},
	{"action.onlyStar", policy.Identity, act(`"s3:ListAllMyBuckets"`, `"arn:aws:s3:::b"`), act(`"s3:ListAllMyBuckets"`, `"*"`)},

	// conditions
	{"condition.keyFormat", policy.Identity, cond(`"StringEquals":{"SourceIp":"x"}`), cond(`"StringEquals":{"aws:PrincipalTag/team":"a"}`)},
	{"condition.unknownGlobalKey", policy.Identity, cond(`"IpAddress":{"aws:SourceIpp":"203.0.113.0/24"}`), cond(`"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}`)},
	{"condition.unknownServiceKey", policy.Identity, cond(`"StringEquals":{"s3:prefx":"a"}`), cond(`"StringEquals":{"s3:ExistingObjectTag/team":"a"}`)},
	{"condition.unknownKeyPrefix", policy.Identity, cond(`"StringEquals":{"s4:prefix":"a"}`), cond(`"StringEquals":{"s3:ExistingObjectTag/team":"a"}`)},
	{"condition.tagKeyMissing", policy.Identity, cond(`"StringEquals":{"aws:ResourceTag":"a"}`), cond(`"StringEquals":{"aws:ResourceTag/team":"a"}`)},
	{"condition.keyNotSupported", policy.Identity, cond(`"StringLike":{"s3:prefix":"home/*"}`),
		pol(`"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"home/*"}}`)},
	{"condition.typeMismatch", policy.Identity, cond(`"StringEquals":{"aws:CurrentTime":"2026-01-01"}`), cond(`"DateGreaterThan":{"aws:CurrentTime":"2026-01-01"}`)},
	{"condition.singleValueOperator", policy.Identity, cond(`"StringEquals":{"aws:TagKeys":"team"}`), cond(`"ForAnyValue:StringEquals":{"aws:TagKeys":"team"}`)},
	{"condition.forAllValuesSingleKey", policy.Identity, cond(`"ForAllValues:StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}`), cond(`"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}`)},
	{"condition.forAllValuesAllow", policy.Identity, cond(`"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}`),
		cond(`"ForAllValues:StringEquals":{"aws:TagKeys":["team"]},"Null":{"aws:TagKeys":"false"}`)},
	{"condition.ifExistsAlwaysPresent", policy.Identity, cond(`"BoolIfExists":{"aws:SecureTransport":"true"}`), cond(`"Bool":{"aws:SecureTransport":"true"}`)},
	{"condition.nullBoth", policy.Identity, cond(`"Null":{"aws:TokenIssueTime":["true","false"]}`), cond(`"Null":{"aws:TokenIssueTime":"true"}`)},
	{"condition.boolValue", policy.Identity, cond(`"Bool":{"aws:SecureTransport":"yes"}`), cond(`"Bool":{"aws:SecureTransport":"true"}`)},
	{"condition.boolMultiple", policy.Identity, cond(`"Bool":{"aws:SecureTransport":["true","false"]}`), cond(`"Bool":{"aws:SecureTransport":"false"}`)},
	{"condition.dateValue", policy.Identity, cond(`"DateGreaterThan":{"aws:CurrentTime":"yesterday"}`), cond(`"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}`)},
	{"condition.dateEpoch", policy.Identity, cond(`"DateGreaterThan":{"aws:CurrentTime":"1767225600"}`), cond(`"DateGreaterThan":{"aws:CurrentTime":"2026-01-01"}`)},
	{"condition.numericValue", policy.Identity, cond(`"NumericLessThan":{"aws:MultiFactorAuthAge":"one hour"}`), cond(`"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}`)},
	{"condition.numericRedundant", policy.Identity, cond(`"NumericLessThan":{"aws:MultiFactorAuthAge":["2700","3600"]}`), cond(`"NumericEquals":{"aws:MultiFactorAuthAge":["2700","3600"]}`)},
	{"condition.ipValue", policy.Identity, cond(`"IpAddress":{"aws:SourceIp":"203.0.113.300"}`), cond(`"IpAddress":{"aws:SourceIp":"203.0.113.30"}`)},
	{"condition.ipHostBits", policy.Identity, cond(`"IpAddress":{"aws:SourceIp":"203.0.113.5/24"}`), cond(`"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}`)},
	{"condition.privateIp", policy.Identity, cond(`"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}`), cond(`"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"},"StringEquals":{"aws:SourceVpc":"vpc-1"}`)},
	{"condition.privateIpSubset", policy.Identity, cond(`"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}`), cond(`"IpAddress":{"aws:SourceIp":["198.51.100.0/24","203.0.113.0/24"]}`)},
	{"condition.arnValue", policy.Identity, cond(`"ArnEquals":{"aws:SourceArn":"my-bucket"}`), cond(`"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::my-bucket"}`)},
	{"condition.binaryValue", policy.Identity, cond(`"BinaryEquals":{"aws:UserAgent":"not base64!"}`), cond(`"BinaryEquals":{"aws:UserAgent":"QmluYXJ5"}`)},
	{"condition.wildcardWithoutLike", policy.Identity, cond(`"StringEquals":{"aws:PrincipalTag/team":"dev*"}`), cond(`"StringLike":{"aws:PrincipalTag/team":"dev*"}`)},
	{"condition.variableOperator", policy.Identity, cond(`"NumericLessThan":{"aws:MultiFactorAuthAge":"${aws:PrincipalTag/age}"}`), cond(`"StringEquals":{"aws:PrincipalTag/team":"${aws:username}"}`)},
	{"condition.emptyValues", policy.Identity, cond(`"StringEquals":{"aws:PrincipalTag/team":[]}`), cond(`"StringEquals":{"aws:PrincipalTag/team":["a"]}`)},
	{"condition.emptyBlock", policy.Identity, cond(``), cond(`"StringEquals":{"aws:PrincipalTag/team":"a"}`)},
	{"condition.duplicateKeyCase", policy.Identity, cond(`"StringEquals":{"aws:PrincipalTag/team":"a","AWS:PrincipalTag/team":"b"}`),
		cond(`"StringEquals":{"aws:PrincipalTag/team":"a","aws:PrincipalTag/unit":"b"}`)},
	{"condition.tagUnsupported", policy.Identity, pol(`"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`),
		pol(`"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`)},
	{"condition.tagUnsupportedDeny", policy.Identity, pol(`"Effect":"Deny","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`),
		pol(`"Effect":"Deny","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`)},
	{"condition.region", policy.Identity, cond(`"StringEquals":{"aws:RequestedRegion":["us-east-1","us-east-1a"]}`), cond(`"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-3"]}`)},
	{"condition.region", policy.Identity, cond(`"StringLike":{"aws:RequestedRegion":"eu"}`), cond(`"StringLike":{"aws:RequestedRegion":"eu-*"}`)},
	{"condition.undocumentedKey", policy.Identity, pol(`"Effect":"Allow","Action":"aws-marketplace:Subscribe","Resource":"*","Condition":{"StringEquals":{"aws-marketplace:ProductId":"prod-1"}}`),
		pol(`"Effect":"Allow","Action":"aws-marketplace:Subscribe","Resource":"*"`)},
	{"condition.keyNotSupported", policy.Identity, pol(`"Effect":"Allow","Action":"secretsmanager:CreateSecret","Resource":"*","Condition":{"StringEquals":{"secretsmanager:VersionStage":"AWSCURRENT"}}`),
		pol(`"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"secretsmanager:ResourceTag/team":"a"}}`)},
	{"condition.pairedKeys", policy.Identity, cond(`"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"}`), cond(`"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"},"StringEquals":{"aws:SourceVpc":"vpc-1"}`)},

	// principals
	{"principal.colon", policy.Trust, trust(`{"AWS":"arn:aws:iam::111122223333:user:app-user"}`, ""), trust(`{"AWS":"arn:aws:iam::111122223333:user/app-user"}`, "")},
	{"principal.format", policy.Resource, res(`{"AWS":"alice"}`), res(`{"AWS":"arn:aws:iam::111122223333:user/alice"}`)},
	{"principal.accountId", policy.Resource, res(`{"AWS":"12345"}`), res(`{"AWS":"111122223333"}`)},
	{"principal.wildcard", policy.Resource, res(`{"AWS":"arn:aws:iam::*:root"}`), res(`{"AWS":"arn:aws:iam::111122223333:root"}`)},
	{"principal.arnType", policy.Resource, res(`{"AWS":"arn:aws:iam::111122223333:group/devs"}`), res(`{"AWS":"arn:aws:sts::111122223333:assumed-role/Dev/alice"}`)},
	{"principal.uniqueId", policy.Resource, res(`{"AWS":"AIDAJQABLZS4A3QDU576Q"}`), res(`{"AWS":"arn:aws:iam::111122223333:user/alice"}`)},
	{"principal.serviceFormat", policy.Trust, trust(`{"Service":"lambda"}`, ""), trust(`{"Service":"lambda.amazonaws.com"}`, "")},
	{"principal.unknownService", policy.Trust, trust(`{"Service":"lambdda.amazonaws.com"}`, ""), trust(`{"Service":"ecs-tasks.amazonaws.com"}`, "")},
	{"principal.federated", policy.Trust, trust(`{"Federated":"token.actions.githubusercontent.com"}`, ""),
		trust(`{"Federated":"arn:aws:iam::111122223333:saml-provider/Corp"}`, "")},
	{"principal.canonicalUser", policy.Resource, res(`{"CanonicalUser":"abc"}`), res(`{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`)},
	{"principal.federatedNotSupported", policy.Resource, res(`{"Federated":"arn:aws:iam::111122223333:saml-provider/Corp"}`),
		trust(`{"Federated":"arn:aws:iam::111122223333:saml-provider/Corp"}`, "")},
	// A CloudFront origin access identity has "cloudfront" for its account.
	{"principal.accountId", policy.Resource, res(`{"AWS":"arn:aws:iam::cloudfrnt:user/CloudFront Origin Access Identity E2EXAMPLE"}`),
		res(`{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE"}`)},
	{"principal.duplicate", policy.Resource, res(`{"AWS":["111122223333","111122223333"]}`), res(`{"AWS":["111122223333","444455556666"]}`)},

	// variables
	{"variable.brace", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username"`), act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username}"`)},
	{"variable.empty", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::b/${}"`), act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username}"`)},
	{"variable.space", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws: username}"`), act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username, 'x y'}"`)},
	{"variable.defaultQuote", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username, anon}"`), act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username, 'anon'}"`)},
	{"variable.element", policy.Resource, res(`{"AWS":"arn:aws:iam::111122223333:user/${aws:username}"}`), res(`{"AWS":"arn:aws:iam::111122223333:user/alice"}`)},
	{"variable.unknownKey", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:usrname}"`), act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:PrincipalTag/team}"`)},
	{"variable.arnPart", policy.Identity, act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:q"`), act(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1:111122223333:${aws:username}"`)},
	{"variable.version", policy.Identity, `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}}`,
		act(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username}"`)},

	// security
	{"security.publicPrincipal", policy.Resource, res(`"*"`),
		pol(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`)},
	{"security.serviceAssumesUserRole", policy.Trust, trust(`{"AWS":"arn:aws:iam::111122223333:user/app","Service":"ec2.amazonaws.com"}`, ""),
		trust(`{"AWS":"arn:aws:iam::111122223333:user/app"}`, "")},
	{"security.oidcWithoutSubject", policy.Trust,
		pol(`"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}`),
		pol(`"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}`)},
	{"security.passRoleStar", policy.Identity, act(`"iam:PassRole"`, `"*"`),
		pol(`"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}`)},
	{"security.passRoleNotResource", policy.Identity, pol(`"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/Admin"`),
		act(`"iam:PassRole"`, `"arn:aws:iam::111122223333:role/App"`)},
	{"security.passRoleNotAction", policy.Identity, pol(`"Effect":"Allow","NotAction":"s3:*","Resource":"*"`), pol(`"Effect":"Allow","NotAction":["s3:*","iam:PassRole"],"Resource":"*"`)},
	{"security.createServiceLinkedRoleStar", policy.Identity, act(`"iam:CreateServiceLinkedRole"`, `"*"`),
		pol(`"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":"autoscaling.amazonaws.com"}}`)},
	{"security.notActionAllow", policy.Identity, pol(`"Effect":"Allow","NotAction":"iam:*","Resource":"*"`), pol(`"Effect":"Deny","NotAction":"iam:*","Resource":"*"`)},
	{"security.notResourceAllow", policy.Identity, pol(`"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"`),
		pol(`"Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::public/*"`)},
	{"security.notPrincipalAllow", policy.Resource, pol(`"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`),
		pol(`"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`)},
	{"security.fullAccess", policy.Identity, act(`"*"`, `"*"`), act(`"s3:*"`, `"*"`)},
	{"security.passRoleLaunch", policy.Identity,
		pol(`"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*"`, `"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"`),
		pol(`"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}`, `"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"`)},
	// The source document's lookup policy: PassRole where GetRole is enough.
	{"security.passRoleUnscoped", policy.Identity, act(`["iam:GetRole","iam:PassRole"]`, `"arn:aws:iam::111122223333:role/XX-*"`),
		act(`"iam:GetRole"`, `"arn:aws:iam::111122223333:role/XX-*"`)},
	{"security.createPolicyVersion", policy.Identity, act(`"iam:CreatePolicyVersion"`, `"*"`), act(`"iam:GetPolicyVersion"`, `"*"`)},
	{"security.selfPolicy", policy.Identity, act(`"iam:PutUserPolicy"`, `"arn:aws:iam::111122223333:user/${aws:username}"`),
		act(`"iam:PutUserPolicy"`, `"arn:aws:iam::111122223333:user/ci-bot"`)},
	{"security.selfPolicy", policy.Identity, act(`"iam:AttachRolePolicy"`, `"arn:aws:iam::111122223333:role/*"`),
		act(`"iam:AttachRolePolicy"`, `"arn:aws:iam::111122223333:role/app-worker"`)},
	{"security.updateAssumeRolePolicy", policy.Identity, act(`"iam:UpdateAssumeRolePolicy"`, `"*"`), act(`"iam:GetRole"`, `"*"`)},
	{"security.assumeRoleStar", policy.Identity, act(`"sts:AssumeRole"`, `"*"`), act(`"sts:AssumeRole"`, `"arn:aws:iam::111122223333:role/Deploy"`)},

	// limits
	{"size.quota", policy.Identity, act(`"s3:GetObject"`, bigResources(200)), good},
	{"size.max", policy.SCP, pol(`"Effect":"Deny","Action":"s3:GetObject","Resource":` + bigResources(200)), pol(`"Effect":"Deny","Action":"s3:GetObject","Resource":` + bigResources(100))},

	// style
	{"sid.duplicate", policy.Session, pol(`"Sid":"A",`+get(""), `"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"`),
		pol(`"Sid":"A",`+get(""), `"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"`)},
	{"sid.duplicateRequired", policy.Resource,
		pol(`"Sid":"A","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`, `"Sid":"A","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"`),
		pol(`"Sid":"A","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`, `"Sid":"B","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"`)},
	// IAM refuses duplicate Sids: "Statement IDs (SID) in a single policy must be unique."
	{"sid.duplicateRequired", policy.Identity, pol(`"Sid":"A",`+get(""), `"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"`),
		pol(`"Sid":"A",`+get(""), `"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"`)},
	{"sid.empty", policy.Identity, pol(`"Sid":"",` + get("")), pol(`"Sid":"Read",` + get(""))},
	{"sid.charset", policy.Identity, pol(`"Sid":"read-only",` + get("")),
		pol(`"Sid":"ReadOnly",` + get(""))},
	{"version.missing", policy.Identity, `{"Statement":{` + get("") + `}}`, good},
	{"version.old", policy.Identity, `{"Version":"2008-10-17","Statement":{` + get("") + `}}`, good},
	{"statement.duplicate", policy.Identity, pol(get(""), get("")), pol(get(""), `"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"`)},
	{"statement.redundant", policy.Identity, pol(`"Effect":"Allow","Action":"s3:*","Resource":"*"`, get("")),
		pol(`"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, get(""))},
}

func has(fs []Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

// TestChecks makes each check fire on one policy and keeps it quiet on
// another.
func TestChecks(t *testing.T) {
	cat := embedded.Catalog()
	for _, c := range checkCases {
		t.Run(c.code, func(t *testing.T) {
			if _, ok := Lookup(c.code); !ok {
				t.Fatalf("%s is not a registered check", c.code)
			}
			fire := Text(c.fire, c.typ, cat)
			if !has(fire, c.code) {
				t.Errorf("%s did not fire on %s\n got %v", c.code, c.fire, fire)
			}
			for _, f := range fire {
				if f.Line < 1 || f.Col < 1 {
					t.Errorf("%s: no position: %+v", c.code, f)
				}
			}
			quiet := Text(c.quiet, c.typ, cat)
			if has(quiet, c.code) {
				t.Errorf("%s fired on the quiet case %s\n got %v", c.code, c.quiet, quiet)
			}
		})
	}
}

// TestEveryCheckHasCases asserts that every registered code has a firing
// and a quiet case above.
func TestEveryCheckHasCases(t *testing.T) {
	// Checks of a scenario's request have their own tests.
	seen := map[string]bool{chkCredentials.Code: true, chkPolicyName.Code: true}
	for _, c := range requestCases {
		seen[c.code] = true
	}
	for _, c := range checkCases {
		seen[c.code] = true
	}
	for _, c := range Checks() {
		if !seen[c.Code] {
			t.Errorf("check %s has no test case", c.Code)
		}
	}
	if n := len(Checks()); n < 60 {
		t.Errorf("only %d checks registered", n)
	}
}

// An SCP's white space counts toward its size in its own text (AWS
// Organizations counts every character), not in a scenario's layout.
func TestSCPSizeCountsSpaces(t *testing.T) {
	cat := embedded.Catalog()
	tight := pol(`"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("b", 4900) + `"`)
	spaced := strings.ReplaceAll(tight, ",", ",\n"+strings.Repeat(" ", 100))
	if has(Text(tight, policy.SCP, cat), "size.max") {
		t.Errorf("size.max fired on %d characters", len(tight))
	}
	if !has(Text(spaced, policy.SCP, cat), "size.max") {
		t.Errorf("size.max did not fire on %d characters, white space included", len(spaced))
	}
	// An identity policy's white space does not count: 6,000 characters
	// without it, over 6,144 with it.
	id := pol(`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("b", 5930) + `"`)
	idSpaced := strings.ReplaceAll(id, ",", ",\n"+strings.Repeat(" ", 100))
	if n := len(idSpaced); n <= 6144 || len(id) > 6144 {
		t.Fatalf("the identity case is %d and %d characters", len(id), n)
	}
	if has(Text(idSpaced, policy.Identity, cat), "size.quota") {
		t.Errorf("an identity policy's white space counted")
	}
	// In a scenario, an SCP written as an object sits in the file's layout,
	// which does not count.
	src := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
  "serviceControlPolicies": [{"target": "r-root", "policies": [{"name": "S", "document": ` + spaced + `}]}]}`
	s, err := scenario.Parse(src, scenario.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Scenario(s, cat) {
		if f.Code == "size.max" {
			t.Errorf("an embedded SCP's layout counted: %s", f.Msg)
		}
	}
}

// The character a message quotes is the character, not its first byte.
func TestSidCharsetQuotesTheCharacter(t *testing.T) {
	for _, f := range Text(pol(`"Sid":"ab日c",`+get("")), policy.Identity, embedded.Catalog()) {
		if f.Code == "sid.charset" {
			if !strings.Contains(f.Msg, `has "日"`) {
				t.Errorf("message %q", f.Msg)
			}
			return
		}
	}
	t.Error("sid.charset did not fire")
}

// An S3 ARN with both a Region and an account breaks two rules: both are
// errors (Access Analyzer's ARN_REGION_NOT_ALLOWED and
// ARN_ACCOUNT_NOT_ALLOWED), not a warning that no type matches.
func TestS3RegionAndAccount(t *testing.T) {
	fs := Text(act(`"s3:GetObject"`, `"arn:aws:s3:us-east-1:111122223333:b/*"`), policy.Identity, embedded.Catalog())
	var codes []string
	for _, f := range fs {
		codes = append(codes, f.Code)
		if f.Code == "resource.noType" {
			t.Errorf("noType: %s", f.Msg)
		}
	}
	if !has(fs, "resource.region") || !has(fs, "resource.account") || !HasErrors(fs) {
		t.Errorf("findings %v", codes)
	}
}
