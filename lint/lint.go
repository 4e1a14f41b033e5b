// Package lint checks IAM policies and scenarios the way AWS IAM Access
// Analyzer's policy validation does: every finding has a stable code, a
// severity (error, security warning, warning, suggestion) as Access
// Analyzer grades the same problem, a message that says how to fix it, and
// the position of the text it is about. An error means that AWS refuses the
// policy when it is saved, or that the element cannot work as written.
//
// The checks are grouped one family per file (grammar, actions, resources,
// regions, conditions, principals, variables, security, escalation, limits,
// style, request); each check is registered once with its code, severity,
// a one-line summary and its Access Analyzer issue codes, which
// docs/lint.md lists. save.go says which AWS services refuse a policy with
// each finding when it is saved, and SaveErrors answers for the simulated
// AWS.
package lint

import (
	"slices"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/policy"
)

// Severity is how serious a finding is, with Access Analyzer's names.
type Severity uint8

// The severities, most serious first.
const (
	Error Severity = iota + 1
	SecurityWarning
	Warning
	Suggestion
)

func (s Severity) String() string { return s.Words().En }

// MarshalText writes the severity's name, such as "security warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem found in a policy.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Msg is the finding in English; Text words it in any language, from
	// its check's template of the form Form ("" the main one) and Args,
	// its particulars by name.
	Msg  string            `json:"message"`
	Form string            `json:"form,omitempty"`
	Args map[string]string `json:"args,omitempty"`
	// Off is the byte offset of the text the finding is about, in the
	// text that holds the policy (for a scenario: the scenario file).
	Off int32 `json:"offset"`
	// Line and Col (1-based, columns in characters) locate Off; EndLine
	// and EndCol, when set, the end of the text (exclusive).
	Line    int `json:"line"`
	Col     int `json:"col"`
	EndLine int `json:"endLine,omitempty"`
	EndCol  int `json:"endCol,omitempty"`

	// The fields below are set for findings of a scenario.

	// Policy names the policy, e.g. `identityPolicies[0] "S3Upload"`.
	Policy string `json:"policy,omitempty"`
	// Path is the policy's place in the scenario, e.g. identityPolicies[0].
	Path string `json:"path,omitempty"`
	// PolicyLine and PolicyCol locate the finding in the policy's own
	// text when the policy is not written inline as a JSON object (a
	// string document, or an AWS managed policy named by ARN).
	PolicyLine int `json:"policyLine,omitempty"`
	PolicyCol  int `json:"policyCol,omitempty"`
	// PolicyEndLine and PolicyEndCol end that span.
	PolicyEndLine int `json:"policyEndLine,omitempty"`
	PolicyEndCol  int `json:"policyEndCol,omitempty"`

	// AWSCode and AWSMessage are set by SaveErrors: the error code and
	// message with which AWS refuses to save the policy.
	AWSCode    string `json:"awsCode,omitempty"`
	AWSMessage string `json:"awsMessage,omitempty"`

	// end is the offset just after the text, or 0.
	end int32
	// subject is the text at fault as AWS quotes it in a refusal (an ARN,
	// or a principal as "AWS":"arn:..."); part is the part of an ARN at
	// fault.
	subject, part string
	// refusedBy has bit 1<<Store set for each store that refuses this
	// finding of a check it refuses only sometimes (Refusal.Only), and
	// storeMsg its message when it differs from the refusal's.
	refusedBy   uint8
	storeMsg    string
	storeMsgFor Store
	// lacks names what the Service Authorization Reference lacks, for an
	// error that AWS's own use of the name would excuse (see
	// UndocumentedNames).
	lacks string
}

// Check describes one check of the registry.
type Check struct {
	Code     string
	Severity Severity
	// Family is the file of checks it belongs to: grammar, actions...
	Family string
	// Summary is a one-line explanation, in every language.
	Summary Words
	// Messages are the templates of its findings' messages by form ("" the
	// main one), in every language (see Check.msg).
	Messages map[string]Words
	// AccessAnalyzer lists the issue codes of IAM Access Analyzer's
	// policy checks that find the same problem (INVALID_ACTION...), if any.
	AccessAnalyzer []string
	// Refusals say which AWS services refuse a policy with this finding
	// when it is saved, and how (see save.go); none: AWS stores it.
	Refusals []Refusal
}

var registry = map[string]*Check{}

// newCheck registers a check with its summary in English and Japanese;
// codes are unique.
func newCheck(family, code string, sev Severity, summary, summaryJa string) *Check {
	if _, dup := registry[code]; dup {
		panic("lint: duplicate check code " + code)
	}
	c := &Check{Code: code, Severity: sev, Family: family, Summary: Words{En: summary, Ja: summaryJa}}
	registry[code] = c
	return c
}

