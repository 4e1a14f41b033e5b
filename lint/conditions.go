package lint

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkKeyFormat = newCheck("conditions", "condition.keyFormat", Error,
		"a condition key that is not written \"prefix:name\"",
		"\"プレフィックス:名前\" の形で書かれていない条件キーです").
		aa("INVALID_CONDITION_KEY_FORMAT").
		msg("", `"{key}" is not a condition key: keys are written "prefix:name", such as "aws:SourceIp" or "s3:prefix"`,
			`"{key}" は条件キーではありません: 条件キーは "aws:SourceIp" や "s3:prefix" のように "プレフィックス:名前" の形で書きます`)
	chkUnknownGlobalKey = newCheck("conditions", "condition.unknownGlobalKey", Error,
		"an aws: condition key that AWS does not define (with the nearest key)",
		"AWS が定義していない aws: の条件キーです (近いキーを示します)").
		aa("INVALID_GLOBAL_CONDITION_KEY", "UNSUPPORTED_GLOBAL_CONDITION_KEY").
		msg("", `AWS has no global condition key "{key}"`,
			`AWS にグローバル条件キー "{key}" はありません`).
		msg("hint", `AWS has no global condition key "{key}": did you mean "{hint}"?`,
			`AWS にグローバル条件キー "{key}" はありません: "{hint}" ではありませんか?`).
		msg("arn", "aws:ARN is not supported: use aws:PrincipalArn for the caller's ARN, or aws:SourceArn for the resource a service acts for",
			"aws:ARN は使えません: 呼び出し元の ARN には aws:PrincipalArn を、サービスが代わりに操作するリソースには aws:SourceArn を使います")
	chkUnknownServiceKey = newCheck("conditions", "condition.unknownServiceKey", Error,
		"a condition key that its service does not define (with the nearest key)",
		"サービスが定義していない条件キーです (近いキーを示します)").
		aa("INVALID_SERVICE_CONDITION_KEY").
		msg("", `{service} has no condition key "{key}"`,
			`{service} に条件キー "{key}" はありません`).
		msg("hint", `{service} has no condition key "{key}": did you mean "{hint}"?`,
			`{service} に条件キー "{key}" はありません: "{hint}" ではありませんか?`)
	chkUnknownKeyPrefix = newCheck("conditions", "condition.unknownKeyPrefix", Error,
		"a condition key whose prefix is no service in the catalog",
		"プレフィックスがカタログのどのサービスでもない条件キーです").
		aa("INVALID_SERVICE").
		msg("", `no AWS service has the condition key prefix "{prefix}"`,
			`条件キーのプレフィックスが "{prefix}" の AWS サービスはありません`).
		msg("hint", `no AWS service has the condition key prefix "{prefix}": did you mean "{hint}"?`,
			`条件キーのプレフィックスが "{prefix}" の AWS サービスはありません: "{hint}" ではありませんか?`)
	chkTagKeyMissing = newCheck("conditions", "condition.tagKeyMissing", Error,
		"aws:RequestTag, aws:ResourceTag or aws:PrincipalTag without the \"/tag-key\" part",
		"aws:RequestTag、aws:ResourceTag、aws:PrincipalTag に \"/タグキー\" の部分がありません").
		aa("MISSING_TAG_KEY_IN_CONDITION").
		msg("", `"{key}" needs the tag key it tests: write "{stem}/tag-key", such as "{stem}/team"`,
			`"{key}" には調べるタグキーが必要です: "{stem}/team" のように "{stem}/タグキー" と書きます`)
	chkKeyNotSupported = newCheck("conditions", "condition.keyNotSupported", Error,
		"a service condition key that none of the statement's actions supports, so the condition never sees a value",
		"ステートメントのどのアクションも対応していない、サービスの条件キーです。条件が値を受け取ることはありません").
		aa("UNSUPPORTED_ACTION_FOR_CONDITION_KEY").
		msg("", `none of the statement's actions ({actions}{actions_more|more}) supports {key}, so a request for them never carries it and the condition never holds: check the key's service, or move the key to a statement with actions that support it`,
			`ステートメントのどのアクション ({actions}{actions_more|more}) も {key} に対応していないため、これらのリクエストにこのキーが含まれることはなく、条件は成り立ちません: キーのサービスを確かめるか、キーに対応するアクションのステートメントにキーを移します`).
		msg("always", `none of the statement's actions ({actions}{actions_more|more}) supports {key}, so a request for them never carries it and the condition always holds for negated and IfExists operators: check the key's service, or move the key to a statement with actions that support it`,
			`ステートメントのどのアクション ({actions}{actions_more|more}) も {key} に対応していないため、これらのリクエストにこのキーが含まれることはなく、否定の演算子と IfExists の演算子では条件が常に成り立ちます: キーのサービスを確かめるか、キーに対応するアクションのステートメントにキーを移します`)
	chkTypeMismatch = newCheck("conditions", "condition.typeMismatch", Warning,
		"an operator whose type does not fit the key's type (StringEquals on a Date key, NumericLessThan on a String key...)",
		"キーの型に合わない演算子です (Date のキーに StringEquals、String のキーに NumericLessThan など)").
		aa("TYPE_MISMATCH").
		msg("", `{key} is of type {keyType}, but {operator} compares {operatorType} values: use {want|operators}`,
			`{key} の型は {keyType} ですが、{operator} は {operatorType} の値を比べます: {want|operators}を使います`)
	chkSingleValueOp = newCheck("conditions", "condition.singleValueOperator", Warning,
		"an operator without ForAnyValue/ForAllValues on a multivalued (ArrayOf...) key",
		"複数の値を持つ (ArrayOf...) キーに、ForAnyValue も ForAllValues も付けずに演算子を使っています").
		aa("MISSING_QUALIFIER").
		msg("", `{key} can have several values in a request ({keyType}): qualify the operator with ForAnyValue: (any value matches) or ForAllValues: (every value matches)`,
			`{key} はリクエストで複数の値を持つことがあります ({keyType}): 演算子に ForAnyValue: (どれかの値が一致する) か ForAllValues: (すべての値が一致する) を付けます`)
	chkForAllValuesSingle = newCheck("conditions", "condition.forAllValuesSingleKey", SecurityWarning,
		"ForAllValues on a single-valued key: it is true when the key is absent, which can be overly permissive",
		"単一の値のキーに ForAllValues を使っています。キーがないときにも true になるため、許可しすぎることがあります").
		aa("FORALLVALUES_WITH_SINGLE_VALUED_KEY").
		msg("", `{key} has a single value: ForAllValues is also true when the key is absent, which can allow more than intended; remove the ForAllValues: qualifier`,
			`{key} の値は 1 つだけです。ForAllValues はキーがないときにも true になるため、意図より多くを許可することがあります: ForAllValues: を外します`)
	chkForAllValuesAllow = newCheck("conditions", "condition.forAllValuesAllow", SecurityWarning,
		"ForAllValues in an Allow statement without a Null check: a request without the key passes the condition",
		"Null のチェックがない Allow ステートメントで ForAllValues を使っています。キーのないリクエストも条件を満たします").
		msg("", `ForAllValues is true when the request has no {key} at all, so this Allow also applies to requests without it; add "Null": {"{key}": "false"} to require the key`,
			`ForAllValues はリクエストに {key} がまったくないときにも true になるため、この Allow はキーのないリクエストにも適用されます: キーを必須にするには "Null": {"{key}": "false"} を加えます`)
	chkIfExistsPresent = newCheck("conditions", "condition.ifExistsAlwaysPresent", Suggestion,
		"IfExists on a key that AWS sets in every request, where it changes nothing",
		"AWS がすべてのリクエストに設定するキーに IfExists を使っています。何も変わりません").
		msg("", `AWS sets {key} in every request, so IfExists changes nothing here: use {operator}`,
			`AWS は {key} をすべてのリクエストに設定するので、ここでは IfExists は何も変えません: {operator} を使います`)
	chkNullBoth = newCheck("conditions", "condition.nullBoth", Suggestion,
		"a Null condition listing both \"true\" and \"false\", which is always true",
		"\"true\" と \"false\" の両方を並べた Null 条件です。常に true になります").
		msg("", `Null with both "true" and "false" is always true: keep the one you mean`,
			`"true" と "false" の両方を書いた Null は常に true です: 意図した方だけを残します`)
	chkBoolValue = newCheck("conditions", "condition.boolValue", Warning,
		"a Bool condition value that is not true or false",
		"Bool 条件の値が true でも false でもありません").
		aa("TYPE_MISMATCH_BOOLEAN").
		msg("", `Bool takes "true" or "false", not "{value}"`,
			`Bool の値は "true" か "false" です ("{value}" ではありません)`)
	chkBoolMultiple = newCheck("conditions", "condition.boolMultiple", Error,
		"a Bool condition listing both true and false",
		"true と false の両方を並べた Bool 条件です").
		aa("INVALID_CONDITION_MULTIPLE_BOOLEAN").
		msg("", "Bool with both true and false matches whenever the key is present: keep one value",
			"true と false の両方を書いた Bool は、キーがあれば必ず一致します: 値を 1 つだけ残します")
	chkDateValue = newCheck("conditions", "condition.dateValue", Warning,
		"a Date condition value that is not an ISO 8601 date or epoch seconds",
		"Date 条件の値が ISO 8601 の日付でもエポック秒でもありません").
		aa("TYPE_MISMATCH_DATE", "INVALID_DATE_VALUE").
		msg("", `"{value}" is not a date: write it as ISO 8601, such as "2026-01-31" or "2026-01-31T12:00:00Z"`,
			`"{value}" は日付ではありません: "2026-01-31" や "2026-01-31T12:00:00Z" のように ISO 8601 の形で書きます`)
	chkDateEpoch = newCheck("conditions", "condition.dateEpoch", Suggestion,
		"a Date condition value written as epoch seconds rather than an ISO 8601 date",
		"Date 条件の値が ISO 8601 の日付ではなく、エポック秒で書かれています").
		msg("", `"{value}" is read as seconds since 1970; an ISO 8601 date such as "2026-01-31T00:00:00Z" is easier to check`,
			`"{value}" は 1970 年からの秒数として読まれます。"2026-01-31T00:00:00Z" のような ISO 8601 の日付の方が確かめやすくなります`)
	chkNumericValue = newCheck("conditions", "condition.numericValue", Warning,
		"a Numeric condition value that is not a number",
		"Numeric 条件の値が数値ではありません").
		aa("TYPE_MISMATCH_NUMBER").
		msg("", `"{value}" is not a number, so {operator} never matches it`,
			`"{value}" は数値ではないので、{operator} が一致することはありません`)
	chkNumericRedundant = newCheck("conditions", "condition.numericRedundant", Suggestion,
		"several values for a less-than/greater-than operator, where only the widest counts",
		"大小を比べる演算子に複数の値があります。意味を持つのは最も広い値だけです").
		aa("REDUNDANT_CONDITION_VALUE_NUM").
		msg("", `with several values {operator} matches if any one does, so only the widest counts: keep a single value`,
			`値が複数あると {operator} はどれか 1 つが一致すれば一致するので、意味を持つのは最も広い値だけです: 値を 1 つにします`)
	chkIPValue = newCheck("conditions", "condition.ipValue", Warning,
		"an IpAddress condition value that is not an IP address or CIDR block",
		"IpAddress 条件の値が IP アドレスでも CIDR ブロックでもありません").
		aa("TYPE_MISMATCH_IP_RANGE").
		msg("", `"{value}" is not an IP address or CIDR block, such as "203.0.113.0/24"`,
			`"{value}" は IP アドレスでも、"203.0.113.0/24" のような CIDR ブロックでもありません`)
	chkIPHostBits = newCheck("conditions", "condition.ipHostBits", Suggestion,
		"a CIDR block with bits set after the prefix length, which AWS ignores",
		"プレフィックス長より後ろのビットが立っている CIDR ブロックです (AWS はそのビットを無視します)").
		aa("IMPROVE_IP_RANGE").
		msg("", `the bits after /{bits} are ignored: write "{write}"`,
			`/{bits} より後ろのビットは無視されます: "{write}" と書きます`)
	chkPrivateIP = newCheck("conditions", "condition.privateIp", Error,
		"aws:SourceIp compared only with private addresses, which it never carries (use aws:VpcSourceIp)",
		"aws:SourceIp をプライベートアドレスとだけ比べています。aws:SourceIp にプライベートアドレスが入ることはありません (aws:VpcSourceIp を使います)").
		aa("PRIVATE_IP_ADDRESS", "PRIVATE_NOT_IP_ADDRESS").
		msg("", "aws:SourceIp is a public address (requests from a VPC endpoint carry aws:VpcSourceIp instead), so these private addresses never match: use aws:VpcSourceIp for private ranges",
			"aws:SourceIp はパブリックアドレスなので (VPC エンドポイントからのリクエストには、代わりに aws:VpcSourceIp が入ります)、これらのプライベートアドレスは一致しません: プライベートの範囲には aws:VpcSourceIp を使います").
		msg("not", "aws:SourceIp is a public address, so NotIpAddress with only private addresses is always true: use aws:VpcSourceIp for private ranges",
			"aws:SourceIp はパブリックアドレスなので、プライベートアドレスだけの NotIpAddress は常に true です: プライベートの範囲には aws:VpcSourceIp を使います")
	chkPrivateIPSubset = newCheck("conditions", "condition.privateIpSubset", Suggestion,
		"aws:SourceIp compared with a mix of public and private addresses; the private ones never match",
		"aws:SourceIp をパブリックとプライベートのアドレスの両方と比べています。プライベートの方が一致することはありません").
		aa("PRIVATE_IP_ADDRESS_SUBSET", "PRIVATE_NOT_IP_ADDRESS_SUBSET").
		msg("", `"{value}" is a private range, which aws:SourceIp never carries: compare it with aws:VpcSourceIp in its own condition`,
			`"{value}" はプライベートの範囲で、aws:SourceIp に入ることはありません: 別の条件で aws:VpcSourceIp と比べます`)
	chkARNValue = newCheck("conditions", "condition.arnValue", Warning,
		"an Arn condition value that is not an ARN",
		"Arn 条件の値が ARN ではありません").
		msg("", `"{value}" is not an ARN, so {operator} never matches it: write the full ARN, such as "arn:aws:iam::111122223333:role/Name", or use a String operator`,
			`"{value}" は ARN ではないので、{operator} が一致することはありません: "arn:aws:iam::111122223333:role/Name" のように ARN を省略せずに書くか、String の演算子を使います`)
	chkBinaryValue = newCheck("conditions", "condition.binaryValue", Warning,
		"a BinaryEquals value that is not base64",
		"BinaryEquals の値が base64 ではありません").
		msg("", `"{value}" is not base64: BinaryEquals compares base64-encoded bytes`,
			`"{value}" は base64 ではありません: BinaryEquals は base64 でエンコードしたバイト列を比べます`)
	chkWildcardNoLike = newCheck("conditions", "condition.wildcardWithoutLike", Warning,
		"a * or ? in the value of an Equals operator, where it is a literal character (use StringLike or ArnLike)",
		"Equals の演算子の値に * か ? があります。ただの文字として比べられます (StringLike か ArnLike を使います)").
		aa("WILDCARD_WITHOUT_LIKE_OPERATOR").
		msg("", `{operator} compares * and ? as plain characters: if "{value}" is a pattern, use {like}`,
			`{operator} は * と ? をただの文字として比べます: "{value}" がパターンなら {like} を使います`)
	chkVariableOperator = newCheck("conditions", "condition.variableOperator", Error,
		"a policy variable in the value of an operator other than String and Arn ones, where AWS does not substitute it",
		"String と Arn 以外の演算子の値にポリシー変数があります。AWS はそこでは置き換えません").
		aa("INVALID_VARIABLE_FOR_OPERATOR").
		msg("", `policy variables work only with String and Arn operators; {operator} compares "{value}" as it is`,
			`ポリシー変数が使えるのは String と Arn の演算子だけです。{operator} は "{value}" を書かれたとおりに比べます`)
	chkEmptyValues = newCheck("conditions", "condition.emptyValues", Suggestion,
		"a condition key with an empty array of values",
		"値が空の配列の条件キーです").
		aa("EMPTY_ARRAY_CONDITION", "EMPTY_ARRAY_CONDITION_FORALLVALUES", "EMPTY_ARRAY_CONDITION_FORANYVALUE", "EMPTY_ARRAY_CONDITION_IFEXISTS").
		msg("", `the condition key "{key}" has no values, so the condition never matches: add values or remove the key`,
			`条件キー "{key}" に値がないので、条件は一致しません: 値を加えるか、キーを削除します`).
		msg("forAllValues", `the condition key "{key}" has no values: with ForAllValues it matches only when the key is absent; to test for that, use "Null": {"{key}": "true"}`,
			`条件キー "{key}" に値がありません。ForAllValues ではキーがないときにだけ一致します: それを調べるなら "Null": {"{key}": "true"} を使います`).
		msg("ifExists", `the condition key "{key}" has no values: with IfExists it matches only when the key is absent; to test for that, use "Null": {"{key}": "true"}`,
			`条件キー "{key}" に値がありません。IfExists ではキーがないときにだけ一致します: それを調べるなら "Null": {"{key}": "true"} を使います`)
	chkEmptyBlock = newCheck("conditions", "condition.emptyBlock", Suggestion,
		"an empty Condition element",
		"空の Condition 要素です").
		aa("EMPTY_OBJECT_CONDITION").
		msg("", "the Condition element is empty: remove it, or add the conditions you meant",
			"Condition 要素が空です: 削除するか、意図した条件を加えます")
	chkDuplicateKeyCase = newCheck("conditions", "condition.duplicateKeyCase", Error,
		"the same condition key twice in one operator block, spelt with different case (key names are case-insensitive)",
		"1 つの演算子のブロックに、大文字と小文字だけが違う同じ条件キーがあります (キー名は大文字と小文字を区別しません)").
		aa("DUPLICATE_KEYS_WITH_DIFFERENT_CASE").
		msg("", `"{key}" repeats "{first}" in the {operator} block: key names are case-insensitive, so AWS sees the key twice; merge their values under one key`,
			`"{key}" は {operator} のブロックの "{first}" と同じキーです。キー名は大文字と小文字を区別しないので、AWS には同じキーが 2 つあるように見えます: 値を 1 つのキーにまとめます`)
	chkTagUnsupported = newCheck("conditions", "condition.tagUnsupported", Suggestion,
		"aws:ResourceTag in an Allow statement with actions that do not support it: the statement never allows them",
		"aws:ResourceTag に対応していないアクションを含む Allow ステートメントで aws:ResourceTag を使っています。それらのアクションは許可されません").
		aa("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE").
		msg("", `{actions}{actions_more|more} do not support aws:ResourceTag, so this statement never allows them: move them to a statement without the tag condition`,
			`aws:ResourceTag に対応していないアクション ({actions}{actions_more|more}) があるので、このステートメントがそれらを許可することはありません: それらのアクションは、タグの条件のないステートメントに移します`)
	chkTagUnsupportedDeny = newCheck("conditions", "condition.tagUnsupportedDeny", SecurityWarning,
		"aws:ResourceTag in a Deny statement with actions that do not support it: the statement never denies them",
		"aws:ResourceTag に対応していないアクションを含む Deny ステートメントで aws:ResourceTag を使っています。それらのアクションは拒否されません").
		aa("DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE").
		msg("", `{actions}{actions_more|more} do not support aws:ResourceTag, so requests for them never carry it and this Deny never denies them: deny those actions in a statement without the tag condition`,
			`aws:ResourceTag に対応していないアクション ({actions}{actions_more|more}) があり、それらのリクエストにこのキーが含まれることはないので、この Deny がそれらを拒否することはありません: それらのアクションは、タグの条件のないステートメントで拒否します`)
	chkUndocumentedKey = newCheck("conditions", "condition.undocumentedKey", Warning,
		"a condition key that the Service Authorization Reference does not define (or not for the statement's actions) but AWS's own managed policies use",
		"サービス認可リファレンスが定義していない (またはステートメントのアクションには定義していない) ものの、AWS 自身の管理ポリシーが使っている条件キーです").
		aa("INVALID_SERVICE_CONDITION_KEY", "UNSUPPORTED_ACTION_FOR_CONDITION_KEY").
		msg("", `AWS's Service Authorization Reference does not define "{key}", but AWS's own managed policies use it: it is retired or undocumented, so check that requests carry it`,
			`AWS のサービス認可リファレンスは "{key}" を定義していませんが、AWS 自身の管理ポリシーが使っています。廃止されたか文書化されていないキーなので、リクエストに含まれるか確かめます`).
		msg("actions", `AWS's Service Authorization Reference lists {key} for none of the statement's actions, but AWS's own managed policies use it with them: check that requests for them carry it`,
			`AWS のサービス認可リファレンスは、ステートメントのどのアクションにも {key} を挙げていませんが、AWS 自身の管理ポリシーはこれらのアクションと一緒に使っています: これらのリクエストに含まれるか確かめます`)
	chkRegionValue = regionForms(newCheck("conditions", "condition.region", Error,
		"an aws:RequestedRegion value that is no AWS Region (\"us-east-1a\" is an Availability Zone, \"us\" no Region at all)",
		"aws:RequestedRegion の値が AWS のリージョンではありません (\"us-east-1a\" はアベイラビリティーゾーン、\"us\" はリージョンですらありません)").
		aa("INVALID_REGION"), "", "zone")
	chkPairedKeys = newCheck("conditions", "condition.pairedKeys", SecurityWarning,
		"aws:VpcSourceIp without aws:SourceVpc or aws:SourceVpce, so the same private address in any VPC matches",
		"aws:SourceVpc も aws:SourceVpce もなしに aws:VpcSourceIp を使っています。どの VPC の同じプライベートアドレスにも一致します").
		aa("MISSING_PAIRED_CONDITION_KEYS").
		msg("", "private addresses repeat across VPCs: pair aws:VpcSourceIp with aws:SourceVpc or aws:SourceVpce in the same statement, so that only your VPC matches",
			"プライベートアドレスは VPC ごとに重複します: 自分の VPC だけが一致するように、同じステートメントで aws:VpcSourceIp を aws:SourceVpc か aws:SourceVpce と組み合わせます")
)

