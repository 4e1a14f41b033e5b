package lint

import "slices"

// The lint reference lists every check of the registry by family, under
// its code as anchor: docs/lint.md (written by TestDocs) and the site's
// checks pages (tools/build), which the page's findings link to. Both are
// made from the registry and the words below.

// Families lists the families of checks in the order the reference lists
// them (Checks sorts by it).
func Families() []string { return slices.Clone(families) }

// familyWords name each family in every language.
var familyWords = map[string]Words{
	"request":    {"request", "リクエスト"},
	"grammar":    {"grammar", "文法"},
	"types":      {"policy types", "ポリシータイプ"},
	"actions":    {"actions", "アクション"},
	"resources":  {"resources", "リソース"},
	"conditions": {"conditions", "条件"},
	"principals": {"principals", "プリンシパル"},
	"variables":  {"policy variables", "ポリシー変数"},
	"security":   {"security", "セキュリティ"},
	"limits":     {"limits", "制限"},
	"style":      {"style", "書き方"},
}

// FamilyName names a family of checks in every language.
func FamilyName(family string) Words { return familyWords[family] }

// severityWords name the severities in every language (English as
// Access Analyzer names them).
var severityWords = [...]Words{
	Error:           {"error", "エラー"},
	SecurityWarning: {"security warning", "セキュリティ警告"},
	Warning:         {"warning", "警告"},
	Suggestion:      {"suggestion", "提案"},
}

// Words names the severity in every language.
func (s Severity) Words() Words {
	if s == 0 || int(s) >= len(severityWords) {
		return Words{"unknown", "不明"}
	}
	return severityWords[s]
}
