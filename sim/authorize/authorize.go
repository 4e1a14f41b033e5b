// Package authorize turns an API call of the simulated AWS into the
// engine's question (authz.Input): the caller's identity policies (user
// and its groups, or role), permissions boundary, session policy, the
// resource's policy that the service gives, the organization's SCPs and
// RCPs, and the context keys AWS sets for the call. It decides on the fast
// path and keeps the question, so that the trace is rendered only when
// someone reads it.
package authorize

import (
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/world"
)

// Env is what the call itself tells: who signed it, from where, when.
type Env struct {
	Principal *world.Principal // nil for an anonymous call
	SourceIP  string
	Secure    bool // the call came over TLS
	Region    string
	Now       time.Time
	UserAgent string
	Referer   string
}

// Request is one question a service asks about a call.
type Request struct {
	Action   string // "sts:AssumeRole"
	Resource string // the resource's ARN, or "*"
	// Display is the resource as the denial message shows it (S3 quotes
	// it); "" shows Resource.
	Display string
	// ResourceAccount owns the resource, when the ARN does not tell.
	ResourceAccount string
	// Policy is the resource's own policy (trust, bucket, key policy).
	Policy *world.NamedDoc
	// Trust marks Policy as a role trust policy (for the message).
	Trust bool
	// Context holds the keys the service sets for this call
	// (sts:ExternalId, aws:RequestTag/..., s3:prefix...).
	Context []authz.Entry
	// Caller is the request's principal when the call is unsigned and an
	// identity provider vouches for it: "cognito-identity.amazonaws.com"
	// or an OIDC provider's ARN for sts:AssumeRoleWithWebIdentity.
	Caller string
}

// Decision is the engine's answer, with the question kept for the trace.
type Decision struct {
	Action   string
	Resource string
	Decision authz.Decision
	Reason   authz.Code
	// Message is AWS's access denied message ("" when allowed).
	Message string
	input   *authz.Input
}

// Allowed reports whether the call may go on.
func (d *Decision) Allowed() bool { return d.Decision == authz.Allowed }

// Trace decides the question again with a fresh evaluator and returns
// the full result: the same answer, with every policy and statement.
func (d *Decision) Trace() (*authz.Result, error) {
	if d.input == nil {
		return nil, nil
	}
	return authz.Evaluate(d.input)
}

// evaluators are reused between calls, never shared by two at once.
var evaluators = sync.Pool{New: func() any { return new(authz.Evaluator) }}

// Decide asks the engine. tx is the view of the world the call reads.
func Decide(w *world.World, tx *world.Tx, env *Env, req *Request) (*Decision, error) {
	in := Input(w, tx, env, req)
	ev := evaluators.Get().(*authz.Evaluator)
	defer evaluators.Put(ev)
	r, err := ev.Evaluate(in)
	if err != nil {
		return nil, err
	}
	d := &Decision{Action: req.Action, Resource: req.Resource, Decision: r.Decision, Reason: r.Reason, input: in}
	if r.Decision != authz.Allowed {
		var blocked policy.Type
		if r.Blocked != nil {
			blocked = r.Blocked.Type
		}
		d.Message = DenyMessage(callerARN(env.Principal), req, r.Decision, r.Reason, blocked)
	}
	return d, nil
}

func callerARN(p *world.Principal) string {
	if p == nil {
		return "anonymous"
	}
	return p.ARN
}

// Input builds the engine's question.
func Input(w *world.World, tx *world.Tx, env *Env, req *Request) *authz.Input {
	in := &authz.Input{Now: env.Now}
	in.Request = authz.Request{Action: req.Action, Resource: req.Resource, ResourceAccount: req.ResourceAccount}
	p := env.Principal
	in.Request.Principal = "*"
	if p == nil && req.Caller != "" {
		in.Request.Principal = req.Caller
	}
	if p != nil {
		in.Request.Principal = p.ARN
		identity(w, tx, p, in)
		in.SCPs = scps(tx, p.Account)
	}
	if req.Policy != nil {
		in.Resource = &authz.Named{Name: req.Policy.Name, Policy: req.Policy.Doc.Policy}
	}
	in.RCPs = rcps(tx, req, p)
	in.Request.Context.Entries = contextKeys(tx, env, req)
	return in
}

// identity fills in the identity policies, boundary and session policy.
func identity(w *world.World, tx *world.Tx, p *world.Principal, in *authz.Input) {
	add := func(e *world.Entity, kind string) {
		names := make([]string, 0, len(e.Inline))
		for n := range e.Inline {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			in.Identity = append(in.Identity, authz.Named{Name: n + " (inline, " + kind + " " + e.Name + ")", Policy: e.Inline[n].Policy})
		}
		for _, arn := range e.Attached {
			if d, ok := w.ManagedDoc(tx, arn); ok {
				in.Identity = append(in.Identity, authz.Named{Name: arn, Policy: d.Policy})
			}
		}
	}
	boundary := ""
	switch {
	case p.Role != nil:
		add(&p.Role.Entity, "role")
		boundary = p.Role.Boundary
	case p.User != nil:
		add(&p.User.Entity, "user")
		for _, g := range p.User.Groups {
			if grp, ok := world.Groups.Get(tx, world.NameKey(p.Account, g)); ok {
				add(&grp.Entity, "group")
			}
		}
		boundary = p.User.Boundary
	}
	if boundary != "" {
		if d, ok := w.ManagedDoc(tx, boundary); ok {
			in.Boundary = &authz.Named{Name: boundary, Policy: d.Policy}
		}
	}
	if s := p.Session; s != nil && s.Policy != nil {
		in.Session = &authz.Named{Name: "session policy", Policy: s.Policy.Policy}
	}
}