// legacyGlobalKeys are global keys that AWS still honours (and uses in its
// own managed policies) but no longer lists in the Service Authorization
// Reference.
var legacyGlobalKeys = map[string]bool{"aws:principalorgmasteraccountid": true}

// alwaysPresent are keys AWS puts in the context of every authenticated
// request.
var alwaysPresent = map[string]bool{"aws:currenttime": true, "aws:epochtime": true, "aws:securetransport": true,
	"aws:principalarn": true, "aws:principalaccount": true, "aws:principaltype": true, "aws:userid": true,
	"aws:principalisawsservice": true, "aws:viaawsservice": true, "aws:requestedregion": false}

func checkConditions(l *linter) {
	for i := range l.stmts {
		st := &l.stmts[i]
		s := st.s
		if s.ConditionOff != 0 && len(s.Conditions) == 0 {
			l.report(chkEmptyBlock, s.ConditionOff, 0, "")
		}
		for j := range s.Conditions {
			l.checkCondition(st, &s.Conditions[j])
		}
		l.caseDuplicates(s)
		l.tagSupport(st)
		l.pairedKeys(st)
	}
}

func (l *linter) keyRef(c *policy.Condition) (int32, int32) {
	return c.KeyOff, keyEnd(l.p.Src, c.KeyOff)
}

