package main

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// manifestName lists, in out, the top-level files and folders the last
// build wrote; the next build removes exactly those before moving its own
// in, so that files it no longer writes (source maps of a -dev build) go
// away and everything else in out (the tutorials, 404.html, sitemap.xml,
// pagefind/) stays.
const manifestName = ".playground-files"

// newStage makes an empty folder next to out's contents, on the same file
// system, so that install can rename instead of copy.
func newStage(out string) (string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(out, ".build-")
}

// install replaces the previous build's files in out with the staged ones.
func install(stage, out string) error {
	old, err := readManifest(filepath.Join(out, manifestName))
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(stage)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, name := range append(old, names...) {
		if err := os.RemoveAll(filepath.Join(out, name)); err != nil {
			return err
		}
	}
	for _, name := range names {
		if err := os.Rename(filepath.Join(stage, name), filepath.Join(out, name)); err != nil {
			return err
		}
	}
	slices.Sort(names)
	return os.WriteFile(filepath.Join(out, manifestName), []byte(strings.Join(names, "\n")+"\n"), 0o644)
}

// readManifest reads the names of a manifest, keeping only plain names
// (never a path that would leave out).
func readManifest(path string) ([]string, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name != "" && name != "." && name != ".." && filepath.Base(name) == name {
			names = append(names, name)
		}
	}
	return names, sc.Err()
}
