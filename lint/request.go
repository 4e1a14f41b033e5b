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
		"a request for an action that AWS does not have (with the nearest action name); the engine still decides it",
		"AWS にないアクションのリクエストです (近いアクション名を示します)。エンジンはそれでも判定します").
		msg("serviceHint", `no AWS service has the prefix "{service}": did you mean "{hint}"? (the engine still decides the request)`,
			`サービスプレフィックス "{service}" の AWS サービスはありません: "{hint}" ではありませんか? (エンジンはそれでもリクエストを判定します)`).
		msg("service", `no AWS service has the prefix "{service}" (the engine still decides the request)`,
			`サービスプレフィックス "{service}" の AWS サービスはありません (エンジンはそれでもリクエストを判定します)`).
		msg("hint", `{service} has no action "{name}": did you mean "{hint}"? (the engine still decides the request, as AWS may have added the action since the catalog was built)`,
			`{service} にアクション "{name}" はありません: "{hint}" ではありませんか? (カタログの作成後に AWS がアクションを追加したかもしれないので、エンジンはそれでもリクエストを判定します)`).
		msg("", `{service} has no action "{name}" (the engine still decides the request, as AWS may have added the action since the catalog was built)`,
			`{service} にアクション "{name}" はありません (カタログの作成後に AWS がアクションを追加したかもしれないので、エンジンはそれでもリクエストを判定します)`)
	chkRequestResource = newCheck("request", "request.resourceType", Warning,
		"a request whose resource ARN is of no resource type the action takes (or an ARN for an action that AWS authorizes on \"*\")",
		"リソースの ARN が、アクションの取るどのリソースタイプでもないリクエストです (または、AWS が \"*\" で認可するアクションに ARN を指定しています)").
		msg("star", `{action} takes no resource: AWS authorizes it on "*", so a request for it never names "{resource}"; write "*" as the resource`,
			`{action} はリソースを取りません。AWS はこのアクションを "*" で認可するので、リクエストが "{resource}" を指定することはありません: リソースには "*" を書きます`).
		msg("", `"{resource}" is of no resource type that {action} takes, so AWS never authorizes the action on it; it takes {types}{types_more|more}`,
			`"{resource}" は {action} が取るどのリソースタイプでもないため、AWS がこのリソースでアクションを認可することはありません。取るのは次の形の ARN です: {types}{types_more|more}`)
	chkRequestContext = newCheck("request", "request.contextKey", Warning,
		"a context key of a service that the request's action never receives, so that no policy condition on it sees this value",
		"リクエストのアクションが受け取らない、サービスのコンテキストキーです。このキーのポリシー条件がこの値を見ることはありません").
		msg("unknown", `no AWS service defines the condition key "{key}", so no request carries it`,
			`条件キー "{key}" を定義する AWS サービスはないので、どのリクエストにも含まれません`).
		msg("", `{action} does not receive {key} (AWS lists it for other actions), so a condition on it never sees this value in a real request`,
			`{action} は {key} を受け取りません (AWS はほかのアクションに対して定めています)。このキーの条件が、実際のリクエストでこの値を見ることはありません`)
)

// checkRequest lints the request's action, resource and context keys,
// placing each finding at its text (entries by path).
func checkRequest(r *authz.Request, entries map[string]entry, cat *catalog.Catalog) []Finding {
	if cat == nil || r.Action == "" {
		return nil
	}
	var out []Finding
	add := func(c *Check, path, form string, kv []string) {
		f := newFinding(c, form, kv)
		f.Off, f.Path = entries[path].at, path
		out = append(out, f)
	}
	act, w := requestAction(cat, r.Action)
	switch {
	case w.undocumented:
		add(chkActionUndocumented, "request.action", w.form, w.args)
	case w.args != nil:
		add(chkRequestAction, "request.action", w.form, w.args)
	}
	if act == nil {
		return out
	}
	if form, kv := requestResource(cat, act, r.Resource); kv != nil {
		add(chkRequestResource, "request.resource", form, kv)
	}
	for _, e := range r.Context.Entries {
		if form, kv := contextKey(cat, act, e.Key); kv != nil {
			add(chkRequestContext, "request.context."+e.Key, form, kv)
		}
	}
	return out
}

// wording is the form and arguments of a finding's message; args nil for
// no finding.
type wording struct {
	form         string
	args         []string
	undocumented bool
}

// requestAction finds the request's action, or says why there is none.
func requestAction(cat *catalog.Catalog, action string) (*catalog.Action, wording) {
	svc, name, ok := cutService(action)
	if !ok || hasWildcard(action) {
		return nil, wording{} // the scenario reader's to refuse
	}
	service, err := cat.Service(svc)
	if err != nil {
		if !errors.Is(err, catalog.ErrNotFound) {
			return nil, wording{}
		}
		if cat.UndocumentedAction(action) {
			return nil, wording{"requestService", []string{"service", svc}, true}
		}
		if hint := closest(svc, dataOf(cat).prefixes()); hint != "" {
			return nil, wording{"serviceHint", []string{"service", svc, "hint", hint + ":" + name}, false}
		}
		return nil, wording{"service", []string{"service", svc}, false}
	}
	if a, ok := service.Action(name); ok {
		return a, wording{}
	}
	if cat.UndocumentedAction(action) {
		return nil, wording{"requestAction", []string{"service", service.Name, "name", name}, true}
	}
	names := make([]string, len(service.Actions))
	for i, x := range service.Actions {
		names[i] = x.Name
	}
	if hint := closest(name, names); hint != "" {
		return nil, wording{"hint", []string{"service", service.Name, "name", name, "hint", service.Prefix + ":" + hint}, false}
	}
	return nil, wording{"", []string{"service", service.Name, "name", name}, false}
}

// requestResource says how the request's resource does not fit the action
// (the form and arguments of the message, nil if it does).
func requestResource(cat *catalog.Catalog, act *catalog.Action, resource string) (string, []string) {
	if resource == "" || resource == "*" || !strings.HasPrefix(resource, "arn:") {
		return "", nil
	}
	types := map[*catalog.ResourceType]bool{}
	addTypes(types, act)
	if len(types) == 0 {
		return "star", []string{"action", act.FullName(), "resource", resource}
	}
	parts, ok := splitARN(resource)
	if !ok {
		return "", nil
	}
	l := &linter{cat: cat}
	var want []string
	for _, t := range dataOf(cat).arnTypes()[parts[2]] {
		if types[t.rt] && l.matchType(parts, t) {
			return "", nil
		}
	}
	for t := range types {
		want = append(want, t.ARNs...)
	}
	slices.Sort(want)
	want = slices.Compact(want)
	shown, more := list(want, 3)
	return "", []string{"resource", resource, "action", act.FullName(), "types", shown, "types_more", more}
}

// contextKey says why the action never receives a context key: a key of a
// service that the action does not list. Global keys (aws:...) are left
// alone: which of them a request carries depends on how it is made.
func contextKey(cat *catalog.Catalog, act *catalog.Action, key string) (string, []string) {
	if _, global := cat.GlobalConditionKey(key); global {
		return "", nil
	}
	prefix, _, ok := strings.Cut(key, ":")
	if !ok || strings.EqualFold(prefix, "aws") {
		return "", nil
	}
	k, known := cat.ConditionKey(key)
	if !known {
		if cat.UndocumentedKey(key) {
			return "", nil
		}
		return "unknown", []string{"key", key}
	}
	if actionSupports(act, lower(k.Name)) {
		return "", nil
	}
	return "", []string{"action", act.FullName(), "key", key}
}
