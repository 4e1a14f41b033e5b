package lint

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkResourceSyntax = newCheck("resources", "resource.syntax", Error,
		"a Resource that is neither \"*\" nor an ARN (it must start with \"arn:\")",
		"\"*\" でも ARN でもない Resource です (ARN は \"arn:\" で始まります)").
		aa("INVALID_ARN_PREFIX").
		msg("", `"{resource}" is not an ARN: a resource is "*" or an ARN such as "arn:aws:s3:::amzn-s3-demo-bucket/*"`,
			`"{resource}" は ARN ではありません: リソースは "*" か、"arn:aws:s3:::amzn-s3-demo-bucket/*" のような ARN です`).
		msg("case", `"{resource}": ARNs start with lower-case "arn:"`,
			`"{resource}": ARN は小文字の "arn:" で始まります`)
	chkResourceFields = newCheck("resources", "resource.missingField", Error,
		"an ARN with fewer than the six parts arn:partition:service:region:account:resource",
		"arn:partition:service:region:account:resource の 6 つの部分がそろっていない ARN です").
		aa("MISSING_ARN_FIELD").
		msg("", `"{resource}" does not have the six parts of an ARN, arn:partition:service:region:account:resource (leave region or account empty, as in "arn:aws:s3:::bucket", but keep their colons)`,
			`"{resource}" には ARN の 6 つの部分 arn:partition:service:region:account:resource がそろっていません ("arn:aws:s3:::bucket" のようにリージョンやアカウントは空でもかまいませんが、コロンは残します)`)
	chkResourcePartition = newCheck("resources", "resource.partition", Error,
		"an ARN whose partition is not an AWS partition (aws, aws-cn, aws-us-gov...)",
		"パーティションが AWS のパーティション (aws、aws-cn、aws-us-gov など) ではない ARN です").
		aa("INVALID_PARTITION").
		msg("", `"{partition}" is not an AWS partition: use "aws" (or aws-cn, aws-us-gov)`,
			`"{partition}" は AWS のパーティションではありません: "aws" (または aws-cn、aws-us-gov) を使います`)
	chkResourceServiceCase = newCheck("resources", "resource.serviceCase", Error,
		"an ARN whose service part has capital letters (ARNs are case-sensitive; service names are lower case)",
		"サービスの部分に大文字がある ARN です (ARN は大文字と小文字を区別し、サービス名は小文字です)").
		aa("INVALID_ARN_SERVICE_CASE").
		msg("", `the service in an ARN is lower case: write "{service}" (ARNs are case-sensitive, so this one matches nothing)`,
			`ARN のサービスは小文字で書きます: "{service}" と書きます (ARN は大文字と小文字を区別するので、この ARN は何にも一致しません)`)
	chkResourceUnknownService = newCheck("resources", "resource.unknownService", Warning,
		"an ARN whose service part is used by no resource type in the catalog",
		"カタログのどのリソースタイプも使っていないサービスの部分を持つ ARN です").
		msg("", `no AWS resource type in the catalog has ARNs with service "{service}": check the service name (it is usually the action prefix)`,
			`カタログには、サービスが "{service}" の ARN を持つ AWS のリソースタイプがありません: サービス名を確かめます (たいていはアクションのプレフィックスと同じです)`)
	chkResourceWildcardService = newCheck("resources", "resource.wildcardService", Suggestion,
		"a wildcard in the service part of an ARN, which can match resources of unrelated services",
		"ARN のサービスの部分にワイルドカードがあります。関係のないサービスのリソースにも一致することがあります").
		aa("WILDCARD_IN_SERVICE_NAME").
		msg("", `avoid wildcards in the service part of "{resource}": it can match resources of other services; name the service`,
			`"{resource}" のサービスの部分にワイルドカードを使わないようにします。ほかのサービスのリソースにも一致することがあります: サービス名を書きます`)
	chkResourceRegion = newCheck("resources", "resource.region", Error,
		"an ARN that gives a Region where the service's ARNs have none (S3, IAM), or none where they need one",
		"リージョンを持たない ARN (S3、IAM) にリージョンがあるか、リージョンが必要な ARN にリージョンがありません").
		aa("ARN_REGION_NOT_ALLOWED", "MISSING_ARN_REGION").
		msg("need", `{service} ARNs of this kind need a Region (or *), as in "{example}"`,
			`この種類の {service} の ARN にはリージョン (または *) が必要です ("{example}" のように)`).
		msg("none", `{service} ARNs of this kind have no Region: leave it empty, as in "{example}"`,
			`この種類の {service} の ARN にリージョンはありません: "{example}" のように空にします`)
	chkResourceAccount = newCheck("resources", "resource.account", Error,
		"an ARN that gives an account where the service's ARNs have none (S3 buckets), or none where they need one",
		"アカウントを持たない ARN (S3 バケットなど) にアカウントがあるか、アカウントが必要な ARN にアカウントがありません").
		aa("ARN_ACCOUNT_NOT_ALLOWED").
		msg("need", `{service} ARNs of this kind need an account ID (or *), as in "{example}"`,
			`この種類の {service} の ARN にはアカウント ID (または *) が必要です ("{example}" のように)`).
		msg("none", `{service} ARNs of this kind have no account ID: leave it empty, as in "{example}"`,
			`この種類の {service} の ARN にアカウント ID はありません: "{example}" のように空にします`)
	chkResourceAccountID = newCheck("resources", "resource.accountId", Error,
		"an ARN whose account part is not a 12-digit account ID",
		"アカウントの部分が 12 桁のアカウント ID ではない ARN です").
		aa("INVALID_ARN_ACCOUNT").
		msg("", `the account part "{account}" is not a 12-digit account ID`,
			`アカウントの部分 "{account}" は 12 桁のアカウント ID ではありません`)
	chkResourceNoType = newCheck("resources", "resource.noType", Warning,
		"an ARN that matches none of the ARN formats of its service (a warning where Access Analyzer has an error: the catalog's formats miss some that AWS's own policies use)",
		"サービスのどの ARN の形式にも一致しない ARN です (Access Analyzer ではエラーですが、ここでは警告です: カタログの形式には、AWS 自身のポリシーが使う形式が欠けていることがあります)").
		aa("INVALID_ARN_RESOURCE").
		msg("", `"{resource}" matches no resource type of {service}; its ARNs look like {formats}{formats_more|more}`,
			`"{resource}" は {service} のどのリソースタイプにも一致しません。{service} の ARN は次のような形です: {formats}{formats_more|more}`)
	chkResourceMismatch = newCheck("resources", "resource.mismatch", Warning,
		"an ARN that none of the statement's actions takes, so the statement has no effect on it",
		"ステートメントのどのアクションも取らない ARN です。この ARN にはステートメントの効果がありません").
		msg("", `"{resource}" is of the {service} resource type "{type}", which none of the statement's actions ({actions}{actions_more|more}) takes, so the statement never applies to it; they take {types}{types_more|more}`,
			`"{resource}" は {service} のリソースタイプ "{type}" ですが、ステートメントのどのアクション ({actions}{actions_more|more}) もこのタイプを取らないため、ステートメントはこのリソースに適用されません。アクションが取るのは次の形の ARN です: {types}{types_more|more}`)
	chkResourceRedundant = newCheck("resources", "resource.redundant", Suggestion,
		"a resource that another entry of the same Resource element already covers",
		"同じ Resource 要素の別の項目がすでに含んでいるリソースです").
		aa("REDUNDANT_RESOURCE").
		msg("twice", `"{resource}" is listed twice in the same element: remove it`,
			`"{resource}" は同じ要素に 2 回書かれています: 削除します`).
		msg("", `"{resource}" is already covered by "{other}" in the same element: remove it`,
			`"{resource}" は同じ要素の "{other}" にすでに含まれています: 削除します`)
	chkResourceTypeWildcard = newCheck("resources", "resource.typeWildcard", Error,
		"an IAM ARN with a wildcard in its resource type (\"arn:aws:iam::111122223333:*/name\", \"...:u*\"), which the IAM User Guide says IAM does not allow: wildcards go after user/, role/, policy/",
		"リソースタイプにワイルドカードがある IAM の ARN です (\"arn:aws:iam::111122223333:*/name\"、\"...:u*\")。IAM ユーザーガイドによれば IAM はこれを認めません: ワイルドカードは user/、role/、policy/ の後に置きます").
		aa("INVALID_ARN_RESOURCE").
		msg("", `IAM does not allow a wildcard in the resource type of an IAM ARN ("{word}" in "{resource}"): write the type and put the wildcard after it, as in "arn:aws:iam::111122223333:role/*"`,
			`IAM の ARN のリソースタイプには、ワイルドカードを使えません ("{resource}" の "{word}"): "arn:aws:iam::111122223333:role/*" のように、タイプを書いてからその後にワイルドカードを置きます`)
	chkActionOnlyStar = newCheck("resources", "action.onlyStar", Warning,
		"an action that takes no resource (AWS authorizes it on \"*\") in a statement whose Resource never matches \"*\"",
		"リソースを取らない (AWS が \"*\" で認可する) アクションが、Resource が \"*\" に一致しないステートメントにあります").
		msg("", `{action} takes no resource: AWS authorizes it on "*", which none of this statement's resources matches, so the statement never applies to it; put it in a statement with "Resource": "*"`,
			`{action} はリソースを取りません。AWS はこのアクションを "*" で認可しますが、このステートメントのどのリソースも "*" に一致しないため、ステートメントはこのアクションに適用されません: "Resource": "*" のステートメントに移します`)
)