// caseDuplicates reports keys of one operator block that differ only in
// case, in one pass (a block may have thousands of keys).
func (l *linter) caseDuplicates(s *policy.Statement) {
	type blockKey struct{ op, key string }
	first := map[blockKey]string{}
	for j := range s.Conditions {
		c := &s.Conditions[j]
		k := blockKey{c.Op.Name, lower(c.Key)}
		d, seen := first[k]
		if !seen {
			first[k] = c.Key
			continue
		}
		off, end := l.keyRef(c)
		l.report(chkDuplicateKeyCase, off, end, "", "key", c.Key, "first", d, "operator", c.Op.Name)
	}
}

func (l *linter) checkCondition(st *stmtInfo, c *policy.Condition) {
	s := st.s
	off, end := l.keyRef(c)
	op := c.Op
	if len(c.Values) == 0 {
		form := ""
		switch {
		case op.Set == ForAllValuesOp:
			form = "forAllValues"
		case op.IfExists:
			form = "ifExists"
		}
		l.report(chkEmptyValues, c.Off, 0, form, "key", c.Key)
	}
	prefix, name, ok := strings.Cut(c.Key, ":")
	if !ok || prefix == "" || name == "" {
		l.report(chkKeyFormat, off, end, "", "key", c.Key)
		return
	}
	lk := lower(c.Key)
	for _, t := range []string{"aws:requesttag", "aws:resourcetag", "aws:principaltag"} {
		if lk == t || lk == t+"/" {
			l.report(chkTagKeyMissing, off, end, "", "key", c.Key, "stem", c.Key[:len(t)])
			return
		}
	}
	if op.IfExists && alwaysPresent[lk] {
		l.report(chkIfExistsPresent, c.OpOff, keyEnd(l.p.Src, c.OpOff), "", "key", c.Key, "operator", strings.Replace(op.Name, "IfExists", "", 1))
	}
	if op.Base == policy.OpNull {
		var t, f bool
		for _, v := range c.Values {
			t, f = t || v.S == "true", f || v.S == "false"
		}
		if t && f {
			l.report(chkNullBoth, off, end, "")
		}
	}
	if op.Set == ForAllValuesOp && s.Effect == policy.Allow && !hasNullFalse(s, c.Key) && !op.Base.Negated() {
		l.report(chkForAllValuesAllow, c.OpOff, keyEnd(l.p.Src, c.OpOff), "", "key", c.Key)
	}
	l.checkValues(c)
	l.checkRegionValues(c)
	if l.cat == nil {
		return
	}
	key, known := l.cat.ConditionKey(c.Key)
	if !known && legacyGlobalKeys[lk] {
		return
	}
	if !known {
		l.unknownKey(c, prefix)
		return
	}
	l.checkKeyType(c, key)
	if _, global := l.cat.GlobalConditionKey(c.Key); !global {
		l.keySupported(st, c, key)
	}
}

