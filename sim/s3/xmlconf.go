package s3

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/iamlab/iamlab/sim/protocol"
)

// NS is S3's XML namespace.
const NS = "http://s3.amazonaws.com/doc/2006-03-01/"

// maxConfigFields bounds the elements of a configuration document, so
// that a document of many repeated elements is refused early.
const maxConfigFields = 16

// decodeConfig reads a flat configuration document of S3, such as
// <CreateBucketConfiguration> or <PublicAccessBlockConfiguration>: the
// root element (in S3's namespace or none) holding elements of text. It
// returns the text of each element, by name. An element S3 does not know
// there, a repeated one, nested markup, a DOCTYPE, or anything but white
// space and comments around the root is MalformedXML, as S3 answers a
// document that does "not validate against our published schema".
// Elements named in unsupported are S3's but not the simulator's:
// NotImplemented.
func decodeConfig(body []byte, root string, known, unsupported []string) (map[string]string, *Error) {
	if len(body) > protocol.MaxXMLBody {
		return nil, malformedXML()
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	start, err := rootElement(d)
	if err != nil || start.Name.Local != root || start.Name.Space != "" && start.Name.Space != NS {
		return nil, malformedXML()
	}
	out := map[string]string{}
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, malformedXML()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if contains(unsupported, name) {
				return nil, notImplemented(name)
			}
			if !contains(known, name) || t.Name.Space != start.Name.Space && t.Name.Space != "" {
				return nil, malformedXML()
			}
			if _, dup := out[name]; dup || len(out) >= maxConfigFields {
				return nil, malformedXML()
			}
			text, ok := elementText(d)
			if !ok {
				return nil, malformedXML()
			}
			out[name] = text
		case xml.EndElement:
			if !onlySpace(d) {
				return nil, malformedXML()
			}
			return out, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return nil, malformedXML()
			}
		case xml.Comment:
		default:
			return nil, malformedXML()
		}
	}
}

// rootElement skips the prolog (declaration, comments, white space) and
// returns the document element.
func rootElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.ProcInst, xml.Comment:
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return xml.StartElement{}, io.ErrUnexpectedEOF
			}
		default:
			return xml.StartElement{}, io.ErrUnexpectedEOF
		}
	}
}

// elementText reads an element's text up to its end; markup inside
// (other than comments) is refused.
func elementText(d *xml.Decoder) (string, bool) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.Comment:
		case xml.EndElement:
			return b.String(), true
		default:
			return "", false
		}
	}
}

// onlySpace reports whether nothing but white space and comments follows.
func onlySpace(d *xml.Decoder) bool {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return false
			}
		case xml.Comment:
		default:
			return false
		}
	}
}

// xmlBool reads an xs:boolean ("true", "false", "1", "0", white space
// around allowed).
func xmlBool(s string) (bool, bool) {
	switch strings.TrimSpace(s) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
