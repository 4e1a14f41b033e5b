package catalog

import "strings"

// ConditionKey is a condition context key and the type of its values.
type ConditionKey struct {
	// Name is the key as AWS spells it. It may contain placeholders, as in
	// "aws:RequestTag/${TagKey}" or "s3:ExistingObjectTag/<key>".
	Name string `json:"n"`
	// Type is the type of the key's values.
	Type ConditionType `json:"t"`
}

// ConditionType is the type of a condition key's values, as the Service
// Authorization Reference names it.
type ConditionType string

// The condition key types found in AWS's data. Array types are multivalued
// keys, used with ForAnyValue and ForAllValues.
const (
	String        ConditionType = "String"
	ARN           ConditionType = "ARN"
	Numeric       ConditionType = "Numeric"
	Date          ConditionType = "Date"
	Bool          ConditionType = "Bool"
	IPAddress     ConditionType = "IPAddress"
	Binary        ConditionType = "Binary"
	ArrayOfString ConditionType = "ArrayOfString"
	ArrayOfARN    ConditionType = "ArrayOfARN"
	ArrayOfBool   ConditionType = "ArrayOfBool"
)

// keySet finds condition keys by name, case-insensitively, including keys
// whose names have placeholders.
type keySet struct {
	exact     map[string]*ConditionKey // by lower-case name
	templates []keyTemplate
}

// keyTemplate is a key whose name has placeholders, compiled to a pattern in
// which each placeholder matches one or more characters.
type keyTemplate struct {
	key     *ConditionKey
	pattern glob
}

func newKeySet(keys []*ConditionKey) keySet {
	s := keySet{exact: make(map[string]*ConditionKey, len(keys))}
	for _, k := range keys {
		s.exact[lowerASCII(k.Name)] = k
		if p, ok := templatePattern(k.Name); ok {
			s.templates = append(s.templates, keyTemplate{k, compileGlob(p)})
		}
	}
	return s
}

// find returns the key named name, or else the template key that matches it
// with the most literal text (aws:RequestTag/${TagKey} for aws:RequestTag/x).
func (s *keySet) find(name string) (*ConditionKey, bool) {
	if k, ok := s.exact[lowerASCII(name)]; ok {
		return k, true
	}
	var best *ConditionKey
	bestLen := -1
	for _, t := range s.templates {
		if t.pattern.literalLen > bestLen && t.pattern.match(name) {
			best, bestLen = t.key, t.pattern.literalLen
		}
	}
	return best, best != nil
}

// templatePattern turns a key name with ${Name} or <name> placeholders into
// a wildcard pattern where each placeholder is "?*" (one or more
// characters). It reports false if the name has no placeholder. Key names
// contain no '*' or '?' of their own.
func templatePattern(name string) (string, bool) {
	var b strings.Builder
	found := false
	for i := 0; i < len(name); i++ {
		end := placeholderEnd(name[i:])
		if end == 0 {
			b.WriteByte(name[i])
			continue
		}
		b.WriteString("?*")
		i += end - 1
		found = true
	}
	return b.String(), found
}

// placeholderEnd returns the length of the placeholder at the start of s,
// or 0 if s does not start with one.
func placeholderEnd(s string) int {
	var closer string
	switch {
	case strings.HasPrefix(s, "${"):
		closer = "}"
	case strings.HasPrefix(s, "<"):
		closer = ">"
	default:
		return 0
	}
	if i := strings.Index(s, closer); i > 0 {
		return i + 1
	}
	return 0
}
