package main

import (
	"bytes"
	"encoding/xml"
)

// sitemap lists the playground and every page, each with its language
// alternates (xhtml:link hreflang), as search engines read them.
func (s *site) sitemap(baseURL string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	b.WriteString("<url><loc>" + esc(baseURL) + "</loc></url>\n")
	for _, lang := range s.langs {
		for _, p := range s.byLang[lang] {
			b.WriteString("<url><loc>" + esc(baseURL+p.Path()) + "</loc>")
			for _, q := range append([]*page{p}, p.Alternates...) {
				if len(p.Alternates) > 0 {
					b.WriteString(`<xhtml:link rel="alternate" hreflang="` + q.Lang + `" href="` + esc(baseURL+q.Path()) + `"/>`)
				}
			}
			b.WriteString("</url>\n")
		}
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
