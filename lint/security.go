package lint

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

var (
	chkPublic = newCheck("security", "security.publicPrincipal", SecurityWarning,
		"Principal \"*\" in an Allow statement of a resource-based or trust policy, with no condition that narrows who the caller is",
		"リソースベースのポリシーか信頼ポリシーの Allow ステートメントに、呼び出し元を絞る条件のない Principal \"*\" があります").
		msg("", `"*" lets anyone, from any AWS account or none, use this statement: name the principals, or add a condition such as aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceArn`,
			`"*" では、どの AWS アカウントの誰でも (アカウントのない呼び出し元も) このステートメントを使えます: プリンシパルを指定するか、aws:PrincipalOrgID、aws:PrincipalAccount、aws:SourceArn などの条件を加えます`).
		msg("trust", `"*" lets any AWS principal, in any account, use this statement: name the principals, or add a condition such as aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceArn`,
			`"*" では、どのアカウントのどの AWS プリンシパルでもこのステートメントを使えます: プリンシパルを指定するか、aws:PrincipalOrgID、aws:PrincipalAccount、aws:SourceArn などの条件を加えます`)
	chkServiceForUser = newCheck("security", "security.serviceAssumesUserRole", SecurityWarning,
		"a trust policy that lets an AWS service assume a role that is also meant for an IAM user: whatever runs on that service gets the user's access",
		"IAM ユーザー向けでもあるロールを、AWS サービスにも引き受けさせる信頼ポリシーです。そのサービスで動くものは何でも、ユーザーのアクセス権を得ます").
		msg("", "this role also trusts an IAM user, yet {service} may assume it too: anything running on that service with this role (for anyone who knows how the application calls it) gets the user's permissions; let only the application's user assume the role, and give the service a role of its own",
			"このロールは IAM ユーザーも信頼していますが、{service} も引き受けられます。このロールでそのサービス上で動くものは何でも (アプリケーションの呼び出し方を知っている誰にとっても)、ユーザーの権限を得ます: ロールを引き受けられるのはアプリケーションのユーザーだけにし、サービスには専用のロールを与えます")
	chkOIDCSub = newCheck("security", "security.oidcWithoutSubject", SecurityWarning,
		"a trust policy for an OIDC provider without a condition on its \"sub\" claim, so any identity of that provider can assume the role",
		"\"sub\" クレームの条件がない OIDC プロバイダーの信頼ポリシーです。そのプロバイダーのどの ID でもロールを引き受けられます").
		aa("MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", "MISSING_GITHUB_REPO_CONDITION_KEY").
		msg("", `without a condition on {host}:sub, every identity this provider issues tokens for (any repository, any app) can assume the role: add, for example, "StringLike": {"{host}:sub": "..."}`,
			`{host}:sub の条件がないと、このプロバイダーがトークンを発行するすべての ID (どのリポジトリ、どのアプリでも) がロールを引き受けられます: たとえば "StringLike": {"{host}:sub": "..."} を加えます`)
	chkPassRoleStar = newCheck("security", "security.passRoleStar", SecurityWarning,
		"iam:PassRole allowed on every role (\"*\") without iam:PassedToService",
		"iam:PassedToService なしで、すべてのロール (\"*\") に iam:PassRole を許可しています").
		aa("PASS_ROLE_WITH_STAR_IN_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE").
		msg("", `"{action}" allows passing any role to any service, and so acting with that role's permissions: list the role ARNs it may pass, or add an iam:PassedToService condition`,
			`"{action}" は、どのロールでもどのサービスにも渡すこと、つまりそのロールの権限で操作することを許可します: 渡してよいロールの ARN を列挙するか、iam:PassedToService の条件を加えます`)
	chkPassRoleNotResource = newCheck("security", "security.passRoleNotResource", SecurityWarning,
		"iam:PassRole allowed with NotResource, which passes every role not listed",
		"NotResource で iam:PassRole を許可しています。列挙していないすべてのロールを渡せます").
		aa("PASS_ROLE_WITH_NOT_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE").
		msg("", "iam:PassRole with NotResource lets the caller pass every role not listed, and so act with its permissions: list the roles in Resource instead",
			"NotResource と組み合わせた iam:PassRole では、呼び出し元は列挙していないすべてのロールを渡せ、その権限で操作できます: 代わりに Resource でロールを列挙します")
	chkPassRoleNotAction = newCheck("security", "security.passRoleNotAction", SecurityWarning,
		"NotAction with Allow on \"*\" that does not exclude iam:PassRole, so any role can be passed",
		"iam:PassRole を除外していない、\"*\" に対する NotAction の Allow です。どのロールでも渡せます").
		aa("PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE").
		msg("", "NotAction does not exclude iam:PassRole, so with this Resource the caller may pass any role to any service, and so act with that role's permissions: add iam:PassRole to NotAction, or allow it in its own statement on named roles",
			"NotAction が iam:PassRole を除外していないので、この Resource では呼び出し元がどのロールでもどのサービスにも渡せ、そのロールの権限で操作できます: NotAction に iam:PassRole を加えるか、名前を挙げたロールに対してだけ別のステートメントで許可します")
	chkCreateSLR = newCheck("security", "security.createServiceLinkedRoleStar", Warning,
		"iam:CreateServiceLinkedRole allowed on \"*\", which lets the caller create a role for any service",
		"\"*\" に iam:CreateServiceLinkedRole を許可しています。どのサービスのロールでも作れます").
		aa("CREATE_SLR_WITH_STAR_IN_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE").
		msg("", `"{action}" on "*" lets the caller create a service-linked role for any AWS service: name the role ARNs (arn:aws:iam::*:role/aws-service-role/SERVICE/...) or add an iam:AWSServiceName condition`,
			`"*" に対する "{action}" では、呼び出し元がどの AWS サービスのサービスにリンクされたロールでも作れます: ロールの ARN (arn:aws:iam::*:role/aws-service-role/SERVICE/...) を指定するか、iam:AWSServiceName の条件を加えます`)
	chkNotActionAllow = newCheck("security", "security.notActionAllow", SecurityWarning,
		"NotAction with Allow: it grants every action not listed, including ones AWS adds later",
		"Allow と NotAction の組み合わせです。列挙していないすべてのアクション (今後 AWS が追加するものも) を許可します").
		msg("", "Allow with NotAction grants every action of every service except the ones listed, including actions AWS adds later: list the actions to allow instead",
			"NotAction と組み合わせた Allow は、列挙したもの以外のすべてのサービスのすべてのアクションを許可します (今後 AWS が追加するアクションも含みます): 代わりに許可するアクションを列挙します")
	chkNotResourceAllow = newCheck("security", "security.notResourceAllow", SecurityWarning,
		"NotResource with Allow: it grants access to every resource not listed, including ones created later",
		"Allow と NotResource の組み合わせです。列挙していないすべてのリソース (今後作られるものも) へのアクセスを許可します").
		msg("", "Allow with NotResource grants access to every resource except the ones listed, including resources created later: list the resources to allow instead",
			"NotResource と組み合わせた Allow は、列挙したもの以外のすべてのリソースへのアクセスを許可します (今後作られるリソースも含みます): 代わりに許可するリソースを列挙します")
	chkNotPrincipalAllow = newCheck("security", "security.notPrincipalAllow", SecurityWarning,
		"NotPrincipal with Allow: it grants access to every principal not listed, anonymous callers included",
		"Allow と NotPrincipal の組み合わせです。列挙していないすべてのプリンシパル (匿名の呼び出し元も) にアクセスを許可します").
		aa("ALLOW_WITH_NOT_PRINCIPAL").
		msg("", "Allow with NotPrincipal grants access to every principal not listed, anonymous callers included: name the principals in Principal instead",
			"NotPrincipal と組み合わせた Allow は、列挙したもの以外のすべてのプリンシパル (匿名の呼び出し元も) にアクセスを許可します: 代わりに Principal でプリンシパルを指定します")
	chkFullAdmin = newCheck("security", "security.fullAccess", SecurityWarning,
		"an Allow of every action on every resource without a condition (administrator access)",
		"すべてのリソースに対するすべてのアクションを、条件なしで許可しています (管理者のアクセス権)").
		msg("", "this statement allows every action on every resource: that is administrator access; grant only the actions and resources needed",
			"このステートメントは、すべてのリソースに対するすべてのアクションを許可します。これは管理者のアクセス権です: 必要なアクションとリソースだけを許可します")
)

