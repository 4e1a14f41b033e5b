package lint

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

var (
	chkPrincipalColon = newCheck("principals", "principal.colon", Error,
		"an IAM user or role ARN written with a colon before the name (\"...:user:alice\"), which AWS rejects: it is \"...:user/alice\"",
		"名前の前がコロンになっている IAM ユーザーかロールの ARN (\"...:user:alice\") です。AWS は拒否します: 正しくは \"...:user/alice\" です").
		aa("INVALID_PRINCIPAL_FORMAT").
		msg("user", `an IAM user ARN separates the name with a slash, not a colon: write "{write}"; AWS rejects "{principal}" as an invalid principal`,
			`IAM ユーザーの ARN では、名前の前はコロンではなくスラッシュです: "{write}" と書きます。AWS は "{principal}" を無効なプリンシパルとして拒否します`).
		msg("role", `an IAM role ARN separates the name with a slash, not a colon: write "{write}"; AWS rejects "{principal}" as an invalid principal`,
			`IAM ロールの ARN では、名前の前はコロンではなくスラッシュです: "{write}" と書きます。AWS は "{principal}" を無効なプリンシパルとして拒否します`)
	chkPrincipalFormat = newCheck("principals", "principal.format", Error,
		"an AWS principal that is neither \"*\", a 12-digit account ID nor an ARN",
		"\"*\"、12 桁のアカウント ID、ARN のどれでもない AWS プリンシパルです").
		aa("INVALID_PRINCIPAL_FORMAT").
		msg("", `"{principal}" is not a principal: write "*", an account ID such as "111122223333", or an ARN such as "arn:aws:iam::111122223333:user/alice"`,
			`"{principal}" はプリンシパルではありません: "*"、"111122223333" のようなアカウント ID、または "arn:aws:iam::111122223333:user/alice" のような ARN を書きます`).
		msg("arn", `"{principal}" is not a complete ARN: arn:partition:service:region:account:resource, such as "arn:aws:iam::111122223333:role/Name"`,
			`"{principal}" は完全な ARN ではありません: "arn:aws:iam::111122223333:role/Name" のように arn:partition:service:region:account:resource の形で書きます`)
	chkPrincipalAccount = newCheck("principals", "principal.accountId", Error,
		"a principal whose account ID is not 12 digits",
		"アカウント ID が 12 桁ではないプリンシパルです").
		aa("INVALID_PRINCIPAL_FORMAT").
		msg("", `"{principal}" is not an AWS account ID: account IDs have exactly 12 digits (keep leading zeros)`,
			`"{principal}" は AWS のアカウント ID ではありません: アカウント ID はちょうど 12 桁です (先頭の 0 も省きません)`).
		msg("part", `the account part "{account}" of "{principal}" is not a 12-digit account ID`,
			`"{principal}" のアカウントの部分 "{account}" は 12 桁のアカウント ID ではありません`)
	chkPrincipalWildcard = newCheck("principals", "principal.wildcard", Error,
		"a wildcard inside a principal (\"arn:aws:iam::*:root\", \"role/*\"): only \"*\" alone is allowed; use a condition such as aws:PrincipalArn",
		"プリンシパルの中にワイルドカードがあります (\"arn:aws:iam::*:root\"、\"role/*\")。使えるのは \"*\" 単独だけです: aws:PrincipalArn などの条件を使います").
		aa("UNSUPPORTED_WILDCARD_IN_PRINCIPAL", "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL").
		msg("", `wildcards are not allowed inside a principal ARN ("{principal}"): use "AWS": "*" (or the account) with a condition such as "ArnLike": {"aws:PrincipalArn": "{principal}"}`,
			`プリンシパルの ARN の中ではワイルドカードを使えません ("{principal}"): "AWS": "*" (またはアカウント) に、"ArnLike": {"aws:PrincipalArn": "{principal}"} のような条件を組み合わせます`).
		msg("service", `wildcards are not allowed in a service principal: name the service, such as "lambda.amazonaws.com"`,
			`サービスプリンシパルではワイルドカードを使えません: "lambda.amazonaws.com" のようにサービスを指定します`)
	chkPrincipalARNType = newCheck("principals", "principal.arnType", Error,
		"an ARN in Principal that names no principal (not an account root, user, role, assumed-role session or federated user)",
		"どのプリンシパルも指していない ARN が Principal にあります (アカウントのルート、ユーザー、ロール、引き受けたロールのセッション、フェデレーションユーザーのどれでもありません)").
		aa("INVALID_PRINCIPAL_FORMAT").
		msg("group", "an IAM group cannot be a principal: name its users, or the account with a condition on aws:PrincipalArn",
			"IAM グループはプリンシパルになれません: グループのユーザーを指定するか、アカウントを指定して aws:PrincipalArn の条件を付けます").
		msg("provider", `an identity provider is a "Federated" principal, not an "AWS" one: write "Principal": {"Federated": "{principal}"}`,
			`ID プロバイダーは "AWS" ではなく "Federated" のプリンシパルです: "Principal": {"Federated": "{principal}"} と書きます`).
		msg("iam", `"{principal}" names no IAM principal: use the account root (":root"), a user (":user/NAME") or a role (":role/NAME")`,
			`"{principal}" はどの IAM プリンシパルも指していません: アカウントのルート (":root")、ユーザー (":user/NAME")、ロール (":role/NAME") のどれかを使います`).
		msg("sts", `"{principal}" names no STS principal: an assumed-role session is "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION"`,
			`"{principal}" はどの STS プリンシパルも指していません: 引き受けたロールのセッションは "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION" です`).
		msg("", `"{principal}" is the ARN of a {service} resource, not of a principal: a principal is an account, user, role or session (to name a service, use "Service")`,
			`"{principal}" はプリンシパルではなく {service} のリソースの ARN です: プリンシパルはアカウント、ユーザー、ロール、セッションのどれかです (サービスを指定するには "Service" を使います)`)
	chkPrincipalUniqueID = newCheck("principals", "principal.uniqueId", Warning,
		"a principal given by its unique ID (AIDA..., AROA...) rather than its ARN",
		"ARN ではなく一意の ID (AIDA...、AROA...) で書かれたプリンシパルです").
		msg("", `"{principal}" is a unique ID: IAM shows it when the user or role it named was deleted; write the principal's ARN, as a re-created principal gets a new ID`,
			`"{principal}" は一意の ID です。IAM がこれを表示するのは、指していたユーザーやロールが削除されたときです: プリンシパルの ARN を書きます (作り直したプリンシパルには新しい ID が付きます)`)
	chkServicePrincipalFormat = newCheck("principals", "principal.serviceFormat", Error,
		"a Service principal that is not a service's DNS-style name such as \"lambda.amazonaws.com\"",
		"\"lambda.amazonaws.com\" のような、サービスの DNS 形式の名前ではない Service プリンシパルです").
		aa("INVALID_SERVICE_PRINCIPAL_FORMAT").
		msg("", `"{principal}" is not a service principal: services are named like "ec2.amazonaws.com"`,
			`"{principal}" はサービスプリンシパルではありません: サービスは "ec2.amazonaws.com" のような名前です`).
		msg("hint", `"{principal}" is not a service principal: services are named like "ec2.amazonaws.com": did you mean "{hint}"?`,
			`"{principal}" はサービスプリンシパルではありません。サービスは "ec2.amazonaws.com" のような名前です: "{hint}" ではありませんか?`)
	chkServicePrincipalUnknown = newCheck("principals", "principal.unknownService", Warning,
		"a Service principal that the catalog does not know (with the nearest known one)",
		"カタログにない Service プリンシパルです (近いものを示します)").
		msg("", `the catalog knows no service principal "{principal}" (service principals usually are "SERVICE.amazonaws.com")`,
			`カタログにサービスプリンシパル "{principal}" はありません (サービスプリンシパルはたいてい "SERVICE.amazonaws.com" です)`).
		msg("hint", `the catalog knows no service principal "{principal}": did you mean "{hint}"?`,
			`カタログにサービスプリンシパル "{principal}" はありません: "{hint}" ではありませんか?`)
	chkFederated = newCheck("principals", "principal.federated", Error,
		"a Federated principal that is neither a SAML/OIDC provider ARN nor one of the web identity providers AWS names",
		"SAML/OIDC プロバイダーの ARN でも、AWS が挙げるウェブ ID プロバイダーでもない Federated プリンシパルです").
		aa("INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY").
		msg("", `"{principal}" is not a federated principal: use the ARN of an IAM identity provider ("arn:aws:iam::ACCOUNT:saml-provider/NAME" or "arn:aws:iam::ACCOUNT:oidc-provider/HOST"), or cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com`,
			`"{principal}" はフェデレーションのプリンシパルではありません: IAM の ID プロバイダーの ARN ("arn:aws:iam::ACCOUNT:saml-provider/NAME" か "arn:aws:iam::ACCOUNT:oidc-provider/HOST")、または cognito-identity.amazonaws.com、www.amazon.com、graph.facebook.com、accounts.google.com を使います`).
		msg("host", `"{principal}" is not a federated principal: use the ARN of an IAM identity provider ("arn:aws:iam::ACCOUNT:saml-provider/NAME" or "arn:aws:iam::ACCOUNT:oidc-provider/HOST"), or cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com; for an OIDC provider such as {principal}, write "arn:aws:iam::ACCOUNT:oidc-provider/{principal}"`,
			`"{principal}" はフェデレーションのプリンシパルではありません: IAM の ID プロバイダーの ARN ("arn:aws:iam::ACCOUNT:saml-provider/NAME" か "arn:aws:iam::ACCOUNT:oidc-provider/HOST")、または cognito-identity.amazonaws.com、www.amazon.com、graph.facebook.com、accounts.google.com を使います。{principal} のような OIDC プロバイダーなら "arn:aws:iam::ACCOUNT:oidc-provider/{principal}" と書きます`)
	chkCanonicalUser = newCheck("principals", "principal.canonicalUser", Error,
		"a CanonicalUser that is not a 64-character hexadecimal canonical user ID",
		"64 文字の 16 進数の正規ユーザー ID ではない CanonicalUser です").
		aa("INVALID_PRINCIPAL_FORMAT").
		msg("", `"{principal}" is not a canonical user ID (64 hexadecimal characters, as S3 shows for an account or CloudFront origin access identity)`,
			`"{principal}" は正規ユーザー ID ではありません (S3 がアカウントや CloudFront のオリジンアクセスアイデンティティに表示する、64 文字の 16 進数です)`)
	chkFederatedNotSupported = newCheck("principals", "principal.federatedNotSupported", Error,
		"a Federated principal in a resource-based policy that is not a role trust policy: only a role can be assumed through identity federation",
		"ロールの信頼ポリシーではないリソースベースのポリシーに Federated プリンシパルがあります。ID フェデレーションで引き受けられるのはロールだけです").
		aa("FEDERATED_PRINCIPAL_NOT_SUPPORTED").
		msg("", `a Federated principal can only assume a role: in {type|type} that is not a role trust policy it names no caller AWS accepts; name an account, user or role in "AWS" instead`,
			`Federated プリンシパルにできるのはロールを引き受けることだけです。ロールの信頼ポリシーではない{type|type}では、AWS が受け付ける呼び出し元を指していません: 代わりに "AWS" でアカウント、ユーザー、ロールを指定します`)
	chkPrincipalDuplicate = newCheck("principals", "principal.duplicate", Suggestion,
		"the same principal listed twice in one statement",
		"1 つのステートメントに同じプリンシパルが 2 回書かれています").
		msg("", `"{principal}" is listed twice: remove one`,
			`"{principal}" が 2 回書かれています: 1 つを削除します`)
)