func levels(ls []world.Level) []authz.Level {
	out := make([]authz.Level, 0, len(ls))
	for _, l := range ls {
		lv := authz.Level{Target: l.Target}
		for _, p := range l.Policies {
			lv.Policies = append(lv.Policies, authz.Named{Name: p.Name, Policy: p.Doc.Policy})
		}
		out = append(out, lv)
	}
	return out
}

// scps are the SCPs of the caller's account: none outside an organization
// and none for its management account ("SCPs don't affect users or roles
// in the management account", AWS Organizations User Guide).
func scps(tx *world.Tx, account string) []authz.Level {
	a, ok := world.Accounts.Get(tx, account)
	if !ok || a.Org == "" || len(a.SCPs) == 0 || isManagement(tx, a) {
		return nil
	}
	return levels(a.SCPs)
}

// rcps are the RCPs of the resource's account, with the same exception.
func rcps(tx *world.Tx, req *Request, p *world.Principal) []authz.Level {
	acct := req.ResourceAccount
	if acct == "" {
		acct = accountOf(req.Resource)
	}
	if acct == "" && p != nil {
		acct = p.Account
	}
	a, ok := world.Accounts.Get(tx, acct)
	if !ok || a.Org == "" || len(a.RCPs) == 0 || isManagement(tx, a) {
		return nil
	}
	return levels(a.RCPs)
}

func isManagement(tx *world.Tx, a *world.Account) bool {
	o, ok := world.Organizations.Get(tx, a.Org)
	return ok && o.ManagementAccount == a.ID
}

// accountOf is the account field of an ARN.
func accountOf(arn string) string {
	n := 0
	start := 0
	for i := 0; i < len(arn); i++ {
		if arn[i] == ':' {
			n++
			if n == 4 {
				start = i + 1
			} else if n == 5 {
				return arn[start:i]
			}
		}
	}
	return ""
}

// contextKeys are the service's keys, then the global keys AWS sets on
// every call of this kind of caller (the global condition context keys
// of the IAM User Guide). authz derives aws:PrincipalAccount,
// aws:PrincipalType, aws:ResourceAccount and the like.
func contextKeys(tx *world.Tx, env *Env, req *Request) []authz.Entry {
	out := make([]authz.Entry, 0, len(req.Context)+16)
	out = append(out, req.Context...)
	given := len(out)
	// The service's keys win over the global ones (an AssumeRole with MFA
	// parameters sets aws:MultiFactorAuthPresent for its own request).
	add := func(k string, v ...string) {
		for i := 0; i < given; i++ {
			if equalFold(out[i].Key, k) {
				return
			}
		}
		out = append(out, authz.Entry{Key: k, Values: v})
	}
	now := env.Now.UTC()
	add("aws:CurrentTime", now.Format(time.RFC3339))
	add("aws:EpochTime", strconv.FormatInt(now.Unix(), 10))
	add("aws:SecureTransport", strconv.FormatBool(env.Secure))
	add("aws:ViaAWSService", "false")
	if env.Region != "" {
		add("aws:RequestedRegion", env.Region)
	}
	if env.SourceIP != "" {
		add("aws:SourceIp", env.SourceIP)
	}
	if env.UserAgent != "" {
		add("aws:UserAgent", env.UserAgent)
	}
	if env.Referer != "" {
		add("aws:Referer", env.Referer)
	}
	p := env.Principal
	if p == nil {
		return out
	}
	add("aws:userid", p.UserID)
	if p.Role != nil {
		add("aws:PrincipalArn", p.Role.ARN()) // with the role's path, which the session ARN lacks
	}
	if a, ok := world.Accounts.Get(tx, p.Account); ok && a.Org != "" {
		add("aws:PrincipalOrgID", a.Org)
	}
	if s := p.Session; s != nil {
		// "This key is present only when the principal uses temporary
		// credentials" (aws:MultiFactorAuthPresent, aws:TokenIssueTime).
		add("aws:TokenIssueTime", s.Issued.UTC().Format(time.RFC3339))
		add("aws:MultiFactorAuthPresent", strconv.FormatBool(s.MFA))
		if s.MFA {
			add("aws:MultiFactorAuthAge", strconv.FormatInt(int64(now.Sub(s.Issued)/time.Second), 10))
		}
		if s.SourceIdentity != "" {
			add("aws:SourceIdentity", s.SourceIdentity)
		}
		for _, k := range s.Context {
			add(k.Key, k.Values...)
		}
	}
	for _, t := range PrincipalTags(p) {
		add("aws:PrincipalTag/"+t.Key, t.Value)
	}
	return out
}

// PrincipalTags are the tags of the caller: a user's; a role's, which the
// session's tags override ("session tags override a role tag with the
// same key", IAM User Guide, passing session tags).
func PrincipalTags(p *world.Principal) []world.Tag {
	var base []world.Tag
	switch {
	case p.Role != nil:
		base = p.Role.Tags
	case p.User != nil && (p.Session == nil || p.Session.Kind == world.SessionToken):
		base = p.User.Tags
	}
	if p.Session == nil || len(p.Session.Tags) == 0 {
		return base
	}
	out := append([]world.Tag(nil), p.Session.Tags...)
	for _, t := range base {
		if !hasKey(out, t.Key) {
			out = append(out, t)
		}
	}
	return out
}

func hasKey(ts []world.Tag, k string) bool {
	for _, t := range ts {
		if equalFold(t.Key, k) {
			return true
		}
	}
	return false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}
