package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every error code the policy parser gives is a registered check, so that
// docs/lint.md lists it and a finding of it has its severity.
func TestParserCodesRegistered(t *testing.T) {
	files, err := filepath.Glob("../policy/*.go")
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`(?:errAt\([^,]+|newError\([^,]+, [^,]+), "([a-z]+\.[a-zA-Z0-9]+)"`)
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range code.FindAllSubmatch(src, -1) {
			n++
			if _, ok := Lookup(string(m[1])); !ok {
				t.Errorf("%s: parser code %s is not a registered check", filepath.Base(f), m[1])
			}
		}
	}
	if n < 10 {
		t.Errorf("found only %d parser codes: has the way the parser reports errors changed?", n)
	}
}
