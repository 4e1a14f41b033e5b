package explain

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// Text writes a result for people: the decision, why, and every policy
// with each statement's outcome.
func Text(w io.Writer, r *authz.Result) {
	rep := NewReport(r)
	fmt.Fprintf(w, "decision: %s\n", rep.Decision)
	fmt.Fprintf(w, "  why: %s\n", rep.Reason.Message)
	if b := rep.BlockedBy; b != nil {
		fmt.Fprintf(w, "  blocked by: %s\n", describe(*b))
	}
	if d := rep.Deciding; d != nil {
		fmt.Fprintf(w, "  deciding statement: %s, statement %s (line %d)\n", describe(*d.PolicyRef), stmtName(d), d.Line)
	}
	fmt.Fprintf(w, "caller: %s %s", rep.Caller.Kind, rep.Caller.ARN)
	if rep.Caller.Account != "" {
		fmt.Fprintf(w, " (account %s)", rep.Caller.Account)
	}
	fmt.Fprintf(w, "; resource account %s; same account: %v\n", orDash(rep.ResourceAccount), rep.SameAccount)
	for _, p := range rep.Policies {
		writePolicy(w, &p)
	}
}

func writePolicy(w io.Writer, p *Policy) {
	fmt.Fprintf(w, "\n%s\n", describe(p.PolicyRef))
	if !p.Applies {
		fmt.Fprintf(w, "  not applied: %s\n", p.NotApplicable.Message)
	}
	for _, s := range p.Statements {
		mark := "  -"
		if s.Matched {
			mark = "  ✓"
		}
		fmt.Fprintf(w, "%s %s %s (line %d, col %d): %s", mark, s.Effect, stmtName(&s), s.Line, s.Column, s.Reason.Message)
		if s.Grant != "" && s.Matched {
			fmt.Fprintf(w, " [principal: %s]", s.Grant)
		}
		if s.Unresolved != "" {
			fmt.Fprintf(w, " [${%s}]", s.Unresolved)
		}
		fmt.Fprintln(w)
		if c := s.Condition; c != nil {
			req := "(absent)"
			if c.Present {
				req = "[" + strings.Join(c.Request, ", ") + "]"
			}
			fmt.Fprintf(w, "      %s %s: policy [%s], request %s (line %d)\n", c.Operator, c.Key, strings.Join(c.Policy, ", "), req, c.Line)
		}
	}
}

// typeLabels name the policy types in the text report.
var typeLabels = map[policy.Type]string{policy.Identity: "identity policy", policy.Boundary: "permissions boundary",
	policy.Session: "session policy", policy.Resource: "resource policy", policy.Trust: "trust policy",
	policy.SCP: "SCP", policy.RCP: "RCP"}

// describe names a policy; organization levels are counted from 1 at the
// root, as the page counts them.
func describe(p PolicyRef) string {
	s := typeLabels[p.Type]
	if p.Type == policy.SCP || p.Type == policy.RCP {
		s += fmt.Sprintf(" level %d", p.Level+1)
		if p.Target != "" {
			s += " (" + p.Target + ")"
		}
	}
	if p.Name != "" {
		s += fmt.Sprintf(" %q", p.Name)
	}
	return s
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
