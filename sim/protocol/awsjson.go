package protocol

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// Target splits the X-Amz-Target header of a JSON protocol request,
// "TrentService.Encrypt", into its prefix and operation.
func Target(h http.Header) (prefix, op string, ok bool) {
	t := h.Get("X-Amz-Target")
	i := strings.LastIndexByte(t, '.')
	if i <= 0 || i == len(t)-1 {
		return "", "", false
	}
	return t[:i], t[i+1:], true
}

// DecodeJSON reads a JSON protocol request body into v. An empty body is
// an empty object. Malformed JSON, a value of the wrong type or nesting
// past MaxJSONDepth answers SerializationException, as AWS's JSON services
// do.
func DecodeJSON(body []byte, v any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		body = []byte("{}")
	}
	if depth(body) > MaxJSONDepth {
		return Errorf(http.StatusBadRequest, "SerializationException", "The request is nested deeper than %d levels", MaxJSONDepth)
	}
	d := json.NewDecoder(bytes.NewReader(body))
	if err := d.Decode(v); err != nil {
		return Errorf(http.StatusBadRequest, "SerializationException", "%s", jsonMessage(err))
	}
	if _, err := d.Token(); err != io.EOF {
		return Errorf(http.StatusBadRequest, "SerializationException", "Unexpected content after the JSON value")
	}
	return nil
}

func jsonMessage(err error) string {
	switch e := err.(type) {
	case *json.UnmarshalTypeError:
		return "Unexpected value type for field " + e.Field
	case *json.SyntaxError:
		return "Malformed JSON at offset " + itoa(e.Offset) + ": " + e.Error()
	}
	return "Malformed JSON: " + err.Error()
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// depth returns the deepest nesting of objects and arrays in JSON text,
// skipping strings; it reads any bytes.
func depth(b []byte) int {
	d, max, inStr := 0, 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{' || c == '[':
			d++
			if d > max {
				max = d
			}
		case c == '}' || c == ']':
			d--
		}
	}
	return max
}

// WriteJSON writes a JSON protocol answer; version is "1.0" or "1.1".
func WriteJSON(w http.ResponseWriter, version, requestID string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/x-amz-json-"+version)
	h.Set("X-Amzn-Requestid", requestID)
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(b)
	return err
}

// WriteJSONError writes a JSON protocol error: {"__type": CODE,
// "message": ...} with the code in X-Amzn-ErrorType, as AWS answers.
func WriteJSONError(w http.ResponseWriter, version, requestID string, e *Error) {
	b, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{e.Code, e.Message})
	h := w.Header()
	h.Set("Content-Type", "application/x-amz-json-"+version)
	h.Set("X-Amzn-Requestid", requestID)
	h.Set("X-Amzn-Errortype", e.Code)
	w.WriteHeader(e.Status)
	_, _ = w.Write(b)
}
