// Package mdlinks rewrites relative links to other Markdown files
// ("02-user.md", "../en/02-user.md#step-1") into the URLs of the pages
// they become, so the content links the way it reads on GitHub and in
// an editor, and works on the site too.
package mdlinks

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Resolver maps a link's Markdown path (without the fragment) to the URL
// that replaces it; ok is false when no page has that path.
type Resolver func(path string) (href string, ok bool)

var resolverKey = parser.NewContextKey()
var errorsKey = parser.NewContextKey()

// WithResolver returns pc set up to resolve the links of one document.
func WithResolver(pc parser.Context, r Resolver) parser.Context {
	pc.Set(resolverKey, r)
	return pc
}

// Errors returns the links of the parsed document that named no page.
func Errors(pc parser.Context) []error {
	errs, _ := pc.Get(errorsKey).([]error)
	return errs
}

// Extender installs the rewriting.
type Extender struct{}

// Extend implements goldmark.Extender.
func (Extender) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 900)))
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	resolve, _ := pc.Get(resolverKey).(Resolver)
	if resolve == nil {
		return
	}
	var errs []error
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(l.Destination)
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasSuffix(u.Path, ".md") {
			return ast.WalkContinue, nil
		}
		href, found := resolve(u.Path)
		if !found {
			errs = append(errs, fmt.Errorf("link to %s: no such page", dest))
			return ast.WalkContinue, nil
		}
		if u.Fragment != "" {
			href += "#" + u.EscapedFragment()
		}
		l.Destination = []byte(href)
		return ast.WalkContinue, nil
	})
	pc.Set(errorsKey, errs)
}
