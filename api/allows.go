package api

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/scenario"
)

// MaxAllowsActions bounds the rows of one "what does this allow?" table.
const MaxAllowsActions = 2000

// AllowsAnswer is the decision of every action a pattern matches, with the
// scenario's policies, principal, resource and context: what the IAM
// console's policy simulator shows for a service.
type AllowsAnswer struct {
	Pattern   string      `json:"pattern"`
	Rows      []AllowsRow `json:"rows"`
	Total     int         `json:"total"`
	Truncated bool        `json:"truncated,omitempty"`
	Error     *Problem    `json:"error,omitempty"`
}

// AllowsRow is one action's decision and the reason code of it.
type AllowsRow struct {
	Action   string         `json:"action"`
	Access   string         `json:"access"`
	Decision authz.Decision `json:"decision"`
	Reason   authz.Code     `json:"reason"`
}

// Allows decides every action of pattern ("s3", "s3:*", "s3:Put*") against
// a draft: the scenario is read once and only the request's action changes
// from row to row. The draft's own action does not matter (it may be
// empty, or half typed).
func Allows(d *Draft, pattern string, opt scenario.Options, cat *catalog.Catalog) AllowsAnswer {
	pattern = strings.TrimSpace(pattern)
	if pattern != "" && !strings.Contains(pattern, ":") {
		pattern += ":*"
	}
	out := AllowsAnswer{Pattern: pattern, Rows: []AllowsRow{}}
	actions, err := cat.Expand(pattern)
	if err != nil {
		out.Error = &Problem{Code: "catalog", Msg: err.Error()}
		return out
	}
	if len(actions) == 0 {
		out.Error = &Problem{Code: "allows.none", Msg: "no action of the catalog matches " + strconv.Quote(pattern), Params: map[string]string{"pattern": pattern}}
		return out
	}
	withAction := *d
	withAction.Request.Action = actions[0].FullName()
	s, err := scenario.Parse(withAction.Scenario(), opt)
	if err != nil {
		out.Error = problemOf(err)
		return out
	}
	out.Total = len(actions)
	if len(actions) > MaxAllowsActions {
		actions, out.Truncated = actions[:MaxAllowsActions], true
	}
	var ev authz.Evaluator
	for _, a := range actions {
		s.Input.Request.Action = a.FullName()
		res, err := ev.Evaluate(&s.Input)
		if err != nil {
			out.Error = problemOf(err)
			return out
		}
		out.Rows = append(out.Rows, AllowsRow{Action: s.Input.Request.Action, Access: a.Access.String(), Decision: res.Decision, Reason: res.Reason})
	}
	return out
}
