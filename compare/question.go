// Package compare asks IAM's policy simulator the question of a scenario
// and puts AWS's answer beside the engine's: the scenario becomes the
// parameters of SimulateCustomPolicy (its policies, context and resource)
// and, when it names an IAM user or role, of SimulatePrincipalPolicy (that
// principal's own policies in the account). What the simulator cannot be
// given (session policies, SCPs and RCPs, a trust policy, a caller that is
// not an IAM user) is said in notes quoting AWS's documentation, so that a
// difference can be read for what it is. The same code asks the simulated
// IAM (sim/iam) and the real one: only the client's transport differs.
package compare

import (
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamlab/iamlab/api"
	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/scenario"
)

// Question is a scenario as the policy simulator takes it, with the
// engine's own answer.
type Question struct {
	Custom *iam.SimulateCustomPolicyInput
	// Principal is nil when the scenario's caller is no IAM user or role.
	Principal *iam.SimulatePrincipalPolicyInput
	// Names are the scenario's names of the policies sent, by the
	// SourcePolicyId AWS gives them ("PolicyInputList.1").
	Names map[string]string
	Notes []Note
	// Ours is the engine's decision of the scenario.
	Ours   authz.Decision
	Reason authz.Code
}

// Build reads a scenario and makes the simulator's question. cat gives the
// text of AWS managed policies the scenario names by ARN and the types of
// its context keys.
func Build(text string, cat *catalog.Catalog) (*Question, error) {
	imp := api.ImportScenario(text)
	if imp.Error != nil {
		return nil, errors.New(imp.Error.Msg)
	}
	if len(imp.Problems) > 0 {
		return nil, errors.New(imp.Problems[0].Msg)
	}
	managed := func(arn string) (string, bool) { return cat.ManagedText(arn) }
	sc, err := scenario.Parse(text, scenario.Options{Managed: managed})
	if err != nil {
		return nil, err
	}
	res, err := sc.Evaluate()
	if err != nil {
		return nil, err
	}
	b := builder{d: imp.Draft, res: res, managed: managed, cat: cat,
		q: &Question{Ours: res.Decision, Reason: res.Reason, Names: map[string]string{}}}
	if err := b.custom(); err != nil {
		return nil, err
	}
	b.principal()
	b.notes()
	return b.q, nil
}

// builder fills a Question.
type builder struct {
	d       *api.Draft
	res     *authz.Result
	managed scenario.Resolver
	cat     *catalog.Catalog
	q       *Question
	// resourceSent is whether the resource policy could be sent.
	resourceSent bool
}

// custom makes SimulateCustomPolicy's parameters: the identity policies
// (PolicyInputList), the boundary, the resource policy with CallerArn and
// ResourceOwner, the action, the resource and every context key the
// engine decided with, typed.
func (b *builder) custom() error {
	in := &iam.SimulateCustomPolicyInput{PolicyInputList: []string{}, ActionNames: []string{b.res.Input.Request.Action}}
	for i, e := range b.d.Identity {
		text, err := b.text(e)
		if err != nil {
			return err
		}
		in.PolicyInputList = append(in.PolicyInputList, text)
		b.q.Names["PolicyInputList."+itoa(i+1)] = e.Name
	}
	if e := b.d.Boundary; e != nil {
		text, err := b.text(*e)
		if err != nil {
			return err
		}
		in.PermissionsBoundaryPolicyInputList = []string{text}
		b.q.Names["PermissionsBoundaryPolicyInputList.1"] = e.Name
	}
	if r := b.res.Input.Request.Resource; r != "*" {
		in.ResourceArns = []string{r}
	}
	if b.res.Caller.Kind == authz.KindUser {
		in.CallerArn = aws.String(b.res.Caller.ARN)
	}
	if e := b.d.Resource; e != nil && b.canSendResource() {
		in.ResourcePolicy = aws.String(e.Text)
		b.q.Names["ResourcePolicy"] = e.Name
		b.resourceSent = true
		if acct := b.res.ResourceAccount; policy.IsAccountID(acct) {
			in.ResourceOwner = aws.String("arn:aws:iam::" + acct + ":root")
		}
	}
	in.ContextEntries = b.context()
	b.q.Custom = in
	return nil
}

// canSendResource: "Simulation of resource-based policies isn't supported
// for IAM roles", and CallerArn, which a resource policy needs, "can
// specify only the ARN of an IAM user".
func (b *builder) canSendResource() bool {
	return !b.roleResource() && b.res.Caller.Kind == authz.KindUser
}

// roleResource reports whether the resource is an IAM role (its policy a
// trust policy).
func (b *builder) roleResource() bool {
	a, ok := policy.ParseARN(b.res.Input.Request.Resource)
	return ok && a.Service == "iam" && strings.HasPrefix(a.Resource, "role/")
}

// text is a policy's document: as the scenario writes it, or an AWS
// managed policy's from the catalog.
func (b *builder) text(e api.Entry) (string, error) {
	if e.ARN == "" {
		return e.Text, nil
	}
	t, ok := b.managed(e.ARN)
	if !ok {
		return "", errors.New("the AWS managed policy " + e.ARN + " is not in the catalog")
	}
	return t, nil
}

// context is the request context as the engine decided it: the keys the
// scenario gives and those the engine filled in (aws:PrincipalArn,
// aws:username, aws:CurrentTime...), since the simulator supplies only
// the values it is given. Each key has the type the catalog gives it.
func (b *builder) context() []iamtypes.ContextEntry {
	out := []iamtypes.ContextEntry{}
	for _, e := range b.res.Context.Entries {
		out = append(out, iamtypes.ContextEntry{ContextKeyName: aws.String(e.Key),
			ContextKeyValues: append([]string{}, e.Values...), ContextKeyType: keyType(b.cat, e.Key, len(e.Values))})
	}
	return out
}

// principal makes SimulatePrincipalPolicy's parameters when the caller is
// an IAM user or role (a role session's role): that entity's policies in
// the account, with the scenario's resource policy (for a user) and
// context.
func (b *builder) principal() {
	c := &b.res.Caller
	var source string
	switch c.Kind {
	case authz.KindUser:
		source = c.ARN
	case authz.KindRole:
		source = c.ARN
	case authz.KindRoleSession:
		source = c.RoleARN
	default:
		return
	}
	in := &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String(source), ActionNames: b.q.Custom.ActionNames,
		ResourceArns: b.q.Custom.ResourceArns, ContextEntries: b.q.Custom.ContextEntries}
	if c.Kind == authz.KindUser && b.resourceSent {
		in.ResourcePolicy, in.ResourceOwner = b.q.Custom.ResourcePolicy, b.q.Custom.ResourceOwner
	}
	b.q.Principal = in
}

// keyType is the simulator's ContextKeyType of a key: from the catalog's
// type, a list type when the key is multivalued or has several values;
// "string" for a key the catalog does not know.
func keyType(cat *catalog.Catalog, key string, n int) iamtypes.ContextKeyTypeEnum {
	base, list := "string", n > 1
	if k, ok := cat.ConditionKey(key); ok {
		switch k.Type {
		case catalog.Numeric:
			base = "numeric"
		case catalog.Date:
			base = "date"
		case catalog.Bool:
			base = "boolean"
		case catalog.ArrayOfBool:
			base, list = "boolean", true
		case catalog.IPAddress:
			base = "ip"
		case catalog.Binary:
			base = "binary"
		case catalog.ArrayOfString, catalog.ArrayOfARN:
			list = true
		}
	}
	if list {
		return iamtypes.ContextKeyTypeEnum(base + "List")
	}
	return iamtypes.ContextKeyTypeEnum(base)
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
