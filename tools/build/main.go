// Command build builds the playground into a folder (default dist/): the
// WebAssembly module, Go's wasm_exec.js, the page's bundles made with
// esbuild, and the catalog files the page fetches one by one. It prints the
// size of each artifact raw, gzip and brotli.
//
//	go run ./tools/build [-out dist] [-dev]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	out := flag.String("out", "dist", "output folder")
	dev := flag.Bool("dev", false, "unminified bundles with source maps")
	flag.Parse()
	if err := run(*out, *dev); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(out string, dev bool) error {
	start := time.Now()
	// The playground is built in a staging folder and then moved into out
	// (see install): out also holds the tutorials of tools/site, which a
	// build of the playground must leave alone.
	stage, err := newStage(out)
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	if err := build(stage, dev); err != nil {
		return err
	}
	if err := install(stage, out); err != nil {
		return err
	}
	fmt.Printf("built %s in %.1fs\n\n", out, time.Since(start).Seconds())
	return reportSizes(out, []string{"iamlab.wasm", "wasm_exec.js", "app.js", "app.css", "worker.js", "boot.js",
		"flows/flows.wasm", "flows/app.js", "flows/worker.js"})
}

func build(out string, dev bool) error {
	steps := []struct {
		name string
		fn   func() error
	}{
		{"wasm", func() error { return buildWasm(out) }},
		{"bundle", func() error { return bundle(out, dev) }},
		{"page", func() error { return copyPage(out) }},
		{"checks", func() error { return writeChecks(out) }},
		{"brotli", func() error { return precompress(out) }},
		{"catalog", func() error { return copyCatalog(filepath.Join(out, "catalog")) }},
		{"flows", func() error { return buildFlows(out, dev) }},
		{"limits", func() error { return checkAssetSizes(out, MaxAsset) }},
	}
	for _, s := range steps {
		t := time.Now()
		if err := s.fn(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Printf("%-8s %6.2fs\n", s.name, time.Since(t).Seconds())
	}
	return nil
}