// partitions are the AWS partitions.
var partitions = map[string]bool{"aws": true, "aws-cn": true, "aws-us-gov": true, "aws-iso": true, "aws-iso-b": true,
	"aws-iso-e": true, "aws-iso-f": true, "aws-eusc": true}

func checkResources(l *linter) {
	for i := range l.stmts {
		st := &l.stmts[i]
		s := st.s
		if !s.HasResource {
			continue
		}
		var types map[*catalog.ResourceType]bool // the statement's actions' resource types
		for _, v := range s.Resources {
			l.checkResource(st, v, &types)
		}
		l.redundantResources(s.Resources)
		if !s.NotResource {
			l.onlyStar(st)
		}
	}
}

// resourcePattern returns a Resource value with its policy variables
// turned into '*' (they stand for text the request supplies).
func resourcePattern(s string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	return placeholdersToStar(s)
}

func (l *linter) checkResource(st *stmtInfo, v policy.Value, types *map[*catalog.ResourceType]bool) {
	r := v.S
	if r == "*" {
		return
	}
	if !strings.HasPrefix(r, "arn:") {
		form := ""
		if strings.HasPrefix(strings.ToLower(r), "arn:") {
			form = "case"
		}
		l.reportValue(chkResourceSyntax, v, form, "resource", r)
		return
	}
	parts, ok := splitARN(resourcePattern(r))
	if !ok {
		if strings.HasSuffix(r, "*") {
			return // "arn:aws:s3*" matches nothing useful, but it is not malformed
		}
		l.reportValue(chkResourceFields, v, "", "resource", r)
		return
	}
	part, svc, account := parts[1], parts[2], parts[4]
	if !hasWildcard(part) && !partitions[part] {
		l.reportValue(chkResourcePartition, v, "", "partition", part).part = part
	}
	if hasWildcard(svc) {
		l.reportValue(chkResourceWildcardService, v, "", "resource", r)
		return
	}
	if svc != lower(svc) {
		l.reportValue(chkResourceServiceCase, v, "", "service", lower(svc))
		return
	}
	if account != "" && !hasWildcard(account) && !isDigits(account, 12) && account != "aws" {
		l.reportValue(chkResourceAccountID, v, "", "account", account)
	}
	if svc == "iam" {
		l.typeWildcard(v, parts[5])
	}
	if l.cat == nil {
		return
	}
	l.checkARNRegion(v, parts)
	all := dataOf(l.cat).arnTypes()[svc]
	if len(all) == 0 {
		l.reportValue(chkResourceUnknownService, v, "", "service", svc)
		return
	}
	var matched []*arnType
	for _, t := range all {
		if l.matchType(parts, t) {
			matched = append(matched, t)
		}
	}
	if len(matched) == 0 {
		l.explainNoType(v, parts, all)
		return
	}
	if st.broad || len(st.actions) == 0 || st.s.NotResource {
		return
	}
	if *types == nil {
		*types = map[*catalog.ResourceType]bool{}
		for _, a := range st.actions {
			addTypes(*types, a)
		}
	}
	if len(*types) == 0 {
		return
	}
	for _, t := range matched {
		if (*types)[t.rt] {
			return
		}
	}
	// Name the most likely type: one of the ARN's own service, with the
	// shortest format (a bucket rather than an access grant for arn:aws:s3:::*).
	best := matched[0]
	for _, t := range matched[1:] {
		if (t.prefix == svc) != (best.prefix == svc) {
			if t.prefix == svc {
				best = t
			}
			continue
		}
		if len(t.arn) < len(best.arn) {
			best = t
		}
	}
	var names []string
	for _, a := range st.actions {
		if len(a.Resources) > 0 && !slices.Contains(names, a.FullName()) {
			names = append(names, a.FullName())
		}
	}
	var want []string
	for t := range *types {
		for _, a := range t.ARNs {
			if !slices.Contains(want, a) {
				want = append(want, a)
			}
		}
	}
	slices.Sort(want)
	actions, actionsMore := list(names, 3)
	ts, tsMore := list(want, 3)
	l.reportValue(chkResourceMismatch, v, "", "resource", r, "service", best.prefix, "type", best.rt.Name,
		"actions", actions, "actions_more", actionsMore, "types", ts, "types_more", tsMore)
}

