package scenario

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// Parse reads a scenario from its JSON text.
func Parse(src string, opt Options) (*Scenario, error) {
	if len(src) > MaxBytes {
		return nil, &Error{Position: jsonpos.Position{Line: 1, Col: 1}, Code: "scenario.size",
			Msg: "scenario larger than " + strconv.Itoa(MaxBytes>>10) + " KiB"}
	}
	if !utf8.ValidString(src) {
		off := firstInvalidUTF8(src)
		return nil, &Error{Off: off, Position: jsonpos.PositionOf(src, off), Code: "json.utf8", Msg: "the file is not valid UTF-8"}
	}
	doc, err := jsonpos.Parse(src)
	if err != nil {
		e := err.(*jsonpos.Error)
		return nil, &Error{Off: e.Off, Position: jsonpos.PositionOf(src, e.Off), Code: "json.syntax", Msg: e.Msg}
	}
	r := reader{doc: doc, opt: opt}
	s := &Scenario{Src: src}
	if err := r.scenario(s, doc.RootNode()); err != nil {
		return nil, err
	}
	return s, nil
}

func firstInvalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

type reader struct {
	doc      *jsonpos.Doc
	opt      Options
	policies int
}

func (r *reader) object(n *jsonpos.Node, path string) ([]jsonpos.Node, error) {
	if n.Kind != jsonpos.Object {
		return nil, r.errAt(n.Off, "scenario.type", path, "must be an object, not "+kindName(n.Kind))
	}
	ms := r.doc.Children(n)
	for i := 1; i < len(ms); i++ {
		for j := 0; j < i; j++ {
			if ms[i].Key == ms[j].Key {
				return nil, r.errAt(ms[i].KeyOff, "json.duplicateKey", path, "duplicate key "+strconv.Quote(ms[i].Key))
			}
		}
	}
	return ms, nil
}

func (r *reader) array(n *jsonpos.Node, path string) ([]jsonpos.Node, error) {
	if n.Kind != jsonpos.Array {
		return nil, r.errAt(n.Off, "scenario.type", path, "must be an array, not "+kindName(n.Kind))
	}
	return r.doc.Children(n), nil
}

func (r *reader) str(n *jsonpos.Node, path string) (string, error) {
	if n.Kind != jsonpos.String {
		return "", r.errAt(n.Off, "scenario.type", path, "must be a string, not "+kindName(n.Kind))
	}
	return n.Str, nil
}

func kindName(k jsonpos.Kind) string {
	if k == jsonpos.Array || k == jsonpos.Object {
		return "an " + k.String()
	}
	return "a " + k.String()
}

func (r *reader) scenario(s *Scenario, root *jsonpos.Node) error {
	ms, err := r.object(root, "scenario")
	if err != nil {
		return err
	}
	in := &s.Input
	var hasRequest bool
	for i := range ms {
		m := &ms[i]
		var err error
		switch m.Key {
		case "request":
			hasRequest = true
			err = r.request(&in.Request, m)
		case "identityPolicies":
			in.Identity, err = r.policyList(m, "identityPolicies", slotIdentity)
		case "permissionsBoundary":
			in.Boundary, err = r.optionalPolicy(m, "permissionsBoundary", slotIdentity)
		case "sessionPolicy":
			in.Session, err = r.optionalPolicy(m, "sessionPolicy", slotSession)
		case "resourcePolicy":
			in.Resource, err = r.optionalPolicy(m, "resourcePolicy", slotResource)
		case "serviceControlPolicies":
			in.SCPs, err = r.levels(m, "serviceControlPolicies", slotSCP)
		case "resourceControlPolicies":
			in.RCPs, err = r.levels(m, "resourceControlPolicies", slotRCP)
		case "expected":
			err = r.expected(s, m)
		case "why":
			s.Why, err = r.str(m, "why")
		}
		if err != nil {
			return err
		}
	}
	if !hasRequest {
		return r.errAt(root.Off, "scenario.missing", "", "the scenario has no \"request\"")
	}
	return nil
}