// ForAllValuesOp names policy.ForAllValues here, where it reads better.
const ForAllValuesOp = policy.ForAllValues

func hasNullFalse(s *policy.Statement, key string) bool {
	for _, c := range s.Conditions {
		if c.Op.Base == policy.OpNull && strings.EqualFold(c.Key, key) {
			for _, v := range c.Values {
				if v.S == "false" {
					return true
				}
			}
		}
	}
	return false
}

func (l *linter) unknownKey(c *policy.Condition, prefix string) {
	off, end := l.keyRef(c)
	lp := lower(prefix)
	if lp != "aws" && l.cat.UndocumentedKey(c.Key) {
		l.report(chkUndocumentedKey, off, end, "", "key", c.Key)
		return
	}
	if lp == "aws" {
		if strings.EqualFold(c.Key, "aws:ARN") {
			l.report(chkUnknownGlobalKey, off, end, "arn")
			return
		}
		hint := closest(c.Key, dataOf(l.cat).globals())
		l.report(chkUnknownGlobalKey, off, end, hinted(hint), "key", c.Key, "hint", hint)
		return
	}
	svc, err := l.cat.Service(prefix)
	if err != nil {
		hint := closestKeyPrefix(prefix, dataOf(l.cat).prefixes(), c.Key)
		l.report(chkUnknownKeyPrefix, off, end, hinted(hint), "prefix", prefix, "hint", hint).lacks = "p:" + lp
		return
	}
	names := make([]string, len(svc.ConditionKeys))
	for i, k := range svc.ConditionKeys {
		names[i] = k.Name
	}
	hint := closest(c.Key, names)
	l.report(chkUnknownServiceKey, off, end, hinted(hint), "service", svc.Name, "key", c.Key, "hint", hint).lacks = "k:" + lower(c.Key)
}

