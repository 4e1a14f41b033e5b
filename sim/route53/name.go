package route53

import (
	"strings"
)

// Limits of DNS names: "Each label can be up to 63 bytes long. The total
// length of a domain name cannot exceed 255 bytes, including the dots"
// (Route 53 Developer Guide, DNS domain name format).
const (
	MaxLabel = 63
	MaxName  = 255
	// MaxNameText bounds the text of a name as a request gives it (the
	// DNSName shape's length constraint), escapes included.
	MaxNameText = 1024
)

// NameProblem is why a name does not parse, in the words of Route 53's
// "FATAL problem" messages.
type NameProblem struct {
	Code string // DomainLabelEmpty, DomainLabelTooLong, ...
	Text string
	Name string // the name as given
}

func (p *NameProblem) Error() string {
	return "FATAL problem: " + p.Code + " (" + p.Text + ") encountered with '" + p.Name + "'"
}

// ParseName reads a domain name as Route 53's API takes it: labels
// separated by dots, an optional trailing dot ("Route 53 treats
// www.example.com (without a trailing dot) and www.example.com. (with a
// trailing dot) as identical"), and escape codes "in the format \three-digit
// octal code" for characters that are not printable ASCII, spaces and dots
// inside a label. Letters are stored lower case: "Amazon Route 53 stores
// alphabetic characters as lowercase letters (a-z), regardless of how you
// specify them". The labels come back as raw bytes, leftmost first.
func ParseName(s string) ([]string, error) {
	bad := func(code, text string) ([]string, error) {
		return nil, &NameProblem{Code: code, Text: text, Name: s}
	}
	if len(s) > MaxNameText {
		return bad("DomainNameTooLong", "Domain name is too long")
	}
	body := strings.TrimSuffix(s, ".")
	if body == "" {
		return bad("DomainLabelEmpty", "Domain label is empty")
	}
	var labels []string
	var label []byte
	total := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '.':
			if len(label) == 0 {
				return bad("DomainLabelEmpty", "Domain label is empty")
			}
			labels = append(labels, string(label))
			total += len(label) + 1
			label = label[:0]
			continue
		case c == '\\':
			v, ok := octal(body[i+1:])
			if !ok {
				return bad("InvalidCharacterString", "Invalid escape sequence")
			}
			c = v
			i += 3
		case c <= ' ' || c >= 0x7f:
			return bad("InvalidCharacterString", "Character must be escaped")
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		label = append(label, c)
		if len(label) > MaxLabel {
			return bad("DomainLabelTooLong", "Domain label is too long")
		}
	}
	if len(label) == 0 {
		return bad("DomainLabelEmpty", "Domain label is empty")
	}
	labels = append(labels, string(label))
	total += len(label) + 1
	if total+1 > MaxName {
		return bad("DomainNameTooLong", "Domain name is too long")
	}
	return labels, nil
}

// octal reads a three-digit octal escape code (000 to 377).
func octal(s string) (byte, bool) {
	if len(s) < 3 {
		return 0, false
	}
	v := 0
	for i := 0; i < 3; i++ {
		d := s[i]
		if d < '0' || d > '7' {
			return 0, false
		}
		v = v*8 + int(d-'0')
	}
	if v > 0xff {
		return 0, false
	}
	return byte(v), true
}

// escapeLabel writes a label as Route 53's API returns it: "If the domain
// name includes any characters other than a to z, 0 to 9, - (hyphen), or _
// (underscore), Route 53 API actions return the characters as escape codes".
func escapeLabel(b *strings.Builder, l string) {
	for i := 0; i < len(l); i++ {
		c := l[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('\\')
		b.WriteByte('0' + c>>6)
		b.WriteByte('0' + c>>3&7)
		b.WriteByte('0' + c&7)
	}
}

// FormatName is the name as Route 53 answers it: escaped, with the
// trailing dot ("\052.example.com.").
func FormatName(labels []string) string {
	var b strings.Builder
	for _, l := range labels {
		escapeLabel(&b, l)
		b.WriteByte('.')
	}
	return b.String()
}

// NormalizedName is the name as the condition key
// route53:ChangeResourceRecordSetsNormalizedRecordNames holds it: "All
// letters must be lowercase. The DNS name must be without the trailing
// dot. Characters other than a–z, 0–9, - (hyphen), _ (underscore), and .
// (period, as a delimiter between labels) must use escape codes"
// (Route 53 Developer Guide, IAM policy conditions).
func NormalizedName(labels []string) string {
	return strings.TrimSuffix(FormatName(labels), ".")
}

// CanonicalName parses a name and formats it as Route 53 stores it.
func CanonicalName(s string) (string, error) {
	l, err := ParseName(s)
	if err != nil {
		return "", err
	}
	return FormatName(l), nil
}

// sortKey orders names as ListResourceRecordSets and ListHostedZonesByName
// do: "by DNS name with the labels reversed, for example:
// com.example.www. Note the trailing dot".
func sortKey(name string) string {
	labels := splitFormatted(name)
	var b strings.Builder
	for i := len(labels) - 1; i >= 0; i-- {
		b.WriteString(labels[i])
		b.WriteByte('.')
	}
	return b.String()
}

// splitFormatted splits a formatted name (escaped, trailing dot) into its
// escaped labels; a formatted label holds no unescaped dot.
func splitFormatted(name string) []string {
	name = strings.TrimSuffix(name, ".")
	if name == "" {
		return nil
	}
	return strings.Split(name, ".")
}

// inZone reports whether a formatted name is the zone's apex or below it.
func inZone(name, zone string) bool {
	return name == zone || strings.HasSuffix(name, "."+zone)
}
