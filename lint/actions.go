package lint

import (
	"errors"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkUnknownService = newCheck("actions", "action.unknownService", Error,
		"an action whose service prefix no AWS service has (with the nearest prefix); IAM stores the policy, but the entry matches nothing (an evaluation only warns, so that new services still evaluate)",
		"どの AWS サービスにもないサービスプレフィックスのアクションです (近いプレフィックスを示します)。IAM はポリシーを保存しますが、この項目は何にも一致しません (新しいサービスも評価できるよう、評価は止めません)").
		aa("INVALID_SERVICE_IN_ACTION").
		msg("hint", `unknown service prefix "{service}" in "{action}": did you mean "{hint}"?`,
			`"{action}" のサービスプレフィックス "{service}" はどの AWS サービスにもありません: "{hint}" ではありませんか?`).
		msg("", `unknown service prefix "{service}" in "{action}" (AWS stores the policy, but no AWS service has this prefix, so the entry matches nothing)`,
			`"{action}" のサービスプレフィックス "{service}" はどの AWS サービスにもありません (AWS はポリシーを保存しますが、この項目は何にも一致しません)`)
	chkUnknownAction = newCheck("actions", "action.unknown", Error,
		"an action the service does not have (with the nearest action name); IAM stores the policy, but the entry matches nothing (an evaluation only warns, so that new actions still evaluate)",
		"サービスにないアクションです (近いアクション名を示します)。IAM はポリシーを保存しますが、この項目は何にも一致しません (新しいアクションも評価できるよう、評価は止めません)").
		aa("INVALID_ACTION").
		msg("hint", `{service} has no action "{name}": did you mean "{hint}"?`,
			`{service} にアクション "{name}" はありません: "{hint}" ではありませんか?`).
		msg("", `{service} has no action "{name}" (AWS stores the policy, but this entry matches nothing; if AWS added the action after the lab's catalog was built, it still evaluates)`,
			`{service} にアクション "{name}" はありません (AWS はポリシーを保存しますが、この項目は何にも一致しません。ラボのカタログより後に AWS が追加したアクションなら、評価はそのまま行われます)`)
	chkActionUndocumented = newCheck("actions", "action.undocumented", Warning,
		"an action, or service prefix, that the Service Authorization Reference does not define but AWS's own managed policies use (a retired service such as mobilehub, or one AWS does not document)",
		"サービス認可リファレンスにはないものの、AWS 自身の管理ポリシーが使っているアクションかサービスプレフィックスです (mobilehub のような廃止されたサービスや、AWS が文書化していないもの)").
		aa("INVALID_ACTION", "INVALID_SERVICE_IN_ACTION").
		msg("service", `AWS's Service Authorization Reference has no service "{service}", but AWS's own managed policies use it: it is retired or undocumented, so "{action}" may match nothing; check that the service still exists`,
			`AWS のサービス認可リファレンスにサービス "{service}" はありませんが、AWS 自身の管理ポリシーが使っています。廃止されたか文書化されていないサービスなので、"{action}" は何にも一致しないかもしれません: サービスがまだあるか確かめます`).
		msg("action", `{service} has no action "{name}" in AWS's Service Authorization Reference, but AWS's own managed policies use it: it is retired or undocumented, so it may match nothing`,
			`AWS のサービス認可リファレンスでは {service} にアクション "{name}" はありませんが、AWS 自身の管理ポリシーが使っています。廃止されたか文書化されていないアクションなので、何にも一致しないかもしれません`).
		msg("pattern", `"{action}" matches no action of {service} in AWS's Service Authorization Reference, but AWS's own managed policies use it: the actions it meant are retired or undocumented`,
			`"{action}" は AWS のサービス認可リファレンスにある {service} のどのアクションにも一致しませんが、AWS 自身の管理ポリシーが使っています。対象のアクションは廃止されたか文書化されていません`).
		msg("requestService", `AWS's Service Authorization Reference has no service "{service}", but AWS's own managed policies use it: it is retired or undocumented`,
			`AWS のサービス認可リファレンスにサービス "{service}" はありませんが、AWS 自身の管理ポリシーが使っています。廃止されたか文書化されていないサービスです`).
		msg("requestAction", `{service} has no action "{name}" in AWS's Service Authorization Reference, but AWS's own managed policies use it: it is retired or undocumented`,
			`AWS のサービス認可リファレンスでは {service} にアクション "{name}" はありませんが、AWS 自身の管理ポリシーが使っています。廃止されたか文書化されていないアクションです`)
	chkActionNoMatch = newCheck("actions", "action.noMatch", Error,
		"an action pattern with wildcards that matches no action of its service",
		"サービスのどのアクションにも一致しない、ワイルドカード付きのアクションのパターンです").
		aa("INVALID_ACTION").
		msg("", `"{action}" matches no action of {service}: check the spelling of the pattern`,
			`"{action}" は {service} のどのアクションにも一致しません: パターンの綴りを確かめます`)
	chkActionRedundant = newCheck("actions", "action.redundant", Suggestion,
		"an action that another entry of the same Action element already covers (\"iam:GetUser\" next to \"iam:Get*\")",
		"同じ Action 要素の別の項目がすでに含んでいるアクションです (\"iam:Get*\" と並んだ \"iam:GetUser\" など)").
		aa("REDUNDANT_ACTION").
		msg("twice", `"{action}" is listed twice (as "{other}") in the same Action element: remove it`,
			`"{action}" は同じ Action 要素に 2 回 ("{other}" として) 書かれています: 削除します`).
		msg("", `"{action}" is already covered by "{other}" in the same Action element: remove it`,
			`"{action}" は同じ Action 要素の "{other}" にすでに含まれています: 削除します`)
	chkActionCase = newCheck("actions", "action.case", Suggestion,
		"an action written in a different letter case than AWS spells it (it still matches: action names are case-insensitive)",
		"AWS の表記と大文字・小文字が違うアクションです (アクション名は大文字と小文字を区別しないので、一致はします)").
		msg("", `AWS writes this action "{spelling}"; action names are case-insensitive, so this still matches, but the usual spelling is easier to search for`,
			`AWS はこのアクションを "{spelling}" と書きます。アクション名は大文字と小文字を区別しないので一致はしますが、いつもの表記の方が検索しやすくなります`)
)

