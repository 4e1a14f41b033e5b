package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/iamlab/iamlab/markup/highlight"
)

// assetDir holds the pages' own scripts and styles.
const assetDir = "site/docs"

// paletteFile holds the colours the tutorials share with the playground.
const paletteFile = "site/palette.css"

// assets writes OUT/docs/: docs.js (the page script, with lazily loaded
// chunks for the examples, the diagrams and search), docs.css after the
// lab's palette and with the highlighting themes appended, and theme.js, a tiny classic script the
// head runs before first paint so a chosen theme never flashes.
func assets(out string, bundle bool) error {
	dir := filepath.Join(out, "docs")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The lab's palette first, as the playground's style.css imports it.
	palette, err := os.ReadFile(paletteFile)
	if err != nil {
		return err
	}
	css, err := os.ReadFile(filepath.Join(assetDir, "docs.css"))
	if err != nil {
		return err
	}
	chroma, err := highlight.CSS("github", "github-dark")
	if err != nil {
		return err
	}
	if err := writeMinified(filepath.Join(dir, "docs.css"), string(palette)+"\n"+string(css)+"\n"+chroma, api.LoaderCSS); err != nil {
		return err
	}
	icon, err := os.ReadFile(filepath.Join(assetDir, "icon.svg"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "icon.svg"), icon, 0o644); err != nil {
		return err
	}
	theme, err := os.ReadFile(filepath.Join(assetDir, "theme.js"))
	if err != nil {
		return err
	}
	if err := writeMinified(filepath.Join(dir, "theme.js"), string(theme), api.LoaderJS); err != nil {
		return err
	}
	if !bundle {
		return nil
	}
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{filepath.Join(assetDir, "js", "docs.js")},
		Outdir:            dir,
		Bundle:            true,
		Splitting:         true, // the example, diagram and search chunks load on demand
		Format:            api.FormatESModule,
		ChunkNames:        "chunks/[name]-[hash]",
		Target:            api.ES2022,
		Platform:          api.PlatformBrowser,
		Write:             true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsLinked,
		LogLevel:          api.LogLevelWarning,
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}

func writeMinified(file, src string, loader api.Loader) error {
	res := api.Transform(src, api.TransformOptions{
		Loader: loader, MinifyWhitespace: true, MinifySyntax: true, Target: api.ES2022,
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return errors.New(file + ": " + strings.Join(msgs, "\n"))
	}
	return os.WriteFile(file, res.Code, 0o644)
}