// narrowingKeys are condition keys that say which callers or networks a
// statement applies to.
var narrowingKeys = map[string]bool{"aws:principalorgid": true, "aws:principalorgpaths": true, "aws:principalaccount": true,
	"aws:principalarn": true, "aws:sourceaccount": true, "aws:sourcearn": true, "aws:sourceowner": true, "aws:sourceorgid": true,
	"aws:sourceorgpaths": true, "aws:sourcevpc": true, "aws:sourcevpce": true, "aws:sourceip": true, "aws:vpcsourceip": true,
	"aws:userid": true, "aws:username": true, "aws:principalservicename": true, "aws:principalisawsservice": true,
	"aws:sourcevpcarn": true, "aws:principaltag": true, "kms:calleraccount": true, "kms:viaservice": true,
	"sts:externalid": true, "aws:calledvia": true, "aws:calledviafirst": true, "aws:calledvialast": true,
	"aws:referer": true, "aws:securetransport": false}

func checkSecurity(l *linter) {
	checkCreateSLR(l)
	trustsUser := false
	if l.t == policy.Trust {
		for i := range l.p.Statements {
			if p := l.p.Statements[i].Principal; p != nil && l.p.Statements[i].Effect == policy.Allow && !l.p.Statements[i].NotPrincipal {
				for _, v := range p.AWS {
					if a, ok := policy.ParseARN(v.S); ok && a.Service == "iam" && (strings.HasPrefix(a.Resource, "user/") || strings.HasPrefix(a.Resource, "user:")) {
						trustsUser = true
					}
				}
			}
		}
	}
	for i := range l.stmts {
		st := &l.stmts[i]
		s := st.s
		if s.Effect != policy.Allow {
			continue
		}
		if s.Principal != nil && (l.t == policy.Resource || l.t == policy.Trust) {
			l.principalSecurity(s, trustsUser)
		}
		// The checks below are about what a policy grants: SCPs, RCPs,
		// permissions boundaries and session policies only limit.
		if l.t != policy.Identity && l.t != policy.Resource {
			continue
		}
		if s.NotAction {
			l.report(chkNotActionAllow, s.ActionOff, 0, "")
		}
		if s.NotResource {
			l.report(chkNotResourceAllow, s.ResourceOff, 0, "")
		}
		l.passRole(st)
		if l.t == policy.Identity && !s.NotAction && !s.NotResource && len(s.Conditions) == 0 && hasValue(s.Actions, "*") && hasValue(s.Resources, "*") {
			l.report(chkFullAdmin, s.Off, 0, "")
		}
	}
}