// checkActions resolves each statement's actions against the catalog and
// reports the ones AWS does not know.
func checkActions(l *linter) {
	for i := range l.stmts {
		st := &l.stmts[i]
		s := st.s
		if l.cat == nil || s.NotAction {
			st.broad = true
		}
		for _, v := range s.Actions {
			l.resolveAction(st, v)
		}
		l.redundantActions(s.Actions)
	}
}

func (l *linter) resolveAction(st *stmtInfo, v policy.Value) {
	a := v.S
	if a == "*" {
		st.broad = true
		return
	}
	svc, name, ok := cutService(a)
	if !ok {
		st.broad = true
		return
	}
	if l.cat == nil {
		return
	}
	service, err := l.cat.Service(svc)
	if err != nil {
		st.broad = true
		if errors.Is(err, catalog.ErrNotFound) && l.cat.UndocumentedAction(a) {
			l.reportValue(chkActionUndocumented, v, "service", "service", svc, "action", a)
			return
		}
		if errors.Is(err, catalog.ErrNotFound) {
			form, hint := "", closest(svc, dataOf(l.cat).prefixes())
			if hint != "" {
				form, hint = "hint", hint+":"+name
			}
			l.reportValue(chkUnknownService, v, form, "service", svc, "action", a, "hint", hint).lacks = "p:" + lower(svc)
		}
		return
	}
	if !hasWildcard(name) {
		act, ok := service.Action(name)
		if !ok {
			st.broad = true
			if l.cat.UndocumentedAction(a) {
				l.reportValue(chkActionUndocumented, v, "action", "service", service.Name, "name", name)
				return
			}
			names := make([]string, len(service.Actions))
			for i, x := range service.Actions {
				names[i] = x.Name
			}
			form, hint := "", closest(name, names)
			if hint != "" {
				form, hint = "hint", service.Prefix+":"+hint
			}
			l.reportValue(chkUnknownAction, v, form, "service", service.Name, "name", name, "hint", hint).lacks = "a:" + lower(a)
			return
		}
		if act.Name != name || service.Prefix != svc {
			l.reportValue(chkActionCase, v, "", "spelling", act.FullName())
		}
		st.actions = append(st.actions, act)
		return
	}
	acts, err := l.cat.Expand(a)
	if err != nil {
		st.broad = true
		return
	}
	if len(acts) == 0 {
		st.broad = true
		if l.cat.UndocumentedAction(a) {
			l.reportValue(chkActionUndocumented, v, "pattern", "action", a, "service", service.Name)
			return
		}
		l.reportValue(chkActionNoMatch, v, "", "action", a, "service", service.Name).lacks = "a:" + lower(a)
		return
	}
	st.actions = append(st.actions, acts...)
}

// redundantActions reports entries of an Action list that others cover.
// Only a pattern with wildcards covers another entry, or the same text
// written again; so each entry is compared with the patterns of its own
// service and the ones whose service part has wildcards.
func (l *linter) redundantActions(vs []policy.Value) {
	if len(vs) < 2 {
		return
	}
	patterns := map[string][]int{} // wildcard patterns by lower-case service
	var cross []int                // patterns whose service part has wildcards
	first := map[string]int{}      // first index of each lower-case entry
	for i, v := range vs {
		svc, name, _ := cutService(v.S)
		switch {
		case v.S == "*" || hasWildcard(svc):
			cross = append(cross, i)
		case hasWildcard(name):
			k := lower(svc)
			patterns[k] = append(patterns[k], i)
		}
	}
	for j, v := range vs {
		q := v.S
		lq := lower(q)
		if i, dup := first[lq]; dup {
			l.reportValue(chkActionRedundant, v, "twice", "action", q, "other", vs[i].S)
			continue
		}
		first[lq] = j
		svc, _, _ := cutService(q)
		for _, group := range [][]int{patterns[lower(svc)], cross} {
			found := false
			for _, i := range group {
				p := vs[i].S
				if i == j || lower(p) == lq || !covers(p, q, true) {
					continue
				}
				if covers(q, p, true) && i > j {
					continue
				}
				l.reportValue(chkActionRedundant, v, "", "action", q, "other", p)
				found = true
				break
			}
			if found {
				break
			}
		}
	}
}
