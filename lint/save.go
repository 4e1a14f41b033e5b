package lint

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

// Store is the AWS service that keeps a policy and checks it when it is
// saved: what one refuses another may store (S3 refuses an unknown
// condition key in a bucket policy; IAM stores one in an identity policy).
type Store uint8

// The stores.
const (
	IAM           Store = iota + 1 // identity policies, permissions boundaries, role trust policies
	STS                            // session policies, passed with AssumeRole* and GetFederationToken
	S3                             // bucket policies
	KMS                            // key policies
	Organizations                  // service and resource control policies
)

var storeNames = [...]string{IAM: "IAM", STS: "STS", S3: "S3", KMS: "KMS", Organizations: "Organizations"}

func (s Store) String() string {
	if s == 0 || int(s) >= len(storeNames) {
		return "unknown"
	}
	return storeNames[s]
}

// MarshalText writes the store's name.
func (s Store) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// StoreOf is the service that saves policies of type t. A resource-based
// policy is taken to be an S3 bucket policy, the one the lab's scenarios
// use most; pass KMS for a key policy.
func StoreOf(t policy.Type) Store {
	switch t {
	case policy.Identity, policy.Boundary, policy.Trust:
		return IAM
	case policy.Session:
		return STS
	case policy.SCP, policy.RCP:
		return Organizations
	}
	return S3
}

// Refusal is how a store refuses, when a policy is saved, a policy with a
// finding of a check.
type Refusal struct {
	Store Store `json:"store"`
	// Code is the error code the service answers with.
	Code string `json:"code"`
	// Msg is the service's message, "" when it is not known. {value} stands
	// for the text at fault as AWS quotes it (an ARN, or a principal written
	// "AWS":"arn:..."), {part} for the part of an ARN at fault.
	Msg string `json:"message,omitempty"`
	// Seen is where the message was seen in a public report of AWS's
	// answer; "" marks a message that was not verified.
	Seen string `json:"seen,omitempty"`
	// Only, when set, says which findings of the check the service refuses;
	// it stores policies with the others.
	Only string `json:"only,omitempty"`
	// Note adds what else is known: other messages for other cases.
	Note string `json:"note,omitempty"`
}

// Error codes of the stores.
const (
	iamMalformed = "MalformedPolicyDocument"
	iamLimit     = "LimitExceeded"
	s3Malformed  = "MalformedPolicy"
	kmsMalformed = "MalformedPolicyDocumentException"
	orgMalformed = "MalformedPolicyDocumentException"
	orgLimit     = "ConstraintViolationException"
)

// Messages and where they were seen: issues and pull requests that quote
// AWS's answer to a real call.
const (
	syntaxMsg        = "Syntax errors in policy."
	iamPrincipalMsg  = "Invalid principal in policy: {value}"
	seenSyntax       = "github.com/boto/boto3/issues/180"
	seenPrincipalIAM = "github.com/aws-actions/configure-aws-credentials/issues/332"
	s3PrincipalMsg   = "Invalid principal in policy"
	seenPrincipalS3  = "github.com/cloud-custodian/cloud-custodian/issues/4948"
	s3ResourceMsg    = "Policy has invalid resource"
	seenResourceS3   = "github.com/aws-samples/aws-serverless-appsync-app/issues/4"
	kmsPrincipalMsg  = "Policy contains a statement with one or more invalid principals."
	seenPrincipalKMS = "github.com/aws-samples/siem-on-amazon-opensearch-service/issues/32"
)

