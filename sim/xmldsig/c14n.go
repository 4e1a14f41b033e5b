package xmldsig

import (
	"bytes"
	"sort"
)

// The canonicalization this package implements: Exclusive XML
// Canonicalization 1.0 without comments (W3C Recommendation, 18 July 2002).
const ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"

// Canonical returns the exclusive canonical form of the subtree at e,
// leaving out the element skip (an enveloped signature; nil for none).
// inclusive is an InclusiveNamespaces PrefixList: prefixes ("#default"
// for the default namespace) whose declarations are rendered as inclusive
// canonicalization renders them, used or not.
//
// The rules, from the recommendation: a namespace declaration is rendered
// on an element when the element "visibly utilizes" it (its own prefix or
// an attribute's) or it is in the PrefixList, unless the nearest output
// ancestor already rendered the same binding; declarations sort by prefix,
// attributes by namespace URI then local name; elements are written with
// start and end tags; text escapes &, <, > and CR; attribute values escape
// &, <, ", TAB, LF and CR; comments are left out.
func Canonical(e *Element, skip *Element, inclusive []string) []byte {
	c := &canon{skip: skip, incl: inclusive}
	c.element(e, nil)
	return c.b.Bytes()
}

type canon struct {
	b    bytes.Buffer
	skip *Element
	incl []string
}

type binding struct{ prefix, uri string }

// lookup is the binding the nearest output ancestor rendered for prefix.
func lookup(rendered []binding, prefix string) (string, bool) {
	for i := len(rendered) - 1; i >= 0; i-- {
		if rendered[i].prefix == prefix {
			return rendered[i].uri, true
		}
	}
	return "", false
}

func (c *canon) element(e *Element, rendered []binding) {
	decls := c.declarations(e, rendered)
	name := qname(e.Prefix, e.Local)
	c.b.WriteByte('<')
	c.b.WriteString(name)
	for _, d := range decls {
		if d.prefix == "" {
			c.b.WriteString(` xmlns="`)
		} else {
			c.b.WriteString(` xmlns:` + d.prefix + `="`)
		}
		escapeAttr(&c.b, d.uri)
		c.b.WriteByte('"')
	}
	for _, a := range sortedAttrs(e.Attrs) {
		c.b.WriteString(" " + qname(a.Prefix, a.Local) + `="`)
		escapeAttr(&c.b, a.Value)
		c.b.WriteByte('"')
	}
	c.b.WriteByte('>')
	if len(decls) > 0 {
		rendered = append(rendered[:len(rendered):len(rendered)], decls...)
	}
	for _, ch := range e.Children {
		switch ch := ch.(type) {
		case *Element:
			if ch != c.skip {
				c.element(ch, rendered)
			}
		case Text:
			escapeText(&c.b, string(ch))
		case *ProcInst:
			writePI(&c.b, ch)
		}
	}
	c.b.WriteString("</" + name + ">")
}

// declarations are the namespace declarations rendered on e, sorted.
func (c *canon) declarations(e *Element, rendered []binding) []binding {
	var decls []binding
	need := func(prefix string) {
		if prefix == "xml" {
			return // the xml namespace is never declared
		}
		for _, d := range decls {
			if d.prefix == prefix {
				return
			}
		}
		uri, _ := e.Lookup(prefix)
		prev, had := lookup(rendered, prefix)
		if prefix == "" && uri == "" {
			// xmlns="" only undoes a default namespace an output
			// ancestor rendered.
			if had && prev != "" {
				decls = append(decls, binding{"", ""})
			}
			return
		}
		if !had || prev != uri {
			decls = append(decls, binding{prefix, uri})
		}
	}
	need(e.Prefix)
	for _, a := range e.Attrs {
		if a.Prefix != "" {
			need(a.Prefix)
		}
	}
	for _, p := range c.incl {
		if p == "#default" {
			need("")
		} else if _, declared := e.Lookup(p); declared {
			need(p)
		}
	}
	sort.Slice(decls, func(i, j int) bool { return decls[i].prefix < decls[j].prefix })
	return decls
}

func sortedAttrs(as []Attr) []Attr {
	if len(as) < 2 {
		return as
	}
	out := append([]Attr(nil), as...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Space != out[j].Space {
			return out[i].Space < out[j].Space
		}
		return out[i].Local < out[j].Local
	})
	return out
}
