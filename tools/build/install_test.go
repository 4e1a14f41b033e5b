package main

import (
	"os"
	"path/filepath"
	"testing"
)

// A build replaces its own files and leaves the tutorials of tools/site.
func TestInstallKeepsOthersFiles(t *testing.T) {
	out := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(out, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"en/index.html", "ja/index.html", "404.html", "sitemap.xml", "pagefind/x.js"} {
		write(f, "tutorials")
	}
	build := func(files ...string) {
		stage, err := newStage(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			p := filepath.Join(stage, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("playground"), 0o644)
		}
		if err := install(stage, out); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(stage)
	}
	build("index.html", "app.js", "app.js.map", "catalog/index.json")
	build("index.html", "app.js", "catalog/services/s3.json") // no source map this time
	for f, want := range map[string]bool{
		"en/index.html": true, "ja/index.html": true, "404.html": true, "sitemap.xml": true, "pagefind/x.js": true,
		"index.html": true, "app.js": true, "catalog/services/s3.json": true,
		"app.js.map": false, "catalog/index.json": false,
	} {
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(f)))
		if (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", f, err == nil, want)
		}
	}
	if entries, _ := filepath.Glob(filepath.Join(out, ".build-*")); len(entries) != 0 {
		t.Errorf("staging folders left: %v", entries)
	}
}
