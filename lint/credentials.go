package lint

import (
	"strings"

	"github.com/iamlab/iamlab/authz"
)

// chkCredentials is about the request rather than a policy: some kinds of
// credentials cannot call some actions at all, whatever the policies say
// (IAM User Guide, "Compare AWS STS credentials"; AWS STS API Reference).
// The engine decides by the policies alone, so the lint says it.
var chkCredentials = newCheck("request", "request.credentials", Warning,
	"a request AWS refuses for the caller's kind of credentials whatever the policies allow (the root user or an anonymous caller calling sts:AssumeRole, a federated user calling IAM or STS, a role session calling sts:GetFederationToken or sts:GetSessionToken)",
	"ポリシーが何を許可していても、呼び出し元の認証情報の種類を理由に AWS が拒否するリクエストです (ルートユーザーや匿名の呼び出し元による sts:AssumeRole、フェデレーションユーザーによる IAM や STS の呼び出し、ロールのセッションによる sts:GetFederationToken や sts:GetSessionToken)").
	msg("root", "the root user cannot call sts:AssumeRole (sign in as an IAM user or use a role), whatever the trust policy allows",
		"信頼ポリシーが何を許可していても、ルートユーザーは sts:AssumeRole を呼び出せません (IAM ユーザーとしてサインインするか、ロールを使います)").
	msg("anonymous", "sts:AssumeRole needs signed AWS credentials: an anonymous caller cannot call it, whatever the trust policy allows",
		"sts:AssumeRole には署名付きの AWS 認証情報が必要です。信頼ポリシーが何を許可していても、匿名の呼び出し元は呼び出せません").
	msg("federatedIAM", "a federated user session (from GetFederationToken) cannot call IAM operations, whatever its policies allow",
		"ポリシーが何を許可していても、フェデレーションユーザーのセッション (GetFederationToken で得たもの) は IAM のオペレーションを呼び出せません").
	msg("federatedSTS", "a federated user session (from GetFederationToken) cannot call STS operations except sts:GetCallerIdentity, whatever its policies allow",
		"ポリシーが何を許可していても、フェデレーションユーザーのセッション (GetFederationToken で得たもの) は sts:GetCallerIdentity 以外の STS のオペレーションを呼び出せません").
	msg("roleSession", "a role session cannot call sts:GetFederationToken or sts:GetSessionToken, whatever its policies allow",
		"ポリシーが何を許可していても、ロールのセッションは sts:GetFederationToken も sts:GetSessionToken も呼び出せません")

// credentialsLimit returns the form of the message that says why AWS
// refuses the action to this caller's credentials, or "".
func credentialsLimit(c authz.Kind, action string) string {
	svc, name, _ := strings.Cut(strings.ToLower(action), ":")
	switch {
	case c == authz.KindRoot && svc == "sts" && name == "assumerole":
		return "root"
	case c == authz.KindAnonymous && svc == "sts" && name == "assumerole":
		return "anonymous"
	case c == authz.KindFederatedUser && svc == "iam":
		return "federatedIAM"
	case c == authz.KindFederatedUser && svc == "sts" && name != "getcalleridentity":
		return "federatedSTS"
	case (c == authz.KindRoleSession || c == authz.KindRole) && svc == "sts" && (name == "getfederationtoken" || name == "getsessiontoken"):
		return "roleSession"
	}
	return ""
}

// checkCredentials reports a request AWS refuses to the caller's kind of
// credentials, at the request's action.
func checkCredentials(s *authz.Request, actionOff int32) []Finding {
	c, err := authz.ParseCaller(s.Principal, s.Action)
	if err != nil {
		return nil
	}
	form := credentialsLimit(c.Kind, s.Action)
	if form == "" {
		return nil
	}
	f := newFinding(chkCredentials, form, nil)
	f.Off, f.Path = actionOff, "request.action"
	return []Finding{f}
}