func closestKeyPrefix(prefix string, prefixes []string, key string) string {
	p := closest(prefix, prefixes)
	if p == "" {
		return ""
	}
	_, name, _ := strings.Cut(key, ":")
	return p + ":" + name
}

// operatorTypes lists the operator types that fit each key type.
var operatorTypes = map[catalog.ConditionType][]string{
	catalog.String:        {"String"},
	catalog.ArrayOfString: {"String"},
	catalog.ARN:           {"ARN", "String"},
	catalog.ArrayOfARN:    {"ARN", "String"},
	catalog.Numeric:       {"Numeric"},
	catalog.Date:          {"Date"},
	catalog.Bool:          {"Bool"},
	catalog.ArrayOfBool:   {"Bool"},
	catalog.IPAddress:     {"IP"},
	catalog.Binary:        {"Binary"},
}

// operatorExample names operators of each type, for a message.
var operatorExample = map[string]Words{
	"String":  {"StringEquals or StringLike", "StringEquals か StringLike "},
	"ARN":     {"ArnEquals or ArnLike", "ArnEquals か ArnLike "},
	"Numeric": {"NumericEquals, NumericLessThan...", "NumericEquals、NumericLessThan など"},
	"Date":    {"DateLessThan, DateGreaterThan...", "DateLessThan、DateGreaterThan など"},
	"Bool":    {"Bool", "Bool "},
	"IP":      {"IpAddress or NotIpAddress", "IpAddress か NotIpAddress "},
	"Binary":  {"BinaryEquals", "BinaryEquals "},
}

