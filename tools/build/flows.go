package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/flows"
)

// The flow pages live in out/flows/: their own module (flows.wasm: the
// simulated AWS, the SDK clients and the engine), worker, bundle and
// styles, a list (index.html) and one page per flow (NAME/index.html). The
// playground's module does not change.

// flowsInlined are the packages of the flows module compiled with
// inlining: the runtime and the engine's hot paths. The rest (net/http, the
// SDK, the simulator, the linter) is compiled without it (-l), which takes
// a sixth off the module as served, at a cost in speed where a flow's
// dozen calls do not feel it.
var flowsInlined = []string{"runtime", "github.com/iamlab/iamlab/internal/...", "github.com/iamlab/iamlab/policy",
	"github.com/iamlab/iamlab/authz"}

// buildFlowsWasm compiles ./wasm/flows to out/flows/flows.wasm.
func buildFlowsWasm(out string) error {
	dir := filepath.Join(out, "flows")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	args := []string{"build", "-trimpath", "-ldflags=-s -w", "-gcflags=all=-l"}
	for _, p := range flowsInlined {
		args = append(args, "-gcflags="+p+"=")
	}
	cmd := exec.Command("go", append(args, "-o", filepath.Join(dir, "flows.wasm"), "./wasm/flows")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// bundleFlows makes flows/app.js (+ app.css), flows/list.js, flows/boot.js
// and flows/worker.js (Go's wasm_exec.js in front).
func bundleFlows(out string, dev bool) error {
	dir := filepath.Join(out, "flows")
	for _, b := range []struct {
		entry, name string
		format      api.Format
	}{
		{"site/flows/main.js", "app", api.FormatESModule},
		{"site/flows/list.js", "list", api.FormatESModule},
		{"site/flows/worker.js", "worker", api.FormatIIFE},
		{"site/flows/boot.js", "boot", api.FormatIIFE},
	} {
		opts := api.BuildOptions{
			EntryPointsAdvanced: []api.EntryPoint{{InputPath: b.entry, OutputPath: b.name}},
			Outdir:              dir,
			Bundle:              true,
			Write:               true,
			Format:              b.format,
			Target:              api.ES2022,
			Platform:            api.PlatformBrowser,
			LegalComments:       api.LegalCommentsLinked,
			LogLevel:            api.LogLevelWarning,
		}
		if dev {
			opts.Sourcemap = api.SourceMapLinked
		} else {
			opts.MinifyWhitespace, opts.MinifyIdentifiers, opts.MinifySyntax = true, true, true
		}
		if res := api.Build(opts); len(res.Errors) > 0 {
			msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
			return errors.New(strings.Join(msgs, "\n"))
		}
	}
	// The page's styles: the palette and the flow page's own, one file.
	css := api.Build(api.BuildOptions{EntryPoints: []string{"site/flows/flows.css"}, Outfile: filepath.Join(dir, "app.css"),
		Bundle: true, Write: true, MinifyWhitespace: !dev, LogLevel: api.LogLevelWarning})
	if len(css.Errors) > 0 {
		return errors.New(strings.Join(api.FormatMessages(css.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}), "\n"))
	}
	glue, err := os.ReadFile(filepath.Join(out, "wasm_exec.js"))
	if err != nil {
		return err
	}
	worker := filepath.Join(dir, "worker.js")
	code, err := os.ReadFile(worker)
	if err != nil {
		return err
	}
	return os.WriteFile(worker, append(append(glue, '\n'), code...), 0o644)
}

// flowTemplates reads the flow pages' templates, from the repository's root
// where the build runs.
func flowTemplates() (page, list *template.Template, err error) {
	if page, err = template.ParseFiles("site/flows/page.html"); err != nil {
		return nil, nil, err
	}
	list, err = template.ParseFiles("site/flows/list.html")
	return page, list, err
}

// writeFlowPages writes flows/index.html and flows/NAME/index.html: each
// page holds its flow's description as JSON (rendered before the module
// has loaded) and the catalog files a run reads, which boot.js fetches
// while the module compiles.
func writeFlowPages(out string) error {
	flowPage, flowList, err := flowTemplates()
	if err != nil {
		return err
	}
	dir := filepath.Join(out, "flows")
	var all []*flows.Description
	for _, name := range flows.Names() {
		d, err := flows.Describe(name)
		if err != nil {
			return err
		}
		files, err := flows.CatalogFiles(name, embedded.FS())
		if err != nil {
			return fmt.Errorf("flow %s: %w", name, err)
		}
		data, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			return err
		}
		err = writeTemplate(filepath.Join(dir, name, "index.html"), flowPage, map[string]any{
			"Name": d.Name, "Title": d.Title, "Summary": d.Summary,
			"Catalog": strings.Join(files, " "),
			// In a <script type="application/json">: html/template keeps
			// the JSON as JSON and escapes what could end the element.
			"Data": template.JS(jsonForScript(data)),
		})
		if err != nil {
			return err
		}
		all = append(all, d)
	}
	return writeTemplate(filepath.Join(dir, "index.html"), flowList, all)
}

// jsonForScript makes JSON safe inside a script element: "<" never starts
// a tag (</script>, <!--).
func jsonForScript(b []byte) string {
	return strings.ReplaceAll(string(b), "<", `\u003c`)
}

func writeTemplate(path string, t *template.Template, data any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = t.Execute(f, data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// buildFlows builds the flow pages (after the playground's wasm step,
// which copied wasm_exec.js).
func buildFlows(out string, dev bool) error {
	if err := buildFlowsWasm(out); err != nil {
		return err
	}
	if err := bundleFlows(out, dev); err != nil {
		return err
	}
	return writeFlowPages(out)
}
