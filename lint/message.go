package lint

import (
	"slices"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/lang"
	"github.com/iamlab/iamlab/policy"
)

// Every check is worded in each language where it is registered: a summary
// of what it finds, and the templates of its messages. A finding carries
// its check's code, the form of the message that words it and its
// particulars (Args); Msg is the English rendering, which the CLI prints,
// and Text renders it in any language.

// Lang is a language the checks are worded in.
type Lang = lang.Lang

// The languages.
const (
	English  = lang.English
	Japanese = lang.Japanese
)

// Langs lists the languages every check is worded in.
var Langs = lang.All

// Words is one text in every language (a type of this package, so that
// its literals here may leave out the field names).
type Words lang.Words

// In returns the text in l (English for a language it does not have).
func (t Words) In(l Lang) string { return lang.Words(t).In(l) }

// msg registers the template of one form of the check's messages, in
// English and Japanese. "" is the check's main form. In a template,
// {name} stands for the finding's argument name, and {name|word} for its
// value put into words by the formatter word (see formats).
func (c *Check) msg(form, en, ja string) *Check {
	if c.Messages == nil {
		c.Messages = map[string]Words{}
	}
	if _, dup := c.Messages[form]; dup {
		panic("lint: duplicate message form " + c.Code + "#" + form)
	}
	c.Messages[form] = Words{En: en, Ja: ja}
	return c
}

// Text words the finding in l from its check's template, or returns Msg
// when its code has none (an error of the scenario reader).
func (f *Finding) Text(l Lang) string {
	c, ok := registry[f.Code]
	if !ok {
		return f.Msg
	}
	t, ok := c.Messages[f.Form]
	if !ok {
		return f.Msg
	}
	return render(t.In(l), f.Args, l)
}

// Words is the finding in every language.
func (f *Finding) Words() Words {
	return Words{En: f.Text(English), Ja: f.Text(Japanese)}
}

// render fills a template's {name} and {name|word} from args. Only braces
// around a name are a placeholder: the JSON and the ${...} variables that
// messages quote stay as they are.
func render(t string, args map[string]string, l Lang) string {
	var b strings.Builder
	b.Grow(len(t) + 64)
	for {
		open := strings.IndexByte(t, '{')
		if open < 0 {
			break
		}
		b.WriteString(t[:open])
		t = t[open:]
		name, word, n := placeholder(t)
		if n == 0 {
			b.WriteByte('{')
			t = t[1:]
			continue
		}
		v := args[name]
		if word != "" {
			v = formats[word](v, l)
		}
		b.WriteString(v)
		t = t[n:]
	}
	b.WriteString(t)
	return b.String()
}

// placeholder reads "{name}" or "{name|word}" at the start of t, names
// being ASCII letters, digits and '_'; n is its length, 0 for none.
func placeholder(t string) (name, word string, n int) {
	end := strings.IndexByte(t, '}')
	if end < 2 {
		return "", "", 0
	}
	name, word, _ = strings.Cut(t[1:end], "|")
	if !isName(name) || word != "" && !isName(word) {
		return "", "", 0
	}
	return name, word, end + 1
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// placeholders lists the names a template uses, each once, in order.
func placeholders(t string) []string {
	var names []string
	for i := 0; i < len(t); i++ {
		if t[i] != '{' {
			continue
		}
		if name, _, n := placeholder(t[i:]); n > 0 {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
			i += n - 1
		}
	}
	return names
}

// formats put an argument's value into words in a language.
var formats = map[string]func(v string, l Lang) string{
	// type: a policy type's short name, as a noun phrase.
	"type": func(v string, l Lang) string {
		t, _ := policy.ParseType(v)
		if l == Japanese {
			return typeJa[t]
		}
		return t.Long()
	},
	// more: how many items of a list were left out (see list).
	"more": func(v string, l Lang) string {
		if v == "" || v == "0" {
			return ""
		}
		if l == Japanese {
			return " ほか " + v + " 件"
		}
		return " and " + v + " more"
	},
	// launch: what a launch action of escalation.go starts.
	"launch": func(v string, l Lang) string {
		for _, a := range launchActions {
			if a.action == v {
				return a.what.In(l)
			}
		}
		return v
	},
	// operators: an operator type's operators, as examples.
	"operators": func(v string, l Lang) string { return operatorExample[v].In(l) },
}

// typeJa names the policy types in Japanese, as explain does.
var typeJa = [...]string{0: "ポリシー", policy.Identity: "アイデンティティベースのポリシー", policy.Boundary: "アクセス許可の境界",
	policy.Session: "セッションポリシー", policy.Resource: "リソースベースのポリシー", policy.Trust: "ロールの信頼ポリシー",
	policy.SCP: "サービスコントロールポリシー (SCP)", policy.RCP: "リソースコントロールポリシー (RCP)"}

// args makes a finding's arguments from name, value pairs, leaving out
// empty values (a template shows nothing for a name it lacks).
func args(kv []string) map[string]string {
	var m map[string]string
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		if m == nil {
			m = make(map[string]string, len(kv)/2)
		}
		m[kv[i]] = kv[i+1]
	}
	return m
}

// list shows at most n items, for a template's {name}{name_more|more}:
// the items joined, and how many were left out.
func list(items []string, n int) (shown, more string) {
	if len(items) <= n {
		return strings.Join(items, ", "), ""
	}
	return strings.Join(items[:n], ", "), strconv.Itoa(len(items) - n)
}
