package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundle makes app.js (+ app.css) from site/main.js and worker.js from
// site/worker.js. The worker is a classic script, since it loads Go's
// wasm_exec.js with importScripts.
func bundle(out string, dev bool) error {
	for _, b := range []struct {
		entry, name string
		format      api.Format
	}{
		{"site/main.js", "app", api.FormatESModule},
		{"site/worker.js", "worker", api.FormatIIFE},
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
	return nil
}

// copyPage copies index.html, after checking that it loads the bundles.
func copyPage(out string) error {
	b, err := os.ReadFile("index.html")
	if err != nil {
		return err
	}
	for _, ref := range []string{`src="app.js"`, `href="app.css"`} {
		if !strings.Contains(string(b), ref) {
			return fmt.Errorf("index.html does not load %s", ref)
		}
	}
	return os.WriteFile(filepath.Join(out, "index.html"), b, 0o644)
}
