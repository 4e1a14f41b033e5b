package lint

import (
	"errors"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/catalog"
)

// Checks of a scenario's request against AWS's service data. The engine
// decides a request for an action it does not know like any other (so that
// an action AWS adds after the catalog was built still evaluates); these say
// where the request is not one AWS would make.
var (
	chkRequestAction = newCheck("request", "request.unknownAction", Error,
		"a request for an action that AWS does not have (with the nearest action name); the engine still decides it")
	chkRequestResource = newCheck("request", "request.resourceType", Warning,
		"a request whose resource ARN is of no resource type the action takes (or an ARN for an action that AWS authorizes on \"*\")")
	chkRequestContext = newCheck("request", "request.contextKey", Warning,
		"a context key of a service that the request's action never receives, so that no policy condition on it sees this value")
)

// checkRequest lints the request's action, resource and context keys,
// placing each finding at its text (entries by path).
func checkRequest(r *authz.Request, entries map[string]entry, cat *catalog.Catalog) []Finding {
	if cat == nil || r.Action == "" {
		return nil
	}
	var out []Finding
	add := func(c *Check, path, msg string) {
		out = append(out, Finding{Code: c.Code, Severity: c.Severity, Msg: msg, Off: entries[path].at, Path: path})
	}
	act, msg, undocumented := requestAction(cat, r.Action)
	switch {
	case undocumented:
		add(chkActionUndocumented, "request.action", msg)
	case msg != "":
		add(chkRequestAction, "request.action", msg)
	}
	if act == nil {
		return out
	}
	if msg := requestResource(cat, act, r.Resource); msg != "" {
		add(chkRequestResource, "request.resource", msg)
	}
	for _, e := range r.Context.Entries {
		if msg := contextKey(cat, act, e.Key); msg != "" {
			add(chkRequestContext, "request.context."+e.Key, msg)
		}
	}
	return out
}

// requestAction finds the request's action, or says why there is none.
func requestAction(cat *catalog.Catalog, action string) (act *catalog.Action, msg string, undocumented bool) {
	svc, name, ok := cutService(action)
	if !ok || hasWildcard(action) {
		return nil, "", false // the scenario reader's to refuse
	}
	service, err := cat.Service(svc)
	if err != nil {
		if !errors.Is(err, catalog.ErrNotFound) {
			return nil, "", false
		}
		if cat.UndocumentedAction(action) {
			return nil, "AWS's Service Authorization Reference has no service " + quote(svc) + ", but AWS's own managed policies use it: it is retired or undocumented", true
		}
		msg := "no AWS service has the prefix " + quote(svc)
		if hint := closest(svc, dataOf(cat).prefixes()); hint != "" {
			msg += ": did you mean " + quote(hint+":"+name) + "?"
		}
		return nil, msg + " (the engine still decides the request)", false
	}
	if a, ok := service.Action(name); ok {
		return a, "", false
	}
	if cat.UndocumentedAction(action) {
		return nil, service.Name + " has no action " + quote(name) + " in AWS's Service Authorization Reference, but AWS's own managed policies use it: it is retired or undocumented", true
	}
	names := make([]string, len(service.Actions))
	for i, x := range service.Actions {
		names[i] = x.Name
	}
	msg = service.Name + " has no action " + quote(name)
	if hint := closest(name, names); hint != "" {
		msg += ": did you mean " + quote(service.Prefix+":"+hint) + "?"
	}
	return nil, msg + " (the engine still decides the request, as AWS may have added the action since the catalog was built)", false
}

// requestResource says how the request's resource does not fit the action.
func requestResource(cat *catalog.Catalog, act *catalog.Action, resource string) string {
	if resource == "" || resource == "*" || !strings.HasPrefix(resource, "arn:") {
		return ""
	}
	types := map[*catalog.ResourceType]bool{}
	addTypes(types, act)
	if len(types) == 0 {
		return act.FullName() + " takes no resource: AWS authorizes it on \"*\", so a request for it never names " + quote(resource) + "; write \"*\" as the resource"
	}
	parts, ok := splitARN(resource)
	if !ok {
		return ""
	}
	l := &linter{cat: cat}
	var want []string
	for _, t := range dataOf(cat).arnTypes()[parts[2]] {
		if types[t.rt] && l.matchType(parts, t) {
			return ""
		}
	}
	for t := range types {
		want = append(want, t.ARNs...)
	}
	slices.Sort(want)
	want = slices.Compact(want)
	return quote(resource) + " is of no resource type that " + act.FullName() + " takes, so AWS never authorizes the action on it; it takes " + listSome(want, 3)
}

// contextKey says why the action never receives a context key: a key of a
// service that the action does not list. Global keys (aws:...) are left
// alone: which of them a request carries depends on how it is made.
func contextKey(cat *catalog.Catalog, act *catalog.Action, key string) string {
	if _, global := cat.GlobalConditionKey(key); global {
		return ""
	}
	prefix, _, ok := strings.Cut(key, ":")
	if !ok || strings.EqualFold(prefix, "aws") {
		return ""
	}
	k, known := cat.ConditionKey(key)
	if !known {
		if cat.UndocumentedKey(key) {
			return ""
		}
		return "no AWS service defines the condition key " + quote(key) + ", so no request carries it"
	}
	if actionSupports(act, lower(k.Name)) {
		return ""
	}
	return act.FullName() + " does not receive " + key + " (AWS lists it for other actions), so a condition on it never sees this value in a real request"
}
