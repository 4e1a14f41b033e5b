package main

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/markup/exercise"
	"github.com/iamlab/iamlab/markup/flow"
	"github.com/iamlab/iamlab/markup/headingid"
	"github.com/iamlab/iamlab/markup/iamlab"
	"github.com/iamlab/iamlab/markup/mdlinks"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
	"go.abhg.dev/goldmark/toc"
)

// site is the parsed and rendered content of every language.
type site struct {
	langs    []string           // in the order the language switch lists them
	byLang   map[string][]*page // each sorted by weight
	pages    []*page
	examples int
}

// page is one Markdown file, rendered.
type page struct {
	Lang, Slug  string // Slug is "" for the language's _index.md
	File        string // content/en/01-iam-overview.md
	Title       string
	Description string
	Weight      int
	Body, TOC   template.HTML
	Examples    int      // runnable examples on the page
	Exercises   []string // the page's exercise IDs, in order
	Policies    bool     // the Markdown shows an IAM policy somewhere
	// Sections are the IDs of the page's h2 and h3 headings, in order, and
	// Levels their levels: a translation has the same outline, so that the
	// language switch can keep the reader's section.
	Sections   []string
	Levels     []int
	Prev, Next *page
	Alternates []*page // the same page in the other languages
}

// Path is the page's folder under the site root: "en/" or "en/02-user/".
func (p *page) Path() string {
	if p.Slug == "" {
		return p.Lang + "/"
	}
	return p.Lang + "/" + p.Slug + "/"
}

// Root is the relative path from the page to the site root.
func (p *page) Root() string { return strings.Repeat("../", strings.Count(p.Path(), "/")) }

// rel returns the link from the page at folder from to the folder to
// (both like "en/02-user/"), as short as possible.
func rel(from, to string) string {
	f := strings.Split(strings.TrimSuffix(from, "/"), "/")
	t := strings.Split(strings.TrimSuffix(to, "/"), "/")
	i := 0
	for i < len(f) && i < len(t) && f[i] == t[i] {
		i++
	}
	s := strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
	if s == "" {
		return "./"
	}
	return strings.TrimSuffix(s, "/") + "/"
}

type frontMatter struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
}

