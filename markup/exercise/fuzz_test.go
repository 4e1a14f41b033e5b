package exercise

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzParse: any block either parses into an exercise whose goal scenarios
// and page data are JSON, or fails with an *Error placed on one of the
// block's lines.
func FuzzParse(f *testing.F) {
	f.Add(fix)
	f.Add("id: p\nkind: predict\ntitle: P\nprompt: x\nscenario: '{\"request\": {}}'\nanswer: allowed\n")
	f.Add("goals:\n  - {say: a, expect: denied, request: {context: {k: [a, b]}}}\n")
	f.Add("scenario: |\n  {\"a\": [\n")
	f.Add("&a [*a]\n")
	f.Fuzz(func(t *testing.T, body string) {
		const first = 7
		ex, err := Parse(body, first)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if last := first + strings.Count(body, "\n"); pe.Line < first || pe.Line > last+1 {
				t.Fatalf("error %v is outside lines %d..%d", err, first, last)
			}
			return
		}
		for i := range ex.Goals {
			s, err := ex.GoalScenario(i, ex.Start.Src)
			if err != nil || !json.Valid([]byte(s)) {
				t.Fatalf("goal %d: %v %q", i, err, s)
			}
		}
		d, err := ex.PageData()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatal(err)
		}
	})
}