// principalSecurity checks who an Allow statement of a resource-based or
// trust policy lets in.
func (l *linter) principalSecurity(s *policy.Statement, trustsUser bool) {
	if s.NotPrincipal {
		l.report(chkNotPrincipalAllow, s.Principal.Off, 0, "")
		return
	}
	if isPublic(s.Principal) && !narrowed(s) {
		form := ""
		if l.t == policy.Trust {
			form = "trust"
		}
		l.report(chkPublic, s.Principal.Off, 0, form)
	}
	if l.t != policy.Trust {
		return
	}
	if trustsUser {
		for _, v := range s.Principal.Service {
			l.reportValue(chkServiceForUser, v, "", "service", v.S)
		}
	}
	l.oidcSubject(s)
}

func hasValue(vs []policy.Value, s string) bool {
	for _, v := range vs {
		if v.S == s {
			return true
		}
	}
	return false
}

func isPublic(p *policy.Principal) bool {
	return p.Any || hasValue(p.AWS, "*")
}

// narrowed reports whether some condition of the statement limits the
// callers to known accounts, organizations, networks or sources.
func narrowed(s *policy.Statement) bool {
	for _, c := range s.Conditions {
		k := lower(c.Key)
		if i := strings.IndexByte(k, '/'); i > 0 {
			k = k[:i]
		}
		if narrowingKeys[k] && !c.Op.IfExists {
			return true
		}
		if strings.HasSuffix(k, ":sub") || strings.HasSuffix(k, ":aud") || strings.HasPrefix(k, "saml:") {
			return true
		}
	}
	return false
}

