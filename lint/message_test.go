package lint

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/scenario"
)

// japanese reports whether s has Japanese letters (kana or kanji).
func japanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

// Every check is worded in every language where it is registered: a
// summary, and at least one message template, each in English and in
// Japanese (kana or kanji in it, not English left as it was).
func TestEveryCheckIsWorded(t *testing.T) {
	for _, c := range Checks() {
		if c.Summary.En == "" || !japanese(c.Summary.Ja) {
			t.Errorf("%s: summary %q / %q", c.Code, c.Summary.En, c.Summary.Ja)
		}
		if len(c.Messages) == 0 {
			t.Errorf("%s: no message template", c.Code)
		}
		for form, m := range c.Messages {
			if m.En == "" || japanese(m.En) || !japanese(m.Ja) {
				t.Errorf("%s#%s: %q / %q", c.Code, form, m.En, m.Ja)
			}
			for _, l := range Langs {
				for _, name := range placeholders(m.In(l)) {
					if _, word, _ := placeholder("{" + name + "}"); word != "" {
						t.Errorf("%s#%s: %q", c.Code, form, name)
					}
				}
			}
		}
	}
}

// wordedFindings lints the cases of the check tests.
func wordedFindings(t *testing.T) []Finding {
	cat := embedded.Catalog()
	var out []Finding
	for _, c := range checkCases {
		out = append(out, Text(c.fire, c.typ, cat)...)
		out = append(out, Text(c.quiet, c.typ, cat)...)
	}
	for _, c := range formCases {
		out = append(out, Text(c.fire, c.typ, cat)...)
	}
	doc := `"identityPolicies": [{"name": "P", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]`
	for _, c := range requestCases {
		out = append(out, ScenarioText(`{"request": `+c.fire+`, `+doc+`}`, scenario.Options{}, cat)...)
	}
	for _, c := range requestFormCases {
		out = append(out, ScenarioText(`{"request": `+c+`, `+doc+`}`, scenario.Options{}, cat)...)
	}
	for _, c := range scenarioFormCases {
		out = append(out, ScenarioText(c, scenario.Options{}, cat)...)
	}
	req := `{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}, `
	for _, c := range nameCases {
		out = append(out, ScenarioText(req+c.fire+`}`, scenario.Options{}, cat)...)
	}
	out = append(out, undocumentedPattern(t)...)
	return out
}

// Each finding is worded from its check's template in every language:
// English exactly as Msg, and every name a template uses is an argument
// of the finding (but the count of a list's items left out, which is
// absent when none are).
func TestFindingsAreWorded(t *testing.T) {
	for _, f := range wordedFindings(t) {
		c, ok := Lookup(f.Code)
		if !ok {
			t.Errorf("%s is no check", f.Code)
			continue
		}
		m, ok := c.Messages[f.Form]
		if !ok {
			t.Errorf("%s has no form %q", f.Code, f.Form)
			continue
		}
		if got := f.Text(English); got != f.Msg {
			t.Errorf("%s: English %q, Msg %q", f.Code, got, f.Msg)
		}
		if ja := f.Text(Japanese); !japanese(ja) {
			t.Errorf("%s: Japanese %q", f.Code, ja)
		}
		for _, l := range Langs {
			for _, name := range placeholders(m.In(l)) {
				if _, ok := f.Args[name]; !ok && !strings.HasSuffix(name, "_more") {
					t.Errorf("%s#%s (%s): no argument %s in %v", f.Code, f.Form, l, name, f.Args)
				}
			}
		}
	}
}

