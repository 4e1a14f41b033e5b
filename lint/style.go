package lint

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/policy"
)

var (
	chkSidDuplicate = newCheck("style", "sid.duplicate", Warning,
		"two statements with the same Sid in a session policy",
		"セッションポリシーで 2 つのステートメントの Sid が同じです").
		aa("UNIQUE_SIDS_RECOMMENDED").
		msg("", `statement {n} already has the Sid "{sid}": give each statement its own`,
			`ステートメント {n} にすでに Sid "{sid}" があります: ステートメントごとに別の Sid を付けます`)
	chkSidDuplicateRequired = newCheck("style", "sid.duplicateRequired", Error,
		"two statements with the same Sid where AWS refuses it: a policy IAM stores (identity, boundary, trust), a resource-based policy, an SCP or RCP",
		"AWS が拒否するポリシー (IAM が保存するアイデンティティベースのポリシー、アクセス許可の境界、信頼ポリシー、およびリソースベースのポリシー、SCP、RCP) で、2 つのステートメントの Sid が同じです").
		aa("UNIQUE_SIDS_REQUIRED").
		msg("", `statement {n} already has the Sid "{sid}": in {type|type} Sids must be unique`,
			`ステートメント {n} にすでに Sid "{sid}" があります: {type|type}では Sid は一意でなければなりません`)
	chkSidEmpty = newCheck("style", "sid.empty", Suggestion,
		"an empty Sid",
		"空の Sid です").
		aa("EMPTY_SID_VALUE").
		msg("", "the Sid is empty: give the statement a name, or remove the Sid",
			"Sid が空です: ステートメントに名前を付けるか、Sid を削除します")
	chkSidCharset = newCheck("style", "sid.charset", Error,
		"a Sid with characters other than A-Z, a-z and 0-9 in a policy IAM stores (identity, boundary, trust)",
		"IAM が保存するポリシー (アイデンティティベースのポリシー、アクセス許可の境界、信頼ポリシー) の Sid に、A-Z、a-z、0-9 以外の文字があります").
		aa("UNSUPPORTED_SID").
		msg("", `IAM accepts only letters and digits in a Sid; "{sid}" has "{char}"`,
			`IAM が Sid で受け付けるのは英字と数字だけですが、"{sid}" には "{char}" があります`)
	chkVersionMissing = newCheck("style", "version.missing", Warning,
		"a policy without Version: AWS reads it as 2008-10-17, where policy variables are literal text",
		"Version のないポリシーです。AWS は 2008-10-17 として読み、ポリシー変数はただの文字列になります").
		aa("MISSING_VERSION").
		msg("", `the policy has no Version, so AWS reads it with the 2008-10-17 rules: add "Version": "2012-10-17"`,
			`ポリシーに Version がないので、AWS は 2008-10-17 の規則で読みます: "Version": "2012-10-17" を加えます`).
		msg("variables", `the policy has no Version, so AWS reads it with the 2008-10-17 rules: add "Version": "2012-10-17" (its policy variables are literal text until then)`,
			`ポリシーに Version がないので、AWS は 2008-10-17 の規則で読みます: "Version": "2012-10-17" を加えます (それまでは、ポリシー変数はただの文字列です)`)
	chkVersionOld = newCheck("style", "version.old", Suggestion,
		"\"Version\": \"2008-10-17\", the old language version without policy variables",
		"ポリシー変数のない古い言語バージョン、\"Version\": \"2008-10-17\" です").
		msg("", `2008-10-17 is the old policy language, without policy variables: use "2012-10-17"`,
			`2008-10-17 はポリシー変数のない古いポリシー言語です: "2012-10-17" を使います`)
	chkStatementDuplicate = newCheck("style", "statement.duplicate", Suggestion,
		"a statement identical to an earlier one",
		"前のステートメントと同じ内容のステートメントです").
		aa("REDUNDANT_STATEMENT").
		msg("", "this statement repeats statement {n}: remove one (a later edit to one copy would leave the other in force)",
			"このステートメントはステートメント {n} と同じです: 一方を削除します (後で片方だけを直すと、もう一方が効いたまま残ります)")
	chkStatementOverlap = newCheck("style", "statement.redundant", Suggestion,
		"an Allow statement whose actions and resources an earlier unconditional Allow statement already grants",
		"条件のない前の Allow ステートメントが、すでにそのアクションとリソースを許可している Allow ステートメントです").
		aa("REDUNDANT_STATEMENT").
		msg("", "statement {n} already allows all of this statement's actions on all of its resources, without conditions: this one adds nothing",
			"ステートメント {n} が、このステートメントのすべてのリソースに対するすべてのアクションを、条件なしですでに許可しています: このステートメントは何も加えません")
)

