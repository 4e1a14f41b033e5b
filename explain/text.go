package explain

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlab/iamlab/authz"
)

// Text writes a result for people, in English: the decision, the headline,
// every policy with each statement's outcome and what it matched, and what
// would change a deny.
func Text(w io.Writer, r *authz.Result) {
	TextIn(w, r, English)
}

// TextIn is Text in a language (the report's fixed labels stay English).
func TextIn(w io.Writer, r *authz.Result, l Lang) {
	rep := NewReport(r)
	fmt.Fprintf(w, "decision: %s\n", rep.Decision)
	fmt.Fprintf(w, "  %s\n", rep.Summary.In(l))
	fmt.Fprintf(w, "  why: %s\n", MessageIn(l, rep.Reason.Code))
	if b := rep.BlockedBy; b != nil {
		fmt.Fprintf(w, "  blocked by: %s\n", policyName(l, *b))
	}
	for _, d := range rep.DecidedBy {
		if d.Statement != nil {
			fmt.Fprintf(w, "  deciding statement: %s, %s (line %d)\n", policyName(l, d.Policy), statementName(l, d.Statement.Index, d.Statement.Sid), d.Statement.Line)
		}
	}
	if c := rep.Changes; c != nil {
		fmt.Fprintf(w, "%s\n", MessageIn(l, "text.whatWouldChange"))
		for i, e := range c.Edits {
			at := ""
			if e.Line > 0 {
				at = fmt.Sprintf(" (line %d)", e.Line)
			}
			fmt.Fprintf(w, "  %d. %s%s\n", i+1, e.Text.In(l), at)
		}
		fmt.Fprintf(w, "  %s\n", c.Text.In(l))
	}
	fmt.Fprintf(w, "caller: %s %s", rep.Caller.Kind, rep.Caller.ARN)
	if rep.Caller.Account != "" {
		fmt.Fprintf(w, " (account %s)", rep.Caller.Account)
	}
	fmt.Fprintf(w, "; resource account %s; same account: %v\n", orDash(rep.ResourceAccount), rep.SameAccount)
	for _, p := range rep.Policies {
		writePolicy(w, &p, l)
	}
}

func writePolicy(w io.Writer, p *Policy, l Lang) {
	fmt.Fprintf(w, "\n%s\n", policyName(l, p.PolicyRef))
	if !p.Applies {
		fmt.Fprintf(w, "  not applied: %s\n", MessageIn(l, p.NotApplicable.Code))
	}
	for _, s := range p.Statements {
		mark := "  -"
		if s.Matched {
			mark = "  ✓"
		}
		fmt.Fprintf(w, "%s %s %s (line %d, col %d): %s", mark, s.Effect, stmtName(&s), s.Line, s.Column, MessageIn(l, s.Reason.Code))
		if s.Grant != "" && s.Matched {
			fmt.Fprintf(w, " [principal: %s]", s.Grant)
		}
		if s.Unresolved != "" {
			fmt.Fprintf(w, " [${%s}]", s.Unresolved)
		}
		fmt.Fprintln(w)
		if s.Matched {
			writeMatch(w, s.Match)
		} else if c := s.Condition; c != nil {
			writeCondition(w, c, "")
		}
	}
}

// writeMatch says what a statement that applies matched.
func writeMatch(w io.Writer, m *Match) {
	if m == nil {
		return
	}
	var parts []string
	for _, e := range []struct {
		name string
		el   *Element
	}{{"Action", &m.Action}, {"Resource", m.Resource}, {"Principal", m.Principal}} {
		switch {
		case e.el == nil:
		case e.el.Not:
			parts = append(parts, "Not"+e.name+" lists nothing that matches")
		case e.el.Value != "":
			parts = append(parts, e.name+" "+e.el.Value)
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "      matched: %s\n", strings.Join(parts, "; "))
	}
	for i := range m.Conditions {
		writeCondition(w, &m.Conditions[i], "holds: ")
	}
}

func writeCondition(w io.Writer, c *Condition, prefix string) {
	req := "(absent)"
	if c.Present {
		req = "[" + strings.Join(c.Request, ", ") + "]"
	}
	fmt.Fprintf(w, "      %s%s %s: policy [%s], request %s (line %d)", prefix, c.Operator, c.Key, strings.Join(c.Policy, ", "), req, c.Line)
	if c.Compared != nil {
		fmt.Fprintf(w, " [compared: %s]", strings.Join(c.Compared, ", "))
	}
	if c.NullVariable != "" {
		fmt.Fprintf(w, " [${%s} has no value]", c.NullVariable)
	}
	fmt.Fprintln(w)
}

func stmtName(s *Statement) string {
	if s.Sid != "" {
		return fmt.Sprintf("#%d %q", s.Index+1, s.Sid)
	}
	return fmt.Sprintf("#%d", s.Index+1)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
