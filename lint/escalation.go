package lint

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

// Privilege escalation: an identity-based policy that lets its holder give
// itself more than it grants. Access Analyzer does not report these; each
// path is written from AWS's documentation of what the action allows, and
// each finding names the path in one sentence.
var (
	chkPassRoleLaunch = newCheck("security", "security.passRoleLaunch", SecurityWarning,
		"iam:PassRole together with an action that starts code with a role (ec2:RunInstances, lambda:CreateFunction...): the caller can run code as any role it may pass",
		"iam:PassRole と、ロールを使うコードを起動するアクション (ec2:RunInstances、lambda:CreateFunction など) の組み合わせです。呼び出し元は、渡せるどのロールとしてもコードを実行できます").
		msg("", "with {launch} in this policy, iam:PassRole on {roles}{roles_more|more} lets the caller {launch|launch} with any of those roles and act with the role's permissions from it: pass only the role that code needs, and limit it with iam:PassedToService",
			"このポリシーには {launch} があるので、iam:PassRole (対象: {roles}{roles_more|more}) によって、呼び出し元はそれらのどのロールを使っても、{launch|launch}、そこからロールの権限で操作できます: コードに必要なロールだけを渡すようにし、iam:PassedToService で制限します")
	chkPassRoleUnscoped = newCheck("security", "security.passRoleUnscoped", SecurityWarning,
		"iam:PassRole on roles without an iam:PassedToService condition: the caller can hand those roles to any service that runs code with them",
		"iam:PassedToService の条件なしで、ロールに iam:PassRole を許可しています。呼び出し元は、それらのロールでコードを実行するどのサービスにもロールを渡せます").
		msg("", "iam:PassRole on {roles}{roles_more|more} lets the caller hand those roles to any AWS service that runs code with them (an EC2 instance, a Lambda function) and then act with their permissions: if the caller only looks roles up or assumes them, remove iam:PassRole; otherwise add an iam:PassedToService condition",
			"iam:PassRole (対象: {roles}{roles_more|more}) によって、呼び出し元はそれらのロールを、そのロールでコードを実行するどの AWS サービス (EC2 インスタンス、Lambda 関数など) にも渡せ、その権限で操作できます: 呼び出し元がロールを参照するか引き受けるだけなら iam:PassRole を削除し、そうでなければ iam:PassedToService の条件を加えます")
	chkCreatePolicyVersion = newCheck("security", "security.createPolicyVersion", SecurityWarning,
		"iam:CreatePolicyVersion: the caller can write a new default version of a managed policy, one attached to itself included",
		"iam:CreatePolicyVersion です。呼び出し元は、自分にアタッチされたものも含め、管理ポリシーの新しいデフォルトバージョンを書けます").
		msg("", "iam:CreatePolicyVersion on {resources}{resources_more|more} lets the caller write a new default version of those managed policies, one attached to itself included, and so grant itself any permission: grant it only to administrators",
			"iam:CreatePolicyVersion (対象: {resources}{resources_more|more}) によって、呼び出し元はそれらの管理ポリシー (自分にアタッチされたものも含みます) の新しいデフォルトバージョンを書け、自分にどんな権限でも与えられます: 管理者にだけ許可します")
	chkSelfPolicy = newCheck("security", "security.selfPolicy", SecurityWarning,
		"iam:AttachUserPolicy or iam:PutUserPolicy on every user or on ${aws:username} (the role actions on every role): the caller can give itself any permission",
		"すべてのユーザーか ${aws:username} に対する iam:AttachUserPolicy や iam:PutUserPolicy (ロールでは、すべてのロールに対する同様のアクション) です。呼び出し元は自分にどんな権限でも与えられます").
		msg("user", "{action} on {resources}{resources_more|more} lets the caller add a policy to its own user and so give itself any permission: name the users it manages, which must not include itself",
			"{action} (対象: {resources}{resources_more|more}) によって、呼び出し元は自分のユーザーにポリシーを加え、自分にどんな権限でも与えられます: 管理するユーザーを名前で指定し、自分自身は含めないようにします").
		msg("role", "{action} on {resources}{resources_more|more} lets the caller add a policy to its own role and so give itself any permission: name the roles it manages, which must not include itself",
			"{action} (対象: {resources}{resources_more|more}) によって、呼び出し元は自分のロールにポリシーを加え、自分にどんな権限でも与えられます: 管理するロールを名前で指定し、自分自身は含めないようにします")
	chkUpdateTrust = newCheck("security", "security.updateAssumeRolePolicy", SecurityWarning,
		"iam:UpdateAssumeRolePolicy: the caller can make a role trust itself, then assume it",
		"iam:UpdateAssumeRolePolicy です。呼び出し元はロールに自分を信頼させ、そのロールを引き受けられます").
		msg("", "iam:UpdateAssumeRolePolicy on {resources}{resources_more|more} lets the caller rewrite those roles' trust policies to trust itself, then assume them and act with their permissions: grant it only to administrators",
			"iam:UpdateAssumeRolePolicy (対象: {resources}{resources_more|more}) によって、呼び出し元はそれらのロールの信頼ポリシーを自分を信頼するように書き換え、ロールを引き受けてその権限で操作できます: 管理者にだけ許可します")
	chkAssumeAnyRole = newCheck("security", "security.assumeRoleStar", SecurityWarning,
		"sts:AssumeRole on every role (\"*\"): the caller can assume any role whose trust policy lets it in",
		"すべてのロール (\"*\") に対する sts:AssumeRole です。呼び出し元は、信頼ポリシーが受け入れるどのロールでも引き受けられます").
		msg("", `"{action}" on {resources}{resources_more|more} lets the caller assume every role, in any account, whose trust policy lets it or its account in, and act with that role's permissions: name the roles it needs`,
			`"{action}" (対象: {resources}{resources_more|more}) によって、呼び出し元は、信頼ポリシーが自分か自分のアカウントを受け入れるすべてのロールを (どのアカウントのものでも) 引き受け、そのロールの権限で操作できます: 必要なロールを名前で指定します`)
)