// refusals is what AWS refuses on save, by check. A check that is not here
// is one AWS stores the policy with (unknown actions, for one: IAM accepts
// them; only Access Analyzer reports them).
var refusals = map[string][]Refusal{
	// Text that is not a policy. The lab's parser refuses these too.
	"json.syntax":           allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg, Seen: seenSyntax}),
	"json.utf8":             allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"json.type":             allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"json.duplicateKey":     allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"policy.noStatement":    allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"policy.version":        allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"policy.unknownElement": allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"statement.noEffect":    allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"statement.pair":        allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"statement.effect":      allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"condition.operator":    allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"condition.empty":       allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"condition.key":         allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"condition.nullValue":   allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"principal.syntax":      allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"principal.empty":       allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: syntaxMsg}),
	"policy.size":           allStores(Refusal{Store: IAM, Code: iamLimit}),
	"statement.noAction": allStores(Refusal{Store: IAM, Code: iamMalformed, Msg: "Policy statement must contain actions.",
		Seen: "github.com/aws/aws-cdk/issues/7615"}),
	"action.syntax": allStores(Refusal{Store: IAM, Code: iamMalformed,
		Msg: "Actions/Condition can contain only one colon.", Seen: "github.com/garnaat/kappa/issues/111",
		Note: "for an action with two colons; with no colon IAM answers \"Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.\", with a wildcard in the service \"Action vendors (e.g., aws, ec2, etc.) must not contain wildcards\" (both not verified)"}),

	// Elements a type must or must not have.
	"statement.principalNotAllowed": {
		{Store: IAM, Code: iamMalformed, Msg: "Policy document should not specify a principal.", Seen: "github.com/hashicorp/terraform-provider-aws/issues/10419"},
		{Store: STS, Code: iamMalformed}, {Store: Organizations, Code: orgMalformed}},
	"statement.noResource": {
		{Store: IAM, Code: iamMalformed, Msg: "Policy statement must contain resources.", Seen: "github.com/hashicorp/terraform/issues/17987"},
		{Store: STS, Code: iamMalformed}, {Store: Organizations, Code: orgMalformed}},
	"statement.noPrincipal": {
		{Store: IAM, Code: iamMalformed, Msg: "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
			Seen: "github.com/terraform-aws-modules/terraform-aws-iam/issues/47"},
		{Store: S3, Code: s3Malformed, Msg: "Missing required field Principal", Seen: "github.com/spantaleev/matrix-docker-ansible-deploy/issues/1869"},
		{Store: KMS, Code: kmsMalformed}},
	"statement.rcpPrincipal": {{Store: Organizations, Code: orgMalformed}},
	"trust.resource":         {{Store: IAM, Code: iamMalformed, Msg: "Has prohibited field Resource", Seen: "github.com/kubernetes-sigs/external-dns/issues/3085"}},
	"trust.notPrincipal":     {{Store: IAM, Code: iamMalformed}},
	"policy.emptyStatement": {{Store: IAM, Code: iamMalformed, Note: "refused, as github.com/otterize/intents-operator/pull/481 reports; message not seen"},
		{Store: Organizations, Code: orgMalformed}},
	"rcp.allow": {{Store: Organizations, Code: orgMalformed}},

	// Principals.
	"principal.colon":         principalStores(),
	"principal.format":        principalStores(),
	"principal.accountId":     principalStores(),
	"principal.wildcard":      principalStores(),
	"principal.arnType":       principalStores(),
	"principal.serviceFormat": principalStores(),
	"principal.federated":     principalStores(),
	"principal.canonicalUser": principalStores(),
	"principal.federatedNotSupported": {
		{Store: S3, Code: s3Malformed, Msg: s3PrincipalMsg, Seen: seenPrincipalS3},
		{Store: KMS, Code: kmsMalformed, Msg: kmsPrincipalMsg, Seen: seenPrincipalKMS}},

	// Resources.
	"resource.syntax": {
		{Store: IAM, Code: iamMalformed, Msg: `Resource {value} must be in ARN format or "*".`, Seen: "github.com/ministryofjustice/modernisation-platform-environments/pull/590"},
		{Store: S3, Code: s3Malformed, Msg: s3ResourceMsg, Seen: seenResourceS3}},
	"resource.partition": {
		{Store: IAM, Code: iamMalformed, Msg: `Partition "{part}" is not valid for resource "{value}".`, Seen: "github.com/terraform-aws-modules/terraform-aws-iam/issues/309"},
		{Store: S3, Code: s3Malformed, Msg: s3ResourceMsg, Seen: seenResourceS3}},
	"resource.region": {
		{Store: IAM, Code: iamMalformed, Msg: "IAM resource {value} cannot contain region information.", Seen: "github.com/aws/aws-cdk/issues/13104",
			Only: "an iam or s3 ARN with a Region", Note: "an s3 ARN is refused as \"Resource {value} can not contain region information.\" (github.com/aws/aws-cdk/issues/22445)"},
		{Store: S3, Code: s3Malformed, Msg: s3ResourceMsg, Seen: seenResourceS3, Only: "an s3 ARN"}},
	"resource.account": {{Store: S3, Code: s3Malformed, Msg: s3ResourceMsg, Seen: seenResourceS3, Only: "an s3 ARN"}},

	// Statement IDs and sizes.
	"sid.charset": {{Store: IAM, Code: iamMalformed, Msg: "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
		Seen: "github.com/aws-cloudformation/cfn-lint/issues/708"}},
	"sid.duplicateRequired": {{Store: IAM, Code: iamMalformed, Msg: "Statement IDs (SID) in a single policy must be unique.", Seen: "github.com/kubernetes/kops/issues/4951"},
		{Store: Organizations, Code: orgMalformed}},
	"policy.charset": {{Store: IAM, Code: iamMalformed}, {Store: STS, Code: iamMalformed}},
	"size.quota": {{Store: IAM, Code: iamLimit, Msg: "Cannot exceed quota for PolicySize: 6144", Seen: "github.com/docker/docs/issues/6218",
		Only: "a customer managed policy, permissions boundary or trust policy",
		Note: "a trust policy over 2,048 is refused as \"Cannot exceed quota for ACLSizePerRole: 2048\" (github.com/kubeflow/dashboard/issues/29) unless its quota was raised"}},
	"size.max": {{Store: IAM, Code: iamLimit, Msg: "Cannot exceed quota for ACLSizePerRole: 2048", Seen: "github.com/kubeflow/dashboard/issues/29", Only: "a trust policy"},
		{Store: STS, Code: "PackedPolicyTooLarge"}, {Store: Organizations, Code: orgLimit}},
}

