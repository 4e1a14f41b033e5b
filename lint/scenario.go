package lint

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/scenario"
)

// Scenario checks every policy of a scenario with the type of the slot it
// stands in. Each finding names its policy (Policy, Path) and points into
// the scenario file; for a policy written as a string, or an AWS managed
// policy named by ARN, PolicyLine and PolicyCol also give the position in
// the policy's own text (for a managed policy, Line and Col point at its
// "arn"). An AWS managed policy named by ARN cannot be edited, so only its
// security warnings (and errors, of which AWS's policies have none) are
// reported.
func Scenario(s *scenario.Scenario, cat *catalog.Catalog) []Finding {
	entries := scenarioEntries(s.Src)
	var out []Finding
	// One cursor per text: the policies written in the scenario share its
	// text, where the findings of the others are also placed at the end.
	var cs jsonpos.Cursors
	var elsewhere []int // indexes in out of findings to place in the file
	trustReq := TrustRequest(s.Input.Request.Action)
	add := func(path string, n *authz.Named, t policy.Type) {
		if n == nil || n.Policy == nil {
			return
		}
		if t == policy.Resource && trustReq {
			t = policy.Trust
		}
		inline := n.Policy.Src == s.Src
		fs := policyAt(n.Policy, t, cat, cs.Of(n.Policy.Src))
		name := path
		if n.Name != "" {
			name += " " + strconv.Quote(n.Name)
		}
		e := entries[path]
		managed := !inline && !e.docString
		if e.docString {
			toFile(fs, jsonpos.NewLiteralCursor(s.Src, int(e.doc)))
		}
		for _, f := range fs {
			// An AWS managed policy cannot be edited: of its findings,
			// keep the ones about what attaching it grants.
			if managed && f.Severity != SecurityWarning && f.Severity != Error {
				continue
			}
			f.Policy, f.Path = name, path
			if !inline {
				f.PolicyLine, f.PolicyCol, f.PolicyEndLine, f.PolicyEndCol = f.Line, f.Col, f.EndLine, f.EndCol
				f.EndLine, f.EndCol = 0, 0
				if managed { // named by ARN: the finding is at the "arn"
					f.Off, f.end = e.arn, 0
				}
				elsewhere = append(elsewhere, len(out))
			}
			out = append(out, f)
		}
	}
	in := &s.Input
	for i := range in.Identity {
		add("identityPolicies["+strconv.Itoa(i)+"]", &in.Identity[i], policy.Identity)
	}
	add("permissionsBoundary", in.Boundary, policy.Boundary)
	add("sessionPolicy", in.Session, policy.Session)
	add("resourcePolicy", in.Resource, policy.Resource)
	levels := func(field string, ls []authz.Level, t policy.Type) {
		for i, lv := range ls {
			for j := range lv.Policies {
				add(field+"["+strconv.Itoa(i)+"].policies["+strconv.Itoa(j)+"]", &lv.Policies[j], t)
			}
		}
	}
	levels("serviceControlPolicies", in.SCPs, policy.SCP)
	levels("resourceControlPolicies", in.RCPs, policy.RCP)
	for _, path := range namedPaths(in) {
		if f, ok := policyNameFinding(s.Src, path, entries[path]); ok {
			elsewhere = append(elsewhere, len(out))
			out = append(out, f)
		}
	}
	if e, ok := entries["request.action"]; ok {
		for _, f := range checkCredentials(&in.Request, e.at) {
			elsewhere = append(elsewhere, len(out))
			out = append(out, f)
		}
	}
	for _, f := range checkRequest(&in.Request, entries, cat) {
		elsewhere = append(elsewhere, len(out))
		out = append(out, f)
	}
	placed := make([]*Finding, len(elsewhere))
	for k, i := range elsewhere {
		placed[k] = &out[i]
	}
	locate(placed, cs.Of(s.Src))
	sortFindings(out)
	return out
}

// TrustRequest reports whether a scenario's resource policy is a role
// trust policy, as the checks take it: the request is for an
// sts:AssumeRole* action (the resource is then the role).
func TrustRequest(action string) bool {
	return strings.HasPrefix(strings.ToLower(action), "sts:assumerole")
}

// toFile turns the offsets of findings in a policy written as a string
// (offsets of its decoded text) into offsets of the file, by the cursor
// over the string's literal.
func toFile(fs []Finding, lit *jsonpos.LiteralCursor) {
	eachOffset(ptrs(fs), func(f *Finding, end bool, off int) {
		if end {
			f.end = int32(lit.At(off))
		} else {
			f.Off = int32(lit.At(off))
		}
	})
}

// entry locates a policy entry's document, arn and name in a scenario
// file, or, for "request.action", the action (at).
type entry struct {
	doc       int32
	docString bool
	arn       int32
	name      int32 // 0: no name
	at        int32
}

