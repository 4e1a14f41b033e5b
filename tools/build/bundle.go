package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundle makes app.js (+ app.css) from site/main.js, worker.js from
// site/worker.js with Go's wasm_exec.js in front (one request, no
// importScripts), and boot.js, the tiny script that starts the engine.
func bundle(out string, dev bool) error {
	for _, b := range []struct {
		entry, name string
		format      api.Format
	}{
		{"site/main.js", "app", api.FormatESModule},
		{"site/worker.js", "worker", api.FormatIIFE},
		{"site/boot.js", "boot", api.FormatIIFE},
	} {
		opts := api.BuildOptions{
			EntryPointsAdvanced: []api.EntryPoint{{InputPath: b.entry, OutputPath: b.name}},
			Outdir:              out,
			Bundle:              true,
			Write:               true,
			Format:              b.format,
			Target:              api.ES2022,
			Platform:            api.PlatformBrowser,
			LegalComments:       api.LegalCommentsLinked,
			Loader:              map[string]api.Loader{".json": api.LoaderJSON},
			LogLevel:            api.LogLevelWarning,
		}
		if dev {
			opts.Sourcemap = api.SourceMapLinked
		} else {
			opts.MinifyWhitespace, opts.MinifyIdentifiers, opts.MinifySyntax = true, true, true
		}
		res := api.Build(opts)
		if len(res.Errors) > 0 {
			msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
			return errors.New(strings.Join(msgs, "\n"))
		}
	}
	return prependWasmExec(out)
}

// prependWasmExec puts wasm_exec.js (copied by buildWasm) in front of the
// worker bundle: both are classic scripts.
func prependWasmExec(out string) error {
	glue, err := os.ReadFile(filepath.Join(out, "wasm_exec.js"))
	if err != nil {
		return err
	}
	worker := filepath.Join(out, "worker.js")
	code, err := os.ReadFile(worker)
	if err != nil {
		return err
	}
	return os.WriteFile(worker, append(append(glue, '\n'), code...), 0o644)
}

// copyPage copies index.html, after checking that it loads the bundles.
func copyPage(out string) error {
	b, err := os.ReadFile("index.html")
	if err != nil {
		return err
	}
	for _, ref := range []string{`src="boot.js"`, `src="app.js"`, `href="app.css"`} {
		if !strings.Contains(string(b), ref) {
			return fmt.Errorf("index.html does not load %s", ref)
		}
	}
	return os.WriteFile(filepath.Join(out, "index.html"), b, 0o644)
}
