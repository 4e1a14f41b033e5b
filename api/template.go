package api

import (
	"encoding/json"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/policy"
)

// TemplateAnswer is the document a new policy starts from.
type TemplateAnswer struct {
	Text string `json:"text"`
}

// Template is the document a new policy of a slot starts from, for the
// draft's request: one that allows the request (its action on its
// resource; in a resource-based policy, to its caller), so that it
// evaluates at once and the learner narrows it. A resource policy of a
// request to assume a role is a trust policy, which has no Resource (the
// linter's rule, lint.TrustRequest). An SCP starts as FullAWSAccess; an
// RCP as a deny of S3 without TLS (RCPs only deny).
func Template(draftJSON, slot string) any {
	d, p := ReadDraft(draftJSON)
	if p != nil {
		return ErrorAnswer{Error: p}
	}
	if _, ok := slotOf(slot); !ok {
		return Fail("template.slot", "no policy slot "+slot)
	}
	r := d.Request
	st := templateStatement{Effect: "Allow", Action: templateAction(r.Action), Resource: strings.TrimSpace(r.Resource)}
	if st.Resource == "" {
		st.Resource = "*"
	}
	switch slot {
	case "scp":
		st = templateStatement{Effect: "Allow", Action: "*", Resource: "*"}
	case "rcp":
		st = templateStatement{Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*",
			Condition: map[string]map[string]string{"Bool": {"aws:SecureTransport": "false"}}}
	case "resource":
		st.Principal = templatePrincipal(r.Principal, r.Action)
		if lint.TrustRequest(st.Action) {
			st.Resource = "" // a trust policy's resource is the role itself
		}
	}
	return TemplateAnswer{Text: strings.TrimSuffix(indented(templateDoc{Version: policy.Version2012, Statement: []templateStatement{st}}), "\n")}
}

// indented writes v as JSON indented by two spaces, as the page's Format
// does, with <, > and & as they are.
func indented(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
	return b.String()
}

type templateDoc struct {
	Version   string              `json:"Version"`
	Statement []templateStatement `json:"Statement"`
}

type templateStatement struct {
	Effect    string                       `json:"Effect"`
	Principal any                          `json:"Principal,omitempty"`
	Action    string                       `json:"Action"`
	Resource  string                       `json:"Resource,omitempty"`
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// templateAction is the request's action if the policy language takes it
// as one action, else s3:GetObject.
func templateAction(a string) string {
	a = strings.TrimSpace(a)
	if a == "" || strings.ContainsAny(a, "*?") {
		return "s3:GetObject"
	}
	doc := indented(templateDoc{Version: policy.Version2012, Statement: []templateStatement{{Effect: "Allow", Action: a, Resource: "*"}}})
	if _, err := policy.Parse(doc); err != nil {
		return "s3:GetObject"
	}
	return a
}

// templatePrincipal names the caller as a resource-based policy names it:
// a service or an identity provider by name, an identity by ARN, and an
// anonymous caller (or one the engine cannot read) as "*".
func templatePrincipal(principal, action string) any {
	p := strings.TrimSpace(principal)
	c, err := authz.ParseCaller(p, action)
	switch {
	case err != nil || c.Kind == authz.KindAnonymous:
		return "*"
	case c.Kind == authz.KindService:
		return map[string]string{"Service": p}
	case c.Kind == authz.KindProvider:
		return map[string]string{"Federated": p}
	}
	return map[string]string{"AWS": p}
}
