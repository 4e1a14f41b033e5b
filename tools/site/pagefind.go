package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// pagefind indexes the tutorial pages with the Pagefind CLI from npm (its
// platform package ships the binary). Pagefind reads each page's lang
// attribute and writes one index per language into OUT/pagefind/; the
// page script asks for the index of its own language.
func pagefind(out string) error {
	bin := filepath.Join("node_modules", ".bin", "pagefind")
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s missing: run npm ci (or build with -search=false)", bin)
	}
	if err := os.RemoveAll(filepath.Join(out, "pagefind")); err != nil {
		return err
	}
	cmd := exec.Command(bin, "--site", out, "--glob", "{ja,en}/**/*.html",
		"--exclude-selectors", ".anchor", "--quiet")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}
