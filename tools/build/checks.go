package main

import (
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamlab/iamlab/lint"
)

// checksPage is the lint reference the page's findings link to
// (checks/en.html#CODE, checks/ja.html#CODE): every check of the linter's
// registry by family, with its severity, summary, Access Analyzer issue
// codes and the services that refuse it on save, in the page's language.
// docs/lint.md lists the same checks from the same registry, under the
// same anchors (the code).
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
<nav class="controls"><a href="{{.Other}}.html" hreflang="{{.Other}}" lang="{{.Other}}">{{.OtherName}}</a></nav></header>
<main class="checks">
<p>{{.Intro}}</p>
{{range .Families}}<section class="check-family" id="family-{{.ID}}">
<h2>{{.Name}}</h2>
<dl>
{{range .Checks}}<div class="check" id="{{.Code}}"><dt><code>{{.Code}}</code> <span class="sev sev-{{.SeverityClass}}" data-severity="{{.SeverityEn}}">{{.Severity}}</span></dt>
<dd><p class="summary">{{.Summary}}</p>{{if .AccessAnalyzer}}<p class="aa">{{$.AALabel}} {{range $i, $a := .AccessAnalyzer}}{{if $i}}, {{end}}<code>{{$a}}</code>{{end}}</p>{{end}}{{if .RefusedBy}}<p class="refused">{{$.RefusedLabel}} {{.RefusedBy}}</p>{{end}}</dd></div>
{{end}}</dl>
</section>
{{end}}</main>
</body>
</html>
`))

// checksWords are the pages' own words.
var checksWords = map[lint.Lang]map[string]string{
	lint.English: {"Title": "Policy checks", "OtherName": "日本語", "AALabel": "Access Analyzer:", "RefusedLabel": "Refused on save by:",
		"Intro": "Every check of the lab's linter, with its code and severity (IAM Access Analyzer's: error, security warning, warning, suggestion), the Access Analyzer issue codes that find the same problem, and the services that refuse a policy with it when it is saved."},
	lint.Japanese: {"Title": "ポリシーのチェック", "OtherName": "English", "AALabel": "Access Analyzer:", "RefusedLabel": "保存時に拒否するサービス:",
		"Intro": "IAM Lab のリンターのすべてのチェックです。コードと重大度 (IAM Access Analyzer と同じく、エラー、セキュリティ警告、警告、提案)、同じ問題を見つける Access Analyzer の問題コード、このチェックに当たるポリシーを保存時に拒否するサービスを示します。"},
}

type checkRow struct {
	Code, Severity, SeverityEn, SeverityClass, Summary, RefusedBy string
	AccessAnalyzer                                                []string
}

type checkFamily struct {
	ID, Name string
	Checks   []checkRow
}

// checksData is what the page of language l shows.
func checksData(l lint.Lang) map[string]any {
	var fams []checkFamily
	for _, c := range lint.Checks() {
		if len(fams) == 0 || fams[len(fams)-1].ID != c.Family {
			fams = append(fams, checkFamily{ID: c.Family, Name: lint.FamilyName(c.Family).In(l)})
		}
		row := checkRow{Code: c.Code, Severity: c.Severity.Words().In(l), SeverityEn: c.Severity.String(),
			SeverityClass: strings.ReplaceAll(c.Severity.String(), " ", "-"), Summary: c.Summary.In(l)}
		for _, a := range c.AccessAnalyzer {
			if sev, ok := lint.AccessAnalyzerSeverity(a); ok && sev != c.Severity {
				a += " (" + sev.Words().In(l) + ")"
			}
			row.AccessAnalyzer = append(row.AccessAnalyzer, a)
		}
		var stores []string
		for _, r := range c.Refusals {
			stores = append(stores, r.Store.String())
		}
		row.RefusedBy = strings.Join(compact(stores), ", ")
		fams[len(fams)-1].Checks = append(fams[len(fams)-1].Checks, row)
	}
	data := map[string]any{"Lang": string(l), "Families": fams}
	for k, v := range checksWords[l] {
		data[k] = v
	}
	data["Other"] = string(lint.English)
	if l == lint.English {
		data["Other"] = string(lint.Japanese)
	}
	return data
}

// compact drops repeated names, keeping the first of each.
func compact(names []string) []string {
	var out []string
	for _, n := range names {
		dup := false
		for _, o := range out {
			dup = dup || o == n
		}
		if !dup {
			out = append(out, n)
		}
	}
	return out
}

// renderChecks writes the reference page of language l.
func renderChecks(w io.Writer, l lint.Lang) error { return checksPage.Execute(w, checksData(l)) }

// writeChecks writes checks/en.html and checks/ja.html.
func writeChecks(out string) error {
	dir := filepath.Join(out, "checks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, l := range lint.Langs {
		f, err := os.Create(filepath.Join(dir, string(l)+".html"))
		if err != nil {
			return err
		}
		err = renderChecks(f, l)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
