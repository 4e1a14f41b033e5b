package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/scenario"
)

// Limits of an import, beyond the scenario reader's own.
const (
	// MaxLevels bounds the organization levels one import keeps. AWS nests
	// OUs at most "five levels of OUs deep under a root" (AWS Organizations
	// quotas): root, five OUs and the account make seven levels.
	MaxLevels = 10
	// MaxImportBytes bounds a file to import: an account's authorization
	// details can be far larger than a scenario.
	MaxImportBytes = 16 << 20
)

// The kinds of text Import recognizes.
const (
	KindScenario = "scenario"
	KindPolicy   = "policy"
	KindAccount  = "account"
)

// ImportAnswer is what a file or a link holds. A scenario comes as a Draft
// with the fields that could not be taken (Problems: each left out, the
// rest kept); a bare policy document as Policy, for the page to ask which
// slot it goes into; an account's authorization details as Account, for
// the page to ask which user or role to take. Error is set when the text is
// none of these.
type ImportAnswer struct {
	Kind     string          `json:"kind,omitempty"`
	Draft    *Draft          `json:"draft,omitempty"`
	Problems []Problem       `json:"problems,omitempty"`
	Policy   *BarePolicy     `json:"policy,omitempty"`
	Account  *AccountSummary `json:"account,omitempty"`
	Error    *Problem        `json:"error,omitempty"`
}

// BarePolicy is a policy document given alone, with the slot it most
// likely belongs in.
type BarePolicy struct {
	Text string `json:"text"`
	// Slot is the suggestion: "resource" for a policy that names
	// principals, "identity" otherwise.
	Slot string `json:"slot"`
}

// scenarioKeys are the top-level fields of a scenario.
var scenarioKeys = []string{"request", "identityPolicies", "permissionsBoundary", "sessionPolicy",
	"resourcePolicy", "serviceControlPolicies", "resourceControlPolicies"}

// Import reads a file the user picked: a scenario, a policy document, or
// the output of `aws iam get-account-authorization-details`.
func Import(text string) ImportAnswer {
	text = trimBOM(text)
	top, p := readObject(text, MaxImportBytes)
	if p != nil {
		return ImportAnswer{Error: p}
	}
	switch {
	case hasAny(top, scenarioKeys...):
		return importScenario(text, top)
	case hasAny(top, accountKeys...):
		return importAccount(text)
	case hasAny(top, "Statement"):
		return ImportAnswer{Kind: KindPolicy, Policy: &BarePolicy{Text: text, Slot: suggestSlot(top)}}
	}
	return ImportAnswer{Error: &Problem{Code: "import.kind", Line: 1, Col: 1,
		Msg: "it is neither a scenario (with \"request\"), nor a policy (with \"Statement\"), nor the output of aws iam get-account-authorization-details"}}
}

// ImportScenario reads a scenario only (what a share link carries).
func ImportScenario(text string) ImportAnswer {
	top, p := readObject(text, scenario.MaxBytes)
	if p != nil {
		return ImportAnswer{Error: p}
	}
	return importScenario(text, top)
}

// readObject checks the text's JSON grammar with the scenario reader's
// decoder (so that errors have its words and positions) and reads its top
// level.
func readObject(text string, max int) (map[string]json.RawMessage, *Problem) {
	if len(text) > max {
		return nil, &Problem{Code: "import.size", Line: 1, Col: 1, Msg: "it is larger than " + strconv.Itoa(max>>10) + " KiB",
			Params: map[string]string{"kib": strconv.Itoa(max >> 10)}}
	}
	d := jsonpos.NewDecoder(text)
	if off, bad := d.InvalidUTF8(); bad {
		return nil, at(text, off, "import.utf8", "it is not UTF-8 text")
	}
	if err := d.SyntaxError(); err != nil {
		e := err.(*jsonpos.Error)
		if strings.HasPrefix(e.Msg, "nesting deeper") {
			return nil, at(text, e.Off, "import.tooDeep", "it is nested too deeply ("+e.Msg+")")
		}
		p := at(text, e.Off, "import.json", "")
		p.Msg = "it is not valid JSON (" + e.Msg + ", line " + strconv.Itoa(p.Line) + ", column " + strconv.Itoa(p.Col) + ")"
		p.Params = map[string]string{"msg": e.Msg, "line": strconv.Itoa(p.Line), "col": strconv.Itoa(p.Col)}
		return nil, p
	}
	if k, _ := d.Peek(); k != jsonpos.Object {
		return nil, &Problem{Code: "import.notObject", Line: 1, Col: 1, Msg: "it is not a JSON object"}
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &top); err != nil {
		return nil, &Problem{Code: "import.json", Line: 1, Col: 1, Msg: "it is not valid JSON (" + err.Error() + ")",
			Params: map[string]string{"msg": err.Error(), "line": "1", "col": "1"}}
	}
	return top, nil
}

