package exercise

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/markup/highlight"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Labels are the words of a rendered exercise, in the page's language.
type Labels struct {
	Exercise string          // caption prefix, "Exercise"
	Kinds    map[Kind]string // "Predict", "Fix the policy", "Find the hole"
	Goals    string          // heading of the goal list
	Wants    map[Want]string // "allowed", "denied"...
	// Decisions name the three answers of a predict exercise.
	Decisions  map[string]string
	YourAnswer string // legend of the answers
	Check      string // the button that checks a policy
	Commit     string // the button that commits a prediction
	Reset      string // back to the start
	Solution   string // shows a solution
	Solved     string // badge of a solved exercise
	Editor     string // aria-label of the policy editor
	Scenario   string // summary of the scenario's other policies
	NoScript   string // said where scripts are off
}

type nodeRenderer struct {
	labels Labels
	md     goldmark.Markdown // for the prompts
}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(NodeKind, r.render)
}

// render writes the exercise. Without scripts it reads as a task: the
// prompt, the goals and the starting policy (or the scenario to predict);
// the page's script adds the editor, the answers and the checks, and sets
// data-solved="true" once the engine agrees.
func (r nodeRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	e := node.(*Exercise)
	if e.Err != nil {
		return ast.WalkSkipChildren, e.Err
	}
	data, err := e.PageData()
	if err != nil {
		return ast.WalkSkipChildren, err
	}
	js, err := json.Marshal(data) // escapes <, > and &: safe inside <script>
	if err != nil {
		return ast.WalkSkipChildren, err
	}
	esc := html.EscapeString
	l := r.labels
	id := fmt.Sprintf("exercise-%d", e.N)
	fmt.Fprintf(w, `<section class="ex" id="%s" data-testid="exercise" data-kind="%s" data-id="%s" data-solved="false">`+"\n", id, e.Task, esc(e.ID))
	fmt.Fprintf(w, `<header class="ex-head"><a class="ex-n" href="#%s">%s %d · %s</a> <span class="ex-title">%s</span> <span class="ex-done" hidden>%s</span></header>`+"\n",
		id, esc(l.Exercise), e.N, esc(l.Kinds[e.Task]), esc(e.Title), esc(l.Solved))
	fmt.Fprintf(w, `<div class="ex-prompt">%s</div>`+"\n", r.markdown(e.Prompt))
	if e.Task == Predict {
		fmt.Fprintf(w, `<div class="ex-code">%s</div>`+"\n", highlight.HTML(e.Scenario.Src, "json"))
		fmt.Fprintf(w, `<fieldset class="ex-choices" hidden data-pagefind-ignore><legend>%s</legend>`, esc(l.YourAnswer))
		for _, d := range []string{"allowed", "explicitDeny", "implicitDeny"} {
			fmt.Fprintf(w, `<label><input type="radio" name="ex-%d" value="%s"> <span class="lab-word lab-%s">%s</span></label>`, e.N, d, d, esc(l.Decisions[d]))
		}
		fmt.Fprintf(w, "</fieldset>\n")
	} else {
		r.goals(w, e)
		fmt.Fprintf(w, `<div class="ex-code ex-editor" data-label="%s">%s</div>`+"\n", esc(l.Editor), highlight.HTML(e.Start.Src, "json"))
	}
	fmt.Fprintf(w, `<div class="ex-bar" hidden data-pagefind-ignore><button class="ex-check" type="button">%s</button>`, esc(pick(e.Task == Predict, l.Commit, l.Check)))
	if e.Task != Predict {
		fmt.Fprintf(w, ` <button class="ex-reset" type="button">%s</button> <button class="ex-show" type="button" hidden>%s</button>`, esc(l.Reset), esc(l.Solution))
	}
	fmt.Fprintf(w, "</div>\n")
	fmt.Fprintf(w, `<div class="ex-feedback" aria-live="polite"></div>`+"\n")
	fmt.Fprintf(w, `<p class="ex-noscript" data-pagefind-ignore>%s</p>`+"\n", esc(l.NoScript))
	if e.Hint != "" {
		fmt.Fprintf(w, `<div class="ex-hint" hidden>%s</div>`+"\n", r.markdown(e.Hint))
	}
	if e.Explain != "" {
		fmt.Fprintf(w, `<div class="ex-explain" hidden>%s</div>`+"\n", r.markdown(e.Explain))
	}
	if e.Task != Predict {
		fmt.Fprintf(w, `<details class="ex-scenario"><summary>%s</summary>%s</details>`+"\n", esc(l.Scenario), highlight.HTML(e.Scenario.Src, "json"))
	}
	fmt.Fprintf(w, `<script type="application/json" class="ex-data">%s</script>`+"\n</section>\n", js)
	return ast.WalkSkipChildren, nil
}

// goals lists each goal: the request in words and in short, what it must
// give, and an output the script fills with the engine's decision.
func (r nodeRenderer) goals(w util.BufWriter, e *Exercise) {
	esc := html.EscapeString
	fmt.Fprintf(w, `<p class="ex-goals-title">%s</p><ol class="ex-goals">`, esc(r.labels.Goals))
	for i, g := range e.Goals {
		s, _ := e.goalValue(i, e.Start.Src)
		fmt.Fprintf(w, `<li class="ex-goal" data-want="%s"><span class="ex-say">%s</span> <code class="ex-req">%s</code> <span class="ex-want ex-want-%s">→ %s</span> <output class="ex-got" data-decision=""></output></li>`,
			g.Want, esc(g.Say), esc(summary(s, g)), g.Want, esc(r.labels.Wants[g.Want]))
	}
	fmt.Fprintf(w, "</ol>\n")
}

// summary is a goal's request in short: the principal's and resource's
// last ARN parts, the action, and the context the goal sets.
func summary(s map[string]any, g Goal) string {
	req, _ := s["request"].(map[string]any)
	str := func(k string) string { v, _ := req[k].(string); return v }
	parts := []string{tail(str("principal")), str("action"), tail(str("resource"))}
	ctx, _ := g.Request["context"].(map[string]any)
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := ctx[k]
		if v == nil {
			v = "∅" // the goal removes the key
		}
		parts = append(parts, fmt.Sprintf("%s=%v", k, v))
	}
	return strings.Join(parts, " · ")
}

// tail is an ARN's resource part (after the fifth colon), or s itself.
func tail(s string) string {
	if !strings.HasPrefix(s, "arn:") {
		return s
	}
	if parts := strings.SplitN(s, ":", 6); len(parts) == 6 {
		return parts[5]
	}
	return s
}

func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}

func (r nodeRenderer) markdown(src string) string {
	var b bytes.Buffer
	if err := r.md.Convert([]byte(src), &b); err != nil {
		return html.EscapeString(src)
	}
	return b.String()
}
