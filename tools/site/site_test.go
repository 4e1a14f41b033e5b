package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/flows"
)

// TestSite builds the whole site from content/ into a temporary folder
// (without the npm-made bundle and search index, so it runs before npm ci;
// `make test-docs` builds and checks the real thing), then checks what the
// issue asks of every page.
func TestSite(t *testing.T) {
	if err := os.Chdir("../.."); err != nil { // paths are relative to the repository
		t.Fatal(err)
	}
	s, err := load("content")
	if err != nil {
		t.Fatal(err) // includes any example whose stated answer the engine disagrees with
	}
	out := t.TempDir()
	if err := s.write(out, "https://iamlab.example/"); err != nil {
		t.Fatal(err)
	}
	if err := assets(out, false); err != nil {
		t.Fatal(err)
	}
	// Stand-ins for what the bundler and the playground build write.
	standIns := []string{"index.html", "docs/docs.js"}
	for _, name := range flows.Names() {
		standIns = append(standIns, "flows/"+name+"/index.html")
	}
	for _, f := range standIns {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(out, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, f), []byte("<title>x</title>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if problems := checkSite(out); len(problems) > 0 {
		t.Fatal(report(problems))
	}

	if len(s.langs) != 2 {
		t.Errorf("languages %v, want ja and en", s.langs)
	}
	for _, lang := range s.langs {
		if n := len(s.byLang[lang]); n != 10 {
			t.Errorf("%s: %d pages, want 10 (9 topics and the index)", lang, n)
		}
	}
	for _, p := range s.pages {
		if p.Slug != "" && p.Policies && p.Examples == 0 {
			t.Errorf("%s shows policies but has no runnable example", p.File)
		}
		if len(p.Alternates) != 1 {
			t.Errorf("%s: %d translations, want 1", p.File, len(p.Alternates))
		}
		b, err := os.ReadFile(filepath.Join(out, p.Path(), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, want := range []string{
			`<html lang="` + p.Lang + `"`,
			`hreflang="` + p.Alternates[0].Lang + `"`,
			`data-testid="decision"`,
			`data-testid="exercise"`,
			`<link rel="canonical" href="https://iamlab.example/` + p.Path() + `">`,
		} {
			if p.Slug != "" && !strings.Contains(page, want) {
				t.Errorf("%s: no %s", p.File, want)
			}
		}
		if p.Slug != "" && len(p.Exercises) < minExercises {
			t.Errorf("%s: %d exercises, want at least %d", p.File, len(p.Exercises), minExercises)
		}
		if n := strings.Count(page, `data-testid="exercise"`); n != len(p.Exercises) {
			t.Errorf("%s: %d exercise elements for %d exercises", p.File, n, len(p.Exercises))
		}
	}
	if s.examples < 80 {
		t.Errorf("only %d examples", s.examples)
	}
	checkNotFoundPages(t, out)
	sm, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if got := strings.Count(string(sm), "<loc>"); got != len(s.pages)+1 {
		t.Errorf("sitemap lists %d URLs, want %d", got, len(s.pages)+1)
	}
}

// TestWrongAnswerFails checks that the build names the file and line of an
// example whose stated answer is wrong, and of one that does not parse.
func TestWrongAnswerFails(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	md := "---\ntitle: T\n---\n\nText.\n\n```iamlab expect=allowed\n" +
		`{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}}` +
		"\n```\n\n```iamlab expect=allowed\n{\n  \"request\": 3\n}\n```\n"
	if err := os.WriteFile(filepath.Join(dir, "en", "01-t.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := load(dir)
	if err == nil {
		t.Fatal("build passed with a wrong stated answer")
	}
	msg := err.Error()
	for _, want := range []string{"en/01-t.md:7: example 1", "engine says implicitDeny", "en/01-t.md:13:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
}

func TestRel(t *testing.T) {
	for _, c := range [][3]string{
		{"en/01-a/", "en/02-b/", "../02-b/"},
		{"en/", "en/02-b/", "02-b/"},
		{"en/02-b/", "en/", "../"},
		{"en/02-b/", "ja/02-b/", "../../ja/02-b/"},
		{"en/", "en/", "./"},
	} {
		if got := rel(c[0], c[1]); got != c[2] {
			t.Errorf("rel(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// TestBadExerciseFails checks that the build fails, naming the file and
// line, for an exercise whose reference solution misses a goal, one whose
// start already meets every goal, a hole whose start has no hole, a
// prediction the engine disagrees with, and a block that does not parse.
func TestBadExerciseFails(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Each block takes 15 lines: the fence, 12 lines of YAML, the fence
	// and a blank line.
	exercise := func(id, kind, start, solution, want, want2 string) string {
		return "```iamlab-exercise\nid: " + id + "\nkind: " + kind + "\ntitle: T\nprompt: P\n" +
			`scenario: '{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "identityPolicies": [{"name": "P"}]}'` +
			"\nedit: identityPolicies[0]\nstart: '" + start + "'\nsolution: '" + solution + "'\ngoals:\n  - say: a reads k\n    expect: " + want +
			"\n  - {say: a writes k, request: {action: s3:PutObject}, expect: " + want2 + "}\n```\n\n"
	}
	const (
		none  = `{"Version": "2012-10-17", "Statement": []}`
		allow = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`
		bad   = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqualz": {}}}]}`
	)
	md := "---\ntitle: T\n---\n\nText.\n\n" + // the first fence is on line 7
		exercise("solution-misses", "fix", none, none, "allowed", "denied") +
		exercise("start-passes", "fix", allow, allow, "allowed", "denied") +
		exercise("no-hole", "hole", none, allow, "allowed", "denied") +
		exercise("bad-solution", "fix", none, bad, "allowed", "denied") +
		"```iamlab-exercise\nid: guess\nkind: predict\ntitle: T\nprompt: P\n" +
		`scenario: '{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}}'` +
		"\nanswer: allowed\n```\n\n```iamlab-exercise\nid: broken\nkind: fix\ngoals: [\n```\n"
	if err := os.WriteFile(filepath.Join(dir, "en", "01-t.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := load(dir)
	if err == nil {
		t.Fatal("build passed with broken exercises")
	}
	msg := err.Error()
	for _, want := range []string{
		`en/01-t.md:7: exercise 1 (solution-misses): the solution gives implicitDeny for goal 1 (line 17, "a reads k"), which wants allowed`,
		`en/01-t.md:22: exercise 2 (start-passes): the start already meets every goal: there is nothing to fix`,
		`en/01-t.md:37: exercise 3 (no-hole): a hole exercise's start must allow a request that a goal wants denied`,
		`en/01-t.md:52: exercise 4 (bad-solution): the solution does not evaluate: line 60:129: unknown condition operator "StringEqualz"`,
		`en/01-t.md:67: exercise 5 (guess): states answer=allowed but the engine says implicitDeny`,
		`en/01-t.md:79: YAML:`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not say\n  %s\nit says\n  %s", want, msg)
		}
	}
}

func TestBaseURL(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"https://iamlab.example", "https://iamlab.example/", ""},
		{"https://example.org/labs/iam/", "https://example.org/labs/iam/", ""},
		{"http://127.0.0.1:8080/", "", "loopback"},
		{"http://localhost:8080/", "", "loopback"},
		{"http://[::1]/", "", "loopback"},
		{"example.org", "", "absolute"},
		{"", "", "absolute"},
	} {
		got, err := checkBaseURL(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("checkBaseURL(%q) = %q, %v; want an error about %s", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("checkBaseURL(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	// content/site.yaml is read when neither the flag nor SITE_URL is set
	// (TestSite moves to the repository's root; run alone, this is in tools/site).
	content := "content"
	if _, err := os.Stat(content); err != nil {
		content = "../../content"
	}
	t.Setenv("SITE_URL", "")
	got, err := baseURL("", content)
	if err != nil || !strings.HasPrefix(got, "https://") {
		t.Errorf("baseURL from content/site.yaml = %q, %v", got, err)
	}
	t.Setenv("SITE_URL", "http://127.0.0.1:8080/")
	if _, err := baseURL("", content); err == nil {
		t.Error("SITE_URL=http://127.0.0.1:8080/ was accepted")
	}
}

// TestTranslationsAgree checks that a page and its translation must have
// the same exercises and the same outline of sections.
func TestTranslationsAgree(t *testing.T) {
	dir := t.TempDir()
	page := func(lang, ids, headings string) {
		if err := os.MkdirAll(filepath.Join(dir, lang), 0o755); err != nil {
			t.Fatal(err)
		}
		md := "---\ntitle: T\n---\n\n" + headings
		for _, id := range strings.Fields(ids) {
			md += "\n```iamlab-exercise\nid: " + id + "\nkind: predict\ntitle: T\nprompt: P\n" +
				`scenario: '{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}}'` +
				"\nanswer: implicitDeny\n```\n"
		}
		if err := os.WriteFile(filepath.Join(dir, lang, "01-t.md"), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page("ja", "a b c", "## 一\n\n### 二\n")
	page("en", "a c b", "## One\n\n## Two\n")
	_, err := load(dir)
	if err == nil {
		t.Fatal("pages that disagree were accepted")
	}
	for _, want := range []string{"have different exercises: [a c b] and [a b c]", "have different outlines (h2/h3 levels [2 2] and [2 3])"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// checkNotFoundPages: each language's 404 page is in that language, its
// chrome and navigation too (an English reader who mistypes an /en/
// address sees no Japanese), and the root one says it in both.
func checkNotFoundPages(t *testing.T, out string) {
	t.Helper()
	other := map[string]string{"en": "ja", "ja": "en"}
	for lang, o := range other {
		b, err := os.ReadFile(filepath.Join(out, lang, "404.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, want := range []string{`<html lang="` + lang + `"`, chrome[lang].NotFound, chrome[lang].Tutorials, chrome[lang].Contents, `href="/` + lang + `/01-`, `href="/` + o + `/" hreflang="` + o + `"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s/404.html: no %s", lang, want)
			}
		}
		for _, unwanted := range []string{chrome[o].NotFound, chrome[o].Tutorials, chrome[o].Contents, `href="/` + o + `/01-`} {
			if strings.Contains(page, unwanted) {
				t.Errorf("%s/404.html has the %s page's %s", lang, o, unwanted)
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{chrome["en"].NotFound, chrome["ja"].NotFound} {
		if !strings.Contains(string(b), want) {
			t.Errorf("404.html: no %s", want)
		}
	}
}