// webIdentityProviders are the Federated names AWS accepts besides
// provider ARNs.
var webIdentityProviders = map[string]bool{"cognito-identity.amazonaws.com": true, "www.amazon.com": true,
	"graph.facebook.com": true, "accounts.google.com": true}

func checkPrincipals(l *linter) {
	for i := range l.p.Statements {
		s := &l.p.Statements[i]
		p := s.Principal
		if p == nil || p.Any {
			continue
		}
		seen := map[string]bool{}
		dup := func(v policy.Value) {
			if seen[v.S] {
				l.reportValue(chkPrincipalDuplicate, v, "", "principal", v.S)
			}
			seen[v.S] = true
		}
		for _, v := range p.AWS {
			dup(v)
			l.quoting("AWS", v, l.awsPrincipal)
		}
		for _, v := range p.Service {
			dup(v)
			l.quoting("Service", v, l.servicePrincipal)
		}
		for _, v := range p.Federated {
			dup(v)
			l.quoting("Federated", v, l.federated)
		}
		for _, v := range p.CanonicalUser {
			dup(v)
			l.quoting("CanonicalUser", v, l.canonicalUser)
		}
	}
}

// quoting runs a principal check and gives its findings the principal as
// IAM quotes it when it refuses one: "AWS":"arn:aws:iam::...".
func (l *linter) quoting(kind string, v policy.Value, check func(policy.Value)) {
	n := len(l.out)
	check(v)
	for i := n; i < len(l.out); i++ {
		l.out[i].subject = `"` + kind + `":"` + v.S + `"`
	}
}

