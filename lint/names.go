package lint

import "unicode/utf8"

// MaxPolicyName is the longest name IAM takes for a policy: "Length
// Constraints: Minimum length of 1. Maximum length of 128." (IAM API
// Reference, PolicyName of CreatePolicy and of PutUserPolicy,
// PutGroupPolicy, PutRolePolicy).
const MaxPolicyName = 128

// chkPolicyName is about a scenario's policy entry rather than its
// document: the name of an identity policy (inline, or customer managed)
// or of a permissions boundary (a managed policy), which IAM refuses when
// the policy is created if it breaks the API's rule. Session, resource-based
// and organization policies have no IAM name: their scenario names are
// labels.
var chkPolicyName = newCheck("limits", "policy.name", Error,
	"an identity policy or permissions boundary whose name IAM refuses: names are 1 to 128 characters of letters, digits and _+=,.@-",
	"IAM が拒否する名前のアイデンティティポリシーかアクセス許可の境界です: 名前は英字、数字と _+=,.@- からなる 1 から 128 文字です").
	msg("", `IAM refuses the policy name "{name}": a policy name has only letters, digits and _+=,.@- (no spaces), so "{char}" cannot be in it`,
		`IAM はポリシー名 "{name}" を拒否します: ポリシー名に使えるのは英字、数字と _+=,.@- だけ (空白も不可) なので、"{char}" は使えません`).
	msg("empty", "IAM refuses an empty policy name: give the policy a name of 1 to 128 letters, digits and _+=,.@-",
		"IAM は空のポリシー名を拒否します: 英字、数字と _+=,.@- で 1 から 128 文字の名前を付けます").
	msg("long", "IAM refuses the policy name, which has {n} characters: a policy name has at most 128",
		"このポリシー名は {n} 文字あり、IAM は拒否します: ポリシー名は 128 文字までです")

// policyNameFault returns the form and arguments of what is wrong with a
// policy name, nil if IAM takes it. The IAM API Reference: "This parameter
// allows (through its regex pattern) a string of characters consisting of
// upper and lowercase alphanumeric characters with no spaces. You can also
// include any of the following characters: _+=,.@-" — the pattern
// [\w+=,.@-]+, \w being ASCII letters, digits and '_'.
func policyNameFault(name string) (string, []string) {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return "empty", []string{}
	case n > MaxPolicyName:
		return "long", []string{"n", itoa(n)}
	}
	for _, r := range name {
		if !policyNameChar(r) {
			return "", []string{"name", name, "char", string(r)}
		}
	}
	return "", nil
}

func policyNameChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	switch r {
	case '_', '+', '=', ',', '.', '@', '-':
		return true
	}
	return false
}

// ValidPolicyName reports whether IAM takes name for a policy.
func ValidPolicyName(name string) bool {
	_, kv := policyNameFault(name)
	return kv == nil
}
