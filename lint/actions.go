package lint

import (
	"errors"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkUnknownService = newCheck("actions", "action.unknownService", Error,
		"an action whose service prefix no AWS service has (with the nearest prefix); IAM stores the policy, but the entry matches nothing (an evaluation only warns, so that new services still evaluate)").
		aa("INVALID_SERVICE_IN_ACTION")
	chkUnknownAction = newCheck("actions", "action.unknown", Error,
		"an action the service does not have (with the nearest action name); IAM stores the policy, but the entry matches nothing (an evaluation only warns, so that new actions still evaluate)").
		aa("INVALID_ACTION")
	chkActionUndocumented = newCheck("actions", "action.undocumented", Warning,
		"an action, or service prefix, that the Service Authorization Reference does not define but AWS's own managed policies use (a retired service such as mobilehub, or one AWS does not document)").
		aa("INVALID_ACTION", "INVALID_SERVICE_IN_ACTION")
	chkActionNoMatch = newCheck("actions", "action.noMatch", Error,
		"an action pattern with wildcards that matches no action of its service").
		aa("INVALID_ACTION")
	chkActionRedundant = newCheck("actions", "action.redundant", Suggestion,
		"an action that another entry of the same Action element already covers (\"iam:GetUser\" next to \"iam:Get*\")").
		aa("REDUNDANT_ACTION")
	chkActionCase = newCheck("actions", "action.case", Suggestion,
		"an action written in a different letter case than AWS spells it (it still matches: action names are case-insensitive)")
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
			l.reportValue(chkActionUndocumented, v, "AWS's Service Authorization Reference has no service "+quote(svc)+", but AWS's own managed policies use it: it is retired or undocumented, so "+quote(a)+" may match nothing; check that the service still exists")
			return
		}
		if errors.Is(err, catalog.ErrNotFound) {
			hint := closest(svc, dataOf(l.cat).prefixes())
			msg := "unknown service prefix " + quote(svc) + " in " + quote(a)
			if hint != "" {
				msg += ": did you mean " + quote(hint+":"+name) + "?"
			} else {
				msg += " (AWS stores the policy, but no AWS service has this prefix, so the entry matches nothing)"
			}
			l.reportValue(chkUnknownService, v, msg).lacks = "p:" + lower(svc)
		}
		return
	}
	if !hasWildcard(name) {
		act, ok := service.Action(name)
		if !ok {
			st.broad = true
			if l.cat.UndocumentedAction(a) {
				l.reportValue(chkActionUndocumented, v, service.Name+" has no action "+quote(name)+" in AWS's Service Authorization Reference, but AWS's own managed policies use it: it is retired or undocumented, so it may match nothing")
				return
			}
			names := make([]string, len(service.Actions))
			for i, x := range service.Actions {
				names[i] = x.Name
			}
			msg := service.Name + " has no action " + quote(name)
			if hint := closest(name, names); hint != "" {
				msg += ": did you mean " + quote(service.Prefix+":"+hint) + "?"
			} else {
				msg += " (AWS stores the policy, but this entry matches nothing; if AWS added the action after the lab's catalog was built, it still evaluates)"
			}
			l.reportValue(chkUnknownAction, v, msg).lacks = "a:" + lower(a)
			return
		}
		if act.Name != name || service.Prefix != svc {
			l.reportValue(chkActionCase, v, "AWS writes this action "+quote(act.FullName())+"; action names are case-insensitive, so this still matches, but the usual spelling is easier to search for")
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
			l.reportValue(chkActionUndocumented, v, quote(a)+" matches no action of "+service.Name+" in AWS's Service Authorization Reference, but AWS's own managed policies use it: the actions it meant are retired or undocumented")
			return
		}
		l.reportValue(chkActionNoMatch, v, quote(a)+" matches no action of "+service.Name+": check the spelling of the pattern").lacks = "a:" + lower(a)
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
			l.reportValue(chkActionRedundant, v, quote(q)+" is listed twice (as "+quote(vs[i].S)+") in the same Action element: remove it")
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
				l.reportValue(chkActionRedundant, v, quote(q)+" is already covered by "+quote(p)+" in the same Action element: remove it")
				found = true
				break
			}
			if found {
				break
			}
		}
	}
}
