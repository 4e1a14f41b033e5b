package main

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/flows"
	"github.com/iamlab/iamlab/markup/flow"
)

// flowRuns caches one native run of each flow per build: the pages of both
// languages embed the same flows.
var flowRuns = struct {
	sync.Mutex
	m map[string]*flows.Result
}{m: map[string]*flows.Result{}}

func runFlow(name string) (*flows.Result, error) {
	flowRuns.Lock()
	defer flowRuns.Unlock()
	if r, ok := flowRuns.m[name]; ok {
		return r, nil
	}
	f, ok := flows.Get(name)
	if !ok {
		return nil, fmt.Errorf("there is no flow %q (flows: %v)", name, flows.Names())
	}
	r, err := flows.RunFlow(context.Background(), f, flows.Options{Catalog: embedded.Catalog(), Seed: 1})
	if err != nil {
		return nil, err
	}
	if r.Setup != nil {
		return nil, fmt.Errorf("flow %s does not set up: %v", name, r.Setup)
	}
	flowRuns.m[name] = r
	return r, nil
}

// checkFlow runs an embedded flow on the simulated AWS, natively, and
// checks that every step the page shows reaches its stated outcome; it
// fills in the embed's steps, title and link.
func checkFlow(p *page, e *flow.Embed) error {
	where := fmt.Sprintf("%s:%d: flow %s", p.File, e.Line, e.Flow)
	if e.Err != nil {
		return fmt.Errorf("%s:%d: %v", p.File, e.Line, e.Err)
	}
	res, err := runFlow(e.Flow)
	if err != nil {
		return fmt.Errorf("%s: %v", where, err)
	}
	f, _ := flows.Get(e.Flow)
	for _, id := range e.Only {
		if !slices.ContainsFunc(f.Steps, func(s flows.Step) bool { return s.ID == id }) {
			return fmt.Errorf("%s: no step %q", where, id)
		}
	}
	e.Title, e.Steps = inLang(p.Lang, f.Title), nil
	for i, s := range f.Steps {
		if len(e.Only) > 0 && !slices.Contains(e.Only, s.ID) {
			continue
		}
		got := res.Steps[i]
		if got.Outcome != s.Expect {
			return fmt.Errorf("%s: step %s (%s) states %s but the simulated AWS answers %s: %s", where, s.ID, s.Operation, s.Expect, got.Outcome, got.Message)
		}
		e.Steps = append(e.Steps, flow.Step{ID: s.ID, Operation: s.Operation, Title: inLang(p.Lang, s.Title),
			Expect: s.Expect, Label: outcomeLabel(p.Lang, s.Expect), Code: f.Code(s.ID)})
	}
	e.Href = p.Root() + "flows/" + e.Flow + "/?lang=" + p.Lang
	return nil
}

func inLang(lang string, t flows.Text) string {
	if lang == "ja" && t.Ja != "" {
		return t.Ja
	}
	return t.En
}

func outcomeLabel(lang, expect string) string {
	if expect != flows.OK {
		return expect
	}
	if lang == "ja" {
		return "成功"
	}
	return "succeeds"
}

// flowLabels are the words of an embedded flow.
func flowLabels(lang string) flow.Labels {
	if lang == "ja" {
		return flow.Labels{Flow: "フロー", Expected: "想定", Run: "ブラウザーで 1 ステップずつ実行する (シミュレートされた AWS)", Code: "Go のコード"}
	}
	return flow.Labels{Flow: "Flow", Expected: "expected", Run: "Run it step by step in your browser (simulated AWS)", Code: "Go code"}
}
