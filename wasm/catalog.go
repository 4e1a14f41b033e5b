//go:build js && wasm

package main

import (
	"errors"
	"sort"

	"github.com/iamlab/iamlab/api"
	"github.com/iamlab/iamlab/catalog"
)

// Catalog look-ups for autocomplete. Each answers {"error": ...} for an
// unknown name; a file not fetched yet becomes {"needs": [...]} in call.

// MaxExpand bounds the actions one expand answer lists.
const MaxExpand = 5000

// services() answers {"services": [{"p": prefix, "n": name}]}.
func services([]string) any {
	list, err := files.catalog().Services()
	if err != nil {
		return catalogError(err)
	}
	return map[string]any{"services": list}
}

// actionInfo is an action as autocomplete shows it.
type actionInfo struct {
	Name   string `json:"name"`
	Access string `json:"access"`
}

// actions(prefix) answers {"service": name, "actions": [...]}.
func actions(args []string) any {
	svc, err := files.catalog().Service(arg(args, 0))
	if err != nil {
		return catalogError(err)
	}
	out := make([]actionInfo, len(svc.Actions))
	for i, a := range svc.Actions {
		out[i] = actionInfo{Name: svc.Prefix + ":" + a.Name, Access: a.Access.String()}
	}
	return map[string]any{"service": svc.Name, "actions": out}
}

// resourceInfo is a resource type an action can be authorized on.
type resourceInfo struct {
	Type     string   `json:"type"`
	Required bool     `json:"required,omitempty"`
	ARNs     []string `json:"arns"`
}

// action("svc:Name") answers the action's resource ARN patterns and the
// condition keys it supports (its own, its resource types', and the global
// ones).
func action(args []string) any {
	cat := files.catalog()
	a, ok := cat.Action(arg(args, 0))
	if !ok {
		return api.Fail("catalog.action", "unknown action "+arg(args, 0))
	}
	svc, _ := cat.Service(a.Service)
	keys := map[string]string{}
	for _, k := range a.ConditionKeys {
		keys[k] = ""
	}
	var res []resourceInfo
	for _, r := range a.Resources {
		res = append(res, resourceInfo{Type: r.Name, Required: r.Required, ARNs: r.Type.ARNs})
		for _, k := range r.ConditionKeys {
			keys[k] = ""
		}
		for _, k := range r.Type.ConditionKeys {
			keys[k] = ""
		}
	}
	type keyInfo struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
	var list []keyInfo
	for k := range keys {
		t := ""
		if ck, ok := svc.ConditionKey(k); ok {
			t = string(ck.Type)
		} else if ck, ok := cat.ConditionKey(k); ok {
			t = string(ck.Type)
		}
		list = append(list, keyInfo{k, t})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name }) // not slices.SortFunc: a sort per element type would grow the module
	return map[string]any{"name": a.FullName(), "access": a.Access.String(), "resources": res, "conditionKeys": list}
}

// expand(pattern) answers {"actions": ["svc:Name", ...], "truncated": bool}.
func expand(args []string) any {
	list, err := files.catalog().Expand(arg(args, 0))
	if err != nil {
		return catalogError(err)
	}
	out := make([]string, 0, min(len(list), MaxExpand))
	for _, a := range list[:min(len(list), MaxExpand)] {
		out = append(out, a.FullName())
	}
	return map[string]any{"actions": out, "total": len(list), "truncated": len(list) > MaxExpand}
}

// managedPolicies() answers {"policies": [{"name","arn"}]}.
func managedPolicies([]string) any {
	list, err := files.catalog().ManagedPolicies()
	if err != nil {
		return catalogError(err)
	}
	type info struct {
		Name string `json:"name"`
		ARN  string `json:"arn"`
	}
	out := make([]info, len(list))
	for i, p := range list {
		out[i] = info{p.Name, p.ARN}
	}
	return map[string]any{"policies": out}
}

// managedPolicy(arn) answers {"name","arn","version","document"} with the
// document as its JSON text, indented as scenarios read it (so that the
// engine's and the linter's positions fall where the editor shows them).
func managedPolicy(args []string) any {
	p, err := files.catalog().ManagedPolicy(arg(args, 0))
	if err != nil {
		return catalogError(err)
	}
	return map[string]any{"name": p.Name, "arn": p.ARN, "version": p.Version, "document": p.Text()}
}

func catalogError(err error) any {
	if errors.Is(err, catalog.ErrNotFound) {
		return api.Fail("catalog.notFound", err.Error())
	}
	return api.Fail("catalog", err.Error())
}
