package authz

import "github.com/iamlab/iamlab/policy"

// Decision is the answer, in the words of AWS's SimulateCustomPolicy API.
type Decision string

// The three decisions.
const (
	Allowed      Decision = "allowed"
	ExplicitDeny Decision = "explicitDeny"
	ImplicitDeny Decision = "implicitDeny"
)

// Code is a stable identifier of a reason; package explain words it.
type Code string

// Statement outcomes.
const (
	StmtMatched            Code = "statement.matched"
	StmtActionNotMatched   Code = "statement.actionNotMatched"
	StmtNotActionExcluded  Code = "statement.notActionExcluded"
	StmtResourceNotMatched Code = "statement.resourceNotMatched"
	StmtNotResourceExcl    Code = "statement.notResourceExcluded"
	StmtPrincipalNotNamed  Code = "statement.principalNotMatched"
	StmtNotPrincipalExcl   Code = "statement.notPrincipalExcluded"
	// StmtNotPrincipalBoundary: a Deny with NotPrincipal applied to a caller
	// it lists, because the caller has a permissions boundary.
	StmtNotPrincipalBoundary Code = "statement.notPrincipalBoundary"
	StmtConditionFailed      Code = "statement.conditionFailed"
	// StmtVariableUnresolved: the resource is not in Resource, and an
	// entry that might have matched holds a policy variable with no value,
	// which makes the entry match nothing.
	StmtVariableUnresolved Code = "statement.variableUnresolved"
)

// Reasons a policy does not take part.
const (
	NotApplicableCaller        Code = "policy.notApplicable.caller"
	NotApplicableServiceLinked Code = "policy.notApplicable.serviceLinkedRole"
	NotApplicableRCPService    Code = "policy.notApplicable.rcpService"
)

// Reasons for the decision.
const (
	ReasonExplicitDeny        Code = "decision.explicitDeny"
	ReasonAllowedIdentity     Code = "decision.allowedByIdentity"
	ReasonAllowedResource     Code = "decision.allowedByResourcePolicy"
	ReasonAllowedBoth         Code = "decision.allowedCrossAccount"
	ReasonAllowedRoot         Code = "decision.allowedRootUser"
	ReasonSCPNoAllow          Code = "decision.scpNoAllow"
	ReasonNoAllow             Code = "decision.noAllow"
	ReasonBoundaryNoAllow     Code = "decision.boundaryNoAllow"
	ReasonSessionNoAllow      Code = "decision.sessionNoAllow"
	ReasonFederatedNoSession  Code = "decision.federatedNoSessionPolicy"
	ReasonResourceRequired    Code = "decision.resourcePolicyRequired"
	ReasonCrossAccountNoRBP   Code = "decision.crossAccountNoResourceAllow"
	ReasonCrossAccountNoID    Code = "decision.crossAccountNoIdentityAllow"
	ReasonNoIdentityForCaller Code = "decision.resourcePolicyOnly"
)

// Result is a decision with everything that led to it.
type Result struct {
	// Input is what was decided.
	Input    *Input
	Decision Decision
	Reason   Code
	// Blocked names the policy that decided a deny (nil for an allow or when
	// nothing allowed at all).
	Blocked *PolicyTrace
	// Deciding is the statement that decided: the Deny that matched, or the
	// Allow that granted.
	Deciding        *StatementTrace
	Caller          Caller
	ResourceAccount string
	SameAccount     bool
	// Strict is set for role trust policies and KMS key policies, which must
	// allow the request themselves.
	Strict  bool
	Context Context
	// Policies lists every policy in the order of the scenario.
	Policies []PolicyTrace
}

// PolicyTrace is how one policy took part.
type PolicyTrace struct {
	Type  policy.Type
	Name  string
	Index int // position within its slot (identity policies, SCP/RCP level policies)
	// Level and Target locate an SCP or RCP in the organization (Level from 0 at the root).
	Level  int
	Target string
	// Applies is false when the policy type does not apply to this caller.
	Applies       bool
	NotApplicable Code
	Allows        bool
	Denies        bool
	// Grant is, for the resource policy, how its best matching Allow names the caller.
	Grant      Grant
	Statements []StatementTrace
	Policy     *policy.Policy
}

// StatementTrace is how one statement took part. The decision evaluates
// its elements in turn and stops at the first that does not apply; Details
// evaluates them all.
type StatementTrace struct {
	Index   int
	Sid     string
	Effect  policy.Effect
	Off     int32
	Matched bool
	Reason  Code
	// Action and Resource are the indexes of the entries of Action and
	// Resource that matched the request: for NotAction and NotResource, the
	// entry that excluded it. -1: none did, or the element was not reached.
	Action, Resource int
	// Grant is how a resource policy's Principal named the caller.
	Grant Grant
	// Condition is the condition that failed, when one did.
	Condition *ConditionTrace
	// Unresolved is a policy variable that had no value in the entry of
	// Resource, or the condition, that made the statement not apply.
	Unresolved string
}

// ConditionTrace is how one condition came out, with the values compared.
type ConditionTrace struct {
	// Index is the condition's place in the statement's Condition element.
	Index    int
	Operator string
	Key      string
	// Policy holds the values as the policy writes them; Values those
	// compared, policy variables substituted (a value whose variable has
	// no value is left out). Nil when the values were not compared.
	Policy  []string
	Values  []string
	Request []string
	Present bool
	Holds   bool
	// Rule is the rule of the policy language that decided.
	Rule policy.Rule
	// Null is a policy variable without a value in the request.
	Null string
	Off  int32
}
