package lint

import (
	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// Checks of the elements each policy type allows. The scenario reader
// enforces the same rules with the same codes.
var (
	chkPrincipalNotAllowed = newCheck("types", "statement.principalNotAllowed", Error,
		"Principal or NotPrincipal in an identity-based policy, permissions boundary, session policy or SCP").
		aa("UNSUPPORTED_PRINCIPAL")
	chkNoResource = newCheck("types", "statement.noResource", Error,
		"a statement without Resource or NotResource in a policy type that requires one").
		aa("MISSING_RESOURCE")
	chkNoPrincipal = newCheck("types", "statement.noPrincipal", Error,
		"a statement without Principal or NotPrincipal in a resource-based or trust policy").
		aa("MISSING_PRINCIPAL")
	chkRCPPrincipal = newCheck("types", "statement.rcpPrincipal", Error,
		"a resource control policy statement whose principal is not \"*\"")
	chkTrustResource = newCheck("types", "trust.resource", Error,
		"Resource or NotResource in a role trust policy, which IAM rejects: the resource is the role").
		aa("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE")
	chkTrustNotPrincipal = newCheck("types", "trust.notPrincipal", Error,
		"NotPrincipal in a role trust policy, which AWS does not allow").
		aa("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL")
	chkTrustAction = newCheck("types", "trust.action", Warning,
		"a role trust policy allowing actions other than sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity and sts:SetContext")
	chkEmptyStatement = newCheck("types", "policy.emptyStatement", Error,
		"a policy whose Statement is an empty array, which AWS rejects when it is saved (here it allows and denies nothing)").
		aa("MISSING_STATEMENT")
	chkRCPAllow = newCheck("types", "rcp.allow", Error,
		"a resource control policy statement with Effect Allow, which AWS accepts only in RCPFullAWSAccess (attached at every level already)")
	chkRCPService = newCheck("types", "rcp.service", Warning,
		"a resource control policy naming actions of a service that RCPs do not apply to")
)

// trustActions are the actions a trust policy may allow.
var trustActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
	"sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"}

func checkTypes(l *linter) {
	t := l.t
	if len(l.p.Statements) == 0 && l.p.StatementOff != 0 { // 0: not from the parser, which requires Statement
		l.report(chkEmptyStatement, l.p.StatementOff, 0, "Statement is an empty array: AWS rejects a policy without statements when it is saved; add a statement or remove the policy")
	}
	for _, e := range t.Elements(l.p) {
		l.report(registry[e.Code], int32(e.Off), 0, e.Msg)
	}
	for i := range l.p.Statements {
		s := &l.p.Statements[i]
		if t == policy.Trust && !s.NotAction {
			for _, a := range s.Actions {
				if !matchesAnyAction(a.S, trustActions) {
					l.reportValue(chkTrustAction, a, quote(a.S)+" is not an action a trust policy controls: a trust policy says who may assume the role (sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession...); grant other permissions in the role's permission policies")
				}
			}
		}
		if t == policy.RCP && s.Effect == policy.Allow {
			l.report(chkRCPAllow, s.Off, 0, "a resource control policy can only deny: AWS accepts Effect Allow only in RCPFullAWSAccess, which is attached at every level already; write a Deny with the conditions under which access is refused")
		}
		if t == policy.RCP && !s.NotAction {
			for _, a := range s.Actions {
				svc, _, ok := cutService(a.S)
				if ok && !hasWildcard(svc) && !authz.RCPService(svc) {
					l.reportValue(chkRCPService, a, "resource control policies do not apply to "+svc+" actions, so this entry has no effect; RCPs govern the services the AWS Organizations User Guide lists, such as Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager, DynamoDB, CloudWatch Logs, Amazon ECR and Amazon Cognito")
				}
			}
		}
	}
}
