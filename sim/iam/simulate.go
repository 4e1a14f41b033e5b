package iam

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// IAM's policy simulator: SimulateCustomPolicy and SimulatePrincipalPolicy
// decide, with the engine, the pairs of ActionNames and ResourceArns
// against the policies given (and, for SimulatePrincipalPolicy, those the
// entity has). What they model is what the IAM API Reference says they
// take: identity-based policies, one permissions boundary, one
// resource-based policy, a caller and the context entries given. They do
// not apply session policies ("The policies cannot be 'scope-down'
// policies"), RCPs (no parameter, and the simulator's documentation does
// not name them), or the context keys a real request would carry that the
// caller did not give: only the keys the engine derives from the caller and
// the resource (aws:username, aws:PrincipalArn, aws:ResourceAccount...).

// Limits of the simulator.
const (
	// DefaultSimulateItems is MaxItems when absent: "If you do not include
	// this parameter, the number of items defaults to 100."
	DefaultSimulateItems = 100
	// MaxSimulateItems is the largest MaxItems (maxItemsType: 1 to 1000).
	MaxSimulateItems = 1000
	// MaxSimulatedPairs bounds the action and resource pairs one call
	// decides: the lab's own bound on the work of one call.
	MaxSimulatedPairs = 1000
	// SimulatedCallerName names the user a custom simulation decides for
	// when the call gives no CallerArn and is not signed by an IAM user
	// (AWS does not say whom it simulates then).
	SimulatedCallerName = "SimulatedCaller"
)

// simulation is a simulator call read: what to decide, with which policies.
type simulation struct {
	identity []simPolicy
	boundary *simPolicy
	resource *simPolicy
	scps     []authz.Level
	inOrg    bool // the simulated principal's account is in an organization
	caller   string
	owner    string // ResourceOwner's account, "" when not given
	actions  []string
	arns     []string // nil: "*", and results say so
	context  []authz.Entry
	items    int // MaxItems
	from     int // the Marker: results already returned
}

// simPolicy is one policy of a simulation, as MatchedStatements name it.
type simPolicy struct {
	id     string // SourcePolicyId
	source string // SourcePolicyType; "" for policies given as input
	doc    *policy.Policy
}

func simulateCustomPolicy(c *service.Call, p protocol.Params) (any, error) {
	s, err := readSimulation(p)
	if err != nil {
		return nil, err
	}
	for i, text := range p.List("PolicyInputList") {
		sp, err := inputPolicy("PolicyInputList."+strconv.Itoa(i+1), text, policy.Identity)
		if err != nil {
			return nil, err
		}
		s.identity = append(s.identity, sp)
	}
	if !p.Has("PolicyInputList.member.1") && !p.Has("PolicyInputList") {
		return nil, protocol.MissingParameter("ValidationError", "PolicyInputList")
	}
	s.caller = p.Get("CallerArn")
	if s.caller == "" {
		if s.resource != nil {
			return nil, invalidInput("CallerArn is required when a ResourcePolicy is included, so that the policy's Principal element has a value to use.")
		}
		s.caller = defaultCaller(c)
	}
	var out *simulateResult
	err = c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:SimulateCustomPolicy", "*"); err != nil {
			return err
		}
		out, err = s.run()
		return err
	})
	return out, err
}

func simulatePrincipalPolicy(c *service.Call, p protocol.Params) (any, error) {
	s, err := readSimulation(p)
	if err != nil {
		return nil, err
	}
	source, err := p.Required("PolicySourceArn")
	if err != nil {
		return nil, err
	}
	var out *simulateResult
	err = c.World.View(func(tx *world.Tx) error {
		if err := allow(c, tx, "iam:SimulatePrincipalPolicy", source); err != nil {
			return err
		}
		if err := s.entityPolicies(c, tx, source); err != nil {
			return err
		}
		for i, text := range p.List("PolicyInputList") {
			sp, err := inputPolicy("PolicyInputList."+strconv.Itoa(i+1), text, policy.Identity)
			if err != nil {
				return err
			}
			s.identity = append(s.identity, sp)
		}
		if s.caller = p.Get("CallerArn"); s.caller == "" {
			if !strings.Contains(source, ":user/") {
				if s.resource != nil {
					return invalidInput("CallerArn is required when a ResourcePolicy is included and the PolicySourceArn is not the ARN of an IAM user.")
				}
			}
			s.caller = source
		}
		out, err = s.run()
		return err
	})
	return out, err
}

