package exercise

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// fix is a valid fix exercise; its body starts on Markdown line 10.
const fix = `id: trust-colon
kind: fix
title: Repair the trust policy
prompt: |
  The role must trust **app-user** only.
scenario: |
  {
    "request": {"principal": "arn:aws:iam::111122223333:user/app-user", "action": "sts:AssumeRole",
                "resource": "arn:aws:iam::111122223333:role/r", "context": {"aws:SourceIp": "192.0.2.1"}},
    "resourcePolicy": {"name": "Trust"}
  }
edit: resourcePolicy
start: |
  {"Version": "2012-10-17", "Statement": []}
solution: |
  {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/app-user"}, "Action": "sts:AssumeRole"}]}
goals:
  - say: app-user assumes the role
    expect: allowed
  - say: the intern does not
    request: {principal: "arn:aws:iam::111122223333:user/intern", context: {aws:SourceIp: ~, aws:MultiFactorAuthPresent: "true"}}
    expect: denied
lint: [principal.colon]
`

func TestParse(t *testing.T) {
	ex, err := Parse(fix, 10)
	if err != nil {
		t.Fatal(err)
	}
	if ex.ID != "trust-colon" || ex.Task != Fix || ex.Title != "Repair the trust policy" || len(ex.Goals) != 2 {
		t.Fatalf("parsed %+v", ex)
	}
	// The scenario's text starts on the line after "scenario: |" (line 6
	// of the body, 15 of the file), indented two spaces.
	if ex.Scenario.Line != 16 || ex.Scenario.Col != 3 || !strings.HasPrefix(ex.Scenario.Src, "{\n") {
		t.Errorf("scenario at %d:%d %q", ex.Scenario.Line, ex.Scenario.Col, ex.Scenario.Src[:5])
	}
	if ex.Goals[1].Line != 29 || ex.Goals[1].Want != Denied {
		t.Errorf("goal 2 %+v", ex.Goals[1])
	}
	if want := []any{"resourcePolicy", "document"}; len(ex.EditPath) != 2 || ex.EditPath[0] != want[0] {
		t.Errorf("edit path %v", ex.EditPath)
	}
	if len(ex.Lint) != 1 || ex.Lint[0] != "principal.colon" {
		t.Errorf("lint %v", ex.Lint)
	}
}

// TestParseErrors checks each problem's message and its place in the
// Markdown file (the body starts on line 10).
func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
	}{
		{"yaml syntax", "id: a\nkind: [fix\n", "YAML"},
		{"not a mapping", "- a\n", "is a YAML mapping"},
		{"unknown key", "id: a\ncolour: red\n", `11:1: unknown key "colour"`},
		{"duplicate key", "id: a\nid: b\n", "11:1: id is given twice"},
		{"bad id", "id: A B\n", `10:5: id "A B"`},
		{"bad kind", "kind: quiz\n", `10:7: kind "quiz"`},
		{"bad answer", "answer: denied\n", `10:9: answer "denied"`},
		{"bad edit", "edit: policies/1\n", `10:7: edit "policies/1"`},
		{"missing keys", "id: a\nkind: fix\n", `exercise "a" needs edit, goals, prompt, scenario, solution, start, title`},
		{"predict with goals", strings.Replace(fix, "kind: fix", "kind: predict\nanswer: allowed", 1), "a predict exercise has no edit"},
		{"fix with answer", fix + "answer: allowed\n", "a fix exercise has no answer"},
		{"json syntax", strings.Replace(fix, `"Statement": []}`, `"Statement": [}`, 1), `23:43: JSON: invalid character '}'`},
		{"folded json", strings.Replace(fix, "start: |", "start: >", 1), "22:8: a folded block"},
		{"json not an object", strings.Replace(fix, `start: |
  {"Version": "2012-10-17", "Statement": []}`, `start: "[1]"`, 1), "22:9: want a JSON object"},
		{"edit names nothing", strings.Replace(fix, "edit: resourcePolicy", "edit: identityPolicies[2]", 1), `21:7: edit "identityPolicies[2]": no identityPolicies in the scenario`},
		{"goal without expect", strings.Replace(fix, "    expect: allowed\n", "", 1), "27:5: the goal has no expect"},
		{"bad expect", strings.Replace(fix, "expect: allowed", "expect: maybe", 1), `28:13: expect "maybe"`},
		{"bad request field", strings.Replace(fix, "request: {principal:", "request: {caller:", 1), `30:15: request field "caller"`},
		{"hole without a deny", strings.Replace(strings.Replace(fix, "kind: fix", "kind: hole", 1), "expect: denied", "expect: allowed", 1), "a hole exercise needs a goal that must be denied"},
		{"too large", "id: a\nprompt: " + strings.Repeat("x", MaxBlock), "more than 65536"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.body, 10)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
		})
	}
}