// aa records the Access Analyzer issue codes that match the check.
func (c *Check) aa(codes ...string) *Check {
	c.AccessAnalyzer = append(c.AccessAnalyzer, codes...)
	return c
}

// Checks lists every check, sorted by family and code.
func Checks() []Check {
	out := make([]Check, 0, len(registry))
	for _, c := range registry {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Check) int {
		if c := strings.Compare(familyOrder(a.Family), familyOrder(b.Family)); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}

var families = []string{"request", "grammar", "types", "actions", "resources", "conditions", "principals", "variables", "security", "limits", "style"}

func familyOrder(f string) string {
	i := slices.Index(families, f)
	return string(rune('a' + i))
}

// Lookup returns the check with the given code.
func Lookup(code string) (Check, bool) {
	c, ok := registry[code]
	if !ok {
		return Check{}, false
	}
	return *c, true
}

// Policy checks a parsed policy of the given type. A resource-based policy
// whose statements allow sts:AssumeRole* is checked as a trust policy. cat
// may be nil: the checks that need AWS's service data are then skipped.
func Policy(p *policy.Policy, t policy.Type, cat *catalog.Catalog) []Finding {
	if t == policy.Resource && isTrust(p) {
		t = policy.Trust
	}
	return policyAt(p, t, cat, jsonpos.NewCursor(p.Src))
}

// policyAt is Policy with the cursor that locates findings in p.Src, which
// a scenario's inline policies share.
func policyAt(p *policy.Policy, t policy.Type, cat *catalog.Catalog, cur *jsonpos.Cursor) []Finding {
	l := &linter{p: p, t: t, cat: cat}
	l.run()
	sortFindings(l.out)
	locate(ptrs(l.out), cur)
	return l.out
}

// Text parses policy text and checks it; a policy that does not parse gives
// the parser's error as its one finding.
func Text(src string, t policy.Type, cat *catalog.Catalog) []Finding {
	p, err := policy.Parse(src)
	if err != nil {
		return []Finding{parseFinding(src, err)}
	}
	return Policy(p, t, cat)
}

// UndocumentedNames lists what the Service Authorization Reference lacks
// for p to be free of the errors that AWS's own use of a name would excuse:
// "a:svc:action" (also a pattern that matches no action), "p:svc" (a
// service prefix), "k:key" (a condition key, or one the statement's actions
// do not support) and "f:svc:type:part" (an ARN without the Region or
// account its format has), all lower case. tools/catalog runs it over AWS's
// managed policies to make catalog.Undocumented, after which these findings
// of the names it lists are warnings or, for ARN forms, none.
func UndocumentedNames(p *policy.Policy, t policy.Type, cat *catalog.Catalog) []string {
	var out []string
	for _, f := range Policy(p, t, cat) {
		if f.lacks != "" {
			out = append(out, lower(f.lacks))
		}
	}
	return out
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Off != b.Off {
			return int(a.Off - b.Off)
		}
		return int(a.Severity) - int(b.Severity)
	})
}

// isTrust reports whether a policy's statements use sts:AssumeRole*.
func isTrust(p *policy.Policy) bool {
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.NotAction {
			continue
		}
		for _, a := range s.Actions {
			if len(a.S) >= 14 && strings.EqualFold(a.S[:14], "sts:AssumeRole") {
				return true
			}
		}
	}
	return false
}

// linter holds the state of checking one policy.
type linter struct {
	p   *policy.Policy
	t   policy.Type
	cat *catalog.Catalog
	out []Finding
	// stmts holds what was resolved about each statement.
	stmts []stmtInfo
	// memo is scratch space for pattern intersection.
	memo []bool
}

// stmtInfo is what the checks share about one statement.
type stmtInfo struct {
	s   *policy.Statement
	idx int
	// actions are the catalog actions the Action element names (empty for
	// NotAction); broad is set when some entry matches across services or
	// could not be resolved, so that action-dependent checks hold back.
	actions []*catalog.Action
	broad   bool
	// literal marks, per action value, that it names one action.
	keys map[string]bool // lower-case condition keys the actions support; built lazily
}

func (l *linter) run() {
	l.stmts = make([]stmtInfo, len(l.p.Statements))
	for i := range l.p.Statements {
		l.stmts[i] = stmtInfo{s: &l.p.Statements[i], idx: i}
	}
	for _, family := range checkFamilies {
		family(l)
	}
}

