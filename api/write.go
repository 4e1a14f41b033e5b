package api

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Scenario writes the draft as scenario text (docs/scenario.md), policies
// as "document" strings so that what the user typed, even a syntax error,
// reaches the reader as is (and its errors are placed in that text).
func (d *Draft) Scenario() string {
	out := scenarioFile{Request: fileRequest{
		Principal: d.Request.Principal, Action: d.Request.Action, Resource: d.Request.Resource,
		ResourceAccount: strings.TrimSpace(d.Request.ResourceAccount), Context: context(d.Request.Context),
	}}
	for _, e := range d.Identity {
		out.Identity = append(out.Identity, fileEntry(e))
	}
	out.Boundary, out.Session, out.Resource = optionalEntry(d.Boundary), optionalEntry(d.Session), optionalEntry(d.Resource)
	out.SCPs, out.RCPs = fileLevels(d.SCPs), fileLevels(d.RCPs)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(out) // cannot fail: strings, slices and structs only
	return strings.TrimSuffix(buf.String(), "\n")
}

// ReadDraft reads a draft as the page sends it (JSON).
func ReadDraft(draftJSON string) (*Draft, *Problem) {
	d := newDraft()
	if err := json.Unmarshal([]byte(draftJSON), d); err != nil {
		return nil, &Problem{Code: "draft", Msg: "the page sent a draft that does not read: " + err.Error()}
	}
	return d, nil
}

type scenarioFile struct {
	Request  fileRequest  `json:"request"`
	Identity []entryFile  `json:"identityPolicies,omitempty"`
	Boundary *entryFile   `json:"permissionsBoundary,omitempty"`
	Session  *entryFile   `json:"sessionPolicy,omitempty"`
	Resource *entryFile   `json:"resourcePolicy,omitempty"`
	SCPs     *[]levelFile `json:"serviceControlPolicies,omitempty"`
	RCPs     *[]levelFile `json:"resourceControlPolicies,omitempty"`
}

type fileRequest struct {
	Principal       string     `json:"principal"`
	Action          string     `json:"action"`
	Resource        string     `json:"resource"`
	ResourceAccount string     `json:"resourceAccount,omitempty"`
	Context         contextObj `json:"context,omitempty"`
}

type entryFile struct {
	Name     string  `json:"name,omitempty"`
	Document *string `json:"document,omitempty"`
	ARN      string  `json:"arn,omitempty"`
}

type levelFile struct {
	Target   string      `json:"target"`
	Policies []entryFile `json:"policies"`
}

func fileEntry(e Entry) entryFile {
	if e.ARN != "" && e.Text == "" {
		return entryFile{Name: e.Name, ARN: e.ARN}
	}
	text := e.Text
	return entryFile{Name: e.Name, Document: &text}
}

func optionalEntry(e *Entry) *entryFile {
	if e == nil {
		return nil
	}
	f := fileEntry(*e)
	return &f
}

// fileLevels keeps an empty list (an organization whose levels were all
// removed still has SCPs: none allow) apart from none (no organization).
func fileLevels(ls []Level) *[]levelFile {
	if ls == nil {
		return nil
	}
	out := make([]levelFile, len(ls))
	for i, l := range ls {
		out[i] = levelFile{Target: l.Target, Policies: make([]entryFile, len(l.Policies))}
		for j, e := range l.Policies {
			out[i].Policies[j] = fileEntry(e)
		}
	}
	return &out
}

// contextObj is the request's context in the order of the rows; a key
// given twice is written twice, for the reader to point at.
type contextObj []contextPair

type contextPair struct {
	key    string
	values any // string or []string
}

func context(rows []ContextRow) contextObj {
	var out contextObj
	for _, r := range rows {
		if k := strings.TrimSpace(r.Key); k != "" {
			out = append(out, contextPair{k, contextValue(r.Value)})
		}
	}
	return out
}

// contextValue reads a value as typed: a JSON array of scalars is a
// multivalued key, anything else one string.
func contextValue(text string) any {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "[") {
		return text
	}
	dec := json.NewDecoder(strings.NewReader(t))
	dec.UseNumber()
	var list []any
	if dec.Decode(&list) != nil || dec.More() {
		return text
	}
	out := make([]string, len(list))
	for i, v := range list {
		s, ok := scalarText(v)
		if !ok {
			return text
		}
		out[i] = s
	}
	return out
}

func (c contextObj) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range c {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := marshalNoEscape(p.key)
		v, _ := marshalNoEscape(p.values)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
}