// Every form of every check's messages is worded by some case of the
// tests above, so that each template is rendered once at least.
func TestEveryFormFires(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range wordedFindings(t) {
		seen[f.Code+"#"+f.Form] = true
	}
	var missing []string
	for _, c := range Checks() {
		for form := range c.Messages {
			if !seen[c.Code+"#"+form] {
				missing = append(missing, c.Code+"#"+form)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d forms never fire:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// The templates' placeholders: names in braces, not the JSON and policy
// variables that messages quote.
func TestRender(t *testing.T) {
	for _, c := range []struct{ tmpl, want string }{
		{`"{key}" is "{value}"`, `"aws:SourceIp" is "x"`},
		{`use "Null": {"{key}": "true"}`, `use "Null": {"aws:SourceIp": "true"}`},
		{`${{variable}} and ${} and ${aws:username}`, `${v} and ${} and ${aws:username}`},
		{`{type|type} and {n}{n_more|more}`, `a role trust policy and 3 and 2 more`},
		{`{missing}{`, `{`},
	} {
		got := render(c.tmpl, map[string]string{"key": "aws:SourceIp", "value": "x", "variable": "v", "type": "trust", "n": "3", "n_more": "2"}, English)
		if got != c.want {
			t.Errorf("%q: %q, want %q", c.tmpl, got, c.want)
		}
	}
	if got := placeholders(`{a} {"b": 1} ${{c}} {a|type}`); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("placeholders %v", got)
	}
}

// formCases fire the forms of messages that checkCases leave out.
var formCases = []checkCase{
	{"action.redundant", policy.Identity, act(`["s3:GetObject","s3:getobject"]`, `"*"`), ""},
	{"action.unknown", policy.Identity, act(`"s3:Zzzzzzzzzzzzzz"`, `"*"`), ""},
	{"action.unknownService", policy.Identity, act(`"zzzzqqq:GetObject"`, `"*"`), ""},
	{"condition.emptyValues", policy.Identity, cond(`"ForAllValues:StringEquals":{"aws:TagKeys":[]}`), ""},
	{"condition.emptyValues", policy.Identity, cond(`"StringEqualsIfExists":{"aws:PrincipalTag/team":[]}`), ""},
	{"condition.keyNotSupported", policy.Identity, cond(`"StringNotLike":{"s3:prefix":"home/*"}`), ""},
	{"condition.privateIp", policy.Identity, cond(`"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}`), ""},
	{"condition.undocumentedKey", policy.Identity, cond(`"StringEquals":{"lakeformation:gluearn":"x"}`), ""},
	{"condition.unknownGlobalKey", policy.Identity, cond(`"StringEquals":{"aws:Zzzzzzzzzzzzzzzz":"a"}`), ""},
	{"condition.unknownGlobalKey", policy.Identity, cond(`"ArnEquals":{"aws:ARN":"arn:aws:s3:::b"}`), ""},
	{"condition.unknownServiceKey", policy.Identity, cond(`"StringEquals":{"s3:Zzzzzzzzzzzzzzzz":"a"}`), ""},
	{"principal.arnType", policy.Resource, res(`{"AWS":"arn:aws:sqs:us-east-1:111122223333:queue"}`), ""},
	{"principal.arnType", policy.Resource, res(`{"AWS":"arn:aws:iam::111122223333:policy/p"}`), ""},
	{"principal.arnType", policy.Resource, res(`{"AWS":"arn:aws:iam::111122223333:saml-provider/Corp"}`), ""},
	{"principal.arnType", policy.Resource, res(`{"AWS":"arn:aws:sts::111122223333:assumed-role/Dev"}`), ""},
	{"principal.colon", policy.Trust, trust(`{"AWS":"arn:aws:iam::111122223333:role:app"}`, ""), ""},
	{"principal.federated", policy.Trust, trust(`{"Federated":"cognito"}`, ""), ""},
	{"principal.format", policy.Resource, res(`{"AWS":"arn:aws:iam"}`), ""},
	{"principal.serviceFormat", policy.Trust, trust(`{"Service":"not a service"}`, ""), ""},
	{"principal.unknownService", policy.Trust, trust(`{"Service":"zzzzzzzzzzzzzzzz.amazonaws.com"}`, ""), ""},
	{"principal.wildcard", policy.Trust, trust(`{"Service":"*.amazonaws.com"}`, ""), ""},
	{"resource.redundant", policy.Identity, act(`"s3:GetObject"`, `["arn:aws:s3:::b/*","arn:aws:s3:::b/*"]`), ""},
	{"resource.syntax", policy.Identity, act(`"s3:GetObject"`, `"ARN:aws:s3:::b/*"`), ""},
	{"security.publicPrincipal", policy.Trust, trust(`{"AWS":"*"}`, ""), ""},
	{"size.max", policy.RCP, pol(`"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":` + bigResources(200)), ""},
	{"size.max", policy.Resource, pol(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":` + bigResources(1000)), ""},
	{"size.max", policy.Session, act(`"s3:GetObject"`, bigResources(100)), ""},
	{"size.max", policy.Trust, pol(`"Effect":"Allow","Principal":{"AWS":` + bigPrincipals(400) + `},"Action":"sts:AssumeRole"`), ""},
	{"size.quota", policy.Resource, pol(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":` + bigResources(700)), ""},
	{"size.quota", policy.Trust, pol(`"Effect":"Allow","Principal":{"AWS":` + bigPrincipals(100) + `},"Action":"sts:AssumeRole"`), ""},
	{"variable.unknownKey", policy.Identity, act(`"s3:GetObject"`, `"arn:aws:s3:::b/${zzzzzzzz:qqqqqqqqqqqq}"`), ""},
}

func bigPrincipals(n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = fmt.Sprintf(`"arn:aws:iam::111122223333:role/role-%04d"`, i)
	}
	return "[" + strings.Join(ps, ",") + "]"
}

// requestFormCases are requests that fire the forms requestCases leave out.
var requestFormCases = []string{
	`{"principal": "arn:aws:iam::111122223333:root", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/R"}`,
	`{"principal": "*", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/R"}`,
	`{"principal": "arn:aws:sts::111122223333:federated-user/bob", "action": "iam:GetRole", "resource": "arn:aws:iam::111122223333:role/R"}`,
	`{"principal": "arn:aws:sts::111122223333:federated-user/bob", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/R"}`,
	`{"principal": "arn:aws:sts::111122223333:assumed-role/R/s", "action": "sts:GetSessionToken", "resource": "*"}`,
	`{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:Zzzzzzzzzzzzzzzz", "resource": "*"}`,
	`{"principal": "arn:aws:iam::111122223333:user/a", "action": "zzzzqqq:Get", "resource": "*"}`,
	`{"principal": "arn:aws:iam::111122223333:user/a", "action": "budgets:DescribeBudget", "resource": "*"}`,
}

// scenarioFormCases are scenarios that fire the forms that only a policy
// embedded in a scenario has.
var scenarioFormCases = []string{
	`{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
  "serviceControlPolicies": [{"target": "r-root", "policies": [{"name": "S", "document": ` + pol(`"Effect":"Deny","Action":"s3:GetObject","Resource":`+bigResources(200)) + `}]}],
  "resourceControlPolicies": [{"target": "r-root", "policies": [{"name": "R", "document": ` + pol(`"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":`+bigResources(200)) + `}]}]}`,
}

// undocumentedPattern lints a pattern that matches no action of its
// service but that AWS's managed policies use, with a catalog whose list
// of such names has it (the embedded one has no pattern today).
func undocumentedPattern(t *testing.T) []Finding {
	t.Helper()
	base := embedded.FS()
	idx, err := fs.ReadFile(base, "index.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(idx, &m); err != nil {
		t.Fatal(err)
	}
	var x map[string][]string
	if err := json.Unmarshal(m["x"], &x); err != nil {
		t.Fatal(err)
	}
	x["a"] = append(x["a"], "s3:zzzz*")
	m["x"], _ = json.Marshal(x)
	idx, _ = json.Marshal(m)
	cat := catalog.New(overlay{base, "index.json", idx})
	found := Text(act(`"s3:Zzzz*"`, `"*"`), policy.Identity, cat)
	if len(found) != 1 || found[0].Code != "action.undocumented" || found[0].Form != "pattern" {
		t.Fatalf("an undocumented pattern: %+v", found)
	}
	return found
}

// overlay is an fs.FS with one file replaced.
type overlay struct {
	fs.FS
	name string
	data []byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if name != o.name {
		return o.FS.Open(name)
	}
	return fstest.MapFS{name: {Data: o.data}}.Open(name)
}
