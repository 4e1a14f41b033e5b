package lint

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

var (
	chkVarBrace = newCheck("variables", "variable.brace", Error,
		"a policy variable without its closing brace (\"${aws:username\")",
		"閉じ括弧のないポリシー変数です (\"${aws:username\")").
		aa("MISSING_BRACE_IN_VARIABLE").
		msg("", `the policy variable in "{value}" has no closing brace: add } after the key`,
			`"{value}" のポリシー変数に閉じ括弧がありません: キーの後に } を加えます`)
	chkVarEmpty = newCheck("variables", "variable.empty", Error,
		"an empty policy variable \"${}\"",
		"空のポリシー変数 \"${}\" です").
		aa("EMPTY_VARIABLE").
		msg("", "${} names no key: write a key such as ${aws:username}, or remove it",
			"${} はキーを指定していません: ${aws:username} のようにキーを書くか、削除します")
	chkVarSpace = newCheck("variables", "variable.space", Error,
		"a space inside a policy variable's key (\"${aws: username}\")",
		"ポリシー変数のキーに空白があります (\"${aws: username}\")").
		aa("UNSUPPORTED_SPACE_IN_VARIABLE").
		msg("", "remove the spaces in ${{variable}}: a variable's key has none",
			"${{variable}} の空白を削除します: 変数のキーに空白は入りません")
	chkVarDefault = newCheck("variables", "variable.defaultQuote", Error,
		"a policy variable default value that is not in single quotes (\"${aws:username, 'anonymous'}\")",
		"既定値が一重引用符で囲まれていないポリシー変数です (正しくは \"${aws:username, 'anonymous'}\")").
		aa("MISSING_QUOTE_IN_VARIABLE").
		msg("", "the default value of ${{variable}} must be in single quotes, such as ${{key}, 'anonymous'}",
			"${{variable}} の既定値は、${{key}, 'anonymous'} のように一重引用符で囲みます")
	chkVarElement = newCheck("variables", "variable.element", Error,
		"a policy variable in Principal or NotPrincipal, where AWS does not substitute it (in Action or NotAction it does not parse: action.syntax)",
		"Principal か NotPrincipal にポリシー変数があります。AWS はそこでは置き換えません (Action と NotAction では構文エラーです: action.syntax)").
		aa("VARIABLE_UNSUPPORTED_IN_ELEMENT").
		msg("", "policy variables are not substituted in a principal: name the principal, and test it with a condition on aws:PrincipalArn if it must vary",
			"プリンシパルではポリシー変数は置き換えられません: プリンシパルを指定し、変える必要があれば aws:PrincipalArn の条件で調べます")
	chkVarUnknown = newCheck("variables", "variable.unknownKey", Warning,
		"a policy variable whose key is no condition key AWS defines, so it never has a value",
		"キーが AWS の定義する条件キーではないポリシー変数です。値を持つことはありません").
		msg("", "${{key}} is no condition key AWS defines, so it never has a value and the statement never matches",
			"${{key}} は AWS の定義する条件キーではないので、値を持つことはなく、ステートメントは一致しません").
		msg("hint", `${{key}} is no condition key AWS defines, so it never has a value and the statement never matches: did you mean "{hint}"?`,
			`${{key}} は AWS の定義する条件キーではないので、値を持つことはなく、ステートメントは一致しません: "{hint}" ではありませんか?`)
	chkVarARNPart = newCheck("variables", "variable.arnPart", Warning,
		"a policy variable before the fifth colon of a Resource ARN (partition, service, Region or account), where AWS documents that variables cannot stand",
		"Resource の ARN の 5 つ目のコロンより前 (パーティション、サービス、リージョン、アカウント) にポリシー変数があります。AWS のドキュメントでは、そこに変数は置けません").
		msg("", `AWS substitutes policy variables only in the resource part of an ARN, after the fifth colon: "{value}" has one before it; write that part out, or test it with a condition such as aws:ResourceAccount`,
			`AWS がポリシー変数を置き換えるのは、ARN のリソースの部分 (5 つ目のコロンの後) だけです。"{value}" にはそれより前に変数があります: その部分を書き出すか、aws:ResourceAccount などの条件で調べます`)
	chkVarVersion = newCheck("variables", "variable.version", Error,
		"a policy variable in a policy without \"Version\": \"2012-10-17\", where it is literal text",
		"\"Version\": \"2012-10-17\" のないポリシーにポリシー変数があります。ただの文字列として扱われます").
		aa("VARIABLE_UNSUPPORTED_IN_VERSION").
		msg("", `policy variables need "Version": "2012-10-17": without it "{value}" is literal text and matches only itself`,
			`ポリシー変数には "Version": "2012-10-17" が必要です。これがないと "{value}" はただの文字列で、その文字列自身にしか一致しません`)
)

func checkVariables(l *linter) {
	versionReported := false
	for i := range l.p.Statements {
		s := &l.p.Statements[i]
		if p := s.Principal; p != nil {
			for _, list := range [][]policy.Value{p.AWS, p.Service, p.Federated, p.CanonicalUser} {
				for _, v := range list {
					if policy.HasVariable(v.S) {
						l.reportValue(chkVarElement, v, "", "value", v.S)
					}
				}
			}
		}
		for _, v := range s.Resources {
			if i := strings.Index(v.S, "${"); i >= 0 && strings.HasPrefix(v.S, "arn:") && strings.Count(v.S[:i], ":") < 5 {
				l.reportValue(chkVarARNPart, v, "", "value", v.S)
			}
		}
		var vals []policy.Value
		vals = append(vals, s.Resources...)
		for _, c := range s.Conditions {
			if t := c.Op.Base.Type(); t == "String" || t == "ARN" {
				vals = append(vals, c.Values...)
			}
		}
		for _, v := range vals {
			if !policy.HasVariable(v.S) {
				continue
			}
			if !l.p.Vars() {
				if !versionReported {
					versionReported = true
					l.reportValue(chkVarVersion, v, "", "value", v.S)
				}
				continue
			}
			l.variableSyntax(v)
		}
	}
}

// variableSyntax checks each ${...} of a value.
func (l *linter) variableSyntax(v policy.Value) {
	s := v.S
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			l.reportValue(chkVarBrace, v, "", "value", v.S)
			return
		}
		inner := s[i+2 : i+j]
		s = s[i+j+1:]
		switch strings.TrimSpace(inner) {
		case "":
			l.reportValue(chkVarEmpty, v, "", "value", v.S)
			continue
		case "*", "?", "$":
			continue
		}
		key, def, hasDef := strings.Cut(inner, ",")
		if hasDef {
			d := strings.TrimSpace(def)
			if len(d) < 2 || d[0] != '\'' || d[len(d)-1] != '\'' {
				l.reportValue(chkVarDefault, v, "", "variable", inner, "key", strings.TrimSpace(key))
			}
		}
		if strings.TrimSpace(key) != key && !hasDef || strings.ContainsAny(strings.TrimSpace(key), " \t") {
			l.reportValue(chkVarSpace, v, "", "variable", inner)
			continue
		}
		key = strings.TrimSpace(key)
		if l.cat != nil {
			if _, ok := l.cat.ConditionKey(key); !ok && !strings.EqualFold(key, "aws:TagKeys") {
				hint := closest(key, dataOf(l.cat).globals())
				l.reportValue(chkVarUnknown, v, hinted(hint), "key", key, "hint", hint)
			}
		}
	}
}
