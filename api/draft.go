package api

// Draft is a scenario as the page edits it: the request's fields as typed,
// and every policy as the text of its editor (or an AWS managed policy's
// ARN). The page writes it back as scenario text, with policies as
// "document" strings, so that what the user typed is kept as is.
type Draft struct {
	Request  DraftRequest `json:"request"`
	Identity []Entry      `json:"identity"`
	Boundary *Entry       `json:"boundary"`
	Session  *Entry       `json:"session"`
	Resource *Entry       `json:"resource"`
	// SCPs and RCPs are nil when the scenario has none (no organization).
	SCPs []Level `json:"scps"`
	RCPs []Level `json:"rcps"`
}

// DraftRequest is the request's fields as text.
type DraftRequest struct {
	Principal       string       `json:"principal"`
	Action          string       `json:"action"`
	Resource        string       `json:"resource"`
	ResourceAccount string       `json:"resourceAccount"`
	Context         []ContextRow `json:"context"`
}

// ContextRow is one condition key and its value as the page's field shows
// it: a string, or a JSON array of strings for a multivalued key.
type ContextRow struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Entry is one policy: Text is its document (as written, when it was a
// string; indented, when it was an object), or ARN names an AWS managed
// policy.
type Entry struct {
	Name string `json:"name"`
	Text string `json:"text,omitempty"`
	ARN  string `json:"arn,omitempty"`
}

// Level is one level of an organization: its target and policies.
type Level struct {
	Target   string  `json:"target"`
	Policies []Entry `json:"policies"`
}

func newDraft() *Draft {
	return &Draft{Identity: []Entry{}, Request: DraftRequest{Context: []ContextRow{}}}
}
