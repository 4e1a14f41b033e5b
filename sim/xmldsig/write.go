package xmldsig

import (
	"bytes"
	"strings"
)

// Bytes writes the element as an XML document: namespace declarations and
// attributes as they are in the tree, values escaped so that Parse reads
// back the same tree (and so the same canonical form).
func (e *Element) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	write(&b, e)
	return b.Bytes()
}

func write(b *bytes.Buffer, e *Element) {
	b.WriteByte('<')
	b.WriteString(qname(e.Prefix, e.Local))
	for _, n := range e.NS {
		if n.Prefix == "" {
			b.WriteString(` xmlns="`)
		} else {
			b.WriteString(` xmlns:` + n.Prefix + `="`)
		}
		escapeAttr(b, n.URI)
		b.WriteByte('"')
	}
	for _, a := range e.Attrs {
		b.WriteString(" " + qname(a.Prefix, a.Local) + `="`)
		escapeAttr(b, a.Value)
		b.WriteByte('"')
	}
	if len(e.Children) == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for _, c := range e.Children {
		switch c := c.(type) {
		case *Element:
			write(b, c)
		case Text:
			escapeText(b, string(c))
		case *ProcInst:
			writePI(b, c)
		}
	}
	b.WriteString("</" + qname(e.Prefix, e.Local) + ">")
}

func writePI(b *bytes.Buffer, p *ProcInst) {
	b.WriteString("<?" + p.Target)
	if p.Inst != "" {
		b.WriteString(" " + p.Inst)
	}
	b.WriteString("?>")
}

// escapeText escapes character data as canonical XML does: &, <, > and
// carriage returns (which a parser would otherwise turn into line feeds).
func escapeText(b *bytes.Buffer, s string) {
	if !strings.ContainsAny(s, "&<>\r") {
		b.WriteString(s)
		return
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteByte(s[i])
		}
	}
}

// escapeAttr escapes an attribute value as canonical XML does: &, <, ",
// and the white space characters a parser would otherwise normalize.
func escapeAttr(b *bytes.Buffer, s string) {
	if !strings.ContainsAny(s, "&<\"\t\n\r") {
		b.WriteString(s)
		return
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '"':
			b.WriteString("&quot;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteByte(s[i])
		}
	}
}