func addTypes(m map[*catalog.ResourceType]bool, a *catalog.Action) {
	for _, r := range a.Resources {
		m[r.Type] = true
	}
	for _, sc := range a.Scenarios {
		for _, r := range sc.Resources {
			m[r.Type] = true
		}
	}
}

// explainNoType reports an ARN that matches no format of its service,
// saying which of its Region and account is off when the rest matches: a
// format of the service that differs from the ARN in those parts alone.
func (l *linter) explainNoType(v policy.Value, parts [6]string, all []*arnType) {
	var best *arnType
	bestWrong := 3
	for _, t := range all {
		if !l.matchType(parts, t, 3, 4) {
			continue
		}
		wrong := 0
		for _, i := range [...]int{3, 4} {
			if !l.intersect(parts[i], t.parts[i]) {
				wrong++
			}
		}
		if wrong < bestWrong {
			best, bestWrong = t, wrong
		}
	}
	if best == nil {
		var want []string
		for _, t := range all {
			if !slices.Contains(want, t.arn) {
				want = append(want, t.arn)
			}
		}
		formats, more := list(want, 4)
		l.reportValue(chkResourceNoType, v, "", "resource", v.S, "service", parts[2], "formats", formats, "formats_more", more)
		return
	}
	if !l.intersect(parts[3], best.parts[3]) {
		l.wrongPart(v, parts, best, 3, chkResourceRegion)
	}
	if !l.intersect(parts[4], best.parts[4]) {
		l.wrongPart(v, parts, best, 4, chkResourceAccount)
	}
}

