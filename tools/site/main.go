// Command site builds the tutorial site: content/<lang>/*.md rendered into
// static pages under OUT/<lang>/, next to the playground that tools/build
// writes into the same folder (it must run first: it empties the folder).
//
//	go run ./tools/site [-out dist] [-content content] [-base-url URL] [-search=false]
//
// The site's public URL comes from -base-url, SITE_URL or content/site.yaml.
//
//	go run ./tools/site -check dist     # only check the links of a built site
//
// Every runnable example and every exercise is evaluated with the engine; a
// stated answer the engine disagrees with, an exercise solution that misses
// a goal or a start that meets them all, fails the build with the file and
// line.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

type config struct {
	content, out, baseURL string
	search, bundle        bool
}

func main() {
	var c config
	flag.StringVar(&c.content, "content", "content", "Markdown folder, one subfolder per language")
	flag.StringVar(&c.out, "out", "dist", "output folder (shared with the playground)")
	flag.StringVar(&c.baseURL, "base-url", "", "public URL of the site root, for canonical, hreflang and sitemap links (default: SITE_URL, else content/"+configFile+")")
	flag.BoolVar(&c.search, "search", true, "index the pages with Pagefind (node_modules/.bin/pagefind)")
	flag.BoolVar(&c.bundle, "bundle", true, "bundle the pages' scripts with esbuild")
	check := flag.String("check", "", "only check the built site in this folder and exit")
	flag.Parse()
	if *check != "" {
		if err := report(checkSite(*check)); err != nil {
			fmt.Fprintln(os.Stderr, "site:", err)
			os.Exit(1)
		}
		return
	}
	if err := build(c); err != nil {
		fmt.Fprintln(os.Stderr, "site:", err)
		os.Exit(1)
	}
}

// build runs every step, timing each, and finally checks the output.
func build(c config) error {
	start := time.Now()
	var s *site
	base, err := baseURL(c.baseURL, c.content)
	if err != nil {
		return err
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"render", func() (err error) { s, err = load(c.content); return err }},
		{"write", func() error { return s.write(c.out, base) }},
		{"assets", func() error { return assets(c.out, c.bundle) }},
		{"search", func() error {
			if !c.search {
				return nil
			}
			return pagefind(c.out)
		}},
		{"check", func() error { return report(checkSite(c.out)) }},
	}
	for _, st := range steps {
		t := time.Now()
		if err := st.fn(); err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
		fmt.Printf("%-8s %6.2fs\n", st.name, time.Since(t).Seconds())
	}
	size, files := dirSize(c.out, "ja", "en", "docs", "pagefind", "404.html", "sitemap.xml")
	fmt.Printf("built %d pages, %d examples in %.1fs: %d files, %.1f MB\n",
		len(s.pages), s.examples, time.Since(start).Seconds(), files, float64(size)/1e6)
	return nil
}

// dirSize adds up the files the site writes (not the playground's).
func dirSize(root string, names ...string) (size int64, files int) {
	for _, n := range names {
		_ = filepath.Walk(filepath.Join(root, n), func(_ string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				size += fi.Size()
				files++
			}
			return nil
		})
	}
	return size, files
}
