package lint

import (
	"strings"

	"github.com/iamlab/iamlab/policy"
)

var (
	chkVarBrace = newCheck("variables", "variable.brace", Error,
		"a policy variable without its closing brace (\"${aws:username\")").
		aa("MISSING_BRACE_IN_VARIABLE")
	chkVarEmpty = newCheck("variables", "variable.empty", Error,
		"an empty policy variable \"${}\"").
		aa("EMPTY_VARIABLE")
	chkVarSpace = newCheck("variables", "variable.space", Error,
		"a space inside a policy variable's key (\"${aws: username}\")").
		aa("UNSUPPORTED_SPACE_IN_VARIABLE")
	chkVarDefault = newCheck("variables", "variable.defaultQuote", Error,
		"a policy variable default value that is not in single quotes (\"${aws:username, 'anonymous'}\")").
		aa("MISSING_QUOTE_IN_VARIABLE")
	chkVarElement = newCheck("variables", "variable.element", Error,
		"a policy variable in Action, NotAction, Principal or NotPrincipal, where AWS does not substitute it").
		aa("VARIABLE_UNSUPPORTED_IN_ELEMENT")
	chkVarUnknown = newCheck("variables", "variable.unknownKey", Warning,
		"a policy variable whose key is no condition key AWS defines, so it never has a value")
	chkVarARNPart = newCheck("variables", "variable.arnPart", Warning,
		"a policy variable before the fifth colon of a Resource ARN (partition, service, Region or account), where AWS documents that variables cannot stand")
	chkVarVersion = newCheck("variables", "variable.version", Error,
		"a policy variable in a policy without \"Version\": \"2012-10-17\", where it is literal text").
		aa("VARIABLE_UNSUPPORTED_IN_VERSION")
)

func checkVariables(l *linter) {
	versionReported := false
	for i := range l.p.Statements {
		s := &l.p.Statements[i]
		for _, v := range s.Actions {
			if policy.HasVariable(v.S) {
				l.reportValue(chkVarElement, v, "policy variables are not substituted in "+map[bool]string{true: "NotAction", false: "Action"}[s.NotAction]+": "+quote(v.S)+" is compared as written")
			}
		}
		if p := s.Principal; p != nil {
			for _, list := range [][]policy.Value{p.AWS, p.Service, p.Federated, p.CanonicalUser} {
				for _, v := range list {
					if policy.HasVariable(v.S) {
						l.reportValue(chkVarElement, v, "policy variables are not substituted in a principal: name the principal, and test it with a condition on aws:PrincipalArn if it must vary")
					}
				}
			}
		}
		for _, v := range s.Resources {
			if i := strings.Index(v.S, "${"); i >= 0 && strings.HasPrefix(v.S, "arn:") && strings.Count(v.S[:i], ":") < 5 {
				l.reportValue(chkVarARNPart, v, "AWS substitutes policy variables only in the resource part of an ARN, after the fifth colon: "+quote(v.S)+" has one before it; write that part out, or test it with a condition such as aws:ResourceAccount")
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
					msg := "policy variables need \"Version\": \"2012-10-17\": without it " + quote(v.S) + " is literal text and matches only itself"
					l.reportValue(chkVarVersion, v, msg)
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
			l.reportValue(chkVarBrace, v, "the policy variable in "+quote(v.S)+" has no closing brace: add } after the key")
			return
		}
		inner := s[i+2 : i+j]
		s = s[i+j+1:]
		switch strings.TrimSpace(inner) {
		case "":
			l.reportValue(chkVarEmpty, v, "${} names no key: write a key such as ${aws:username}, or remove it")
			continue
		case "*", "?", "$":
			continue
		}
		key, def, hasDef := strings.Cut(inner, ",")
		if hasDef {
			d := strings.TrimSpace(def)
			if len(d) < 2 || d[0] != '\'' || d[len(d)-1] != '\'' {
				l.reportValue(chkVarDefault, v, "the default value of ${"+inner+"} must be in single quotes, such as ${"+strings.TrimSpace(key)+", 'anonymous'}")
			}
		}
		if strings.TrimSpace(key) != key && !hasDef || strings.ContainsAny(strings.TrimSpace(key), " \t") {
			l.reportValue(chkVarSpace, v, "remove the spaces in ${"+inner+"}: a variable's key has none")
			continue
		}
		key = strings.TrimSpace(key)
		if l.cat != nil {
			if _, ok := l.cat.ConditionKey(key); !ok && !strings.EqualFold(key, "aws:TagKeys") {
				l.reportValue(chkVarUnknown, v, "${"+key+"} is no condition key AWS defines, so it never has a value and the statement never matches"+didYouMean(closest(key, dataOf(l.cat).globals())))
			}
		}
	}
}