func (l *linter) oidcSubject(s *policy.Statement) {
	for _, v := range s.Principal.Federated {
		a, ok := policy.ParseARN(v.S)
		if !ok {
			continue
		}
		host, ok := strings.CutPrefix(a.Resource, "oidc-provider/")
		if !ok {
			continue
		}
		hasSub := false
		for _, c := range s.Conditions {
			if k := lower(c.Key); k == lower(host)+":sub" || strings.HasSuffix(k, ":sub") {
				hasSub = true
			}
		}
		if !hasSub {
			l.reportValue(chkOIDCSub, v, "", "host", host)
		}
	}
}

// passRole reports Allow statements that let the caller pass any role.
func (l *linter) passRole(st *stmtInfo) {
	s := st.s
	if !s.HasResource || l.t == policy.Trust {
		return
	}
	for _, c := range s.Conditions {
		if strings.EqualFold(c.Key, "iam:PassedToService") || strings.EqualFold(c.Key, "iam:AssociatedResourceArn") {
			return
		}
	}
	if s.NotAction {
		for _, v := range s.Actions {
			if policy.MatchAction(v.S, "iam:PassRole") {
				return
			}
		}
		if !s.NotResource && anyRoleResource(s.Resources) {
			l.report(chkPassRoleNotAction, s.ActionOff, 0, "")
		}
		return
	}
	var pass *policy.Value
	for i, v := range s.Actions {
		if policy.MatchAction(v.S, "iam:PassRole") {
			pass = &s.Actions[i]
			break
		}
	}
	if pass == nil {
		return
	}
	if s.NotResource {
		l.reportValue(chkPassRoleNotResource, *pass, "")
		return
	}
	if anyRoleResource(s.Resources) {
		l.reportValue(chkPassRoleStar, *pass, "", "action", pass.S)
	}
}

// anyRoleResource reports whether the resources match every role: "*",
// or an IAM role ARN whose name part is only a wildcard.
func anyRoleResource(rs []policy.Value) bool {
	for _, r := range rs {
		if r.S == "*" {
			return true
		}
		if a, ok := policy.ParseARN(r.S); ok && policy.Match(a.Service, "iam", false) && (a.Resource == "*" || a.Resource == "role/*") {
			return true
		}
	}
	return false
}

func checkCreateSLR(l *linter) {
	if l.t != policy.Identity {
		return
	}
	for i := range l.p.Statements {
		s := &l.p.Statements[i]
		if s.Effect != policy.Allow || s.NotAction || !hasValue(s.Resources, "*") || s.NotResource {
			continue
		}
		hasCond := false
		for _, c := range s.Conditions {
			if strings.EqualFold(c.Key, "iam:AWSServiceName") {
				hasCond = true
			}
		}
		if hasCond {
			continue
		}
		for _, v := range s.Actions {
			if v.S != "*" && v.S != "iam:*" && policy.MatchAction(v.S, "iam:CreateServiceLinkedRole") {
				l.reportValue(chkCreateSLR, v, "", "action", v.S)
				break
			}
		}
	}
}
