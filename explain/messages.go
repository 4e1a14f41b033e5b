// Package explain turns an authz.Result into words, in English and in
// Japanese: messages for the stable codes of the trace, the headline that
// names what decided, what would change the decision, a JSON document and
// a text report. The page shows the same words: they are written here
// once.
package explain

import (
	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/lang"
)

// Lang is a language of the messages.
type Lang = lang.Lang

// The languages.
const (
	English  = lang.English
	Japanese = lang.Japanese
)

// Langs lists the languages.
var Langs = lang.All

// reasonCodes are the codes of the trace's reasons (statements, policies,
// decisions): the codes Codes lists.
var reasonCodes = []authz.Code{
	authz.StmtMatched, authz.StmtActionNotMatched, authz.StmtNotActionExcluded, authz.StmtResourceNotMatched,
	authz.StmtNotResourceExcl, authz.StmtPrincipalNotNamed, authz.StmtNotPrincipalExcl, authz.StmtNotPrincipalBoundary,
	authz.StmtConditionFailed, authz.StmtVariableUnresolved,
	authz.NotApplicableCaller, authz.NotApplicableServiceLinked, authz.NotApplicableRCPService,
	authz.ReasonExplicitDeny, authz.ReasonAllowedIdentity, authz.ReasonAllowedResource, authz.ReasonAllowedBoth,
	authz.ReasonAllowedRoot, authz.ReasonSCPNoAllow, authz.ReasonNoAllow, authz.ReasonBoundaryNoAllow,
	authz.ReasonSessionNoAllow, authz.ReasonFederatedNoSession, authz.ReasonResourceRequired,
	authz.ReasonCrossAccountNoRBP, authz.ReasonCrossAccountNoID, authz.ReasonNoIdentityForCaller,
}