// namedPaths are the entries of the policies IAM names: identity policies
// and the permissions boundary (see chkPolicyName).
func namedPaths(in *authz.Input) []string {
	var out []string
	for i := range in.Identity {
		out = append(out, "identityPolicies["+strconv.Itoa(i)+"]")
	}
	if in.Boundary != nil {
		out = append(out, "permissionsBoundary")
	}
	return out
}

// policyNameFinding checks the name of the policy entry at path, unless
// it has none or names an AWS managed policy by ARN (AWS's own name).
func policyNameFinding(src, path string, e entry) (Finding, bool) {
	if e.name == 0 || e.arn != 0 {
		return Finding{}, false
	}
	end := literalEnd(src, e.name)
	name, err := strconv.Unquote(src[e.name:end])
	if err != nil {
		return Finding{}, false
	}
	form, kv := policyNameFault(name)
	if kv == nil {
		return Finding{}, false
	}
	f := newFinding(chkPolicyName, form, kv)
	f.Off, f.end, f.Path, f.Policy = e.name, end, path+".name", path+" "+strconv.Quote(name)
	return f, true
}

// scenarioEntries finds every policy entry of a scenario file by its path
// (identityPolicies[0], serviceControlPolicies[1].policies[0], ...). The
// scenario parsed, so the text is valid JSON.
func scenarioEntries(src string) map[string]entry {
	m := map[string]entry{}
	d := jsonpos.NewDecoder(src)
	readEntry := func(path string) error {
		if k, _ := d.Peek(); k != jsonpos.Object {
			return d.Skip()
		}
		var e entry
		err := d.Object(func(key string, _ int32) error {
			k, off := d.Peek()
			switch key {
			case "document":
				e.doc, e.docString = off, k == jsonpos.String
			case "arn":
				e.arn = off
			case "name":
				if k == jsonpos.String {
					e.name = off
				}
			}
			return d.Skip()
		})
		m[path] = e
		return err
	}
	list := func(path string) error {
		if k, _ := d.Peek(); k != jsonpos.Array {
			return d.Skip()
		}
		return d.Array(func(i int) error { return readEntry(path + "[" + strconv.Itoa(i) + "]") })
	}
	levels := func(path string) error {
		if k, _ := d.Peek(); k != jsonpos.Array {
			return d.Skip()
		}
		return d.Array(func(i int) error {
			lp := path + "[" + strconv.Itoa(i) + "]"
			if k, _ := d.Peek(); k != jsonpos.Object {
				return d.Skip()
			}
			return d.Object(func(key string, _ int32) error {
				if key == "policies" {
					return list(lp + ".policies")
				}
				return d.Skip()
			})
		})
	}
	// context notes where each context key is, as "request.context.KEY".
	context := func() error {
		if k, _ := d.Peek(); k != jsonpos.Object {
			return d.Skip()
		}
		return d.Object(func(key string, off int32) error {
			m["request.context."+key] = entry{at: off}
			return d.Skip()
		})
	}
	// request notes where the request's action and resource are, as
	// "request.action" and "request.resource", and its context keys.
	request := func() error {
		if k, _ := d.Peek(); k != jsonpos.Object {
			return d.Skip()
		}
		return d.Object(func(key string, _ int32) error {
			switch key {
			case "action", "resource":
				_, off := d.Peek()
				m["request."+key] = entry{at: off}
			case "context":
				return context()
			}
			return d.Skip()
		})
	}
	if k, _ := d.Peek(); k != jsonpos.Object {
		return m
	}
	_ = d.Object(func(key string, _ int32) error {
		switch key {
		case "identityPolicies":
			return list(key)
		case "permissionsBoundary", "sessionPolicy", "resourcePolicy":
			return readEntry(key)
		case "serviceControlPolicies", "resourceControlPolicies":
			return levels(key)
		case "request":
			return request()
		}
		return d.Skip()
	})
	return m
}

// ScenarioText parses a scenario and checks it. A scenario that does not
// parse gives its error as the one finding (with the position in the
// policy's own text when the fault is inside a policy written as a string).
func ScenarioText(src string, opt scenario.Options, cat *catalog.Catalog) []Finding {
	s, err := scenario.Parse(src, opt)
	if err != nil {
		return []Finding{scenarioErrorFinding(src, err)}
	}
	return Scenario(s, cat)
}

func scenarioErrorFinding(src string, err error) Finding {
	se, ok := err.(*scenario.Error)
	if !ok {
		f := parserFinding("json.syntax", err.Error())
		f.Line, f.Col = 1, 1
		return f
	}
	f := parserFinding(se.Code, se.Msg)
	f.Off, f.Line, f.Col, f.Path = int32(se.Off), se.Line, se.Col, se.Path
	if se.Policy != nil {
		f.PolicyLine, f.PolicyCol = se.Policy.Line, se.Policy.Col
	}
	// The message already names the path and the policy-text position.
	return f
}