func (l *linter) checkKeyType(c *policy.Condition, key *catalog.ConditionKey) {
	op := c.Op
	off, end := l.keyRef(c)
	multi := strings.HasPrefix(string(key.Type), "ArrayOf")
	if op.Base != policy.OpNull {
		want, ok := operatorTypes[key.Type]
		if strings.EqualFold(key.Name, "aws:EpochTime") {
			want = []string{"Date", "Numeric"} // documented as both
		}
		if ok && !slices.Contains(want, op.Base.Type()) {
			l.report(chkTypeMismatch, c.OpOff, keyEnd(l.p.Src, c.OpOff), "", "key", c.Key, "keyType", string(key.Type),
				"operator", op.Name, "operatorType", op.Base.Type(), "want", want[0])
		}
		if multi && op.Set == policy.SetNone {
			l.report(chkSingleValueOp, c.OpOff, keyEnd(l.p.Src, c.OpOff), "", "key", c.Key, "keyType", string(key.Type))
		}
	}
	if !multi && op.Set == ForAllValuesOp {
		l.report(chkForAllValuesSingle, off, end, "", "key", c.Key)
	}
}

// checkValues checks that each value fits the operator's type.
func (l *linter) checkValues(c *policy.Condition) {
	t := c.Op.Base.Type()
	vars := l.p.Vars()
	var bools [2]bool
	var public, private []policy.Value
	for _, v := range c.Values {
		s := v.S
		if policy.HasVariable(s) {
			if t != "String" && t != "ARN" && t != "Null" && vars {
				l.reportValue(chkVariableOperator, v, "", "operator", c.Op.Name, "value", s)
			}
			continue
		}
		switch t {
		case "Bool":
			switch lower(s) {
			case "true":
				bools[1] = true
			case "false":
				bools[0] = true
			default:
				l.reportValue(chkBoolValue, v, "", "value", s)
			}
		case "Date":
			if _, ok := policy.ParseDate(s); !ok {
				l.reportValue(chkDateValue, v, "", "value", s)
			} else if isEpochText(s) {
				l.reportValue(chkDateEpoch, v, "", "value", s)
			}
		case "Numeric":
			if _, ok := policy.ParseNumber(s); !ok {
				l.reportValue(chkNumericValue, v, "", "value", s, "operator", c.Op.Name)
			}
		case "IP":
			if !strings.Contains(s, "/") {
				if a, err := netip.ParseAddr(s); err == nil {
					classify(a, v, &public, &private)
				} else {
					l.reportValue(chkIPValue, v, "", "value", s)
				}
				continue
			}
			p, err := netip.ParsePrefix(s)
			if err != nil {
				l.reportValue(chkIPValue, v, "", "value", s)
				continue
			}
			if p.Masked() != p {
				l.reportValue(chkIPHostBits, v, "", "bits", itoa(p.Bits()), "write", p.Masked().String())
			}
			classify(p.Addr(), v, &public, &private)
		case "ARN":
			if s != "*" && !strings.HasPrefix(s, "arn:") && !strings.HasPrefix(s, "*") {
				l.reportValue(chkARNValue, v, "", "value", s, "operator", c.Op.Name)
			}
		case "Binary":
			if !isBase64(s) {
				l.reportValue(chkBinaryValue, v, "", "value", s)
			}
		}
		if (c.Op.Base.Type() == "String" || c.Op.Base.Type() == "ARN") && hasWildcard(s) && !isLike(c.Op.Base) {
			like := "StringLike"
			if t == "ARN" {
				like = "ArnLike"
			}
			l.reportValue(chkWildcardNoLike, v, "", "operator", c.Op.Name, "value", s, "like", like)
		}
	}
	if bools[0] && bools[1] {
		l.report(chkBoolMultiple, c.Off, 0, "")
	}
	switch c.Op.Base {
	case policy.OpNumericLessThan, policy.OpNumericLessThanEquals, policy.OpNumericGreaterThan, policy.OpNumericGreaterThanEquals:
		if len(c.Values) > 1 {
			l.report(chkNumericRedundant, c.Off, 0, "", "operator", c.Op.Name)
		}
	}
	if strings.EqualFold(c.Key, "aws:SourceIp") && len(private) > 0 {
		if len(public) == 0 {
			form := ""
			if c.Op.Base == policy.OpNotIPAddress {
				form = "not"
			}
			l.report(chkPrivateIP, c.Off, 0, form)
		} else {
			l.reportValue(chkPrivateIPSubset, private[0], "", "value", private[0].S)
		}
	}
}

