package authz

import "strings"

// rcpServices are the service prefixes whose actions resource control
// policies apply to, as the AWS Organizations User Guide lists them ("List
// of AWS services that support RCPs", read 2026-11). RCPs do not apply to
// the actions of other services: a request to one of those is decided as
// if the resource's account had no RCPs.
var rcpServices = map[string]bool{
	"aoss": true, "appconfig": true, "appstream": true, "autoscaling": true, "autoscaling-plans": true,
	"budgets": true, "clouddirectory": true, "cloudfront": true, "cloudsearch": true, "cloudtrail-data": true,
	"codeartifact": true, "codebuild": true, "codecommit": true, "codepipeline": true, "cognito-identity": true,
	"cognito-idp": true, "comprehend": true, "comprehendmedical": true, "compute-optimizer": true,
	"cost-optimization-hub": true, "dax": true, "dsql": true, "dynamodb": true, "ecr": true, "ecr-public": true,
	"events": true, "firehose": true, "fis": true, "fms": true, "gamelift": true, "health": true,
	"inspector-scan": true, "kendra": true, "kinesisvideo": true, "kms": true, "logs": true, "memorydb": true,
	"networkmonitor": true, "notifications": true, "opensearch": true, "pca-connector-ad": true,
	"personalize": true, "polly": true, "pricing": true, "resource-groups": true, "rolesanywhere": true,
	"s3": true, "secretsmanager": true, "servicediscovery": true, "signin": true, "sqs": true, "sts": true,
	"support": true, "swf": true, "textract": true, "timestream-influxdb": true, "transcribe": true,
	"transfer": true, "translate": true, "wafv2": true, "workspaces": true, "xray": true,
}

// RCPService reports whether resource control policies apply to the
// actions of the service with this prefix (in any case).
func RCPService(prefix string) bool { return rcpServices[strings.ToLower(prefix)] }

// rcpApplies reports whether the RCPs of the resource's account take part
// in a request for this action by this caller, and if not, why: they never
// restrict service-linked roles, nor the actions of services that do not
// support them, nor kms:RetireGrant (which the guide names as exempt).
func rcpApplies(action string, c *Caller) (bool, Code) {
	if c.ServiceLinked {
		return false, NotApplicableServiceLinked
	}
	svc, name, _ := strings.Cut(action, ":")
	if !RCPService(svc) || (strings.EqualFold(svc, "kms") && strings.EqualFold(name, "RetireGrant")) {
		return false, NotApplicableRCPService
	}
	return true, ""
}