func (r *reader) expected(s *Scenario, m *jsonpos.Node) error {
	v, err := r.str(m, "expected")
	if err != nil {
		return err
	}
	switch d := authz.Decision(v); d {
	case authz.Allowed, authz.ExplicitDeny, authz.ImplicitDeny:
		s.Expected = d
		return nil
	}
	return r.errAt(m.Off, "scenario.expected", "expected", "must be \"allowed\", \"explicitDeny\" or \"implicitDeny\", not "+strconv.Quote(v))
}

func (r *reader) request(req *authz.Request, n *jsonpos.Node) error {
	ms, err := r.object(n, "request")
	if err != nil {
		return err
	}
	var have [3]bool
	for i := range ms {
		m := &ms[i]
		path := "request." + m.Key
		switch m.Key {
		case "principal":
			req.Principal, err = r.str(m, path)
			have[0] = true
		case "action":
			req.Action, err = r.str(m, path)
			if err == nil {
				err = r.checkAction(m)
			}
			have[1] = true
		case "resource":
			req.Resource, err = r.str(m, path)
			if err == nil && req.Resource == "" {
				err = r.errAt(m.Off, "request.resource", path, "is empty: give the resource ARN, or \"*\" for an action that takes no resource")
			}
			have[2] = true
		case "resourceAccount":
			req.ResourceAccount, err = r.str(m, path)
			if err == nil && !isAccountID(req.ResourceAccount) {
				err = r.errAt(m.Off, "request.resourceAccount", path, "must be a 12-digit account ID")
			}
		case "context":
			err = r.context(&req.Context, m)
		}
		if err != nil {
			return err
		}
	}
	for i, name := range []string{"principal", "action", "resource"} {
		if !have[i] {
			return r.errAt(n.Off, "scenario.missing", "request", "has no \""+name+"\"")
		}
	}
	return nil
}

func (r *reader) checkAction(m *jsonpos.Node) error {
	a := m.Str
	svc, name, ok := strings.Cut(a, ":")
	switch {
	case !ok || svc == "" || name == "":
		return r.errAt(m.Off, "request.action", "request.action", strconv.Quote(a)+" is not an action: write \"service:Action\", such as \"s3:GetObject\"")
	case strings.ContainsAny(a, "*?"):
		return r.errAt(m.Off, "request.action", "request.action", "a request names one action, not a pattern like "+strconv.Quote(a))
	}
	return nil
}

func (r *reader) context(ctx *authz.Context, n *jsonpos.Node) error {
	ms, err := r.object(n, "request.context")
	if err != nil {
		return err
	}
	if len(ms) > MaxContextKeys {
		return r.errAt(n.Off, "scenario.limit", "request.context", "more than "+strconv.Itoa(MaxContextKeys)+" keys")
	}
	ctx.Entries = make([]authz.Entry, 0, len(ms)+8)
	for i := range ms {
		m := &ms[i]
		path := "request.context." + m.Key
		if ctx.Has(m.Key) {
			return r.errAt(m.KeyOff, "scenario.duplicateKey", path, "is given twice (condition key names are case-insensitive)")
		}
		vals, err := r.contextValues(m, path)
		if err != nil {
			return err
		}
		ctx.Entries = append(ctx.Entries, authz.Entry{Key: m.Key, Values: vals})
	}
	return nil
}

// contextValues reads a string or an array of strings. Numbers and booleans
// are taken as their text, as AWS sends every value as a string.
func (r *reader) contextValues(m *jsonpos.Node, path string) ([]string, error) {
	switch m.Kind {
	case jsonpos.String, jsonpos.Number, jsonpos.Bool:
		return []string{m.Str}, nil
	case jsonpos.Array:
		list := r.doc.Children(m)
		vals := make([]string, len(list))
		for i := range list {
			switch list[i].Kind {
			case jsonpos.String, jsonpos.Number, jsonpos.Bool:
				vals[i] = list[i].Str
			default:
				return nil, r.errAt(list[i].Off, "scenario.type", path, "values must be strings, not "+kindName(list[i].Kind))
			}
		}
		return vals, nil
	}
	return nil, r.errAt(m.Off, "scenario.type", path, "must be a string or an array of strings, not "+kindName(m.Kind))
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