func at(text string, off int, code, msg string) *Problem {
	pos := jsonpos.PositionOf(text, off)
	return &Problem{Code: code, Msg: msg, Line: pos.Line, Col: pos.Col}
}

func hasAny(m map[string]json.RawMessage, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// suggestSlot guesses where a bare policy goes: a policy whose statements
// name principals is resource-based (a bucket, key or trust policy).
func suggestSlot(top map[string]json.RawMessage) string {
	var doc struct {
		Statement json.RawMessage
	}
	var list []map[string]json.RawMessage
	doc.Statement = top["Statement"]
	if json.Unmarshal(doc.Statement, &list) != nil {
		var one map[string]json.RawMessage
		if json.Unmarshal(doc.Statement, &one) == nil {
			list = append(list, one)
		}
	}
	for _, s := range list {
		if hasAny(s, "Principal", "NotPrincipal") {
			return "resource"
		}
	}
	return "identity"
}

// importScenario reads a scenario field by field: a field of the wrong
// shape is left out and named in Problems; unknown fields are ignored.
func importScenario(text string, top map[string]json.RawMessage) ImportAnswer {
	r := &fieldReader{}
	d := newDraft()
	if raw, ok := top["request"]; ok {
		r.request(raw, &d.Request)
	}
	d.Identity = r.entries(top["identityPolicies"], "identityPolicies", true)
	d.Boundary = r.optional(top["permissionsBoundary"], "permissionsBoundary")
	d.Session = r.optional(top["sessionPolicy"], "sessionPolicy")
	d.Resource = r.optional(top["resourcePolicy"], "resourcePolicy")
	d.SCPs = r.levels(top["serviceControlPolicies"], "serviceControlPolicies")
	d.RCPs = r.levels(top["resourceControlPolicies"], "resourceControlPolicies")
	return ImportAnswer{Kind: KindScenario, Draft: d, Problems: r.problems}
}

// fieldReader reads the fields of a scenario, collecting what it leaves out.
type fieldReader struct {
	problems []Problem
	policies int
}

func (r *fieldReader) fail(path, code, msg string, params map[string]string) {
	r.problems = append(r.problems, Problem{Code: code, Msg: path + ": " + msg, Path: path, Params: params})
}

func (r *fieldReader) wrongType(path, want string) {
	r.fail(path, "import.type", "must be "+want, map[string]string{"want": want})
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

func (r *fieldReader) str(raw json.RawMessage, path string) string {
	if isNull(raw) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		r.wrongType(path, "a string")
	}
	return s
}

func (r *fieldReader) request(raw json.RawMessage, out *DraftRequest) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		r.wrongType("request", "an object")
		return
	}
	out.Principal = r.str(m["principal"], "request.principal")
	out.Action = r.str(m["action"], "request.action")
	out.Resource = r.str(m["resource"], "request.resource")
	out.ResourceAccount = r.str(m["resourceAccount"], "request.resourceAccount")
	out.Context = r.context(m["context"])
}

