package scenario

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/explain"
	"github.com/iamlab/iamlab/internal/samples"
)

// TestReuse runs the whole corpus through one Parser and one Evaluator, in
// order and then backwards, and checks every report against fresh memory:
// nothing of one scenario may leak into the next.
func TestReuse(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.json")
	if len(files) < 40 {
		t.Fatalf("only %d corpus files", len(files))
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	report := func(s *Scenario, err error, ev *authz.Evaluator) []byte {
		if err != nil {
			return []byte(err.Error())
		}
		s.Input.Now = now
		r, err := ev.Evaluate(&s.Input)
		if err != nil {
			return []byte(err.Error())
		}
		b, err := explain.JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var p Parser
	var ev authz.Evaluator
	back := slices.Clone(files)
	slices.Reverse(back)
	order := append(slices.Clone(files), back...)
	for _, f := range order {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(string(src), Options{})
		want := report(s, err, new(authz.Evaluator))
		s, err = p.Parse(string(src), Options{})
		if got := report(s, err, &ev); !bytes.Equal(got, want) {
			t.Fatalf("%s: with reused memory\n%s\nwant\n%s", f, got, want)
		}
	}
}

// Once warm, a Parser and an Evaluator allocate nothing for a sample,
// unless it substitutes policy variables or decodes escapes; a role
// session's caller allocates its role's ARN, a string of the result's own.
func TestReuseAllocations(t *testing.T) {
	var p Parser
	var ev authz.Evaluator
	checked := 0
	for _, src := range samples.Load(t, "../testdata/sample") {
		if strings.Contains(src, "${") || strings.Contains(src, `\`) {
			continue
		}
		checked++
		run := func() {
			s, err := p.Parse(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ev.Evaluate(&s.Input); err != nil {
				t.Fatal(err)
			}
		}
		run()
		want := 0.0
		if strings.Contains(src, ":assumed-role/") {
			want = 1
		}
		if got := testing.AllocsPerRun(5, run); got > want {
			t.Errorf("%v allocations for one scenario, want %v:\n%.200s", got, want, src)
		}
	}
	if checked < 10 {
		t.Errorf("only %d samples checked", checked)
	}
}
