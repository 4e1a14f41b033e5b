package protocol

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
)

// DecodeXML reads a REST-XML request body into v: malformed XML answers
// MalformedXML (S3's code; Route 53 answers InvalidInput, which its
// service passes as code).
func DecodeXML(body []byte, v any, code string) error {
	if int64(len(body)) > MaxXMLBody {
		return TooLarge(MaxXMLBody)
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		return Errorf(http.StatusBadRequest, code, "The XML you provided was not well-formed or did not validate against our published schema")
	}
	// Only white space may follow the document element.
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return Errorf(http.StatusBadRequest, code, "The XML you provided was not well-formed or did not validate against our published schema")
		}
		if cd, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(cd)) == 0 {
			continue
		}
		if _, ok := tok.(xml.Comment); ok {
			continue
		}
		return Errorf(http.StatusBadRequest, code, "The XML you provided was not well-formed or did not validate against our published schema")
	}
}

// WriteXML writes a REST-XML answer body.
func WriteXML(w http.ResponseWriter, status int, requestID string, v any) error {
	x := getXMLWriter(false)
	x.buf.WriteString(xml.Header)
	if err := x.enc.Encode(v); err != nil {
		x.put(false, true)
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("X-Amz-Request-Id", requestID)
	w.WriteHeader(status)
	_, err := w.Write(x.buf.Bytes())
	x.put(false, false)
	return err
}

// WriteS3Error writes S3's error document: <Error><Code/><Message/>
// <Resource/><RequestId/><HostId/></Error>, with no namespace. A HEAD
// request gets no body, as S3 answers.
func WriteS3Error(w http.ResponseWriter, r *http.Request, requestID, hostID, resource string, e *Error) {
	h := w.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("X-Amz-Request-Id", requestID)
	h.Set("X-Amz-Id-2", hostID)
	w.WriteHeader(e.Status)
	if r.Method == http.MethodHead {
		return
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString("<Error><Code>" + escape(e.Code) + "</Code><Message>" + escape(e.Message) + "</Message>")
	if resource != "" {
		b.WriteString("<Resource>" + escape(resource) + "</Resource>")
	}
	b.WriteString("<RequestId>" + requestID + "</RequestId><HostId>" + escape(hostID) + "</HostId></Error>")
	_, _ = w.Write([]byte(b.String()))
}

// Route53NS is Route 53's XML namespace.
const Route53NS = "https://route53.amazonaws.com/doc/2013-04-01/"

// WriteRoute53Error writes Route 53's error document, the Query protocol's
// ErrorResponse in Route 53's namespace.
func WriteRoute53Error(w http.ResponseWriter, requestID string, e *Error) {
	WriteQueryError(w, Route53NS, requestID, e)
}
