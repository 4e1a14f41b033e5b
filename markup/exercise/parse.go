package exercise

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits of one exercise block: the page evaluates every goal at each
// check, and a block is written by hand.
const (
	MaxBlock = 64 << 10 // bytes between the fences
	MaxGoals = 12
)

var (
	reID      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	reSegment = regexp.MustCompile(`^([A-Za-z]+)(?:\[(\d{1,3})\])?$`)
	reYAMLAt  = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// requestFields are the request fields a goal may set (scenario.md).
var requestFields = map[string]bool{"principal": true, "action": true, "resource": true, "resourceAccount": true, "context": true}

// Parse reads the body of an exercise block (the text between the fences);
// line is the Markdown line of the body's first line. A problem is an
// *Error with its line and column in the Markdown file.
func Parse(body string, line int) (*Exercise, error) {
	if len(body) > MaxBlock {
		return nil, &Error{Line: line, Msg: fmt.Sprintf("exercise block is %d bytes, more than %d", len(body), MaxBlock)}
	}
	p := &blockParser{lines: strings.Split(body, "\n"), first: line, ex: &Exercise{}}
	var doc yaml.Node
	if err := yaml.NewDecoder(strings.NewReader(body)).Decode(&doc); err != nil {
		return nil, p.yamlError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &Error{Line: line, Msg: "an exercise block is a YAML mapping (kind: ..., id: ..., ...)"}
	}
	if err := p.fields(doc.Content[0]); err != nil {
		return nil, err
	}
	if err := p.check(doc.Content[0]); err != nil {
		return nil, err
	}
	return p.ex, nil
}

type blockParser struct {
	lines []string // the body's lines
	first int      // Markdown line of lines[0]
	ex    *Exercise
	nodes map[string]*yaml.Node // the value of each key, for messages
}

func (p *blockParser) errAt(n *yaml.Node, format string, args ...any) error {
	return &Error{Line: p.first + n.Line - 1, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// yamlError places a YAML syntax error, whose message names a line of the body.
func (p *blockParser) yamlError(err error) error {
	msg := err.Error()
	if m := reYAMLAt.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{Line: p.first + n - 1, Msg: "YAML: " + m[2]}
	}
	return &Error{Line: p.first, Msg: strings.Replace(msg, "yaml: ", "YAML: ", 1)}
}

// fields reads each key of the block's mapping.
func (p *blockParser) fields(m *yaml.Node) error {
	p.nodes = map[string]*yaml.Node{}
	ex := p.ex
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if _, dup := p.nodes[k.Value]; dup {
			return p.errAt(k, "%s is given twice", k.Value)
		}
		p.nodes[k.Value] = v
		var err error
		switch k.Value {
		case "id":
			ex.ID, err = p.scalar(v)
			if err == nil && !reID.MatchString(ex.ID) {
				err = p.errAt(v, "id %q: use lower-case letters, digits and '-' (it keys the reader's progress)", ex.ID)
			}
		case "kind":
			var s string
			if s, err = p.scalar(v); err == nil {
				var ok bool
				if ex.Task, ok = kinds[s]; !ok {
					err = p.errAt(v, "kind %q: want predict, fix or hole", s)
				}
			}
		case "title":
			ex.Title, err = p.scalar(v)
		case "prompt":
			ex.Prompt, err = p.scalar(v)
		case "hint":
			ex.Hint, err = p.scalar(v)
		case "explain":
			ex.Explain, err = p.scalar(v)
		case "scenario":
			ex.Scenario, err = p.json(v)
		case "answer":
			if ex.Answer, err = p.scalar(v); err == nil && (wants[ex.Answer] == "" || ex.Answer == string(Denied)) {
				err = p.errAt(v, "answer %q: want allowed, explicitDeny or implicitDeny", ex.Answer)
			}
		case "edit":
			if ex.Edit, err = p.scalar(v); err == nil {
				ex.EditPath, err = editPath(ex.Edit)
				if err != nil {
					err = p.errAt(v, "edit %q: %v", ex.Edit, err)
				}
			}
		case "start":
			ex.Start, err = p.json(v)
		case "solution":
			ex.Solution, err = p.json(v)
		case "goals":
			ex.Goals, err = p.goals(v)
		case "lint":
			ex.Lint, err = p.strings(v)
		default:
			err = p.errAt(k, "unknown key %q (known: answer, edit, explain, goals, hint, id, kind, lint, prompt, scenario, solution, start, title)", k.Value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *blockParser) scalar(n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", p.errAt(n, "want text here")
	}
	return n.Value, nil
}

// json reads a JSON text (a scenario or a policy) and where it starts in the
// file, so that the engine's line and column inside it can be reported.
func (p *blockParser) json(n *yaml.Node) (Text, error) {
	if n.Kind != yaml.ScalarNode {
		return Text{}, p.errAt(n, "want JSON text here, as a literal block (key: |)")
	}
	// A literal block keeps its last line break; the editor should not.
	t := Text{Src: strings.TrimRight(n.Value, "\n"), Line: p.first + n.Line - 1, Col: n.Column}
	switch n.Style {
	case yaml.FoldedStyle:
		return Text{}, p.errAt(n, "a folded block (>) joins the JSON's lines: use a literal block (|)")
	case yaml.LiteralStyle:
		// The text starts on the first non-blank line after the indicator.
		l := n.Line
		for l < len(p.lines) && strings.TrimSpace(p.lines[l]) == "" {
			l++
		}
		if l < len(p.lines) {
			t.Line = p.first + l
			t.Col = len(p.lines[l]) - len(strings.TrimLeft(p.lines[l], " ")) + 1
		}
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		t.Col++
	}
	var v any
	if err := decodeJSON(t.Src, &v); err != nil {
		return Text{}, t.errorAt(err)
	}
	if _, ok := v.(map[string]any); !ok {
		return Text{}, &Error{Line: t.Line, Col: t.Col, Msg: "want a JSON object"}
	}
	return t, nil
}

// errorAt places a JSON error of the text in the Markdown file.
func (t Text) errorAt(err error) error {
	off := len(t.Src)
	if se, ok := err.(*json.SyntaxError); ok && se.Offset > 0 {
		off = int(se.Offset) - 1 // the offset counts the offending byte
	}
	line, col := position(t.Src, off)
	return &Error{Line: t.Line + line - 1, Col: t.Col + col - 1, Msg: "JSON: " + err.Error()}
}

// position converts a byte offset to a 1-based line and column (in characters).
func position(src string, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	before := src[:off]
	line = 1 + strings.Count(before, "\n")
	col = 1 + len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
	return line, col
}

func decodeJSON(src string, v any) error {
	d := json.NewDecoder(strings.NewReader(src))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("text after the JSON value")
	}
	return nil
}

func (p *blockParser) strings(n *yaml.Node) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errAt(n, "want a list")
	}
	var out []string
	for _, c := range n.Content {
		s, err := p.scalar(c)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (p *blockParser) goals(n *yaml.Node) ([]Goal, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errAt(n, "goals: want a list of {say, request, expect}")
	}
	if len(n.Content) > MaxGoals {
		return nil, p.errAt(n, "%d goals, more than %d", len(n.Content), MaxGoals)
	}
	var out []Goal
	for _, g := range n.Content {
		if g.Kind != yaml.MappingNode {
			return nil, p.errAt(g, "a goal is a mapping: say, request, expect")
		}
		goal := Goal{Line: p.first + g.Line - 1, Request: map[string]any{}}
		for i := 0; i+1 < len(g.Content); i += 2 {
			k, v := g.Content[i], g.Content[i+1]
			switch k.Value {
			case "say":
				s, err := p.scalar(v)
				if err != nil {
					return nil, err
				}
				goal.Say = s
			case "expect":
				s, err := p.scalar(v)
				if err != nil {
					return nil, err
				}
				if goal.Want = wants[s]; goal.Want == "" {
					return nil, p.errAt(v, "expect %q: want allowed, denied, explicitDeny or implicitDeny", s)
				}
			case "request":
				if v.Kind != yaml.MappingNode {
					return nil, p.errAt(v, "request: want a mapping of the fields that change")
				}
				for j := 0; j+1 < len(v.Content); j += 2 {
					f := v.Content[j]
					if !requestFields[f.Value] {
						return nil, p.errAt(f, "request field %q: want principal, action, resource, resourceAccount or context", f.Value)
					}
					val, err := p.plain(v.Content[j+1])
					if err != nil {
						return nil, err
					}
					goal.Request[f.Value] = val
				}
			default:
				return nil, p.errAt(k, "unknown goal key %q (known: expect, request, say)", k.Value)
			}
		}
		if goal.Want == "" {
			return nil, p.errAt(g, "the goal has no expect")
		}
		if goal.Say == "" {
			return nil, p.errAt(g, "the goal has no say (the request in words)")
		}
		out = append(out, goal)
	}
	return out, nil
}

// plain converts a YAML value to JSON's: every scalar is a string (context
// values are strings in a scenario), a null removes a context key.
func (p *blockParser) plain(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil, nil
		}
		return n.Value, nil
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := p.plain(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := p.plain(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	return nil, p.errAt(n, "aliases are not supported here")
}

// check validates the block as a whole: what each kind needs and forbids,
// and that the edited policy exists in the scenario.
func (p *blockParser) check(m *yaml.Node) error {
	ex := p.ex
	need := []string{"id", "kind", "title", "prompt", "scenario"}
	var forbid []string
	switch ex.Task {
	case Predict:
		need = append(need, "answer")
		forbid = []string{"edit", "start", "solution", "goals", "lint"}
	case Fix, Hole:
		need = append(need, "edit", "start", "solution", "goals")
		forbid = []string{"answer"}
	}
	var missing []string
	for _, k := range need {
		if _, ok := p.nodes[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return p.errAt(m, "exercise %q needs %s", ex.ID, strings.Join(missing, ", "))
	}
	for _, k := range forbid {
		if n, ok := p.nodes[k]; ok {
			return p.errAt(n, "a %s exercise has no %s", ex.Task, k)
		}
	}
	if ex.Task == Predict {
		return nil
	}
	if len(ex.Goals) == 0 {
		return p.errAt(p.nodes["goals"], "no goals")
	}
	if ex.Task == Hole && !slicesContainsFunc(ex.Goals, func(g Goal) bool { return g.Want != Allowed }) {
		return p.errAt(p.nodes["goals"], "a hole exercise needs a goal that must be denied")
	}
	var base map[string]any
	if err := decodeJSON(ex.Scenario.Src, &base); err != nil {
		return ex.Scenario.errorAt(err)
	}
	slot, err := lookup(base, ex.EditPath[:len(ex.EditPath)-1])
	if err != nil {
		return p.errAt(p.nodes["edit"], "edit %q: %v in the scenario", ex.Edit, err)
	}
	if _, ok := slot["arn"]; ok {
		return p.errAt(p.nodes["edit"], "edit %q names an AWS managed policy (arn): the reader edits a document", ex.Edit)
	}
	return nil
}

func slicesContainsFunc(gs []Goal, f func(Goal) bool) bool {
	for _, g := range gs {
		if f(g) {
			return true
		}
	}
	return false
}

// editPath turns "serviceControlPolicies[1].policies[0]" into the JSON path
// of that policy's document.
func editPath(s string) ([]any, error) {
	var path []any
	for _, seg := range strings.Split(s, ".") {
		m := reSegment.FindStringSubmatch(seg)
		if m == nil {
			return nil, fmt.Errorf("want a policy's place such as identityPolicies[0] or resourcePolicy")
		}
		path = append(path, m[1])
		if m[2] != "" {
			i, _ := strconv.Atoi(m[2])
			path = append(path, i)
		}
	}
	return append(path, "document"), nil
}

// lookup walks a decoded JSON value along path to an object.
func lookup(v any, path []any) (map[string]any, error) {
	for _, step := range path {
		switch s := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: not an object", s)
			}
			if v, ok = m[s]; !ok {
				return nil, fmt.Errorf("no %s", s)
			}
		case int:
			a, ok := v.([]any)
			if !ok || s >= len(a) {
				return nil, fmt.Errorf("no entry [%d]", s)
			}
			v = a[s]
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object")
	}
	return m, nil
}

// indentJSON is the JSON text of v, indented two spaces, for display.
func indentJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
	return b.String()
}