// load reads and renders content/<lang>/*.md.
func load(dir string) (*site, error) {
	s := &site{byLang: map[string][]*page{}}
	for _, lang := range languageOrder {
		files, err := filepath.Glob(filepath.Join(dir, lang, "*.md"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			continue
		}
		s.langs = append(s.langs, lang)
		for _, f := range files {
			slug := strings.TrimSuffix(filepath.Base(f), ".md")
			if slug == "_index" {
				slug = ""
			}
			p := &page{Lang: lang, Slug: slug, File: filepath.ToSlash(f)}
			s.pages = append(s.pages, p)
			s.byLang[lang] = append(s.byLang[lang], p)
		}
	}
	if len(s.pages) == 0 {
		return nil, fmt.Errorf("no pages under %s", dir)
	}
	index := map[string]*page{} // "en/02-user.md" → page
	for _, p := range s.pages {
		index[p.Lang+"/"+path.Base(p.File)] = p
	}
	var errs []string
	for _, p := range s.pages {
		if err := s.render(p, index); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) == 0 {
		s.link()
		errs = s.checkTranslations()
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%d problems:\n  %s", len(errs), strings.Join(errs, "\n  "))
	}
	return s, nil
}

// render parses one page, checks its examples and links, and renders it.
func (s *site) render(p *page, index map[string]*page) error {
	src, err := os.ReadFile(p.File)
	if err != nil {
		return err
	}
	md := markdown(p.Lang)
	pc := mdlinks.WithResolver(headingid.Context(), func(dest string) (string, bool) {
		t, ok := index[path.Clean(path.Join(p.Lang, dest))]
		if !ok {
			return "", false
		}
		return rel(p.Path(), t.Path()), true
	})
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	var fm frontMatter
	if d := frontmatter.Get(pc); d == nil {
		return fmt.Errorf("%s: no front matter", p.File)
	} else if err := d.Decode(&fm); err != nil {
		return fmt.Errorf("%s: front matter: %v", p.File, err)
	}
	if fm.Title == "" {
		return fmt.Errorf("%s: front matter has no title", p.File)
	}
	p.Title, p.Description, p.Weight = fm.Title, fm.Description, fm.Weight

	var problems []string
	for _, e := range mdlinks.Errors(pc) {
		problems = append(problems, p.File+": "+e.Error())
	}
	exs := iamlab.Examples(doc)
	for _, ex := range exs {
		if err := checkExample(p, ex); err != nil {
			problems = append(problems, err.Error())
		}
	}
	for _, e := range flow.Embeds(doc) {
		if err := checkFlow(p, e); err != nil {
			problems = append(problems, err.Error())
		}
	}
	p.Policies = bytes.Contains(src, []byte(`"Statement"`))
	if p.Slug != "" && p.Policies && len(exs) == 0 {
		problems = append(problems, p.File+": shows policies but has no runnable example")
	}
	seen := map[string]bool{}
	for _, ex := range exercise.Exercises(doc) {
		if err := checkExercise(p, ex); err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if seen[ex.ID] {
			problems = append(problems, fmt.Sprintf("%s:%d: exercise id %q is used twice on the page", p.File, ex.Line, ex.ID))
		}
		seen[ex.ID] = true
		p.Exercises = append(p.Exercises, ex.ID)
	}
	if p.Slug != "" && len(p.Exercises) < minExercises && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("%s: %d exercises, want at least %d", p.File, len(p.Exercises), minExercises))
	}
	p.Sections, p.Levels = outline(doc)
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "\n  "))
	}
	p.Examples = len(exs)
	s.examples += len(exs)

	var body bytes.Buffer
	if err := md.Renderer().Render(&body, src, doc); err != nil {
		return fmt.Errorf("%s: %v", p.File, err)
	}
	p.Body = template.HTML(body.String())

	t, err := toc.Inspect(doc, src, toc.MinDepth(2), toc.MaxDepth(3), toc.Compact(true))
	if err == nil && len(t.Items) > 1 {
		var b bytes.Buffer
		if err := md.Renderer().Render(&b, src, toc.RenderList(t)); err == nil {
			p.TOC = template.HTML(b.String())
		}
	}
	return nil
}

// outline lists the IDs and levels of a document's h2 and h3 headings.
func outline(doc ast.Node) (ids []string, levels []int) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && (h.Level == 2 || h.Level == 3) {
			id, _ := h.AttributeString("id")
			b, _ := id.([]byte)
			ids, levels = append(ids, string(b)), append(levels, h.Level)
		}
		return ast.WalkContinue, nil
	})
	return ids, levels
}

// checkTranslations compares each page with its translations: the same
// exercises in the same order (progress is kept per exercise ID, whatever
// the language) and the same outline of sections.
func (s *site) checkTranslations() []string {
	var errs []string
	for _, p := range s.pages {
		for _, q := range p.Alternates {
			if q.Lang < p.Lang {
				continue // each pair once
			}
			if !slices.Equal(p.Exercises, q.Exercises) {
				errs = append(errs, fmt.Sprintf("%s and %s have different exercises: %v and %v", p.File, q.File, p.Exercises, q.Exercises))
			}
			if !slices.Equal(p.Levels, q.Levels) {
				errs = append(errs, fmt.Sprintf("%s and %s have different outlines (h2/h3 levels %v and %v)", p.File, q.File, p.Levels, q.Levels))
			}
		}
	}
	return errs
}

// link orders each language by weight and fills in previous/next and the
// alternates in other languages (the same file name).
func (s *site) link() {
	for _, lang := range s.langs {
		ps := s.byLang[lang]
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].Weight != ps[j].Weight {
				return ps[i].Weight < ps[j].Weight
			}
			return ps[i].Slug < ps[j].Slug
		})
		for i, p := range ps {
			if i > 0 {
				p.Prev = ps[i-1]
			}
			if i+1 < len(ps) {
				p.Next = ps[i+1]
			}
		}
	}
	for _, p := range s.pages {
		for _, q := range s.pages {
			if q != p && q.Slug == p.Slug && q.Lang != p.Lang {
				p.Alternates = append(p.Alternates, q)
			}
		}
	}
}
