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
		"iam:PassRole together with an action that starts code with a role (ec2:RunInstances, lambda:CreateFunction...): the caller can run code as any role it may pass")
	chkPassRoleUnscoped = newCheck("security", "security.passRoleUnscoped", SecurityWarning,
		"iam:PassRole on roles without an iam:PassedToService condition: the caller can hand those roles to any service that runs code with them")
	chkCreatePolicyVersion = newCheck("security", "security.createPolicyVersion", SecurityWarning,
		"iam:CreatePolicyVersion: the caller can write a new default version of a managed policy, one attached to itself included")
	chkSelfPolicy = newCheck("security", "security.selfPolicy", SecurityWarning,
		"iam:AttachUserPolicy or iam:PutUserPolicy on every user or on ${aws:username} (the role actions on every role): the caller can give itself any permission")
	chkUpdateTrust = newCheck("security", "security.updateAssumeRolePolicy", SecurityWarning,
		"iam:UpdateAssumeRolePolicy: the caller can make a role trust itself, then assume it")
	chkAssumeAnyRole = newCheck("security", "security.assumeRoleStar", SecurityWarning,
		"sts:AssumeRole on every role (\"*\"): the caller can assume any role whose trust policy lets it in")
)

// launchActions start code that runs with a role the caller passes
// (IAM User Guide, "Granting a user permissions to pass a role to an AWS
// service"), and what each creates.
var launchActions = []struct{ action, what string }{
	{"ec2:RunInstances", "start an EC2 instance"},
	{"ec2:AssociateIamInstanceProfile", "attach an instance profile to a running instance"},
	{"lambda:CreateFunction", "create a Lambda function"},
	{"lambda:UpdateFunctionConfiguration", "change a Lambda function's execution role"},
	{"ecs:RegisterTaskDefinition", "register an ECS task definition"},
	{"glue:CreateJob", "create a Glue job"},
	{"glue:CreateDevEndpoint", "create a Glue development endpoint"},
	{"cloudformation:CreateStack", "create a CloudFormation stack"},
	{"codebuild:CreateProject", "create a CodeBuild project"},
	{"sagemaker:CreateNotebookInstance", "create a SageMaker notebook instance"},
	{"sagemaker:CreateTrainingJob", "start a SageMaker training job"},
	{"states:CreateStateMachine", "create a Step Functions state machine"},
	{"datapipeline:CreatePipeline", "create a Data Pipeline"},
}

// checkEscalation runs the privilege-escalation checks of an identity
// policy.
func checkEscalation(l *linter) {
	if l.t != policy.Identity {
		return
	}
	launch, launchWhat := l.allowedLaunch()
	for i := range l.stmts {
		s := l.stmts[i].s
		if s.Effect != policy.Allow || s.NotAction || !s.HasResource || s.NotResource {
			continue
		}
		l.passRolePath(s, launch, launchWhat)
		l.iamPath(s)
	}
}

// allowedLaunch returns the first launch action an Allow statement of the
// policy grants, and what it does.
func (l *linter) allowedLaunch() (action, what string) {
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
					return la.action, la.what
				}
			}
		}
	}
	return "", ""
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

func resourceList(s *policy.Statement) string {
	names := make([]string, len(s.Resources))
	for i, r := range s.Resources {
		names[i] = r.S
	}
	return listSome(names, 2)
}

// passRolePath reports iam:PassRole that is not limited to a service.
func (l *linter) passRolePath(s *policy.Statement, launch, launchWhat string) {
	v, ok := grants(s, "iam:PassRole")
	if !ok || hasCondition(s, "iam:PassedToService") || hasCondition(s, "iam:AssociatedResourceArn") {
		return
	}
	roles := resourceList(s)
	if launch != "" {
		l.reportValue(chkPassRoleLaunch, v, "with "+launch+" in this policy, iam:PassRole on "+roles+" lets the caller "+launchWhat+" with any of those roles and act with the role's permissions from it: pass only the role that code needs, and limit it with iam:PassedToService")
		return
	}
	if anyRoleResource(s.Resources) {
		return // security.passRoleStar says it
	}
	l.reportValue(chkPassRoleUnscoped, v, "iam:PassRole on "+roles+" lets the caller hand those roles to any AWS service that runs code with them (an EC2 instance, a Lambda function) and then act with their permissions: if the caller only looks roles up or assumes them, remove iam:PassRole; otherwise add an iam:PassedToService condition")
}

// iamPath reports IAM actions that let the caller rewrite its own
// permissions or a role's trust.
func (l *linter) iamPath(s *policy.Statement) {
	res := resourceList(s)
	if v, ok := grants(s, "iam:CreatePolicyVersion"); ok {
		l.reportValue(chkCreatePolicyVersion, v, "iam:CreatePolicyVersion on "+res+" lets the caller write a new default version of those managed policies, one attached to itself included, and so grant itself any permission: grant it only to administrators")
	}
	if v, ok := grants(s, "iam:UpdateAssumeRolePolicy"); ok {
		l.reportValue(chkUpdateTrust, v, "iam:UpdateAssumeRolePolicy on "+res+" lets the caller rewrite those roles' trust policies to trust itself, then assume them and act with their permissions: grant it only to administrators")
	}
	for _, a := range [...]struct{ action, kind string }{
		{"iam:PutUserPolicy", "user"}, {"iam:AttachUserPolicy", "user"},
		{"iam:PutRolePolicy", "role"}, {"iam:AttachRolePolicy", "role"},
	} {
		if v, ok := grants(s, a.action); ok && coversSelf(s.Resources, a.kind) {
			l.reportValue(chkSelfPolicy, v, a.action+" on "+res+" lets the caller add a policy to its own "+a.kind+" and so give itself any permission: name the "+a.kind+"s it manages, which must not include itself")
			break
		}
	}
	if v, ok := grants(s, "sts:AssumeRole"); ok && anyRoleResource(s.Resources) {
		l.reportValue(chkAssumeAnyRole, v, quote(v.S)+" on "+res+" lets the caller assume every role, in any account, whose trust policy lets it or its account in, and act with that role's permissions: name the roles it needs")
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