// wrongPart reports the Region or account part of an ARN that a format of
// its service has (or lacks) where the ARN lacks (or has) it, and which
// stores refuse it: IAM an iam or s3 ARN with a Region, S3 an s3 ARN with a
// Region or account.
func (l *linter) wrongPart(v policy.Value, parts [6]string, t *arnType, i int, chk *Check) {
	svc := parts[2]
	if t.parts[i] != "" {
		form := svc + ":" + t.rt.Name + ":" + map[int]string{3: "region", 4: "account"}[i]
		if l.cat.UndocumentedForm(form) {
			return // AWS's own ARNs of this type leave it out (AWS-owned SSM documents)
		}
		l.reportValue(chk, v, "need", "service", svc, "example", t.arn).lacks = "f:" + form
		return
	}
	f := l.reportValue(chk, v, "none", "service", svc, "example", t.arn)
	if svc == "s3" {
		f.refusedBy |= 1 << S3
	}
	if i == 3 && (svc == "iam" || svc == "s3") {
		f.refusedBy |= 1 << IAM
		if svc == "s3" {
			f.storeMsg, f.storeMsgFor = "Resource {value} can not contain region information.", IAM
		}
	}
}

// matchType reports whether some ARN could match both the policy's pattern
// and the type's format, part by part; the parts numbered skip are ignored.
func (l *linter) matchType(parts [6]string, t *arnType, skip ...int) bool {
	// The resource part tells types apart best: try it first.
	for _, i := range [...]int{5, 2, 4, 3, 1} {
		if slices.Contains(skip, i) {
			continue
		}
		if !l.intersect(parts[i], t.parts[i]) {
			return false
		}
	}
	return true
}

