package flows

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// The scenario format's fields (scenario.md), as a writer needs them.
type scenarioDoc struct {
	Request  scenarioRequest `json:"request"`
	Identity []scenarioNamed `json:"identityPolicies,omitempty"`
	Boundary *scenarioNamed  `json:"permissionsBoundary,omitempty"`
	Session  *scenarioNamed  `json:"sessionPolicy,omitempty"`
	Resource *scenarioNamed  `json:"resourcePolicy,omitempty"`
	SCPs     []scenarioLevel `json:"serviceControlPolicies,omitempty"`
	RCPs     []scenarioLevel `json:"resourceControlPolicies,omitempty"`
	Expected string          `json:"expected,omitempty"`
}

type scenarioRequest struct {
	Principal       string         `json:"principal"`
	Action          string         `json:"action"`
	Resource        string         `json:"resource"`
	ResourceAccount string         `json:"resourceAccount,omitempty"`
	Context         map[string]any `json:"context,omitempty"`
}

// scenarioNamed is a policy: an AWS managed one by ARN, any other with its
// text as a document string, kept exactly as it was saved.
type scenarioNamed struct {
	Name     string `json:"name,omitempty"`
	ARN      string `json:"arn,omitempty"`
	Document string `json:"document,omitempty"`
}

type scenarioLevel struct {
	Target   string          `json:"target"`
	Policies []scenarioNamed `json:"policies"`
}

const awsManagedPrefix = "arn:aws:iam::aws:policy/"

// Scenario writes the question a decision answered as a playground
// scenario (scenario.md): the caller, action and resource, the context
// keys the service and the call set (not those the engine derives, which
// the playground derives again), and every policy with its text. The
// playground decides it as the simulated AWS did.
func Scenario(action, resource string, r *authz.Result) (string, error) {
	s := scenarioDoc{Request: scenarioRequest{Principal: r.Caller.ARN, Action: action, Resource: resource},
		Expected: string(r.Decision)}
	if r.ResourceAccount != "" && r.ResourceAccount != arnAccount(resource) {
		s.Request.ResourceAccount = r.ResourceAccount
	}
	for _, e := range r.Context.Entries {
		if e.Derived {
			continue
		}
		if s.Request.Context == nil {
			s.Request.Context = map[string]any{}
		}
		if len(e.Values) == 1 {
			s.Request.Context[e.Key] = e.Values[0]
		} else {
			s.Request.Context[e.Key] = append([]string{}, e.Values...)
		}
	}
	for i := range r.Policies {
		p := &r.Policies[i]
		n := named(p)
		switch p.Type {
		case policy.Identity:
			s.Identity = append(s.Identity, n)
		case policy.Boundary:
			s.Boundary = &n
		case policy.Session:
			s.Session = &n
		case policy.Resource, policy.Trust:
			s.Resource = &n
		case policy.SCP:
			s.SCPs = addToLevel(s.SCPs, p, n)
		case policy.RCP:
			s.RCPs = addToLevel(s.RCPs, p, n)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func named(p *authz.PolicyTrace) scenarioNamed {
	if strings.HasPrefix(p.Name, awsManagedPrefix) && p.Type != policy.Resource && p.Type != policy.Trust {
		return scenarioNamed{ARN: p.Name}
	}
	n := scenarioNamed{Name: p.Name}
	if p.Policy != nil {
		n.Document = p.Policy.Src
	}
	return n
}

// addToLevel puts an SCP or RCP into its level, levels kept in order.
func addToLevel(ls []scenarioLevel, p *authz.PolicyTrace, n scenarioNamed) []scenarioLevel {
	for len(ls) <= p.Level {
		ls = append(ls, scenarioLevel{Policies: []scenarioNamed{}})
	}
	ls[p.Level].Target = p.Target
	ls[p.Level].Policies = append(ls[p.Level].Policies, n)
	return ls
}

// arnAccount is the account field of an ARN ("" when it has none).
func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}
