package flows

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/flows/internal/snippet"
	"github.com/iamlab/iamlab/scenario"
	"github.com/iamlab/iamlab/share"
)

func run(t testing.TB, name string, edits map[string]string) *Result {
	t.Helper()
	f, ok := Get(name)
	if !ok {
		t.Fatalf("no flow %s", name)
	}
	res, err := RunFlow(context.Background(), f, Options{Edits: edits, Catalog: embedded.Catalog()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Every flow, as its author wrote it, reaches each step's stated outcome.
func TestEveryFlowMeetsItsExpectations(t *testing.T) {
	if len(Names()) == 0 {
		t.Fatal("no flows")
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			res := run(t, name, nil)
			if res.Setup != nil {
				t.Fatalf("setup: %v", res.Setup)
			}
			f, _ := Get(name)
			if len(res.Steps) != len(f.Steps) {
				t.Fatalf("%d steps ran of %d", len(res.Steps), len(f.Steps))
			}
			for _, s := range res.Steps {
				if s.Outcome != s.Expect {
					t.Errorf("step %s (%s): outcome %s (%s), want %s", s.ID, s.Operation, s.Outcome, s.Message, s.Expect)
				}
				if len(s.HTTP) == 0 {
					t.Errorf("step %s recorded no HTTP exchange", s.ID)
				}
			}
		})
	}
}

// Each step's authorizations carry the trace, and the playground scenario
// written from it gets the engine's same decision; the share link holds
// that scenario.
func TestChecksReplayInThePlayground(t *testing.T) {
	for _, name := range Names() {
		res := run(t, name, nil)
		n := 0
		for _, s := range res.Steps {
			for _, c := range s.Checks {
				n++
				if c.Trace == nil || string(c.Trace.Decision) != c.Decision {
					t.Errorf("%s/%s %s: trace %v for decision %s", name, s.ID, c.Action, c.Trace, c.Decision)
					continue
				}
				if len(c.Slots) != len(c.Trace.Policies) {
					t.Errorf("%s/%s: %d slots for %d policies", name, s.ID, len(c.Slots), len(c.Trace.Policies))
				}
				sc, err := scenario.Parse(c.Scenario, scenario.Options{Managed: embedded.Catalog().ManagedText})
				if err != nil {
					t.Errorf("%s/%s %s: scenario does not parse: %v\n%s", name, s.ID, c.Action, err, c.Scenario)
					continue
				}
				got, err := sc.Evaluate()
				if err != nil || string(got.Decision) != c.Decision || got.Reason != c.traceReason() {
					t.Errorf("%s/%s %s: the playground decides %v (%v), the simulated AWS %s (%s)\n%s", name, s.ID, c.Action, got.Decision, got.Reason, c.Decision, c.traceReason(), c.Scenario)
				}
				link, err := share.Encode(c.Scenario)
				if text, err2 := share.Decode(link); err != nil || err2 != nil || text != c.Scenario {
					t.Errorf("%s/%s: no share link holds the scenario: %v %v", name, s.ID, err, err2)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no authorization recorded", name)
		}
	}
}

func (c *Check) traceReason() any {
	if c.Trace == nil || c.Trace.Reason == nil {
		return nil
	}
	return c.Trace.Reason.Code
}

// The secrets of the world (keys, session secrets and tokens) never show
// in a recorded exchange.
func TestExchangesMaskSecrets(t *testing.T) {
	for _, name := range Names() {
		res := run(t, name, nil)
		b, _ := json.Marshal(res)
		all := string(b)
		for _, secret := range []string{appKeys.SecretAccessKey, rootKeys.SecretAccessKey} {
			if strings.Contains(all, secret) {
				t.Errorf("%s: a secret key shows", name)
			}
		}
		for _, s := range res.Steps {
			for _, ex := range s.HTTP {
				for _, h := range ex.Request.Headers {
					if h[0] == "Authorization" && !strings.Contains(h[1], "Signature=<masked: 64 characters>") {
						t.Errorf("%s/%s: Authorization %q", name, s.ID, h[1])
					}
					if strings.EqualFold(h[0], "X-Amz-Security-Token") && !strings.HasPrefix(h[1], "<masked") {
						t.Errorf("%s/%s: token header %q", name, s.ID, h[1])
					}
				}
				for _, field := range []string{"<SecretAccessKey>", "<SessionToken>"} {
					if i := strings.Index(ex.Response.Body, field); i >= 0 && !strings.HasPrefix(ex.Response.Body[i+len(field):], "<masked") {
						t.Errorf("%s/%s: %s unmasked in %s", name, s.ID, field, ex.Response.Body)
					}
				}
			}
		}
	}
}

// The code a page shows is cut from the steps' source, and every step has
// some.
func TestCodeIsTheSource(t *testing.T) {
	got, err := snippet.Dir(".")
	if err != nil {
		t.Fatal(err)
	}
	if snippet.Source("flows", got) != snippet.Source("flows", code) {
		t.Error("code_gen.go is stale: run go generate ./flows")
	}
	for _, name := range Names() {
		f, _ := Get(name)
		for _, s := range f.Steps {
			if f.Code(s.ID) == "" {
				t.Errorf("%s/%s has no // show: snippet", name, s.ID)
			}
		}
	}
	if ConfigCode() == "" {
		t.Error("no config snippet")
	}
}

// denyAll replaces a slot's policy with one that allows nothing.
const denyAll = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`

const denyAllTrust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*"}]}`

// A step's Uses are complete: no step before the first that names a slot
// shows the slot's policy in a trace or changes when the slot denies
// everything; and each slot matters to a step that names it (its policy
// is in that step's trace, or denying everything changes its outcome).
func TestUsesAreComplete(t *testing.T) {
	for _, name := range Names() {
		f, _ := Get(name)
		base := run(t, name, nil)
		for _, sl := range f.Slots {
			edit := denyAll
			if sl.Type.NamesPrincipal() {
				edit = denyAllTrust
			}
			res := run(t, name, map[string]string{sl.ID: edit})
			if res.Setup != nil {
				t.Errorf("%s: slot %s: the deny-all edit does not set up: %v", name, sl.ID, res.Setup)
				continue
			}
			first := f.FirstAffected(sl.ID)
			if first == len(f.Steps) {
				t.Errorf("%s: no step uses slot %s", name, sl.ID)
				continue
			}
			matters := false
			for i, s := range f.Steps {
				inTrace := slices.ContainsFunc(base.Steps[i].Checks, func(c Check) bool { return slices.Contains(c.Slots, sl.ID) })
				changed := res.Steps[i].Outcome != base.Steps[i].Outcome
				if i < first && (inTrace || changed) {
					t.Errorf("%s: step %s depends on %s, before the first step that uses it (%s)", name, s.ID, sl.ID, f.Steps[first].ID)
				}
				if inTrace && !slices.Contains(s.Uses, sl.ID) {
					t.Errorf("%s: step %s shows %s in its trace but does not use it", name, s.ID, sl.ID)
				}
				if slices.Contains(s.Uses, sl.ID) && (inTrace || changed) {
					matters = true
				}
			}
			if !matters {
				t.Errorf("%s: slot %s matters to no step that uses it", name, sl.ID)
			}
		}
	}
}

// An edit that IAM refuses stops the set-up with the slot, AWS's code and,
// for a syntax error, the place.
func TestSetupRefusesMalformedEdits(t *testing.T) {
	res := run(t, "s3-upload-role", map[string]string{"trust": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}"})
	if res.Setup == nil || res.Setup.Slot != "trust" || res.Setup.Line != 3 || len(res.Steps) != 0 {
		t.Fatalf("setup %+v, %d steps", res.Setup, len(res.Steps))
	}
	res = run(t, "s3-upload-role", map[string]string{"trust": mistypedTrust})
	if res.Setup == nil || res.Setup.Slot != "trust" || res.Setup.Code != "MalformedPolicyDocument" || !strings.Contains(res.Setup.Msg, "Invalid principal") {
		t.Fatalf("setup %+v", res.Setup)
	}
}

// The trust policy decides AssumeRole: a trust policy naming another user
// makes it fail with the engine's trace, and the step after it is skipped.
func TestTrustEditFailsAssumeRole(t *testing.T) {
	other := strings.Replace(mustText(t, "s3-upload-role", "trust"), "user/app", "root", 1)
	res := run(t, "s3-upload-role", map[string]string{"trust": other})
	step := byID(res, "assume-role")
	if step.Outcome != "AccessDenied" || len(step.Checks) == 0 || step.Checks[0].Decision != "implicitDeny" {
		t.Fatalf("assume-role: %+v", step)
	}
	if c := step.Checks[0]; c.Slots[len(c.Slots)-1] != "trust" {
		t.Errorf("the trust policy is not the trust slot: %v", c.Slots)
	}
	if s := byID(res, "who-am-i"); s.Outcome != Skipped {
		t.Errorf("who-am-i: %s", s.Outcome)
	}
}

func mustText(t *testing.T, name, slot string) string {
	f, _ := Get(name)
	texts, err := f.Texts(nil)
	if err != nil {
		t.Fatal(err)
	}
	return texts[slot]
}

func byID(res *Result, id string) StepResult {
	for _, s := range res.Steps {
		if s.ID == id {
			return s
		}
	}
	return StepResult{}
}

// Editing the aud of the signed-in role's trust policy makes the identity
// pool refuse the credentials, and the engine's trace names the condition
// on cognito-identity.amazonaws.com:aud.
func TestAudEditFailsCognitoCredentials(t *testing.T) {
	trust := strings.Replace(mustText(t, "cognito-identity-pool", "authTrust"), identityPoolID, "us-east-1:00000000-0000-0000-0000-000000000000", 1)
	res := run(t, "cognito-identity-pool", map[string]string{"authTrust": trust})
	step := byID(res, "get-credentials")
	if step.Outcome != "InvalidIdentityPoolConfigurationException" || len(step.Checks) != 1 {
		t.Fatalf("get-credentials: %s (%s), %d checks", step.Outcome, step.Message, len(step.Checks))
	}
	c := step.Checks[0]
	found := false
	for i, p := range c.Trace.Policies {
		for _, s := range p.Statements {
			if s.Condition != nil && s.Condition.Key == "cognito-identity.amazonaws.com:aud" && c.Slots[i] == "authTrust" {
				found = true
			}
		}
	}
	if c.Action != "sts:AssumeRoleWithWebIdentity" || c.Decision != "implicitDeny" || !found {
		t.Errorf("check %s %s, condition on aud in the trust slot: %v", c.Action, c.Decision, found)
	}
	if s := byID(res, "who-am-i"); s.Outcome != Skipped {
		t.Errorf("who-am-i: %s", s.Outcome)
	}
	if s := byID(res, "guest-credentials"); s.Outcome != OK {
		t.Errorf("the guests' role is another: %s", s.Outcome)
	}
}

// The ID token a step verified is shown decoded; a token whose signature
// does not match the JWKS is refused.
func TestVerifyJWT(t *testing.T) {
	res := run(t, "cognito-identity-pool", nil)
	s := byID(res, "new-password")
	if len(s.Notes) == 0 || !strings.Contains(s.Notes[0].Text, `"token_use": "id"`) || !strings.Contains(s.Notes[0].Text, "verified") {
		t.Fatalf("notes %+v", s.Notes)
	}
	if _, err := verifyJWT("a.b.c", []byte(`{"keys":[]}`), time.Now()); err == nil {
		t.Error("a token of garbage verified")
	}
}
