package lint

import (
	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// Checks of the elements each policy type allows. The scenario reader
// enforces the same rules with the same codes.
var (
	chkPrincipalNotAllowed = newCheck("types", "statement.principalNotAllowed", Error,
		"Principal or NotPrincipal in an identity-based policy, permissions boundary, session policy or SCP",
		"アイデンティティベースのポリシー、アクセス許可の境界、セッションポリシー、SCP に Principal か NotPrincipal があります").
		aa("UNSUPPORTED_PRINCIPAL").
		msg("", "{detail}", "{type|type}には Principal も NotPrincipal も書けません。ポリシーはアタッチされたアイデンティティに適用されます (呼び出し元を指定するには条件キー aws:PrincipalArn を使います)")
	chkNoResource = newCheck("types", "statement.noResource", Error,
		"a statement without Resource or NotResource in a policy type that requires one",
		"Resource が必須のポリシータイプで、Resource も NotResource もないステートメントです").
		aa("MISSING_RESOURCE").
		msg("", "{detail}", "ステートメントに Resource も NotResource もありません ({type|type}では必須です): \"Resource\": \"*\" か、対象の ARN を加えます")
	chkNoPrincipal = newCheck("types", "statement.noPrincipal", Error,
		"a statement without Principal or NotPrincipal in a resource-based or trust policy",
		"リソースベースのポリシーか信頼ポリシーで、Principal も NotPrincipal もないステートメントです").
		aa("MISSING_PRINCIPAL").
		msg("", "{detail}", "ステートメントに Principal も NotPrincipal もありません ({type|type}では必須です): ステートメントが誰に適用されるかを指定します")
	chkRCPPrincipal = newCheck("types", "statement.rcpPrincipal", Error,
		"a resource control policy statement whose principal is not \"*\"",
		"Principal が \"*\" ではない RCP のステートメントです").
		msg("", "{detail}", "RCP のステートメントには \"Principal\": \"*\" が必要です (対象を絞るには aws:PrincipalOrgID などの条件を使います)")
	chkTrustResource = newCheck("types", "trust.resource", Error,
		"Resource or NotResource in a role trust policy, which IAM rejects: the resource is the role",
		"ロールの信頼ポリシーに Resource か NotResource があります。IAM は拒否します (リソースはロール自身です)").
		aa("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE").
		msg("", "{detail}", "ロールの信頼ポリシーには Resource も NotResource も書けません (リソースはロール自身です)。IAM はこのポリシーを拒否します: 削除します")
	chkTrustNotPrincipal = newCheck("types", "trust.notPrincipal", Error,
		"NotPrincipal in a role trust policy, which AWS does not allow",
		"ロールの信頼ポリシーに NotPrincipal があります (AWS は認めていません)").
		aa("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL").
		msg("", "{detail}", "ロールの信頼ポリシーでは NotPrincipal を使えません (AWS が認めるのは他のリソースベースのポリシーだけです): ロールを引き受けられる相手は Principal で指定します")
	chkTrustAction = newCheck("types", "trust.action", Warning,
		"a role trust policy allowing actions other than sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity and sts:SetContext",
		"ロールの信頼ポリシーが sts:AssumeRole*、sts:TagSession、sts:SetSourceIdentity、sts:SetContext 以外のアクションを許可しています").
		msg("", `"{action}" is not an action a trust policy controls: a trust policy says who may assume the role (sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession...); grant other permissions in the role's permission policies`,
			`"{action}" は信頼ポリシーで制御するアクションではありません。信頼ポリシーが決めるのは、誰がロールを引き受けられるか (sts:AssumeRole、sts:AssumeRoleWithSAML、sts:AssumeRoleWithWebIdentity、sts:TagSession など) です: ほかの権限はロールのアクセス許可ポリシーで付与します`)
	chkEmptyStatement = newCheck("types", "policy.emptyStatement", Error,
		"a policy whose Statement is an empty array, which AWS rejects when it is saved (here it allows and denies nothing)",
		"Statement が空の配列のポリシーです。保存時に AWS が拒否します (ここでは何も許可も拒否もしません)").
		aa("MISSING_STATEMENT").
		msg("", "Statement is an empty array: AWS rejects a policy without statements when it is saved; add a statement or remove the policy",
			"Statement が空の配列です。ステートメントのないポリシーは保存時に AWS が拒否します: ステートメントを加えるか、ポリシーを削除します")
	chkRCPAllow = newCheck("types", "rcp.allow", Error,
		"a resource control policy statement with Effect Allow, which AWS accepts only in RCPFullAWSAccess (attached at every level already)",
		"Effect が Allow の RCP のステートメントです。AWS が受け付けるのは RCPFullAWSAccess だけです (すでにすべての階層にアタッチされています)").
		msg("", "a resource control policy can only deny: AWS accepts Effect Allow only in RCPFullAWSAccess, which is attached at every level already; write a Deny with the conditions under which access is refused",
			"RCP にできるのは拒否だけです。AWS が Effect Allow を受け付けるのは、すでにすべての階層にアタッチされている RCPFullAWSAccess だけです: アクセスを拒否する条件を付けた Deny を書きます")
	chkRCPService = newCheck("types", "rcp.service", Warning,
		"a resource control policy naming actions of a service that RCPs do not apply to",
		"RCP が適用されないサービスのアクションを指定しています").
		msg("", "resource control policies do not apply to {service} actions, so this entry has no effect; RCPs govern the services the AWS Organizations User Guide lists, such as Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager, DynamoDB, CloudWatch Logs, Amazon ECR and Amazon Cognito",
			"RCP は {service} のアクションには適用されないため、この項目には効果がありません。RCP の対象は AWS Organizations ユーザーガイドに載っているサービス (Amazon S3、AWS STS、AWS KMS、Amazon SQS、AWS Secrets Manager、DynamoDB、CloudWatch Logs、Amazon ECR、Amazon Cognito など) です")
)

// trustActions are the actions a trust policy may allow.
var trustActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
	"sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"}

func checkTypes(l *linter) {
	t := l.t
	if len(l.p.Statements) == 0 && l.p.StatementOff != 0 { // 0: not from the parser, which requires Statement
		l.report(chkEmptyStatement, l.p.StatementOff, 0, "")
	}
	for _, e := range t.Elements(l.p) {
		l.report(registry[e.Code], int32(e.Off), 0, "", "detail", e.Msg, "type", t.String())
	}
	for i := range l.p.Statements {
		s := &l.p.Statements[i]
		if t == policy.Trust && !s.NotAction {
			for _, a := range s.Actions {
				if !matchesAnyAction(a.S, trustActions) {
					l.reportValue(chkTrustAction, a, "", "action", a.S)
				}
			}
		}
		if t == policy.RCP && s.Effect == policy.Allow {
			l.report(chkRCPAllow, s.Off, 0, "")
		}
		if t == policy.RCP && !s.NotAction {
			for _, a := range s.Actions {
				svc, _, ok := cutService(a.S)
				if ok && !hasWildcard(svc) && !authz.RCPService(svc) {
					l.reportValue(chkRCPService, a, "", "service", svc)
				}
			}
		}
	}
}