func classify(a netip.Addr, v policy.Value, public, private *[]policy.Value) {
	if a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() {
		*private = append(*private, v)
	} else {
		*public = append(*public, v)
	}
}

func isLike(o policy.BaseOp) bool {
	switch o {
	case policy.OpStringLike, policy.OpStringNotLike, policy.OpArnLike, policy.OpArnNotLike:
		return true
	}
	return false
}

func isEpochText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0) {
			return false
		}
	}
	return s != ""
}

func isBase64(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			n++
		case c == '=':
			rest := strings.TrimRight(s[i:], "=")
			return rest == "" && len(s)%4 == 0
		default:
			return false
		}
	}
	return n%4 != 1
}

// supportedKeys returns the lower-case condition keys the statement's
// actions support.
func (st *stmtInfo) supportedKeys() map[string]bool {
	if st.keys != nil {
		return st.keys
	}
	m := map[string]bool{}
	add := func(keys []string) {
		for _, k := range keys {
			m[lower(k)] = true
		}
	}
	refs := func(rs []catalog.ResourceRef) {
		for _, r := range rs {
			add(r.ConditionKeys)
			if r.Type != nil {
				add(r.Type.ConditionKeys)
			}
		}
	}
	for _, a := range st.actions {
		add(a.ConditionKeys)
		refs(a.Resources)
		for _, sc := range a.Scenarios {
			refs(sc.Resources)
		}
	}
	st.keys = m
	return m
}

