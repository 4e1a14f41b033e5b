package main

import (
	"html/template"
	"os"
	"path/filepath"

	"github.com/iamlab/iamlab/api"
)

// checksPage is the lint reference the page's findings link to
// (checks/en.html#CODE, checks/ja.html#CODE): every check of the linter's
// registry with its severity and summary, as docs/lint.md lists them.
var checksPage = template.Must(template.New("checks").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{.Title}} — IAM Lab</title>
<link rel="stylesheet" href="../app.css">
</head>
<body class="checks-page">
<header class="top"><h1><a href="../?lang={{.Lang}}">IAM Lab</a> <span class="tagline">{{.Title}}</span></h1>
<nav class="controls"><a href="{{.Other}}.html" hreflang="{{.Other}}">{{.OtherName}}</a></nav></header>
<main class="checks">
<p>{{.Intro}}</p>
<dl>
{{range .Checks}}<div class="check" id="{{.Code}}"><dt><code>{{.Code}}</code> <span class="sev sev-{{.Severity}}">{{.Severity}}</span></dt>
<dd>{{if $.Ja}}{{.SummaryJa}}{{else}}{{.Summary}}{{end}}</dd></div>
{{end}}</dl>
</main>
</body>
</html>
`))

// writeChecks writes checks/en.html and checks/ja.html.
func writeChecks(out string) error {
	dir := filepath.Join(out, "checks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	checks := api.Checks().Checks
	pages := []map[string]any{
		{"Lang": "en", "Ja": false, "Title": "Policy checks", "Other": "ja", "OtherName": "日本語", "Checks": checks,
			"Intro": "Every check of the lab's linter, with its code and severity (IAM Access Analyzer's: error, security warning, warning, suggestion)."},
		{"Lang": "ja", "Ja": true, "Title": "ポリシーのチェック", "Other": "en", "OtherName": "English", "Checks": checks,
			"Intro": "IAM Lab のリンターのすべてのチェックと、そのコードと重大度 (IAM Access Analyzer と同じく error、security warning、warning、suggestion) です。"},
	}
	for _, p := range pages {
		f, err := os.Create(filepath.Join(dir, p["Lang"].(string)+".html"))
		if err != nil {
			return err
		}
		err = checksPage.Execute(f, p)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
