package api

import (
	"os"
	"regexp"
	"testing"

	"github.com/iamlab/iamlab/lint"
)

// pageErrorsJaFile holds the page's Japanese summaries of the engine's
// error codes (the module words its errors in English only).
const pageErrorsJaFile = "../site/messages-ja.js"

// errorsJa reads the codes that site/messages-ja.js words in Japanese.
func errorsJa(t *testing.T) map[string]bool {
	src, err := os.ReadFile(pageErrorsJaFile)
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)export const errorsJa = \{(.*?)\n\};`).FindSubmatch(src)
	if block == nil {
		t.Fatalf("%s has no errorsJa", pageErrorsJaFile)
	}
	codes := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*'?([a-zA-Z0-9.]+)'?:`).FindAllSubmatch(block[1], -1) {
		codes[string(m[1])] = true
	}
	return codes
}

// Every error the page can show in Japanese mode has Japanese words: the
// policy parser's codes (the lint registry's grammar checks) and the
// scenario reader's, each made to happen here.
func TestEveryErrorCodeIsWordedInJapanese(t *testing.T) {
	ja := errorsJa(t)
	grammar := 0
	for _, c := range lint.Checks() {
		if c.Family != "grammar" {
			continue
		}
		grammar++
		if !ja[c.Code] {
			t.Errorf("the parser's %s has no Japanese in %s", c.Code, pageErrorsJaFile)
		}
	}
	if grammar < 10 {
		t.Fatalf("only %d grammar checks", grammar)
	}
	const req = `"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"`
	const doc = `{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}`
	for _, c := range []struct{ code, text string }{
		{"scenario.missing", `{}`},
		{"scenario.type", `{"request": {` + req + `}, "identityPolicies": 7}`},
		{"scenario.expected", `{"request": {` + req + `}, "expected": "maybe"}`},
		{"scenario.expectedBy", `{"request": {` + req + `}, "expected": "allowed", "expectedBy": [{}], "identityPolicies": ["` + doc + `"]}`},
		{"scenario.policy", `{"request": {` + req + `}, "identityPolicies": [{"name": "P"}]}`},
		{"scenario.managed", `{"request": {` + req + `}, "resourcePolicy": {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}`},
		{"scenario.duplicateKey", `{"request": {` + req + `, "context": {"aws:SourceIp": "1.2.3.4", "AWS:SourceIP": "1.2.3.4"}}}`},
		{"request.action", `{"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3", "resource": "*"}}`},
		{"request.resource", `{"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": ""}}`},
		{"request.resourceAccount", `{"request": {` + req + `, "resourceAccount": "12"}}`},
		{"request.principal", `{"request": {"principal": "alice", "action": "s3:GetObject", "resource": "*"}}`},
	} {
		ans := Evaluate(c.text, opt)
		if ans.Error == nil || ans.Error.Code != c.code {
			t.Errorf("%s: %+v, want the code %s", c.text, ans.Error, c.code)
			continue
		}
		if !ja[c.code] {
			t.Errorf("%s (%s) has no Japanese in %s", c.code, ans.Error.Msg, pageErrorsJaFile)
		}
	}
}
