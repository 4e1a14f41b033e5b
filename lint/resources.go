package lint

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkResourceSyntax = newCheck("resources", "resource.syntax", Error,
		"a Resource that is neither \"*\" nor an ARN (it must start with \"arn:\")").
		aa("INVALID_ARN_PREFIX")
	chkResourceFields = newCheck("resources", "resource.missingField", Error,
		"an ARN with fewer than the six parts arn:partition:service:region:account:resource").
		aa("MISSING_ARN_FIELD")
	chkResourcePartition = newCheck("resources", "resource.partition", Error,
		"an ARN whose partition is not an AWS partition (aws, aws-cn, aws-us-gov...)").
		aa("INVALID_PARTITION")
	chkResourceServiceCase = newCheck("resources", "resource.serviceCase", Error,
		"an ARN whose service part has capital letters (ARNs are case-sensitive; service names are lower case)").
		aa("INVALID_ARN_SERVICE_CASE")
	chkResourceUnknownService = newCheck("resources", "resource.unknownService", Warning,
		"an ARN whose service part is used by no resource type in the catalog")
	chkResourceWildcardService = newCheck("resources", "resource.wildcardService", Suggestion,
		"a wildcard in the service part of an ARN, which can match resources of unrelated services").
		aa("WILDCARD_IN_SERVICE_NAME")
	chkResourceRegion = newCheck("resources", "resource.region", Error,
		"an ARN that gives a Region where the service's ARNs have none (S3, IAM), or none where they need one").
		aa("ARN_REGION_NOT_ALLOWED", "MISSING_ARN_REGION")
	chkResourceAccount = newCheck("resources", "resource.account", Error,
		"an ARN that gives an account where the service's ARNs have none (S3 buckets), or none where they need one").
		aa("ARN_ACCOUNT_NOT_ALLOWED")
	chkResourceAccountID = newCheck("resources", "resource.accountId", Error,
		"an ARN whose account part is not a 12-digit account ID").
		aa("INVALID_ARN_ACCOUNT")
	chkResourceNoType = newCheck("resources", "resource.noType", Warning,
		"an ARN that matches none of the ARN formats of its service (a warning where Access Analyzer has an error: the catalog's formats miss some that AWS's own policies use)").
		aa("INVALID_ARN_RESOURCE")
	chkResourceMismatch = newCheck("resources", "resource.mismatch", Warning,
		"an ARN that none of the statement's actions takes, so the statement has no effect on it")
	chkResourceRedundant = newCheck("resources", "resource.redundant", Suggestion,
		"a resource that another entry of the same Resource element already covers").
		aa("REDUNDANT_RESOURCE")
	chkResourceTypeWildcard = newCheck("resources", "resource.typeWildcard", Error,
		"an IAM ARN with a wildcard in its resource type (\"arn:aws:iam::111122223333:*/name\", \"...:u*\"), which the IAM User Guide says IAM does not allow: wildcards go after user/, role/, policy/").
		aa("INVALID_ARN_RESOURCE")
	chkActionOnlyStar = newCheck("resources", "action.onlyStar", Warning,
		"an action that takes no resource (AWS authorizes it on \"*\") in a statement whose Resource never matches \"*\"")
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
		msg := quote(r) + " is not an ARN: a resource is \"*\" or an ARN such as \"arn:aws:s3:::amzn-s3-demo-bucket/*\""
		if strings.HasPrefix(strings.ToLower(r), "arn:") {
			msg = quote(r) + ": ARNs start with lower-case \"arn:\""
		}
		l.reportValue(chkResourceSyntax, v, msg)
		return
	}
	parts, ok := splitARN(resourcePattern(r))
	if !ok {
		if strings.HasSuffix(r, "*") {
			return // "arn:aws:s3*" matches nothing useful, but it is not malformed
		}
		l.reportValue(chkResourceFields, v, quote(r)+" does not have the six parts of an ARN, arn:partition:service:region:account:resource (leave region or account empty, as in \"arn:aws:s3:::bucket\", but keep their colons)")
		return
	}
	part, svc, account := parts[1], parts[2], parts[4]
	if !hasWildcard(part) && !partitions[part] {
		l.reportValue(chkResourcePartition, v, quote(part)+" is not an AWS partition: use \"aws\" (or aws-cn, aws-us-gov)").part = part
	}
	if hasWildcard(svc) {
		l.reportValue(chkResourceWildcardService, v, "avoid wildcards in the service part of "+quote(r)+": it can match resources of other services; name the service")
		return
	}
	if svc != lower(svc) {
		l.reportValue(chkResourceServiceCase, v, "the service in an ARN is lower case: write "+quote(lower(svc))+" (ARNs are case-sensitive, so this one matches nothing)")
		return
	}
	if account != "" && !hasWildcard(account) && !isDigits(account, 12) && account != "aws" {
		l.reportValue(chkResourceAccountID, v, "the account part "+quote(account)+" is not a 12-digit account ID")
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
		l.reportValue(chkResourceUnknownService, v, "no AWS resource type in the catalog has ARNs with service "+quote(svc)+": check the service name (it is usually the action prefix)")
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
	l.reportValue(chkResourceMismatch, v, quote(r)+" is of the "+best.prefix+" resource type "+quote(best.rt.Name)+", which none of the statement's actions ("+
		listSome(names, 3)+") takes, so the statement never applies to it; they take "+listSome(want, 3))
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
		l.reportValue(chkResourceNoType, v, quote(v.S)+" matches no resource type of "+parts[2]+"; its ARNs look like "+listSome(want, 4))
		return
	}
	if !l.intersect(parts[3], best.parts[3]) {
		l.wrongPart(v, parts, best, 3, chkResourceRegion, "a Region")
	}
	if !l.intersect(parts[4], best.parts[4]) {
		l.wrongPart(v, parts, best, 4, chkResourceAccount, "an account ID")
	}
}

// wrongPart reports the Region or account part of an ARN that a format of
// its service has (or lacks) where the ARN lacks (or has) it, and which
// stores refuse it: IAM an iam or s3 ARN with a Region, S3 an s3 ARN with a
// Region or account.
func (l *linter) wrongPart(v policy.Value, parts [6]string, t *arnType, i int, chk *Check, noun string) {
	svc := parts[2]
	if t.parts[i] != "" {
		form := svc + ":" + t.rt.Name + ":" + map[int]string{3: "region", 4: "account"}[i]
		if l.cat.UndocumentedForm(form) {
			return // AWS's own ARNs of this type leave it out (AWS-owned SSM documents)
		}
		l.reportValue(chk, v, svc+" ARNs of this kind need "+noun+" (or *), as in "+quote(t.arn)).lacks = "f:" + form
		return
	}
	f := l.reportValue(chk, v, svc+" ARNs of this kind have no "+noun[strings.IndexByte(noun, ' ')+1:]+": leave it empty, as in "+quote(t.arn))
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
			what := "already covered by " + quote(p.S)
			if p.S == q.S {
				what = "listed twice"
			}
			l.reportValue(chkResourceRedundant, q, quote(q.S)+" is "+what+" in the same element: remove it")
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
		l.reportValue(chkActionOnlyStar, v, a.FullName()+" takes no resource: AWS authorizes it on \"*\", which none of this statement's resources matches, so the statement never applies to it; put it in a statement with \"Resource\": \"*\"")
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
	l.reportValue(chkResourceTypeWildcard, v, "IAM does not allow a wildcard in the resource type of an IAM ARN ("+quote(word)+" in "+quote(v.S)+"): write the type and put the wildcard after it, as in \"arn:aws:iam::111122223333:role/*\"")
}
