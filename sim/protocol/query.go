package protocol

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Params are the parameters of a Query request (IAM, STS): the form body
// and the URL's query, as the Query protocol reads them.
type Params struct{ v url.Values }

// ParseQuery reads the form body (application/x-www-form-urlencoded) and
// the URL's query string. A form that is not one answers
// MalformedQueryString.
func ParseQuery(body []byte, rawQuery string) (Params, error) {
	v := url.Values{}
	if rawQuery != "" {
		q, err := url.ParseQuery(rawQuery)
		if err != nil {
			return Params{}, Errorf(http.StatusBadRequest, "MalformedQueryString", "The query string is malformed: %v", err)
		}
		v = q
	}
	if len(body) > 0 {
		b, err := url.ParseQuery(string(body))
		if err != nil {
			return Params{}, Errorf(http.StatusBadRequest, "MalformedQueryString", "The request body is not a well-formed form: %v", err)
		}
		if len(v) == 0 {
			return Params{b}, nil
		}
		for k, vs := range b {
			v[k] = append(v[k], vs...)
		}
	}
	return Params{v}, nil
}

// Get returns a parameter's value ("" when absent).
func (p Params) Get(name string) string { return p.v.Get(name) }

// Has reports whether the parameter is present.
func (p Params) Has(name string) bool { return p.v.Has(name) }

// Required returns a parameter's value, or AWS's validation error.
func (p Params) Required(name string) (string, error) {
	if !p.v.Has(name) {
		return "", MissingParameter("ValidationError", name)
	}
	return p.v.Get(name), nil
}

// Int returns an integer parameter: ok is false when it is absent; a value
// that is no integer answers a validation error.
func (p Params) Int(name string) (n int, ok bool, e error) {
	if !p.v.Has(name) {
		return 0, false, nil
	}
	s := p.v.Get(name)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, false, Validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must be a number", s, lowerFirst(name))
	}
	return n, true, nil
}

// List returns the members of a list parameter: NAME.member.1, .2, ...
func (p Params) List(name string) []string {
	var out []string
	for i := 1; i <= MaxListMembers; i++ {
		k := name + ".member." + strconv.Itoa(i)
		if !p.v.Has(k) {
			break
		}
		out = append(out, p.v.Get(k))
	}
	return out
}

// Structs returns the members of a list of structures: for NAME.member.N.F,
// one Params per N holding F.
func (p Params) Structs(name string) []Params {
	var out []Params
	for i := 1; i <= MaxListMembers; i++ {
		prefix := name + ".member." + strconv.Itoa(i) + "."
		sub := url.Values{}
		for k, vs := range p.v {
			if rest, ok := strings.CutPrefix(k, prefix); ok {
				sub[rest] = vs
			}
		}
		if len(sub) == 0 {
			break
		}
		out = append(out, Params{sub})
	}
	return out
}

// Values returns every parameter; for logging, which must leave out secrets.
func (p Params) Values() url.Values { return p.v }

// WriteQueryResult writes a Query protocol answer:
// <OpResponse xmlns><OpResult>...</OpResult><ResponseMetadata>.
// result is nil for operations that return nothing.
func WriteQueryResult(w http.ResponseWriter, xmlns, op, requestID string, result any) error {
	x := getXMLWriter(true)
	b := &x.buf
	b.WriteString(xml.Header[:len(xml.Header)-1])
	b.WriteString("\n<" + op + "Response xmlns=\"" + xmlns + "\">")
	if result != nil {
		if err := x.enc.EncodeElement(result, xml.StartElement{Name: xml.Name{Local: op + "Result"}}); err != nil {
			x.put(true, true)
			return err
		}
	}
	b.WriteString("\n  <ResponseMetadata>\n    <RequestId>" + requestID + "</RequestId>\n  </ResponseMetadata>\n")
	b.WriteString("</" + op + "Response>\n")
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("X-Amzn-Requestid", requestID)
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b.Bytes())
	x.put(true, false)
	return err
}

// WriteQueryError writes a Query protocol error:
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>.
func WriteQueryError(w http.ResponseWriter, xmlns, requestID string, e *Error) {
	typ := "Sender"
	if e.Server {
		typ = "Receiver"
	}
	var b strings.Builder
	b.WriteString("<ErrorResponse xmlns=\"" + xmlns + "\">\n  <Error>\n    <Type>" + typ + "</Type>\n")
	b.WriteString("    <Code>" + escape(e.Code) + "</Code>\n    <Message>" + escape(e.Message) + "</Message>\n  </Error>\n")
	b.WriteString("  <RequestId>" + requestID + "</RequestId>\n</ErrorResponse>\n")
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("X-Amzn-Requestid", requestID)
	w.WriteHeader(e.Status)
	_, _ = w.Write([]byte(b.String()))
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
