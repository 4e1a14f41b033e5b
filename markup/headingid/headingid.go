// Package headingid makes heading IDs that keep the heading's words in any
// script. goldmark's default drops everything but ASCII letters and digits,
// which turns every Japanese heading into "heading-N": unreadable in a URL
// and unstable when a heading is added above.
package headingid

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// IDs implements parser.IDs: lower-case letters and digits of any script,
// runs of anything else folded into one '-', and "-2", "-3"... on repeats.
type IDs struct {
	seen map[string]bool
}

// New returns the IDs of one document; pass it with parser.WithContext.
func New() *IDs { return &IDs{seen: map[string]bool{}} }

// Context returns a parser context that uses a fresh IDs.
func Context() parser.Context { return parser.NewContext(parser.WithIDs(New())) }

// Slug is the ID a heading's text gets before deduplication.
func Slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// Generate returns a unique ID for a heading's text.
func (s *IDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slug(string(value))
	id := base
	for i := 2; s.seen[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.seen[id] = true
	return []byte(id)
}

// Put records an ID given explicitly ({#id}) so generated ones avoid it.
func (s *IDs) Put(value []byte) { s.seen[string(value)] = true }