// checkFamilies run in order; actions first, as later families use what it
// resolves.
var checkFamilies = []func(*linter){
	checkTypes,
	checkActions,
	checkResources,
	checkConditions,
	checkPrincipals,
	checkVariables,
	checkSecurity,
	checkEscalation,
	checkLimits,
	checkStyle,
}

// report adds a finding about the text from off to end (end 0: a point),
// worded by the check's template of the form with the arguments kv (name,
// value, name, value...). Lines and columns are filled in by locate, once
// all are found.
func (l *linter) report(c *Check, off, end int32, form string, kv ...string) *Finding {
	f := newFinding(c, form, kv)
	f.Off = off
	if end > off {
		f.end = end
	}
	l.out = append(l.out, f)
	return &l.out[len(l.out)-1]
}

// locate sets the lines and columns of the findings and of their ends
// from their offsets in cur's text, going through it once.
func locate(fs []*Finding, cur *jsonpos.Cursor) {
	eachOffset(fs, func(f *Finding, end bool, off int) {
		p := cur.At(off)
		if end {
			f.EndLine, f.EndCol = p.Line, p.Col
		} else {
			f.Line, f.Col = p.Line, p.Col
		}
	})
}

// eachOffset calls at for the start of every finding and the end of those
// that have one, in the order of the text: the order in which a cursor
// goes through it once.
func eachOffset(fs []*Finding, at func(f *Finding, end bool, off int)) {
	type point struct {
		f   *Finding
		end bool
		off int
	}
	pts := make([]point, 0, 2*len(fs))
	for _, f := range fs {
		pts = append(pts, point{f, false, int(f.Off)})
		if f.end > 0 {
			pts = append(pts, point{f, true, int(f.end)})
		}
	}
	slices.SortStableFunc(pts, func(a, b point) int { return a.off - b.off })
	for _, p := range pts {
		at(p.f, p.end, p.off)
	}
}

// ptrs points at each finding of fs.
func ptrs(fs []Finding) []*Finding {
	out := make([]*Finding, len(fs))
	for i := range fs {
		out[i] = &fs[i]
	}
	return out
}

// newFinding is a finding of check c, worded by its template of the form
// with the arguments kv.
func newFinding(c *Check, form string, kv []string) Finding {
	f := Finding{Code: c.Code, Severity: c.Severity, Form: form, Args: args(kv)}
	t, ok := c.Messages[form]
	if !ok {
		panic("lint: " + c.Code + " has no message form " + strconv.Quote(form))
	}
	f.Msg = render(t.En, f.Args, English)
	return f
}

// reportValue adds a finding about a string literal and returns it, for
// the caller to add what a refusal on save quotes.
func (l *linter) reportValue(c *Check, v policy.Value, form string, kv ...string) *Finding {
	f := l.report(c, v.Off, literalEnd(l.p.Src, v.Off), form, kv...)
	f.subject = v.S
	return f
}

// literalEnd returns the offset just after the JSON string literal (or
// other scalar) that starts at off.
func literalEnd(src string, off int32) int32 {
	i := int(off)
	if i >= len(src) {
		return off
	}
	if src[i] != '"' {
		for i < len(src) && !strings.ContainsRune(",}] \t\r\n", rune(src[i])) {
			i++
		}
		return int32(i)
	}
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return int32(i + 1)
		}
	}
	return int32(len(src))
}

// keyEnd returns the end of an object key's literal.
func keyEnd(src string, off int32) int32 { return literalEnd(src, off) }

// parseFinding turns a parser error into a finding.
func parseFinding(src string, err error) Finding {
	pe, ok := err.(*policy.Error)
	if !ok {
		f := parserFinding("json.syntax", err.Error())
		f.Line, f.Col = 1, 1
		return f
	}
	f := parserFinding(pe.Code, pe.Msg)
	f.Off, f.Line, f.Col = int32(pe.Off), pe.Line, pe.Col
	if end := literalEnd(src, int32(pe.Off)); end > int32(pe.Off) && end-int32(pe.Off) < 200 && pe.Off < len(src) && src[pe.Off] == '"' {
		e := jsonpos.PositionOf(src, int(end))
		f.EndLine, f.EndCol, f.end = e.Line, e.Col, end
	}
	return f
}

// parserFinding is a finding of a fault the policy parser or the
// scenario reader found, worded by them in English (detail); a code the
// registry lacks (a scenario's own fault) is an error.
func parserFinding(code, detail string) Finding {
	c, known := registry[code]
	if !known {
		return Finding{Code: code, Severity: Error, Msg: detail}
	}
	return newFinding(c, "", []string{"detail", detail})
}