// context reads the keys in their order in the file.
func (r *fieldReader) context(raw json.RawMessage) []ContextRow {
	rows := []ContextRow{}
	if isNull(raw) {
		return rows
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // a number is taken as its text, as the scenario reader does
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		r.wrongType("request.context", "an object")
		return rows
	}
	for dec.More() {
		tok, _ := dec.Token()
		key, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			break
		}
		if len(rows) >= scenario.MaxContextKeys {
			r.fail("request.context", "import.tooMany", "more than "+strconv.Itoa(scenario.MaxContextKeys)+" keys",
				map[string]string{"n": strconv.Itoa(scenario.MaxContextKeys)})
			break
		}
		value, ok := contextText(v)
		if !ok {
			r.wrongType("request.context."+key, "a string or an array of strings")
			continue
		}
		rows = append(rows, ContextRow{Key: key, Value: value})
	}
	return rows
}

// contextText is a context value as the page's field shows it: a scalar
// as its text, an array as a JSON array of the texts.
func contextText(v any) (string, bool) {
	if s, ok := scalarText(v); ok {
		return s, true
	}
	list, ok := v.([]any)
	if !ok {
		return "", false
	}
	texts := make([]string, len(list))
	for i, e := range list {
		if texts[i], ok = scalarText(e); !ok {
			return "", false
		}
	}
	b, _ := json.Marshal(texts)
	return string(b), true
}

func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

func (r *fieldReader) entries(raw json.RawMessage, path string, list bool) []Entry {
	out := []Entry{}
	if isNull(raw) {
		return out
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		r.wrongType(path, "an array")
		return out
	}
	for i, item := range items {
		if e := r.entry(item, path+"["+strconv.Itoa(i)+"]"); e != nil {
			out = append(out, *e)
		}
	}
	return out
}

func (r *fieldReader) optional(raw json.RawMessage, path string) *Entry {
	if isNull(raw) {
		return nil
	}
	return r.entry(raw, path)
}

// entry reads {"name", "document"} or {"name", "arn"}. The name is kept
// whatever it is: a name IAM would refuse is the linter's to report.
func (r *fieldReader) entry(raw json.RawMessage, path string) *Entry {
	r.policies++
	if r.policies > scenario.MaxPolicies {
		if r.policies == scenario.MaxPolicies+1 {
			r.fail(path, "import.tooMany", "more than "+strconv.Itoa(scenario.MaxPolicies)+" policies",
				map[string]string{"n": strconv.Itoa(scenario.MaxPolicies)})
		}
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		r.wrongType(path, "an object")
		return nil
	}
	e := &Entry{Name: r.str(m["name"], path+".name")}
	doc, hasDoc := m["document"]
	switch {
	case hasDoc && !isNull(doc):
		text, ok := documentText(doc)
		if !ok {
			r.wrongType(path+".document", "an object or a string")
			return nil
		}
		e.Text = text
	case !isNull(m["arn"]):
		if e.ARN = r.str(m["arn"], path+".arn"); e.ARN == "" {
			return nil
		}
	default:
		r.fail(path, "import.noDocument", "has neither \"document\" nor \"arn\"", nil)
		return nil
	}
	return e
}

// documentText is a policy's text: a string as written, an object
// indented (its keys and numbers as written).
func documentText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil
	case len(raw) > 0 && raw[0] == '{':
		var buf bytes.Buffer
		if json.Indent(&buf, raw, "", "  ") != nil {
			return "", false
		}
		return buf.String(), true
	}
	return "", false
}

func (r *fieldReader) levels(raw json.RawMessage, path string) []Level {
	if isNull(raw) {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		r.wrongType(path, "an array")
		return nil
	}
	out := []Level{}
	for i, item := range items {
		p := path + "[" + strconv.Itoa(i) + "]"
		if i == MaxLevels {
			r.fail(path, "import.tooManyLevels", "more than "+strconv.Itoa(MaxLevels)+" levels",
				map[string]string{"n": strconv.Itoa(MaxLevels)})
			break
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(item, &m) != nil || m == nil {
			r.wrongType(p, "an object")
			continue
		}
		out = append(out, Level{Target: r.str(m["target"], p+".target"), Policies: r.entries(m["policies"], p+".policies", true)})
	}
	return out
}

// trimBOM drops a byte order mark, which editors on some systems write.
func trimBOM(s string) string { return strings.TrimPrefix(s, "\uFEFF") }
