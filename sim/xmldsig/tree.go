// Package xmldsig is the part of XML Signature that SAML 2.0 federation
// needs, written for the simulated AWS: an XML tree that keeps prefixes
// and namespace declarations as written, Exclusive XML Canonicalization
// (without comments), and enveloped RSA-SHA256 signatures made and checked
// over an element named by its ID.
//
// It is small on purpose: the simulator runs in the page's WebAssembly, and
// a general XML-DSig library with its XML tree costs more there than this
// package does. Its tests check it against github.com/russellhaering/goxmldsig.
package xmldsig

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// NSXML is the namespace of the xml prefix, bound by definition.
const NSXML = "http://www.w3.org/XML/1998/namespace"

// Limits bounds what Parse reads.
type Limits struct {
	MaxBytes    int // the document's size
	MaxDepth    int // element nesting
	MaxElements int // elements in all
	MaxAttrs    int // attributes and namespace declarations of one element
}

// DefaultLimits suit SAML responses: STS takes at most 100,000 characters
// of base64 (the SAMLAssertion parameter's length), 75,000 bytes of XML.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 64, MaxElements: 10000, MaxAttrs: 64}

// Node is a child of an element: *Element, Text or *ProcInst. Comments are
// dropped when parsing (canonicalization without comments leaves them out).
type Node interface{ node() }

// Text is character data, as decoded (entities and CDATA resolved).
type Text string

// ProcInst is a processing instruction inside the document element.
type ProcInst struct{ Target, Inst string }

func (Text) node()      {}
func (*ProcInst) node() {}
func (*Element) node()  {}

// NS is a namespace declaration: xmlns:Prefix="URI", or xmlns="URI" when
// Prefix is empty.
type NS struct{ Prefix, URI string }

// Attr is an attribute other than a namespace declaration. Space is the
// namespace its prefix stands for ("" without a prefix).
type Attr struct{ Prefix, Local, Space, Value string }

// Element is an element with its prefix and local name as written and the
// namespace the prefix stands for.
type Element struct {
	Prefix, Local, Space string
	NS                   []NS
	Attrs                []Attr
	Children             []Node
	Parent               *Element
}

// Is reports whether the element has this namespace and local name.
func (e *Element) Is(space, local string) bool { return e.Space == space && e.Local == local }

// Attr returns the value of the unprefixed attribute name.
func (e *Element) Attr(name string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Space == "" && a.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// Elements returns the child elements.
func (e *Element) Elements() []*Element {
	var out []*Element
	for _, c := range e.Children {
		if el, ok := c.(*Element); ok {
			out = append(out, el)
		}
	}
	return out
}

// Find returns the child elements with this namespace and local name.
func (e *Element) Find(space, local string) []*Element {
	var out []*Element
	for _, c := range e.Children {
		if el, ok := c.(*Element); ok && el.Is(space, local) {
			out = append(out, el)
		}
	}
	return out
}

// First returns the first child element with this name, or nil.
func (e *Element) First(space, local string) *Element {
	for _, c := range e.Children {
		if el, ok := c.(*Element); ok && el.Is(space, local) {
			return el
		}
	}
	return nil
}

// Text returns the element's character data (of its direct children).
func (e *Element) Text() string {
	var b strings.Builder
	for _, c := range e.Children {
		if t, ok := c.(Text); ok {
			b.WriteString(string(t))
		}
	}
	return b.String()
}

// Lookup returns the namespace a prefix stands for at this element ("" for
// the default namespace), and whether it is declared.
func (e *Element) Lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return NSXML, true
	}
	for el := e; el != nil; el = el.Parent {
		for _, n := range el.NS {
			if n.Prefix == prefix {
				return n.URI, true
			}
		}
	}
	return "", prefix == ""
}

// Append adds a child element and sets its parent.
func (e *Element) Append(c *Element) *Element {
	c.Parent = e
	e.Children = append(e.Children, c)
	return c
}

// InsertAfter puts c after the child after (first when after is nil).
func (e *Element) InsertAfter(c, after *Element) {
	c.Parent = e
	at := 0
	for i, n := range e.Children {
		if n == Node(after) {
			at = i + 1
		}
	}
	e.Children = append(e.Children, nil)
	copy(e.Children[at+1:], e.Children[at:])
	e.Children[at] = c
}

// Walk calls fn for e and every element below it, in document order.
func (e *Element) Walk(fn func(*Element)) {
	fn(e)
	for _, c := range e.Children {
		if el, ok := c.(*Element); ok {
			el.Walk(fn)
		}
	}
}

// ErrTooLarge is a document past its Limits.
var ErrTooLarge = errors.New("the XML document is too large")