// intersect reports whether some string matches both wildcard patterns
// ('*' any run, '?' one character). It explores pairs of positions in the
// two patterns: O(len(a)·len(b)) at worst.
func (l *linter) intersect(a, b string) bool {
	if a == b || a == "*" || b == "*" {
		return true
	}
	if !hasWildcard(a) && !hasWildcard(b) {
		return false
	}
	if !hasWildcard(a) {
		return policy.Match(b, a, false)
	}
	if !hasWildcard(b) {
		return policy.Match(a, b, false)
	}
	m, n := len(a), len(b)
	w := n + 1
	size := (m + 1) * w
	if cap(l.memo) < size {
		l.memo = make([]bool, size)
	}
	seen := l.memo[:size]
	clear(seen)
	stack := []int{0}
	seen[0] = true
	push := func(i, j int) {
		if k := i*w + j; !seen[k] {
			seen[k] = true
			stack = append(stack, k)
		}
	}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		i, j := k/w, k%w
		if i == m && j == n {
			return true
		}
		starA := i < m && a[i] == '*'
		starB := j < n && b[j] == '*'
		if starA {
			push(i+1, j)
		}
		if starB {
			push(i, j+1)
		}
		if i < m && j < n {
			switch {
			case starA && !starB:
				push(i, j+1)
			case starB && !starA:
				push(i+1, j)
			case !starA && !starB && (a[i] == b[j] || a[i] == '?' || b[j] == '?'):
				push(i+1, j+1)
			}
		}
	}
	return false
}

// redundantResources reports entries that another entry covers.
func (l *linter) redundantResources(vs []policy.Value) {
	if len(vs) < 2 || len(vs) > 300 {
		return
	}
	for j, q := range vs {
		for i, p := range vs {
			if i == j || !covers(p.S, q.S, false) || covers(q.S, p.S, false) && i > j {
				continue
			}
			form := ""
			if p.S == q.S {
				form = "twice"
			}
			l.reportValue(chkResourceRedundant, q, form, "resource", q.S, "other", p.S)
			break
		}
	}
}

// onlyStar reports actions that take no resource type in a statement whose
// resources are all specific: AWS authorizes such actions on "*", which
// none of them matches.
func (l *linter) onlyStar(st *stmtInfo) {
	if l.cat == nil || st.s.NotAction {
		return
	}
	for _, r := range st.s.Resources {
		if policy.Match(r.S, "*", false) {
			return
		}
	}
	for _, v := range st.s.Actions {
		if hasWildcard(v.S) {
			continue
		}
		a, ok := l.cat.Action(v.S)
		if !ok || len(a.Resources) > 0 || len(a.Scenarios) > 0 {
			continue
		}
		l.reportValue(chkActionOnlyStar, v, "", "action", a.FullName())
	}
}

// typeWildcard reports an IAM ARN whose resource type has a wildcard. The
// IAM User Guide ("Using wildcards and paths in ARNs"): "Don't use a
// wildcard in the user/, group/, or policy/ part of the ARN. For example,
// IAM does not allow the following: arn:aws:iam::123456789012:u*". Other
// services' ARNs are not held to it: AWS's own policies use
// "arn:aws:ec2:*:*:*/*".
func (l *linter) typeWildcard(v policy.Value, res string) {
	if strings.Trim(res, "*?") == "" {
		return
	}
	word := res
	if i := strings.IndexAny(res, "/:"); i >= 0 {
		word = res[:i]
	}
	if !hasWildcard(word) {
		return
	}
	l.reportValue(chkResourceTypeWildcard, v, "", "word", word, "resource", v.S)
}
