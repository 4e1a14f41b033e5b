package policy

import "strings"

// HasVariable reports whether s holds a policy variable ${...}. It looks
// for the dollar signs alone (strings.IndexByte is vector code; most
// patterns have none) and then at the byte after each.
func HasVariable(s string) bool {
	for {
		i := strings.IndexByte(s, '$')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if s[i+1] == '{' {
			return true
		}
		s = s[i+1:]
	}
}

// Substitute replaces the policy variables of s with their values from the
// request context: ${key}, ${key, 'default'}, and the escapes ${*}, ${?} and
// ${$}. With pattern set, substituted text is marked literal so that a * or ?
// it brings is not a wildcard. If a variable has no value (and no default)
// it returns the variable's key as missing: AWS then treats the whole
// statement as not matching.
func Substitute(s string, ctx Context, pattern bool) (string, string) {
	return ReplaceVariables(s, func(inner string) (string, string) {
		val, missing := resolveVariable(inner, ctx)
		if missing != "" || !pattern {
			return val, missing
		}
		var b strings.Builder
		writeLiteral(&b, val, true)
		return b.String(), ""
	})
}

// ReplaceVariables replaces each ${...} of s with what f returns for the
// text between the braces. If f reports a variable as missing, it stops and
// returns that. Text without a closing brace stays as it is.
func ReplaceVariables(s string, f func(inner string) (value, missing string)) (string, string) {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		val, missing := f(s[i+2 : i+j])
		if missing != "" {
			return "", missing
		}
		b.WriteString(val)
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String(), ""
}

func writeLiteral(b *strings.Builder, v string, pattern bool) {
	if !pattern {
		b.WriteString(v)
		return
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == '*' || c == '?' || c == literalMark {
			b.WriteByte(literalMark)
		}
		b.WriteByte(v[i])
	}
}

// resolveVariable returns the value of the text between ${ and }.
func resolveVariable(inner string, ctx Context) (string, string) {
	inner = strings.TrimSpace(inner)
	switch inner {
	case "*", "?", "$":
		return inner, ""
	}
	key, def, hasDef := splitDefault(inner)
	vals, ok := ctx.Lookup(key)
	if ok && len(vals) == 1 {
		return vals[0], ""
	}
	if hasDef {
		return def, ""
	}
	return "", key
}

// splitDefault splits "key, 'default'" into its parts.
func splitDefault(inner string) (key, def string, ok bool) {
	comma := strings.IndexByte(inner, ',')
	if comma < 0 {
		return inner, "", false
	}
	key = strings.TrimSpace(inner[:comma])
	d := strings.TrimSpace(inner[comma+1:])
	if len(d) >= 2 && d[0] == '\'' && d[len(d)-1] == '\'' {
		return key, d[1 : len(d)-1], true
	}
	return key, "", false
}