// messages holds every text, by language and key: the reason codes, the
// rules that decide conditions (condition.rule.*), the edits of what would
// change a decision (change.*, templates), and the phrases of headlines
// and reports (templates). A template's {name} is filled in by fill.
var messages = map[Lang]map[string]string{
	English: {
		string(authz.StmtMatched):              "the statement applies to the request",
		string(authz.StmtActionNotMatched):     "the action is not in Action",
		string(authz.StmtNotActionExcluded):    "the action is listed in NotAction",
		string(authz.StmtResourceNotMatched):   "the resource is not in Resource",
		string(authz.StmtNotResourceExcl):      "the resource is listed in NotResource",
		string(authz.StmtPrincipalNotNamed):    "the caller is not named in Principal",
		string(authz.StmtNotPrincipalExcl):     "the caller is listed in NotPrincipal",
		string(authz.StmtNotPrincipalBoundary): "the caller is listed in NotPrincipal, but a Deny with NotPrincipal applies to every IAM user or role that has a permissions boundary",
		string(authz.StmtConditionFailed):      "a condition is not met",
		string(authz.StmtVariableUnresolved):   "the resource is not in Resource: an entry with a policy variable that has no value in the request matches no resource",

		string(authz.NotApplicableCaller):        "this policy type does not apply to this kind of caller",
		string(authz.NotApplicableServiceLinked): "service-linked roles are not restricted by organization policies",
		string(authz.NotApplicableRCPService):    "RCPs do not apply to this action: its service does not support them (or, for kms:RetireGrant, AWS exempts it)",

		string(authz.ReasonExplicitDeny):        "a Deny statement matched: an explicit deny overrides every allow",
		string(authz.ReasonAllowedIdentity):     "an identity-based policy allows the request and nothing limits it",
		string(authz.ReasonAllowedResource):     "the resource-based policy allows the request for this caller",
		string(authz.ReasonAllowedBoth):         "cross-account: the caller's identity-based policy and the resource-based policy both allow the request",
		string(authz.ReasonAllowedRoot):         "the root user has full access to its own account's resources",
		string(authz.ReasonSCPNoAllow):          "a level of service control policies has no Allow for the request",
		string(authz.ReasonNoAllow):             "no identity-based or resource-based policy allows the request",
		string(authz.ReasonBoundaryNoAllow):     "the permissions boundary does not allow the request",
		string(authz.ReasonSessionNoAllow):      "the session policy does not allow the request",
		string(authz.ReasonFederatedNoSession):  "a federated user session without a session policy has no permissions",
		string(authz.ReasonResourceRequired):    "a role trust policy or KMS key policy must itself allow the caller, and it does not",
		string(authz.ReasonCrossAccountNoRBP):   "cross-account: the resource-based policy of the resource's account does not allow the caller",
		string(authz.ReasonCrossAccountNoID):    "cross-account: no identity-based policy of the caller's account allows the request",
		string(authz.ReasonNoIdentityForCaller): "this caller has no identity policies: only the resource-based policy can allow it, and it does not",

		"condition.rule.compared":    "the request's value is compared with the policy's values",
		"condition.rule.multivalued": "the key has several values and the operator no ForAllValues or ForAnyValue: the condition holds when one request value matches a policy value (for a negated operator, when none does)",
		"condition.rule.set":         "ForAllValues or ForAnyValue compares the request's values with the policy's",
		"condition.rule.emptySet":    "the key is absent or has only empty values: ForAllValues holds, ForAnyValue does not",
		"condition.rule.absent":      "the key is absent from the request: the operator fails, a negated operator holds",
		"condition.rule.ifExists":    "the key is absent from the request, so the ...IfExists operator holds",
		"condition.rule.nullCheck":   "Null tests whether the key is in the request",
		"condition.nullVariable":     "the policy variable ${{var}} has no value in the request: a value that holds it equals and is like nothing",

		string(authz.ChangeAddAction):      "add {action} to the Action of {statement} in {policy}",
		string(authz.ChangeAddResource):    "add {resource} to the Resource of {statement} in {policy}",
		string(authz.ChangeAddPrincipal):   "name {principal} in the Principal of {statement} in {policy}",
		string(authz.ChangeMeetCondition):  "make the condition of {statement} in {policy} hold (change its values or the request): {condition}",
		string(authz.ChangeAddStatement):   "add to {policy} a statement that allows {action} on {resource}",
		string(authz.ChangeBreakCondition): "the Deny {statement} of {policy} applies because {condition}: it stops applying when that condition fails",
		string(authz.ChangeRemoveDeny):     "the Deny {statement} of {policy} applies to the request and has no condition: narrow its Action, Resource or Principal, or remove it",
		"change.principalFor":              "{text} for {principal}",
		"change.thenDecision":              "after these edits the decision is {decision}",

		"phrase.statement":       "statement {name}",
		"phrase.newStatement":    "a new statement",
		"phrase.newPolicy":       "a new {type}",
		"phrase.level":           "level {n}",
		"phrase.explicitDeny":    "explicitly denied by {policy}, {statement}",
		"phrase.allowed":         "allowed by {policy}, {statement}",
		"phrase.because":         "{text}, because {conditions}",
		"phrase.and":             "{a} and {b}",
		"phrase.also":            "{a}; also {b}",
		"phrase.implicitDeny":    "implicitly denied: {reason}",
		"phrase.blockedBy":       "{text} ({policy})",
		"phrase.allowedBecause":  "allowed: {reason}",
		"phrase.condMatches":     "{key} = {request} matches {values} ({op})",
		"phrase.condNoMatch":     "{key} = {request} does not match {values} ({op})",
		"phrase.condNotIn":       "{key} = {request} is not in {values} ({op})",
		"phrase.condIn":          "{key} = {request} is in {values} ({op})",
		"phrase.condAbsent":      "{key} is absent from the request ({op})",
		"phrase.condEmpty":       "{key} has no values ({op})",
		"phrase.condPresent":     "{key} is in the request (Null {values})",
		"phrase.condNotPresent":  "{key} is not in the request (Null {values})",
		"phrase.condNullVar":     "{text}; ${{var}} has no value, so the value that holds it matches nothing",
		"type.identity":          "identity policy",
		"type.boundary":          "permissions boundary",
		"type.session":           "session policy",
		"type.resource":          "resource policy",
		"type.trust":             "trust policy",
		"type.scp":               "SCP",
		"type.rcp":               "RCP",
		"word.allowed":           "allowed",
		"word.explicitDeny":      "explicitly denied",
		"word.implicitDeny":      "implicitly denied",
		"text.whatWouldChange":   "what would change it:",
		"text.nothingWouldAllow": "no edit of one statement or one new statement was found that would change it",
	},
	Japanese: {
		string(authz.StmtMatched):              "ステートメントがリクエストに該当します",
		string(authz.StmtActionNotMatched):     "アクションが Action に含まれていません",
		string(authz.StmtNotActionExcluded):    "アクションが NotAction に含まれています",
		string(authz.StmtResourceNotMatched):   "リソースが Resource に含まれていません",
		string(authz.StmtNotResourceExcl):      "リソースが NotResource に含まれています",
		string(authz.StmtPrincipalNotNamed):    "呼び出し元が Principal に含まれていません",
		string(authz.StmtNotPrincipalExcl):     "呼び出し元が NotPrincipal に含まれています",
		string(authz.StmtNotPrincipalBoundary): "呼び出し元は NotPrincipal に含まれていますが、NotPrincipal を使った Deny は、アクセス許可の境界を持つすべての IAM ユーザーとロールに適用されます",
		string(authz.StmtConditionFailed):      "条件を満たしていません",
		string(authz.StmtVariableUnresolved):   "リソースが Resource に含まれていません: リクエストに値のないポリシー変数を含むエントリは、どのリソースにも一致しません",

		string(authz.NotApplicableCaller):        "このポリシータイプはこの種類の呼び出し元には適用されません",
		string(authz.NotApplicableServiceLinked): "サービスにリンクされたロールは組織のポリシーで制限されません",
		string(authz.NotApplicableRCPService):    "このアクションには RCP が適用されません: サービスが RCP に対応していません (kms:RetireGrant は AWS が適用対象外としています)",

		string(authz.ReasonExplicitDeny):        "Deny ステートメントが該当しました。明示的な拒否はあらゆる許可に優先します",
		string(authz.ReasonAllowedIdentity):     "アイデンティティベースのポリシーが許可し、制限するものがありません",
		string(authz.ReasonAllowedResource):     "リソースベースのポリシーがこの呼び出し元にリクエストを許可しています",
		string(authz.ReasonAllowedBoth):         "クロスアカウント: 呼び出し元のアイデンティティベースのポリシーとリソースベースのポリシーの両方が許可しています",
		string(authz.ReasonAllowedRoot):         "ルートユーザーは自分のアカウントのリソースに完全なアクセス権を持ちます",
		string(authz.ReasonSCPNoAllow):          "サービスコントロールポリシーのある階層に、リクエストを許可する Allow がありません",
		string(authz.ReasonNoAllow):             "リクエストを許可するアイデンティティベースのポリシーもリソースベースのポリシーもありません",
		string(authz.ReasonBoundaryNoAllow):     "アクセス許可の境界がリクエストを許可していません",
		string(authz.ReasonSessionNoAllow):      "セッションポリシーがリクエストを許可していません",
		string(authz.ReasonFederatedNoSession):  "セッションポリシーのないフェデレーションユーザーのセッションには権限がありません",
		string(authz.ReasonResourceRequired):    "ロールの信頼ポリシーと KMS キーポリシーは、それ自体が呼び出し元を許可する必要がありますが、許可していません",
		string(authz.ReasonCrossAccountNoRBP):   "クロスアカウント: リソースのアカウントのリソースベースのポリシーが呼び出し元を許可していません",
		string(authz.ReasonCrossAccountNoID):    "クロスアカウント: 呼び出し元のアカウントのアイデンティティベースのポリシーがリクエストを許可していません",
		string(authz.ReasonNoIdentityForCaller): "この呼び出し元にはアイデンティティポリシーがありません。許可できるのはリソースベースのポリシーだけですが、許可していません",

		"condition.rule.compared":    "リクエストの値をポリシーの値と比較します",
		"condition.rule.multivalued": "キーに複数の値があり、演算子に ForAllValues も ForAnyValue もありません: リクエストの値のどれかがポリシーの値に一致すれば条件は成り立ちます (否定の演算子では、どれも一致しないとき)",
		"condition.rule.set":         "ForAllValues または ForAnyValue が、リクエストの値の集合をポリシーの値と比較します",
		"condition.rule.emptySet":    "キーがないか、空の値しかありません: ForAllValues は成り立ち、ForAnyValue は成り立ちません",
		"condition.rule.absent":      "キーがリクエストにありません: 演算子は成り立たず、否定の演算子は成り立ちます",
		"condition.rule.ifExists":    "キーがリクエストにないため、...IfExists の演算子は成り立ちます",
		"condition.rule.nullCheck":   "Null はキーがリクエストにあるかどうかを調べます",
		"condition.nullVariable":     "ポリシー変数 ${{var}} にはリクエストに値がありません: それを含む値は、どの値とも等しくなく、一致もしません",

		string(authz.ChangeAddAction):      "{policy} の {statement} の Action に {action} を加える",
		string(authz.ChangeAddResource):    "{policy} の {statement} の Resource に {resource} を加える",
		string(authz.ChangeAddPrincipal):   "{policy} の {statement} の Principal に {principal} を加える",
		string(authz.ChangeMeetCondition):  "{policy} の {statement} の条件が成り立つようにする (ポリシーの値かリクエストを変える): {condition}",
		string(authz.ChangeAddStatement):   "{policy} に {resource} への {action} を許可するステートメントを加える",
		string(authz.ChangeBreakCondition): "{policy} の Deny {statement} は、条件「{condition}」が成り立つため適用されます。この条件が成り立たなくなれば適用されません",
		string(authz.ChangeRemoveDeny):     "{policy} の Deny {statement} は条件がなく、このリクエストに適用されます: Action、Resource、Principal を絞るか、削除する",
		"change.principalFor":              "{text} (対象: {principal})",
		"change.thenDecision":              "これらを変更すると判定は{decision}になります",

		"phrase.statement":       "ステートメント {name}",
		"phrase.newStatement":    "新しいステートメント",
		"phrase.newPolicy":       "新しい{type}",
		"phrase.level":           "階層 {n}",
		"phrase.explicitDeny":    "{policy} の {statement} により明示的に拒否されました",
		"phrase.allowed":         "{policy} の {statement} により許可されました",
		"phrase.because":         "{text} (理由: {conditions})",
		"phrase.and":             "{a}、{b}",
		"phrase.also":            "{a}。また {b}",
		"phrase.implicitDeny":    "暗黙的に拒否されました: {reason}",
		"phrase.blockedBy":       "{text} ({policy})",
		"phrase.allowedBecause":  "許可されました: {reason}",
		"phrase.condMatches":     "{key} = {request} は {values} に一致します ({op})",
		"phrase.condNoMatch":     "{key} = {request} は {values} に一致しません ({op})",
		"phrase.condNotIn":       "{key} = {request} は {values} のどれでもありません ({op})",
		"phrase.condIn":          "{key} = {request} は {values} のどれかです ({op})",
		"phrase.condAbsent":      "{key} がリクエストにありません ({op})",
		"phrase.condEmpty":       "{key} に値がありません ({op})",
		"phrase.condPresent":     "{key} がリクエストにあります (Null {values})",
		"phrase.condNotPresent":  "{key} がリクエストにありません (Null {values})",
		"phrase.condNullVar":     "{text}。${{var}} には値がないため、それを含む値はどれにも一致しません",
		"type.identity":          "アイデンティティベースのポリシー",
		"type.boundary":          "アクセス許可の境界",
		"type.session":           "セッションポリシー",
		"type.resource":          "リソースベースのポリシー",
		"type.trust":             "ロールの信頼ポリシー",
		"type.scp":               "SCP",
		"type.rcp":               "RCP",
		"word.allowed":           "許可",
		"word.explicitDeny":      "明示的な拒否",
		"word.implicitDeny":      "暗黙的な拒否",
		"text.whatWouldChange":   "判定を変えるには:",
		"text.nothingWouldAllow": "判定を変える、1 つのステートメントの変更や新しいステートメントは見つかりませんでした",
	},
}

// Message returns the English text of a code.
func Message(c authz.Code) string { return MessageIn(English, c) }

// MessageIn returns the text of a code or key in a language, else in
// English, else the code itself.
func MessageIn(l Lang, c authz.Code) string {
	if m, ok := messages[l][string(c)]; ok {
		return m
	}
	if m, ok := messages[English][string(c)]; ok {
		return m
	}
	return string(c)
}

// Codes lists every reason code of the trace (statements, policies,
// decisions) with its English message.
func Codes() map[authz.Code]string {
	out := make(map[authz.Code]string, len(reasonCodes))
	for _, c := range reasonCodes {
		out[c] = Message(c)
	}
	return out
}

// Messages lists every text of a language by its key: the reason codes,
// the condition rules, the changes and the phrases (templates with {name}
// placeholders), for a page that words the same data.
func Messages(l Lang) map[string]string {
	out := make(map[string]string, len(messages[English]))
	for k := range messages[English] {
		out[k] = MessageIn(l, authz.Code(k))
	}
	return out
}
