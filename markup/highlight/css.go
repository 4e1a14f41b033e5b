package highlight

import (
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// CSS returns the stylesheet for the classes HTML writes: light by
// default, dark under prefers-color-scheme: dark unless the page chose
// light (data-theme="light"), and dark when it chose dark. The selectors
// follow the playground's convention (:root[data-theme]).
func CSS(light, dark string) (string, error) {
	var b strings.Builder
	b.WriteString("/* chroma " + light + " */\n")
	if err := write(&b, light, ""); err != nil {
		return "", err
	}
	b.WriteString("/* chroma " + dark + " */\n@media (prefers-color-scheme: dark) {\n")
	if err := write(&b, dark, ":root:not([data-theme=\"light\"]) "); err != nil {
		return "", err
	}
	b.WriteString("}\n")
	err := write(&b, dark, ":root[data-theme=\"dark\"] ")
	return b.String(), err
}

// write writes a style's rules, each selector under scope. Background
// colours are left to the page's --code-bg so code blocks match the rest
// of the design in both themes.
func write(b *strings.Builder, name, scope string) error {
	var raw strings.Builder
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.WriteCSS(&raw, styles.Get(name)); err != nil {
		return err
	}
	for _, line := range strings.Split(raw.String(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		// Lines look like "/* Keyword */ .chroma .k { color: #...; }".
		if i := strings.Index(line, "*/"); i >= 0 {
			line = strings.TrimSpace(line[i+2:])
		}
		if strings.HasPrefix(line, ".bg ") || strings.HasPrefix(line, ".chroma {") {
			continue
		}
		line = strings.ReplaceAll(line, "background-color:", "--unused:")
		b.WriteString(scope + line + "\n")
	}
	return nil
}