func (l *linter) keySupported(st *stmtInfo, c *policy.Condition, key *catalog.ConditionKey) {
	if st.broad || len(st.actions) == 0 {
		return
	}
	if st.supportedKeys()[lower(key.Name)] {
		return
	}
	off, end := l.keyRef(c)
	if l.cat.UndocumentedKey(c.Key) {
		l.report(chkUndocumentedKey, off, end, "actions", "key", c.Key)
		return
	}
	var names []string
	for _, a := range st.actions {
		if n := a.FullName(); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	form := ""
	if c.Op.IfExists || c.Op.Base.Negated() {
		form = "always"
	}
	actions, more := list(names, 3)
	l.report(chkKeyNotSupported, off, end, form, "actions", actions, "actions_more", more, "key", c.Key).lacks = "k:" + lower(c.Key)
}

// tagSupport reports aws:ResourceTag conditions over actions that do not
// support the key.
func (l *linter) tagSupport(st *stmtInfo) {
	if st.broad || len(st.actions) == 0 {
		return
	}
	for j := range st.s.Conditions {
		c := &st.s.Conditions[j]
		if !strings.HasPrefix(lower(c.Key), "aws:resourcetag/") || c.Op.Base == policy.OpNull {
			continue
		}
		var unsupported []string
		for _, a := range st.actions {
			if !actionSupports(a, "aws:resourcetag/${tagkey}") && !slices.Contains(unsupported, a.FullName()) {
				unsupported = append(unsupported, a.FullName())
			}
		}
		if len(unsupported) == 0 {
			continue
		}
		off, end := l.keyRef(c)
		chk := chkTagUnsupported
		if st.s.Effect == policy.Deny {
			chk = chkTagUnsupportedDeny
		}
		actions, more := list(unsupported, 3)
		l.report(chk, off, end, "", "actions", actions, "actions_more", more)
		return
	}
}

func actionSupports(a *catalog.Action, key string) bool {
	has := func(keys []string) bool {
		for _, k := range keys {
			if lower(k) == key {
				return true
			}
		}
		return false
	}
	if has(a.ConditionKeys) {
		return true
	}
	for _, r := range a.Resources {
		if has(r.ConditionKeys) || r.Type != nil && has(r.Type.ConditionKeys) {
			return true
		}
	}
	for _, sc := range a.Scenarios {
		for _, r := range sc.Resources {
			if has(r.ConditionKeys) || r.Type != nil && has(r.Type.ConditionKeys) {
				return true
			}
		}
	}
	return false
}

func (l *linter) pairedKeys(st *stmtInfo) {
	var vpcIP *policy.Condition
	paired := false
	for j := range st.s.Conditions {
		c := &st.s.Conditions[j]
		switch lower(c.Key) {
		case "aws:vpcsourceip":
			if !c.Op.Base.Negated() {
				vpcIP = c
			}
		case "aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn":
			paired = true
		}
	}
	if vpcIP != nil && !paired {
		off, end := l.keyRef(vpcIP)
		l.report(chkPairedKeys, off, end, "")
	}
}