// Parse reads a document and returns its document element. It refuses
// DTDs (and so entity declarations), undeclared prefixes, duplicate
// attributes, mismatched tags, text outside the document element, and
// anything past the limits.
func Parse(b []byte, lim Limits) (*Element, error) {
	if len(b) > lim.MaxBytes {
		return nil, ErrTooLarge
	}
	p := &parser{d: xml.NewDecoder(bytes.NewReader(b)), lim: lim}
	p.d.Strict = true
	return p.run()
}

type parser struct {
	d     *xml.Decoder
	lim   Limits
	root  *Element
	cur   *Element
	depth int
	count int
}

func (p *parser) run() (*Element, error) {
	for {
		tok, err := p.d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := p.token(tok); err != nil {
			return nil, err
		}
	}
	if p.root == nil {
		return nil, errors.New("the document has no element")
	}
	if p.cur != nil {
		return nil, fmt.Errorf("element <%s> is not closed", qname(p.cur.Prefix, p.cur.Local))
	}
	return p.root, nil
}

func (p *parser) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return p.start(t)
	case xml.EndElement:
		return p.end(t)
	case xml.CharData:
		return p.text(t)
	case xml.ProcInst:
		if p.cur != nil {
			p.cur.Children = append(p.cur.Children, &ProcInst{Target: t.Target, Inst: string(t.Inst)})
		}
	case xml.Directive:
		return errors.New("DTDs and other declarations are not allowed")
	}
	return nil
}

func (p *parser) start(t xml.StartElement) error {
	if p.cur == nil && p.root != nil {
		return errors.New("the document has more than one element at its top")
	}
	p.depth++
	p.count++
	if p.depth > p.lim.MaxDepth || p.count > p.lim.MaxElements || len(t.Attr) > p.lim.MaxAttrs {
		return ErrTooLarge
	}
	e := &Element{Prefix: t.Name.Space, Local: t.Name.Local, Parent: p.cur}
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "xmlns":
			if a.Name.Local == "xmlns" || (a.Name.Local == "xml" && a.Value != NSXML) || a.Value == "" {
				return fmt.Errorf("invalid namespace declaration xmlns:%s", a.Name.Local)
			}
			e.NS = append(e.NS, NS{a.Name.Local, a.Value})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			e.NS = append(e.NS, NS{"", a.Value})
		default:
			e.Attrs = append(e.Attrs, Attr{Prefix: a.Name.Space, Local: a.Name.Local, Value: a.Value})
		}
	}
	if err := resolve(e); err != nil {
		return err
	}
	if p.cur == nil {
		p.root = e
	} else {
		p.cur.Children = append(p.cur.Children, e)
	}
	p.cur = e
	return nil
}

// resolve finds the namespaces of an element's and its attributes'
// prefixes and refuses an attribute given twice.
func resolve(e *Element) error {
	var ok bool
	if e.Space, ok = e.Lookup(e.Prefix); !ok {
		return fmt.Errorf("undeclared namespace prefix %q", e.Prefix)
	}
	for i := range e.Attrs {
		a := &e.Attrs[i]
		if a.Prefix != "" {
			if a.Space, ok = e.Lookup(a.Prefix); !ok || a.Space == "" {
				return fmt.Errorf("undeclared namespace prefix %q", a.Prefix)
			}
		}
		for _, b := range e.Attrs[:i] {
			if b.Space == a.Space && b.Local == a.Local {
				return fmt.Errorf("attribute %s is given twice", qname(a.Prefix, a.Local))
			}
		}
	}
	for i, n := range e.NS {
		for _, m := range e.NS[:i] {
			if m.Prefix == n.Prefix {
				return fmt.Errorf("namespace prefix %q is declared twice", n.Prefix)
			}
		}
	}
	return nil
}

func (p *parser) end(t xml.EndElement) error {
	if p.cur == nil || p.cur.Prefix != t.Name.Space || p.cur.Local != t.Name.Local {
		return fmt.Errorf("unexpected end tag </%s>", qname(t.Name.Space, t.Name.Local))
	}
	p.cur = p.cur.Parent
	p.depth--
	return nil
}

func (p *parser) text(t xml.CharData) error {
	if p.cur == nil {
		if len(bytes.TrimSpace(t)) > 0 {
			return errors.New("text outside the document element")
		}
		return nil
	}
	n := len(p.cur.Children)
	if n > 0 {
		if prev, ok := p.cur.Children[n-1].(Text); ok {
			p.cur.Children[n-1] = prev + Text(t)
			return nil
		}
	}
	p.cur.Children = append(p.cur.Children, Text(t))
	return nil
}

func qname(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}