// allStores is a refusal of IAM and the same, without IAM's message, by the
// other stores: text that is no policy at all.
func allStores(iam Refusal) []Refusal {
	return []Refusal{iam, {Store: STS, Code: iamMalformed}, {Store: S3, Code: s3Malformed},
		{Store: KMS, Code: kmsMalformed}, {Store: Organizations, Code: orgMalformed}}
}

// principalStores refuse a principal that names no principal.
func principalStores() []Refusal {
	return []Refusal{
		{Store: IAM, Code: iamMalformed, Msg: iamPrincipalMsg, Seen: seenPrincipalIAM},
		{Store: S3, Code: s3Malformed, Msg: s3PrincipalMsg, Seen: seenPrincipalS3},
		{Store: KMS, Code: kmsMalformed, Msg: kmsPrincipalMsg, Seen: seenPrincipalKMS}}
}

func init() {
	for code, rs := range refusals {
		c, ok := registry[code]
		if !ok {
			panic("lint: refusal for unknown check " + code)
		}
		c.Refusals = rs
	}
}

// refusalOf returns how store s refuses findings of the check, if it does.
func refusalOf(c *Check, s Store) (Refusal, bool) {
	for _, r := range c.Refusals {
		if r.Store == s {
			return r, true
		}
	}
	return Refusal{}, false
}

// SaveErrors returns the findings for which store s refuses p when p is
// saved as a policy of type t, each with the service's error code and, where
// known, its message (AWSCode, AWSMessage): what the simulated AWS answers
// instead of storing the policy. It is empty when AWS stores the policy,
// even with an action or condition key that does not exist, as IAM does.
// What AWS refuses because of the account's state (a principal that does
// not exist) is the caller's to check. cat may be nil; the refusals that
// need the catalog (an s3 ARN with a Region) are then not found.
func SaveErrors(p *policy.Policy, t policy.Type, s Store, cat *catalog.Catalog) []Finding {
	var out []Finding
	for _, f := range Policy(p, t, cat) {
		r, ok := refusalOf(registry[f.Code], s)
		if !ok || r.Only != "" && f.refusedBy&(1<<s) == 0 {
			continue
		}
		msg := r.Msg
		if f.storeMsg != "" && f.storeMsgFor == s {
			msg = f.storeMsg
		}
		f.AWSCode = r.Code
		f.AWSMessage = strings.NewReplacer("{value}", f.subject, "{part}", f.part).Replace(msg)
		out = append(out, f)
	}
	return out
}

// ParseRefusal returns how store s refuses text src that does not parse as
// a policy, given policy.Parse's error: the error code and message AWS
// answers with.
func ParseRefusal(src string, err error, s Store) (code, msg string) {
	c := registry["json.syntax"]
	pe, isPolicyErr := err.(*policy.Error)
	if isPolicyErr {
		if known, ok := registry[pe.Code]; ok {
			c = known
		}
	}
	r, ok := refusalOf(c, s)
	if !ok {
		r, _ = refusalOf(registry["json.syntax"], s)
	}
	if c.Code == "action.syntax" && s == IAM {
		r.Msg = actionSyntaxMessage(stringLiteralAt(src, int32(pe.Off)))
	}
	if r.Msg == "" && s == IAM {
		r.Msg = syntaxMsg
	}
	return r.Code, r.Msg
}

// actionSyntaxMessage is IAM's message for a malformed action: one colon
// too many, none, or a wildcard in the service.
func actionSyntaxMessage(a string) string {
	svc, _, hasColon := strings.Cut(a, ":")
	switch {
	case strings.Count(a, ":") > 1:
		return "Actions/Condition can contain only one colon."
	case hasColon && strings.ContainsAny(svc, "*?"):
		return "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards"
	}
	return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
}

// stringLiteralAt decodes the JSON string literal at off, or returns "".
func stringLiteralAt(src string, off int32) string {
	end := literalEnd(src, off)
	if int(off) >= len(src) || src[off] != '"' || end < off+2 {
		return ""
	}
	s, err := strconv.Unquote(src[off:end])
	if err != nil {
		return src[off+1 : end-1]
	}
	return s
}
