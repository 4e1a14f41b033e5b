package lint

import (
	"errors"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkUnknownService = newCheck("actions", "action.unknownService", Warning,
		"an action whose service prefix is not in the AWS catalog (with the nearest prefix); a warning, so that new services still evaluate")
	chkUnknownAction = newCheck("actions", "action.unknown", Warning,
		"an action the service does not have (with the nearest action name); a warning, so that new actions still evaluate")
	chkActionNoMatch = newCheck("actions", "action.noMatch", Warning,
		"an action pattern with wildcards that matches no action in the catalog")
	chkActionWildcardService = newCheck("actions", "action.wildcardService", Suggestion,
		"a wildcard in the service prefix of an action (\"s*:Get*\"), which can grant actions of unrelated services")
	chkActionRedundant = newCheck("actions", "action.redundant", Suggestion,
		"an action that another entry of the same Action element already covers (\"iam:GetUser\" next to \"iam:Get*\")")
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
	if hasWildcard(svc) {
		st.broad = true
		l.reportValue(chkActionWildcardService, v, "avoid wildcards in the service prefix of "+quote(a)+": it can also grant actions of other services whose prefixes match, now and in future; list the services")
		if l.cat != nil {
			if acts, err := l.cat.Expand(a); err == nil && len(acts) == 0 {
				l.reportValue(chkActionNoMatch, v, quote(a)+" matches no action of any AWS service in the catalog")
			}
		}
		return
	}
	if l.cat == nil {
		return
	}
	service, err := l.cat.Service(svc)
	if err != nil {
		st.broad = true
		if errors.Is(err, catalog.ErrNotFound) {
			hint := closest(svc, dataOf(l.cat).prefixes())
			msg := "unknown service prefix " + quote(svc) + " in " + quote(a)
			if hint != "" {
				msg += ": did you mean " + quote(hint+":"+name) + "?"
			} else {
				msg += " (the engine still evaluates it, but no AWS service has this prefix)"
			}
			l.reportValue(chkUnknownService, v, msg)
		}
		return
	}
	if !hasWildcard(name) {
		act, ok := service.Action(name)
		if !ok {
			st.broad = true
			names := make([]string, len(service.Actions))
			for i, x := range service.Actions {
				names[i] = x.Name
			}
			msg := service.Name + " has no action " + quote(name)
			if hint := closest(name, names); hint != "" {
				msg += ": did you mean " + quote(service.Prefix+":"+hint) + "?"
			} else {
				msg += " in the catalog (a new action still evaluates, but check the spelling)"
			}
			l.reportValue(chkUnknownAction, v, msg)
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
		l.reportValue(chkActionNoMatch, v, quote(a)+" matches no action of "+service.Name+": check the spelling of the pattern")
		return
	}
	st.actions = append(st.actions, acts...)
}

// redundantActions reports entries of an Action list that others cover.
func (l *linter) redundantActions(vs []policy.Value) {
	if len(vs) < 2 {
		return
	}
	groups := map[string][]int{}
	var cross []int // entries whose service part has wildcards
	for i, v := range vs {
		svc, _, _ := cutService(v.S)
		if v.S == "*" || hasWildcard(svc) {
			cross = append(cross, i)
			continue
		}
		k := lower(svc)
		groups[k] = append(groups[k], i)
	}
	reported := map[int]bool{}
	check := func(i, j int) { // does entry i make entry j redundant?
		if i == j || reported[j] {
			return
		}
		p, q := vs[i].S, vs[j].S
		if !covers(p, q, true) {
			return
		}
		if covers(q, p, true) && i > j { // the same pattern twice: report the later one
			return
		}
		reported[j] = true
		what := "already covered by " + quote(p)
		if strings.EqualFold(p, q) {
			what = "listed twice"
		}
		l.reportValue(chkActionRedundant, vs[j], quote(q)+" is "+what+" in the same Action element: remove it")
	}
	for _, g := range groups {
		if len(g) > 400 {
			continue
		}
		for _, j := range g {
			for _, i := range g {
				check(i, j)
			}
			for _, i := range cross {
				check(i, j)
			}
		}
	}
	for _, j := range cross {
		for _, i := range cross {
			check(i, j)
		}
	}
}