func TestGoalScenario(t *testing.T) {
	ex, err := Parse(fix, 1)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ex.GoalScenario(1, ex.Solution.Src)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Request struct {
			Principal, Action string
			Context           map[string]string
		}
		ResourcePolicy struct{ Name, Document string }
	}
	if err := json.Unmarshal([]byte(got), &s); err != nil {
		t.Fatal(err)
	}
	if s.Request.Principal != "arn:aws:iam::111122223333:user/intern" || s.Request.Action != "sts:AssumeRole" {
		t.Errorf("request %+v", s.Request)
	}
	if _, ok := s.Request.Context["aws:SourceIp"]; ok || s.Request.Context["aws:MultiFactorAuthPresent"] != "true" {
		t.Errorf("context %v: a null removes a key, others are added", s.Request.Context)
	}
	if s.ResourcePolicy.Name != "Trust" || s.ResourcePolicy.Document != ex.Solution.Src {
		t.Errorf("resource policy %+v", s.ResourcePolicy)
	}
	// The base scenario is untouched: goal 1 still has the base context.
	first, _ := ex.GoalScenario(0, "{}")
	if !strings.Contains(first, `"aws:SourceIp":"192.0.2.1"`) {
		t.Errorf("goal 1 %s", first)
	}
	if _, err := ex.GoalScenario(2, "{}"); err == nil {
		t.Error("goal 3 of 2 gave no error")
	}
}

func TestRender(t *testing.T) {
	src := "# T\n\n```iamlab-exercise\n" + fix + "```\n\n```iamlab-exercise\nid: p\nkind: predict\ntitle: P\nprompt: Guess.\nscenario: '{\"request\": {}}'\nanswer: allowed\n```\n"
	md := goldmark.New(goldmark.WithExtensions(Extender{Labels: Labels{
		Exercise: "Exercise", Kinds: map[Kind]string{Fix: "Fix", Predict: "Predict"},
		Wants: map[Want]string{Allowed: "allowed", Denied: "denied"}, Decisions: map[string]string{"allowed": "allowed"},
	}}))
	doc := md.Parser().Parse(text.NewReader([]byte(src)))
	exs := Exercises(doc)
	if len(exs) != 2 || exs[0].Err != nil || exs[1].Err != nil || exs[0].Line != 3 || exs[1].N != 2 {
		t.Fatalf("exercises %+v", exs)
	}
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`id="exercise-1" data-testid="exercise" data-kind="fix" data-id="trust-colon" data-solved="false"`,
		`<strong>app-user</strong>`,
		`user/intern · sts:AssumeRole · role/r · aws:MultiFactorAuthPresent=true · aws:SourceIp=∅`,
		`data-kind="predict"`, `<input type="radio" name="ex-2" value="allowed">`,
		`<script type="application/json" class="ex-data">{"id":"trust-colon","kind":"fix"`,
		`"edit":["resourcePolicy","document"]`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	if strings.Count(out, "</script>") != 2 {
		t.Error("a policy's text closed the data script early")
	}
}

func TestWant(t *testing.T) {
	for _, c := range []struct {
		w    Want
		d    string
		want bool
	}{
		{Denied, "explicitDeny", true}, {Denied, "implicitDeny", true}, {Denied, "allowed", false},
		{Allowed, "allowed", true}, {ImplicitDeny, "explicitDeny", false}, {ExplicitDeny, "explicitDeny", true},
	} {
		if got := c.w.Accepts(c.d); got != c.want {
			t.Errorf("%s accepts %s: %v", c.w, c.d, got)
		}
	}
}
