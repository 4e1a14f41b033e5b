package policy

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/jsonpos"
)

// MaxPolicyBytes is the largest policy text accepted (AWS's largest policy
// type, an S3 bucket policy, is 20 KB; this leaves room for layout).
const MaxPolicyBytes = 1 << 20

// Parse parses a policy written as JSON text.
func Parse(src string) (*Policy, error) {
	if len(src) > MaxPolicyBytes {
		return nil, newError(src, 0, "policy.size", "policy text larger than "+strconv.Itoa(MaxPolicyBytes)+" bytes")
	}
	doc, err := jsonpos.Parse(src)
	if err != nil {
		e := err.(*jsonpos.Error)
		return nil, newError(src, int32(e.Off), "json.syntax", e.Msg)
	}
	return FromJSON(doc, doc.RootNode())
}

// FromJSON builds a policy from a JSON value of a parsed document; offsets
// stay offsets of the document's text.
func FromJSON(doc *jsonpos.Doc, n *jsonpos.Node) (*Policy, error) {
	b := builder{doc: doc}
	p := &Policy{Src: doc.Src, Off: n.Off}
	if err := b.policy(p, n); err != nil {
		return nil, err
	}
	return p, nil
}

type builder struct {
	doc *jsonpos.Doc
}

func (b *builder) errAt(off int32, code, msg string) error {
	return newError(b.doc.Src, off, code, msg)
}

func (b *builder) typeErr(n *jsonpos.Node, what, want string) error {
	return b.errAt(n.Off, "json.type", what+" must be "+want+", not "+article(n.Kind))
}

func article(k jsonpos.Kind) string {
	if k == jsonpos.Array || k == jsonpos.Object {
		return "an " + k.String()
	}
	return "a " + k.String()
}

// members checks that n is an object without duplicate keys and returns its members.
func (b *builder) members(n *jsonpos.Node, what string) ([]jsonpos.Node, error) {
	if n.Kind != jsonpos.Object {
		return nil, b.typeErr(n, what, "an object")
	}
	ms := b.doc.Children(n)
	for i := 1; i < len(ms); i++ {
		for j := 0; j < i; j++ {
			if ms[i].Key == ms[j].Key {
				return nil, b.errAt(ms[i].KeyOff, "json.duplicateKey", "duplicate key "+strconv.Quote(ms[i].Key)+" in "+what)
			}
		}
	}
	return ms, nil
}

