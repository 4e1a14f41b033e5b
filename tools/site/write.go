package main

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strings"
)

// templateDir holds the page templates (html/template).
const templateDir = "site/docs/templates"

// alt is one language version of a page, for the switch and hreflang.
type alt struct {
	Lang, Name, Href, URL string
	Current               bool
	// Sections are that version's section IDs, in the order of this
	// page's (translations share an outline), space-separated: the
	// switch's script keeps the reader's section.
	Sections string
}

// view is what a template sees.
type view struct {
	Page    *page
	Lang    string
	W       words
	Root    string // relative path to the site root ("../../"), or "/" on the 404 page
	Nav     []*page
	Langs   []alt
	URL     string // the page's absolute URL
	Rel     func(*page) string
	Chrome  map[string]words
	Version string // cache-busting tag of the assets
	// NotFound are the languages a 404 page speaks: its own, or every
	// language on the site's root 404 page.
	NotFound []alt
}

// templates parses each page template together with the layout (each
// defines its own "main", so they cannot share one set).
func templates() (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range []string{"page.html", "404.html"} {
		t, err := template.New(name).ParseFiles(filepath.Join(templateDir, "layout.html"), filepath.Join(templateDir, name))
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

// write renders every page, the 404 page and the sitemap into out.
func (s *site) write(out, baseURL string) error {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	tpl, err := templates()
	if err != nil {
		return err
	}
	for _, lang := range s.langs {
		if err := os.RemoveAll(filepath.Join(out, lang)); err != nil {
			return err
		}
	}
	for _, p := range s.pages {
		v := s.view(p, baseURL)
		if err := render(tpl, "page.html", v, filepath.Join(out, filepath.FromSlash(p.Path()), "index.html")); err != nil {
			return err
		}
	}
	for _, nf := range s.notFoundPages(baseURL) {
		if err := render(tpl, "404.html", nf.view, filepath.Join(out, nf.file)); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(out, "sitemap.xml"), s.sitemap(baseURL), 0o644)
}

// notFoundPage is a 404 page and where it goes.
type notFoundPage struct {
	file string
	view view
}

// notFoundPages are the 404 pages: one per language in its folder (LANG/404.html,
// in that language, its navigation that language's pages), which a host
// serves for a missing page under /LANG/ (Cloudflare serves the nearest
// 404.html, as tools/serve does), and the root one for the rest, which
// says it in every language. A 404 page is served at any depth, so it
// links from the root.
func (s *site) notFoundPages(baseURL string) []notFoundPage {
	var homes []alt
	for _, l := range s.langs {
		homes = append(homes, alt{Lang: l, Name: chrome[l].Name, Href: "/" + l + "/", URL: baseURL + l + "/"})
	}
	root := s.langs[0]
	out := []notFoundPage{{"404.html", view{Lang: root, W: chrome[root], Root: "/", Chrome: chrome, Nav: s.byLang[root], Langs: homes, NotFound: homes}}}
	for i, l := range s.langs {
		v := view{Lang: l, W: chrome[l], Root: "/", Chrome: chrome, Nav: s.byLang[l], NotFound: homes[i : i+1]}
		for j, h := range homes {
			h.Current = i == j
			v.Langs = append(v.Langs, h)
		}
		out = append(out, notFoundPage{filepath.Join(l, "404.html"), v})
	}
	return out
}

func (s *site) view(p *page, baseURL string) view {
	v := view{
		Page: p, Lang: p.Lang, W: chrome[p.Lang], Root: p.Root(), Nav: s.byLang[p.Lang],
		URL: baseURL + p.Path(), Chrome: chrome,
		Rel: func(q *page) string { return rel(p.Path(), q.Path()) },
	}
	v.Langs = append(v.Langs, alt{Lang: p.Lang, Name: chrome[p.Lang].Name, Href: "./", URL: v.URL, Current: true})
	for _, q := range p.Alternates {
		v.Langs = append(v.Langs, alt{Lang: q.Lang, Name: chrome[q.Lang].Name, Href: rel(p.Path(), q.Path()), URL: baseURL + q.Path(),
			Sections: strings.Join(q.Sections, " ")})
	}
	return v
}

func render(tpl map[string]*template.Template, name string, v view, file string) error {
	var b bytes.Buffer
	if err := tpl[name].Execute(&b, v); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, b.Bytes(), 0o644)
}