// readSimulation reads the parameters both operations share.
func readSimulation(p protocol.Params) (*simulation, error) {
	s := &simulation{items: DefaultSimulateItems}
	s.actions = p.List("ActionNames")
	if len(s.actions) == 0 {
		return nil, protocol.MissingParameter("ValidationError", "ActionNames")
	}
	for _, a := range s.actions {
		// "This operation does not support using wildcards (*) in an action name."
		if strings.ContainsAny(a, "*?") || !strings.Contains(a, ":") {
			return nil, invalidInput("Action %s is not a valid action: give service:Action, without wildcards.", a)
		}
	}
	s.arns = p.List("ResourceArns")
	if n := len(s.actions) * max(len(s.arns), 1); n > MaxSimulatedPairs {
		return nil, invalidInput("The simulation has %d pairs of actions and resources; at most %d are decided in one call.", n, MaxSimulatedPairs)
	}
	bounds := p.List("PermissionsBoundaryPolicyInputList")
	if len(bounds) > 1 {
		// "You can input only one permissions boundary when you pass a policy to this operation."
		return nil, invalidInput("Only one permissions boundary can be simulated.")
	}
	if len(bounds) == 1 {
		b, err := inputPolicy("PermissionsBoundaryPolicyInputList.1", bounds[0], policy.Boundary)
		if err != nil {
			return nil, err
		}
		s.boundary = &b
	}
	if text := p.Get("ResourcePolicy"); text != "" {
		r, err := inputPolicy("ResourcePolicy", text, policy.Resource)
		if err != nil {
			return nil, err
		}
		r.source = "resource"
		s.resource = &r
	}
	if caller := p.Get("CallerArn"); caller != "" {
		// "You can specify only the ARN of an IAM user."
		if a, ok := policy.ParseARN(caller); !ok || a.Service != "iam" || !strings.HasPrefix(a.Resource, "user/") || !policy.IsAccountID(a.Account) {
			return nil, invalidInput("CallerArn %s is not the ARN of an IAM user: only an IAM user can be the simulated caller.", caller)
		}
	}
	if owner := p.Get("ResourceOwner"); owner != "" {
		s.owner = ownerAccount(owner)
		if s.owner == "" {
			return nil, invalidInput("ResourceOwner %s is not an account: write arn:aws:iam::ACCOUNT-ID:root.", owner)
		}
	}
	var err error
	if s.context, err = readContextEntries(p); err != nil {
		return nil, err
	}
	return s, s.readPage(p)
}

// readPage reads MaxItems and Marker.
func (s *simulation) readPage(p protocol.Params) error {
	n, has, err := p.Int("MaxItems")
	if err != nil {
		return err
	}
	if has {
		if n < 1 || n > MaxSimulateItems {
			return protocol.Validation("1 validation error detected: Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and %d", n, MaxSimulateItems)
		}
		s.items = n
	}
	if m := p.Get("Marker"); m != "" {
		if s.from, err = strconv.Atoi(m); err != nil || s.from < 0 {
			return invalidInput("Invalid Marker.")
		}
	}
	return nil
}

// inputPolicy reads a policy given as a string, as the simulator takes it:
// valid JSON of the policy language, with the elements of its type ("Do not
// include any resource-based policies in this parameter").
func inputPolicy(id, text string, t policy.Type) (simPolicy, error) {
	if len(text) > MaxPolicyDocument {
		return simPolicy{}, invalidInput("The policy %s is longer than %d characters.", id, MaxPolicyDocument)
	}
	doc, err := policy.Parse(text)
	if err != nil {
		return simPolicy{}, invalidInput("The policy %s is not valid: %v", id, err)
	}
	if errs := t.Elements(doc); len(errs) > 0 {
		return simPolicy{}, invalidInput("The policy %s is not valid as %s: %s", id, t.Long(), errs[0].Msg)
	}
	return simPolicy{id: id, doc: doc}, nil
}

// ownerAccount is the account of arn:aws:iam::ACCOUNT:root, or of a bare
// account ID (which SimulatePrincipalPolicy's documentation shows).
func ownerAccount(owner string) string {
	if policy.IsAccountID(owner) {
		return owner
	}
	acct, ok := strings.CutPrefix(owner, "arn:aws:iam::")
	if acct, ok = strings.CutSuffix(acct, ":root"); ok && policy.IsAccountID(acct) {
		return acct
	}
	return ""
}

// defaultCaller is whom a custom simulation without CallerArn decides
// for: the signing IAM user, else a user of the caller's account (never
// the root user, whose own account allows it everything whatever the
// policies say).
func defaultCaller(c *service.Call) string {
	if pr := c.Env.Principal; pr != nil && pr.User != nil && pr.Session == nil {
		return pr.ARN
	}
	return "arn:aws:iam::" + c.Account() + ":user/" + SimulatedCallerName
}
