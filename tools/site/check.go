package main

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// The checker reads the HTML we generate, so attribute regexps are enough:
// text content is escaped, so `href="` only ever starts a real attribute.
var (
	reLang  = regexp.MustCompile(`<html[^>]*\slang="([^"]*)"`)
	reTitle = regexp.MustCompile(`<title>([^<]*)</title>`)
	reID    = regexp.MustCompile(`\sid="([^"]*)"`)
	reLink  = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	reLab   = regexp.MustCompile(`<figure class="lab"[^>]*data-expect="([^"]*)"`)
	reOpen  = regexp.MustCompile(`<a class="lab-open" href="([^"]*)"`)
	reTest  = regexp.MustCompile(`data-testid="decision" data-decision="" data-expect="(allowed|explicitDeny|implicitDeny)"`)
)

// sitePages are the files the checker reads: the tutorials and the 404
// pages, each language's in its folder (the playground's own page is
// tested by its owners).
func sitePages(root string) ([]string, error) {
	var files []string
	for _, dir := range languageOrder {
		err := filepath.Walk(filepath.Join(root, dir), func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() && strings.HasSuffix(p, ".html") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return append(files, filepath.Join(root, "404.html")), nil
}

// checkSite walks a built site and returns every problem: a page without
// lang or title, an internal link or anchor that leads nowhere, an example
// without its decision contract or playground link.
func checkSite(root string) []string {
	files, err := sitePages(root)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	bad := func(file, format string, args ...any) {
		rel, _ := filepath.Rel(root, file)
		problems = append(problems, filepath.ToSlash(rel)+": "+fmt.Sprintf(format, args...))
	}
	ids := map[string]map[string]bool{} // file → ids, read once
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		if b, err := os.ReadFile(file); err == nil {
			for _, x := range reID.FindAllStringSubmatch(string(b), -1) {
				m[html.UnescapeString(x[1])] = true
			}
		}
		ids[file] = m
		return m
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			bad(file, "%v", err)
			continue
		}
		doc := string(b)
		if m := reLang.FindStringSubmatch(doc); m == nil || m[1] == "" {
			bad(file, "no lang attribute on <html>")
		}
		if m := reTitle.FindStringSubmatch(doc); m == nil || strings.TrimSpace(m[1]) == "" {
			bad(file, "no title")
		}
		labs, tests := len(reLab.FindAllString(doc, -1)), len(reTest.FindAllString(doc, -1))
		if labs != tests {
			bad(file, "%d examples but %d decision elements with data-expect", labs, tests)
		}
		for _, m := range reOpen.FindAllStringSubmatch(doc, -1) {
			href := html.UnescapeString(m[1])
			if !strings.Contains(href, "#v1.") {
				bad(file, "example link %q is not a share link", href)
			}
		}
		for _, m := range reLink.FindAllStringSubmatch(doc, -1) {
			if msg := checkLink(root, file, html.UnescapeString(m[1]), idsOf); msg != "" {
				bad(file, "%s", msg)
			}
		}
	}
	return problems
}

// checkLink resolves an internal link from file and checks that its file
// exists and, with a fragment, that the target has that id. Fragments of
// links to the playground carry its state (share links), not anchors.
func checkLink(root, file, href string, idsOf func(string) map[string]bool) string {
	u, err := url.Parse(href)
	if err != nil {
		return fmt.Sprintf("bad link %q", href)
	}
	if u.Scheme != "" || u.Host != "" {
		return "" // external
	}
	var target string
	switch {
	case u.Path == "":
		target = file
	case strings.HasPrefix(u.Path, "/"):
		target = filepath.Join(root, filepath.FromSlash(u.Path))
	default:
		target = filepath.Join(filepath.Dir(file), filepath.FromSlash(u.Path))
	}
	if strings.HasSuffix(u.Path, "/") || u.Path == "" && filepath.Base(file) == "index.html" {
		if u.Path != "" {
			target = filepath.Join(target, "index.html")
		}
	}
	if r, err := filepath.Rel(root, target); err != nil || strings.HasPrefix(r, "..") {
		return fmt.Sprintf("link %q leaves the site", href)
	}
	if fi, err := os.Stat(target); err != nil {
		return fmt.Sprintf("broken link %q", href)
	} else if fi.IsDir() {
		return fmt.Sprintf("link %q names a folder without its trailing slash", href)
	}
	if u.Fragment == "" || path.Clean(filepath.ToSlash(target)) == path.Clean(filepath.ToSlash(filepath.Join(root, "index.html"))) {
		return ""
	}
	if !strings.HasSuffix(target, ".html") {
		return ""
	}
	if !idsOf(target)[u.Fragment] {
		return fmt.Sprintf("broken anchor %q", href)
	}
	return ""
}

// report turns problems into one error.
func report(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	const max = 30
	n, more := len(problems), ""
	if len(problems) > max {
		more = fmt.Sprintf("\n  ... and %d more", len(problems)-max)
		problems = problems[:max]
	}
	return fmt.Errorf("%d problems in the built site:\n  %s%s", n, strings.Join(problems, "\n  "), more)
}
