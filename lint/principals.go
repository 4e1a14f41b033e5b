package lint

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

var (
	chkPrincipalColon = newCheck("principals", "principal.colon", Error,
		"an IAM user or role ARN written with a colon before the name (\"...:user:alice\"), which AWS rejects: it is \"...:user/alice\"").
		aa("INVALID_PRINCIPAL_FORMAT")
	chkPrincipalFormat = newCheck("principals", "principal.format", Error,
		"an AWS principal that is neither \"*\", a 12-digit account ID nor an ARN").
		aa("INVALID_PRINCIPAL_FORMAT")
	chkPrincipalAccount = newCheck("principals", "principal.accountId", Error,
		"a principal whose account ID is not 12 digits").
		aa("INVALID_PRINCIPAL_FORMAT")
	chkPrincipalWildcard = newCheck("principals", "principal.wildcard", Error,
		"a wildcard inside a principal (\"arn:aws:iam::*:root\", \"role/*\"): only \"*\" alone is allowed; use a condition such as aws:PrincipalArn").
		aa("UNSUPPORTED_WILDCARD_IN_PRINCIPAL", "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL")
	chkPrincipalARNType = newCheck("principals", "principal.arnType", Error,
		"an ARN in Principal that names no principal (not an account root, user, role, assumed-role session or federated user)").
		aa("INVALID_PRINCIPAL_FORMAT")
	chkPrincipalUniqueID = newCheck("principals", "principal.uniqueId", Warning,
		"a principal given by its unique ID (AIDA..., AROA...) rather than its ARN")
	chkServicePrincipalFormat = newCheck("principals", "principal.serviceFormat", Error,
		"a Service principal that is not a service's DNS-style name such as \"lambda.amazonaws.com\"").
		aa("INVALID_SERVICE_PRINCIPAL_FORMAT")
	chkServicePrincipalUnknown = newCheck("principals", "principal.unknownService", Warning,
		"a Service principal that the catalog does not know (with the nearest known one)")
	chkFederated = newCheck("principals", "principal.federated", Error,
		"a Federated principal that is neither a SAML/OIDC provider ARN nor one of the web identity providers AWS names").
		aa("INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY")
	chkCanonicalUser = newCheck("principals", "principal.canonicalUser", Error,
		"a CanonicalUser that is not a 64-character hexadecimal canonical user ID").
		aa("INVALID_PRINCIPAL_FORMAT")
	chkFederatedNotSupported = newCheck("principals", "principal.federatedNotSupported", Error,
		"a Federated principal in a resource-based policy that is not a role trust policy: only a role can be assumed through identity federation").
		aa("FEDERATED_PRINCIPAL_NOT_SUPPORTED")
	chkPrincipalDuplicate = newCheck("principals", "principal.duplicate", Suggestion,
		"the same principal listed twice in one statement")
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
				l.reportValue(chkPrincipalDuplicate, v, quote(v.S)+" is listed twice: remove one")
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
		l.reportValue(chkCanonicalUser, v, quote(v.S)+" is not a canonical user ID (64 hexadecimal characters, as S3 shows for an account or CloudFront origin access identity)")
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
		l.reportValue(chkPrincipalAccount, v, quote(s)+" is not an AWS account ID: account IDs have exactly 12 digits (keep leading zeros)")
		return
	case isUniqueID(s):
		l.reportValue(chkPrincipalUniqueID, v, quote(s)+" is a unique ID: IAM shows it when the user or role it named was deleted; write the principal's ARN, as a re-created principal gets a new ID")
		return
	case policy.HasVariable(s):
		return // reported by the variables checks
	case !strings.HasPrefix(s, "arn:"):
		l.reportValue(chkPrincipalFormat, v, quote(s)+" is not a principal: write \"*\", an account ID such as \"111122223333\", or an ARN such as \"arn:aws:iam::111122223333:user/alice\"")
		return
	}
	a, ok := policy.ParseARN(s)
	if !ok {
		l.reportValue(chkPrincipalFormat, v, quote(s)+" is not a complete ARN: arn:partition:service:region:account:resource, such as \"arn:aws:iam::111122223333:role/Name\"")
		return
	}
	if hasWildcard(s) {
		l.reportValue(chkPrincipalWildcard, v, "wildcards are not allowed inside a principal ARN ("+quote(s)+"): use \"AWS\": \"*\" (or the account) with a condition such as \"ArnLike\": {\"aws:PrincipalArn\": \""+s+"\"}")
		return
	}
	if isOriginAccessIdentity(a) {
		return
	}
	if !isDigits(a.Account, 12) {
		l.reportValue(chkPrincipalAccount, v, "the account part "+quote(a.Account)+" of "+quote(s)+" is not a 12-digit account ID")
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
				l.reportValue(chkPrincipalColon, v, "an IAM "+kind+" ARN separates the name with a slash, not a colon: write "+quote(fix)+"; AWS rejects "+quote(s)+" as an invalid principal")
				return
			}
			if strings.HasPrefix(res, kind+"/") && len(res) > len(kind)+1 {
				return
			}
		}
		switch {
		case strings.HasPrefix(res, "group/"):
			l.reportValue(chkPrincipalARNType, v, "an IAM group cannot be a principal: name its users, or the account with a condition on aws:PrincipalArn")
		case strings.HasPrefix(res, "saml-provider/"), strings.HasPrefix(res, "oidc-provider/"):
			l.reportValue(chkPrincipalARNType, v, "an identity provider is a \"Federated\" principal, not an \"AWS\" one: write \"Principal\": {\"Federated\": \""+s+"\"}")
		default:
			l.reportValue(chkPrincipalARNType, v, quote(s)+" names no IAM principal: use the account root (\":root\"), a user (\":user/NAME\") or a role (\":role/NAME\")")
		}
	case "sts":
		if strings.HasPrefix(res, "assumed-role/") && strings.Count(res, "/") == 2 || strings.HasPrefix(res, "federated-user/") {
			return
		}
		l.reportValue(chkPrincipalARNType, v, quote(s)+" names no STS principal: an assumed-role session is \"arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION\"")
	default:
		l.reportValue(chkPrincipalARNType, v, quote(s)+" is the ARN of a "+a.Service+" resource, not of a principal: a principal is an account, user, role or session (to name a service, use \"Service\")")
	}
}