func checkStyle(l *linter) {
	p := l.p
	switch p.Version {
	case "":
		form := ""
		if usesVariables(p) {
			form = "variables"
		}
		l.report(chkVersionMissing, p.Off, 0, form)
	case policy.Version2008:
		l.report(chkVersionOld, p.VersionOff, literalEnd(p.Src, p.VersionOff), "")
	}
	sids := map[string]int{}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.SidOff == 0 {
			continue
		}
		v := policy.Value{S: s.Sid, Off: s.SidOff}
		if s.Sid == "" {
			l.reportValue(chkSidEmpty, v, "")
			continue
		}
		if j, dup := sids[s.Sid]; dup {
			if l.t != policy.Session {
				l.reportValue(chkSidDuplicateRequired, v, "", "n", itoa(j+1), "sid", s.Sid, "type", l.t.String())
			} else {
				l.reportValue(chkSidDuplicate, v, "", "n", itoa(j+1), "sid", s.Sid)
			}
		} else {
			sids[s.Sid] = i
		}
		if l.t.StoredByIAM() {
			for _, c := range s.Sid {
				if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
					l.reportValue(chkSidCharset, v, "", "sid", s.Sid, "char", string(c))
					break
				}
			}
		}
	}
	l.statementOverlap()
}

func usesVariables(p *policy.Policy) bool {
	for i := range p.Statements {
		s := &p.Statements[i]
		for _, v := range s.Resources {
			if policy.HasVariable(v.S) {
				return true
			}
		}
		for _, c := range s.Conditions {
			for _, v := range c.Values {
				if policy.HasVariable(v.S) {
					return true
				}
			}
		}
	}
	return false
}

// statementKey is a statement's meaning as text, for finding duplicates.
func statementKey(s *policy.Statement) string {
	var b strings.Builder
	b.WriteString(s.Effect.String())
	list := func(tag string, vs []policy.Value, fold bool) {
		xs := make([]string, len(vs))
		for i, v := range vs {
			xs[i] = v.S
			if fold {
				xs[i] = lower(v.S)
			}
		}
		slices.Sort(xs)
		xs = slices.Compact(xs)
		b.WriteString("|" + tag + ":" + strings.Join(xs, "\x00"))
	}
	if s.NotAction {
		b.WriteString("|not")
	}
	list("A", s.Actions, true)
	if s.NotResource {
		b.WriteString("|not")
	}
	if s.HasResource {
		list("R", s.Resources, false)
	}
	if p := s.Principal; p != nil {
		if s.NotPrincipal {
			b.WriteString("|not")
		}
		if p.Any {
			b.WriteString("|P*")
		}
		list("PA", p.AWS, false)
		list("PS", p.Service, false)
		list("PF", p.Federated, false)
		list("PC", p.CanonicalUser, false)
	}
	conds := make([]string, len(s.Conditions))
	for i, c := range s.Conditions {
		vals := make([]string, len(c.Values))
		for j, v := range c.Values {
			vals[j] = v.S
		}
		slices.Sort(vals)
		conds[i] = c.Op.Name + "\x01" + lower(c.Key) + "\x01" + strings.Join(vals, "\x00")
	}
	slices.Sort(conds)
	b.WriteString("|C:" + strings.Join(conds, "\x02"))
	return b.String()
}

// statementOverlap reports duplicate statements, and Allow statements that
// an earlier unconditional Allow statement with the same principal covers.
func (l *linter) statementOverlap() {
	stmts := l.p.Statements
	if len(stmts) < 2 || len(stmts) > 200 {
		return
	}
	keys := make([]string, len(stmts))
	for i := range stmts {
		keys[i] = statementKey(&stmts[i])
		for j := 0; j < i; j++ {
			if keys[j] == keys[i] {
				l.report(chkStatementDuplicate, stmts[i].Off, 0, "", "n", itoa(j+1))
				break
			}
		}
	}
	for i := range stmts {
		s := &stmts[i]
		if s.Effect != policy.Allow || s.NotAction || s.NotResource || !s.HasResource {
			continue
		}
		for j := range stmts {
			t := &stmts[j]
			if i == j || keys[i] == keys[j] || t.Effect != policy.Allow || len(t.Conditions) > 0 || t.NotAction || t.NotResource || !t.HasResource {
				continue
			}
			if principalKey(s) != principalKey(t) {
				continue
			}
			if allCovered(t.Actions, s.Actions, true) && allCovered(t.Resources, s.Resources, false) {
				if i < j && len(s.Conditions) == 0 && allCovered(s.Actions, t.Actions, true) && allCovered(s.Resources, t.Resources, false) {
					continue // the two grant the same: report only the later one
				}
				l.report(chkStatementOverlap, s.Off, 0, "", "n", itoa(j+1))
				break
			}
		}
	}
}

func principalKey(s *policy.Statement) string {
	if s.Principal == nil {
		return ""
	}
	t := *s
	t.Actions, t.Resources, t.Conditions = nil, nil, nil
	t.HasResource = false
	return statementKey(&t)
}

// allCovered reports whether every entry of qs is covered by some entry of ps.
func allCovered(ps, qs []policy.Value, fold bool) bool {
	for _, q := range qs {
		ok := false
		for _, p := range ps {
			if covers(p.S, q.S, fold) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