// launchActions start code that runs with a role the caller passes
// (IAM User Guide, "Granting a user permissions to pass a role to an AWS
// service"), and what each does, as the verb phrase of a sentence.
var launchActions = []struct {
	action string
	what   Words
}{
	{"ec2:RunInstances", Words{"start an EC2 instance", "EC2 インスタンスを起動し"}},
	{"ec2:AssociateIamInstanceProfile", Words{"attach an instance profile to a running instance", "実行中のインスタンスにインスタンスプロファイルをアタッチし"}},
	{"lambda:CreateFunction", Words{"create a Lambda function", "Lambda 関数を作成し"}},
	{"lambda:UpdateFunctionConfiguration", Words{"change a Lambda function's execution role", "Lambda 関数の実行ロールを変更し"}},
	{"ecs:RegisterTaskDefinition", Words{"register an ECS task definition", "ECS のタスク定義を登録し"}},
	{"glue:CreateJob", Words{"create a Glue job", "Glue のジョブを作成し"}},
	{"glue:CreateDevEndpoint", Words{"create a Glue development endpoint", "Glue の開発エンドポイントを作成し"}},
	{"cloudformation:CreateStack", Words{"create a CloudFormation stack", "CloudFormation のスタックを作成し"}},
	{"codebuild:CreateProject", Words{"create a CodeBuild project", "CodeBuild のプロジェクトを作成し"}},
	{"sagemaker:CreateNotebookInstance", Words{"create a SageMaker notebook instance", "SageMaker のノートブックインスタンスを作成し"}},
	{"sagemaker:CreateTrainingJob", Words{"start a SageMaker training job", "SageMaker のトレーニングジョブを開始し"}},
	{"states:CreateStateMachine", Words{"create a Step Functions state machine", "Step Functions のステートマシンを作成し"}},
	{"datapipeline:CreatePipeline", Words{"create a Data Pipeline", "Data Pipeline を作成し"}},
}

// checkEscalation runs the privilege-escalation checks of an identity
// policy.
func checkEscalation(l *linter) {
	if l.t != policy.Identity {
		return
	}
	launch := l.allowedLaunch()
	for i := range l.stmts {
		s := l.stmts[i].s
		if s.Effect != policy.Allow || s.NotAction || !s.HasResource || s.NotResource {
			continue
		}
		l.passRolePath(s, launch)
		l.iamPath(s)
	}
}

