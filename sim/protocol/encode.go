package protocol

import (
	"bytes"
	"encoding/xml"
	"sync"
)

// MaxPooledAnswer bounds the buffer of an answer kept for the next one: a
// large answer (a long listing) is let go rather than held by the pool.
const MaxPooledAnswer = 64 << 10

// xmlWriter is an XML encoder bound to its own buffer. encoding/xml gives
// every new Encoder a 4 KiB buffered writer, so encoders are reused.
type xmlWriter struct {
	buf bytes.Buffer
	enc *xml.Encoder
}

// xmlWriters are encoders that indent as the Query protocol answers
// (two spaces) and that do not (REST-XML).
var xmlWriters = [2]sync.Pool{
	{New: func() any { return newXMLWriter(false) }},
	{New: func() any { return newXMLWriter(true) }},
}

func newXMLWriter(indent bool) *xmlWriter {
	x := &xmlWriter{}
	x.enc = xml.NewEncoder(&x.buf)
	if indent {
		x.enc.Indent("  ", "  ")
		// An indenting encoder starts the first element it writes on the
		// current line and every later one on a new line: write one now,
		// so that every answer starts its element on a new line.
		_ = x.enc.EncodeElement("", xml.StartElement{Name: xml.Name{Local: "x"}})
	}
	return x
}

func getXMLWriter(indent bool) *xmlWriter {
	i := 0
	if indent {
		i = 1
	}
	x := xmlWriters[i].Get().(*xmlWriter)
	x.buf.Reset()
	return x
}

// put returns the writer for reuse. A writer whose encoding failed is
// dropped: its encoder may be left inside an element.
func (x *xmlWriter) put(indent bool, failed bool) {
	if failed || x.buf.Cap() > MaxPooledAnswer {
		return
	}
	i := 0
	if indent {
		i = 1
	}
	xmlWriters[i].Put(x)
}