func (l *linter) servicePrincipal(v policy.Value) {
	s := v.S
	if s == "*" {
		return // "Service": "*" is the same as "*" and is a security finding
	}
	if hasWildcard(s) {
		l.reportValue(chkPrincipalWildcard, v, "wildcards are not allowed in a service principal: name the service, such as \"lambda.amazonaws.com\"")
		return
	}
	ls := lower(s)
	if !strings.Contains(s, ".") || strings.HasPrefix(ls, "arn:") || strings.ContainsAny(s, " :/") {
		hint := ""
		if l.cat != nil && !strings.ContainsAny(s, " :/.") {
			if _, err := l.cat.Service(s); err == nil {
				hint = ": did you mean " + quote(ls+".amazonaws.com") + "?"
			}
		}
		l.reportValue(chkServicePrincipalFormat, v, quote(s)+" is not a service principal: services are named like \"ec2.amazonaws.com\""+hint)
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
	msg := "the catalog knows no service principal " + quote(s)
	if hint := closest(ls, names); hint != "" {
		msg += ": did you mean " + quote(hint) + "?"
	} else {
		msg += " (service principals usually are \"SERVICE.amazonaws.com\")"
	}
	l.reportValue(chkServicePrincipalUnknown, v, msg)
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
		l.reportValue(chkFederatedNotSupported, v, "a Federated principal can only assume a role: in "+l.t.Long()+" that is not a role trust policy it names no caller AWS accepts; name an account, user or role in \"AWS\" instead")
		return
	}
	if webIdentityProviders[s] {
		return
	}
	if a, ok := policy.ParseARN(s); ok && a.Service == "iam" {
		if strings.HasPrefix(a.Resource, "saml-provider/") || strings.HasPrefix(a.Resource, "oidc-provider/") {
			if !isDigits(a.Account, 12) {
				l.reportValue(chkPrincipalAccount, v, "the account part "+quote(a.Account)+" of "+quote(s)+" is not a 12-digit account ID")
			}
			return
		}
	}
	msg := quote(s) + " is not a federated principal: use the ARN of an IAM identity provider (\"arn:aws:iam::ACCOUNT:saml-provider/NAME\" or \"arn:aws:iam::ACCOUNT:oidc-provider/HOST\"), or cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com"
	if !strings.HasPrefix(s, "arn:") && strings.Contains(s, ".") {
		msg += "; for an OIDC provider such as " + s + ", write \"arn:aws:iam::ACCOUNT:oidc-provider/" + s + "\""
	}
	l.reportValue(chkFederated, v, msg)
}