// allowedLaunch returns the first launch action an Allow statement of the
// policy grants.
func (l *linter) allowedLaunch() string {
	for i := range l.p.Statements {
		s := &l.p.Statements[i]
		if s.Effect != policy.Allow || s.NotAction {
			continue
		}
		for _, v := range s.Actions {
			if v.S == "*" {
				continue // administrator access is reported as such
			}
			for _, la := range launchActions {
				if policy.MatchAction(v.S, la.action) {
					return la.action
				}
			}
		}
	}
	return ""
}

// grants returns the first entry of the statement's Action that matches
// the action, leaving "*" to security.fullAccess.
func grants(s *policy.Statement, action string) (policy.Value, bool) {
	for _, v := range s.Actions {
		if v.S != "*" && policy.MatchAction(v.S, action) {
			return v, true
		}
	}
	return policy.Value{}, false
}

func hasCondition(s *policy.Statement, key string) bool {
	for _, c := range s.Conditions {
		if strings.EqualFold(c.Key, key) {
			return true
		}
	}
	return false
}

// resourceList shows the statement's resources for a message's
// {name}{name_more|more}.
func resourceList(s *policy.Statement) (shown, more string) {
	names := make([]string, len(s.Resources))
	for i, r := range s.Resources {
		names[i] = r.S
	}
	return list(names, 2)
}

// passRolePath reports iam:PassRole that is not limited to a service.
func (l *linter) passRolePath(s *policy.Statement, launch string) {
	v, ok := grants(s, "iam:PassRole")
	if !ok || hasCondition(s, "iam:PassedToService") || hasCondition(s, "iam:AssociatedResourceArn") {
		return
	}
	roles, more := resourceList(s)
	if launch != "" {
		l.reportValue(chkPassRoleLaunch, v, "", "launch", launch, "roles", roles, "roles_more", more)
		return
	}
	if anyRoleResource(s.Resources) {
		return // security.passRoleStar says it
	}
	l.reportValue(chkPassRoleUnscoped, v, "", "roles", roles, "roles_more", more)
}

// iamPath reports IAM actions that let the caller rewrite its own
// permissions or a role's trust.
func (l *linter) iamPath(s *policy.Statement) {
	res, more := resourceList(s)
	if v, ok := grants(s, "iam:CreatePolicyVersion"); ok {
		l.reportValue(chkCreatePolicyVersion, v, "", "resources", res, "resources_more", more)
	}
	if v, ok := grants(s, "iam:UpdateAssumeRolePolicy"); ok {
		l.reportValue(chkUpdateTrust, v, "", "resources", res, "resources_more", more)
	}
	for _, a := range [...]struct{ action, kind string }{
		{"iam:PutUserPolicy", "user"}, {"iam:AttachUserPolicy", "user"},
		{"iam:PutRolePolicy", "role"}, {"iam:AttachRolePolicy", "role"},
	} {
		if v, ok := grants(s, a.action); ok && coversSelf(s.Resources, a.kind) {
			l.reportValue(chkSelfPolicy, v, a.kind, "action", a.action, "resources", res, "resources_more", more)
			break
		}
	}
	if v, ok := grants(s, "sts:AssumeRole"); ok && anyRoleResource(s.Resources) {
		l.reportValue(chkAssumeAnyRole, v, "", "action", v.S, "resources", res, "resources_more", more)
	}
}

// coversSelf reports whether the resources match every IAM user (or role),
// and so the caller's own, or name the caller by ${aws:username}.
func coversSelf(rs []policy.Value, kind string) bool {
	for _, r := range rs {
		if r.S == "*" || kind == "user" && strings.Contains(r.S, "${aws:username}") {
			return true
		}
		a, ok := policy.ParseARN(r.S)
		if ok && policy.Match(a.Service, "iam", false) && policy.Match(a.Resource, kind+"/any-"+kind+"-name", false) {
			return true
		}
	}
	return false
}