func (l *linter) canonicalUser(v policy.Value) {
	if !isHex(v.S, 64) {
		l.reportValue(chkCanonicalUser, v, "", "principal", v.S)
	}
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func isUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 32 {
		return false
	}
	switch s[:4] {
	case "AIDA", "AROA", "AGPA", "AIPA", "ANPA", "ANVA", "ASIA", "AKIA":
	default:
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (l *linter) awsPrincipal(v policy.Value) {
	s := v.S
	switch {
	case s == "*":
		return
	case isDigits(s, 12):
		return
	case isDigits(s, len(s)) && s != "":
		l.reportValue(chkPrincipalAccount, v, "", "principal", s)
		return
	case isUniqueID(s):
		l.reportValue(chkPrincipalUniqueID, v, "", "principal", s)
		return
	case policy.HasVariable(s):
		return // reported by the variables checks
	case !strings.HasPrefix(s, "arn:"):
		l.reportValue(chkPrincipalFormat, v, "", "principal", s)
		return
	}
	a, ok := policy.ParseARN(s)
	if !ok {
		l.reportValue(chkPrincipalFormat, v, "arn", "principal", s)
		return
	}
	if hasWildcard(s) {
		l.reportValue(chkPrincipalWildcard, v, "", "principal", s)
		return
	}
	if isOriginAccessIdentity(a) {
		return
	}
	if !isDigits(a.Account, 12) {
		l.reportValue(chkPrincipalAccount, v, "part", "account", a.Account, "principal", s)
		return
	}
	res := a.Resource
	switch a.Service {
	case "iam":
		if res == "root" {
			return
		}
		for _, kind := range []string{"user", "role"} {
			if name, ok := strings.CutPrefix(res, kind+":"); ok {
				fix := "arn:" + a.Partition + ":iam::" + a.Account + ":" + kind + "/" + name
				l.reportValue(chkPrincipalColon, v, kind, "write", fix, "principal", s)
				return
			}
			if strings.HasPrefix(res, kind+"/") && len(res) > len(kind)+1 {
				return
			}
		}
		switch {
		case strings.HasPrefix(res, "group/"):
			l.reportValue(chkPrincipalARNType, v, "group", "principal", s)
		case strings.HasPrefix(res, "saml-provider/"), strings.HasPrefix(res, "oidc-provider/"):
			l.reportValue(chkPrincipalARNType, v, "provider", "principal", s)
		default:
			l.reportValue(chkPrincipalARNType, v, "iam", "principal", s)
		}
	case "sts":
		if strings.HasPrefix(res, "assumed-role/") && strings.Count(res, "/") == 2 || strings.HasPrefix(res, "federated-user/") {
			return
		}
		l.reportValue(chkPrincipalARNType, v, "sts", "principal", s)
	default:
		l.reportValue(chkPrincipalARNType, v, "", "principal", s, "service", a.Service)
	}
}

func (l *linter) servicePrincipal(v policy.Value) {
	s := v.S
	if s == "*" {
		return // "Service": "*" is the same as "*" and is a security finding
	}
	if hasWildcard(s) {
		l.reportValue(chkPrincipalWildcard, v, "service", "principal", s)
		return
	}
	ls := lower(s)
	if !strings.Contains(s, ".") || strings.HasPrefix(ls, "arn:") || strings.ContainsAny(s, " :/") {
		hint := ""
		if l.cat != nil && !strings.ContainsAny(s, " :/.") {
			if _, err := l.cat.Service(s); err == nil {
				hint = ls + ".amazonaws.com"
			}
		}
		l.reportValue(chkServicePrincipalFormat, v, hinted(hint), "principal", s, "hint", hint)
		return
	}
	if l.cat == nil {
		return
	}
	known := dataOf(l.cat).services()
	if known[ls] || strings.HasSuffix(ls, ".amazonaws.com.cn") && known[strings.TrimSuffix(ls, ".cn")] {
		return
	}
	// Regional forms such as "logs.us-east-1.amazonaws.com".
	if parts := strings.Split(ls, "."); len(parts) == 4 && known[parts[0]+".amazonaws.com"] {
		return
	}
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	sortStrings(names)
	hint := closest(ls, names)
	l.reportValue(chkServicePrincipalUnknown, v, hinted(hint), "principal", s, "hint", hint)
}

// isOriginAccessIdentity reports a CloudFront origin access identity, which
// S3 bucket policies name with an ARN of its own form (CloudFront and CDK
// generate it): arn:aws:iam::cloudfront:user/CloudFront Origin Access
// Identity EH1HDMB1FH2TC, with "cloudfront" where an account ID stands.
func isOriginAccessIdentity(a policy.ARN) bool {
	id, ok := strings.CutPrefix(a.Resource, "user/CloudFront Origin Access Identity ")
	return a.Service == "iam" && a.Account == "cloudfront" && ok && id != "" && !strings.ContainsAny(id, " /")
}

func (l *linter) federated(v policy.Value) {
	s := v.S
	if l.t == policy.Resource {
		l.reportValue(chkFederatedNotSupported, v, "", "type", l.t.String())
		return
	}
	if webIdentityProviders[s] {
		return
	}
	if a, ok := policy.ParseARN(s); ok && a.Service == "iam" {
		if strings.HasPrefix(a.Resource, "saml-provider/") || strings.HasPrefix(a.Resource, "oidc-provider/") {
			if !isDigits(a.Account, 12) {
				l.reportValue(chkPrincipalAccount, v, "part", "account", a.Account, "principal", s)
			}
			return
		}
	}
	form := ""
	if !strings.HasPrefix(s, "arn:") && strings.Contains(s, ".") {
		form = "host"
	}
	l.reportValue(chkFederated, v, form, "principal", s)
}