func (b *builder) policy(p *Policy, n *jsonpos.Node) error {
	ms, err := b.members(n, "a policy")
	if err != nil {
		return err
	}
	var stmts *jsonpos.Node
	for i := range ms {
		m := &ms[i]
		switch m.Key {
		case "Version":
			if m.Kind != jsonpos.String {
				return b.typeErr(m, "Version", "a string")
			}
			if m.Str != Version2012 && m.Str != Version2008 {
				return b.errAt(m.Off, "policy.version", "unknown Version "+strconv.Quote(m.Str)+": use \"2012-10-17\"")
			}
			p.Version, p.VersionOff = m.Str, m.Off
		case "Id":
			if m.Kind != jsonpos.String {
				return b.typeErr(m, "Id", "a string")
			}
			p.ID = m.Str
		case "Statement":
			stmts = m
		default:
			return b.unknownKey(m, "policy", "Version, Id or Statement", topKeys)
		}
	}
	if stmts == nil {
		return b.errAt(n.Off, "policy.noStatement", "the policy has no Statement")
	}
	switch stmts.Kind {
	case jsonpos.Object:
		p.Statements = make([]Statement, 1)
		return b.statement(&p.Statements[0], stmts)
	case jsonpos.Array:
		list := b.doc.Children(stmts)
		p.Statements = make([]Statement, len(list))
		for i := range list {
			if err := b.statement(&p.Statements[i], &list[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return b.typeErr(stmts, "Statement", "an object or an array of objects")
}

var (
	topKeys  = []string{"Version", "Id", "Statement"}
	stmtKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

// unknownKey reports a key that is not an element here, suggesting the
// element it most likely means (a case slip such as "action").
func (b *builder) unknownKey(m *jsonpos.Node, where, want string, known []string) error {
	for _, k := range known {
		if strings.EqualFold(k, m.Key) {
			return b.errAt(m.KeyOff, "policy.unknownElement", "unknown element "+strconv.Quote(m.Key)+" in a "+where+": element names are case-sensitive, write "+strconv.Quote(k))
		}
	}
	return b.errAt(m.KeyOff, "policy.unknownElement", "unknown element "+strconv.Quote(m.Key)+" in a "+where+": expected "+want)
}

func (b *builder) statement(s *Statement, n *jsonpos.Node) error {
	ms, err := b.members(n, "a statement")
	if err != nil {
		return err
	}
	s.Off = n.Off
	var hasAction, hasPrincipal bool
	for i := range ms {
		m := &ms[i]
		switch m.Key {
		case "Sid":
			if m.Kind != jsonpos.String {
				return b.typeErr(m, "Sid", "a string")
			}
			s.Sid, s.SidOff = m.Str, m.Off
		case "Effect":
			if err := b.effect(s, m); err != nil {
				return err
			}
		case "Action", "NotAction":
			if hasAction {
				return b.errAt(m.KeyOff, "statement.actionAndNotAction", "a statement has either Action or NotAction, not both")
			}
			hasAction = true
			s.NotAction, s.ActionOff = m.Key == "NotAction", m.Off
			if s.Actions, err = b.actions(m); err != nil {
				return err
			}
		case "Resource", "NotResource":
			if s.HasResource {
				return b.errAt(m.KeyOff, "statement.resourceAndNotResource", "a statement has either Resource or NotResource, not both")
			}
			s.HasResource = true
			s.NotResource, s.ResourceOff = m.Key == "NotResource", m.Off
			if s.Resources, err = b.strings(m, m.Key); err != nil {
				return err
			}
		case "Principal", "NotPrincipal":
			if hasPrincipal {
				return b.errAt(m.KeyOff, "statement.principalAndNotPrincipal", "a statement has either Principal or NotPrincipal, not both")
			}
			hasPrincipal = true
			s.NotPrincipal = m.Key == "NotPrincipal"
			if s.Principal, err = b.principal(m); err != nil {
				return err
			}
		case "Condition":
			s.ConditionOff = m.Off
			if s.Conditions, err = b.conditions(m); err != nil {
				return err
			}
		default:
			return b.unknownKey(m, "statement", "one of "+strings.Join(stmtKeys, ", "), stmtKeys)
		}
	}
	if s.Effect == 0 {
		return b.errAt(n.Off, "statement.noEffect", "the statement has no Effect: add \"Effect\": \"Allow\" or \"Deny\"")
	}
	if !hasAction {
		return b.errAt(n.Off, "statement.noAction", "the statement has no Action or NotAction")
	}
	return nil
}

func (b *builder) effect(s *Statement, m *jsonpos.Node) error {
	if m.Kind != jsonpos.String {
		return b.typeErr(m, "Effect", "a string")
	}
	switch m.Str {
	case "Allow":
		s.Effect = Allow
	case "Deny":
		s.Effect = Deny
	default:
		msg := "Effect must be \"Allow\" or \"Deny\", not " + strconv.Quote(m.Str)
		if strings.EqualFold(m.Str, "allow") || strings.EqualFold(m.Str, "deny") {
			msg += " (the value is case-sensitive)"
		}
		return b.errAt(m.Off, "statement.effect", msg)
	}
	return nil
}

// strings reads a string or an array of strings.
func (b *builder) strings(m *jsonpos.Node, what string) ([]Value, error) {
	if m.Kind == jsonpos.String {
		return []Value{{S: m.Str, Off: m.Off}}, nil
	}
	if m.Kind != jsonpos.Array {
		return nil, b.typeErr(m, what, "a string or an array of strings")
	}
	list := b.doc.Children(m)
	if len(list) == 0 {
		return nil, b.errAt(m.Off, "statement.emptyList", what+" must not be an empty array")
	}
	vs := make([]Value, len(list))
	for i := range list {
		if list[i].Kind != jsonpos.String {
			return nil, b.typeErr(&list[i], "each entry of "+what, "a string")
		}
		vs[i] = Value{S: list[i].Str, Off: list[i].Off}
	}
	return vs, nil
}

func (b *builder) actions(m *jsonpos.Node) ([]Value, error) {
	vs, err := b.strings(m, m.Key)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		if msg := checkAction(v.S); msg != "" {
			return nil, b.errAt(v.Off, "action.syntax", msg)
		}
	}
	return vs, nil
}

// checkAction returns why AWS would reject an action pattern, or "".
func checkAction(a string) string {
	if a == "*" {
		return ""
	}
	colon := strings.IndexByte(a, ':')
	if colon < 0 {
		return "action " + strconv.Quote(a) + " has no service prefix: write it as \"service:Action\", such as \"s3:GetObject\""
	}
	svc, name := a[:colon], a[colon+1:]
	if svc == "" {
		return "action " + strconv.Quote(a) + " has an empty service prefix"
	}
	if name == "" {
		return "action " + strconv.Quote(a) + " has no action name after the colon: write \"" + svc + ":*\" for every action"
	}
	for i := 0; i < len(svc); i++ {
		if c := svc[i]; !(isAlnum(c) || c == '-' || c == '*' || c == '?') {
			return "action " + strconv.Quote(a) + " has an invalid character " + strconv.QuoteRune(rune(c)) + " in its service prefix"
		}
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !(isAlnum(c) || c == '*' || c == '?' || c == '-' || c == '_') {
			return "action " + strconv.Quote(a) + " has an invalid character " + strconv.QuoteRune(rune(c)) + " in its name"
		}
	}
	return ""
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var principalKeys = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (b *builder) principal(m *jsonpos.Node) (*Principal, error) {
	p := &Principal{Off: m.Off}
	if m.Kind == jsonpos.String {
		if m.Str != "*" {
			return nil, b.errAt(m.Off, "principal.syntax", m.Key+" must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}")
		}
		p.Any = true
		return p, nil
	}
	ms, err := b.members(m, m.Key)
	if err != nil {
		return nil, b.typeErr(m, m.Key, "\"*\" or an object")
	}
	if len(ms) == 0 {
		return nil, b.errAt(m.Off, "principal.empty", m.Key+" must name at least one principal")
	}
	for i := range ms {
		e := &ms[i]
		vs, err := b.strings(e, m.Key+"."+e.Key)
		if err != nil {
			return nil, err
		}
		switch e.Key {
		case "AWS":
			p.AWS = vs
		case "Service":
			p.Service = vs
		case "Federated":
			p.Federated = vs
		case "CanonicalUser":
			p.CanonicalUser = vs
		default:
			return nil, b.unknownKey(e, "principal", "AWS, Service, Federated or CanonicalUser", principalKeys)
		}
	}
	return p, nil
}

func (b *builder) conditions(m *jsonpos.Node) ([]Condition, error) {
	ops, err := b.members(m, "Condition")
	if err != nil {
		return nil, err
	}
	var out []Condition
	for i := range ops {
		op := &ops[i]
		o, msg := ParseOperator(op.Key)
		if msg != "" {
			return nil, b.errAt(op.KeyOff, "condition.operator", msg)
		}
		keys, err := b.members(op, "the "+op.Key+" block")
		if err != nil {
			return nil, err
		}
		if len(keys) == 0 {
			return nil, b.errAt(op.Off, "condition.empty", "the "+op.Key+" block names no condition key")
		}
		for j := range keys {
			c, err := b.condition(o, op, &keys[j])
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func (b *builder) condition(o Operator, op, k *jsonpos.Node) (Condition, error) {
	c := Condition{Op: o, Key: k.Key, OpOff: op.KeyOff, KeyOff: k.KeyOff, Off: k.Off}
	if k.Key == "" {
		return c, b.errAt(k.KeyOff, "condition.key", "empty condition key")
	}
	var list []jsonpos.Node
	if k.Kind == jsonpos.Array {
		list = b.doc.Children(k)
	} else {
		list = []jsonpos.Node{*k}
	}
	c.Values = make([]Value, len(list))
	c.strs = make([]string, len(list))
	for i := range list {
		v := &list[i]
		switch v.Kind {
		case jsonpos.String, jsonpos.Number, jsonpos.Bool:
			// AWS accepts numbers and booleans and compares their text.
			c.Values[i] = Value{S: v.Str, Off: v.Off}
			c.strs[i] = v.Str
		default:
			return c, b.typeErr(v, "a condition value", "a string, number or boolean (or an array of them)")
		}
	}
	if o.Base == OpNull {
		for _, v := range c.Values {
			if v.S != "true" && v.S != "false" {
				return c, b.errAt(v.Off, "condition.nullValue", "Null takes \"true\" (the key is absent) or \"false\" (the key is present), not "+strconv.Quote(v.S))
			}
		}
	}
	return c, nil
}
