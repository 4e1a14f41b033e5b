package lint

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkResourceSyntax = newCheck("resources", "resource.syntax", Error,
		"a Resource that is neither \"*\" nor an ARN (it must start with \"arn:\")")
	chkResourceFields = newCheck("resources", "resource.missingField", Error,
		"an ARN with fewer than the six parts arn:partition:service:region:account:resource")
	chkResourcePartition = newCheck("resources", "resource.partition", Error,
		"an ARN whose partition is not an AWS partition (aws, aws-cn, aws-us-gov...)")
	chkResourceServiceCase = newCheck("resources", "resource.serviceCase", Error,
		"an ARN whose service part has capital letters (ARNs are case-sensitive; service names are lower case)")
	chkResourceUnknownService = newCheck("resources", "resource.unknownService", Warning,
		"an ARN whose service part is used by no resource type in the catalog")
	chkResourceWildcardService = newCheck("resources", "resource.wildcardService", Suggestion,
		"a wildcard in the service part of an ARN, which can match resources of unrelated services")
	chkResourceRegion = newCheck("resources", "resource.region", Error,
		"an ARN that gives a Region where the service's ARNs have none (S3, IAM), or none where they need one")
	chkResourceAccount = newCheck("resources", "resource.account", Error,
		"an ARN that gives an account where the service's ARNs have none (S3 buckets), or none where they need one")
	chkResourceAccountID = newCheck("resources", "resource.accountId", Error,
		"an ARN whose account part is not a 12-digit account ID")
	chkResourceNoType = newCheck("resources", "resource.noType", Warning,
		"an ARN that matches none of the ARN formats of its service")
	chkResourceMismatch = newCheck("resources", "resource.mismatch", Warning,
		"an ARN that none of the statement's actions takes, so the statement has no effect on it")
	chkResourceRedundant = newCheck("resources", "resource.redundant", Suggestion,
		"a resource that another entry of the same Resource element already covers")
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
		l.reportValue(chkResourcePartition, v, quote(part)+" is not an AWS partition: use \"aws\" (or aws-cn, aws-us-gov)")
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
	if l.cat == nil {
		return
	}
	all := dataOf(l.cat).arnTypes()[svc]
	if len(all) == 0 {
		l.reportValue(chkResourceUnknownService, v, "no AWS resource type in the catalog has ARNs with service "+quote(svc)+": check the service name (it is usually the action prefix)")
		return
	}
	var matched []*arnType
	for _, t := range all {
		if l.matchType(parts, t, -1) {
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

// explainPart reports an ARN that would match a format of its service but
// for part i (the Region or the account), and says how to write that part.
func (l *linter) explainPart(v policy.Value, parts [6]string, all []*arnType, i int, chk *Check, noun, article string) bool {
	for _, t := range all {
		if !l.matchType(parts, t, i) {
			continue
		}
		if t.parts[i] == "" {
			l.reportValue(chk, v, parts[2]+" ARNs of this kind have no "+noun+": leave it empty, as in "+quote(t.arn))
		} else {
			l.reportValue(chk, v, parts[2]+" ARNs of this kind need "+article+" "+noun+" (or *), as in "+quote(t.arn))
		}
		return true
	}
	return false
}

// explainNoType reports an ARN that matches no format of its service,
// saying which part is off when one part alone is.
func (l *linter) explainNoType(v policy.Value, parts [6]string, all []*arnType) {
	if l.explainPart(v, parts, all, 3, chkResourceRegion, "Region", "a") ||
		l.explainPart(v, parts, all, 4, chkResourceAccount, "account ID", "an") {
		return
	}
	var want []string
	for _, t := range all {
		if !slices.Contains(want, t.arn) {
			want = append(want, t.arn)
		}
	}
	l.reportValue(chkResourceNoType, v, quote(v.S)+" matches no resource type of "+parts[2]+"; its ARNs look like "+listSome(want, 4))
}

// matchType reports whether some ARN could match both the policy's pattern
// and the type's format, part by part; the part numbered skip is ignored.
func (l *linter) matchType(parts [6]string, t *arnType, skip int) bool {
	// The resource part tells types apart best: try it first.
	for _, i := range [...]int{5, 2, 4, 3, 1} {
		if i == skip {
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
