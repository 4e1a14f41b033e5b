package s3

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Error is an S3 error answer: the code, message and status, and the
// elements S3 adds to some errors' documents (<BucketName>, <Key>,
// <Region>, <ActualObjectSize>...), in order.
type Error struct {
	Status        int
	Code, Message string
	Fields        []Field
}

// Field is one extra element of an error document.
type Field struct{ Name, Value string }

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// protocol is the error as the handler takes it, without the fields.
func (e *Error) protocol() *protocol.Error {
	return &protocol.Error{Status: e.Status, Code: e.Code, Message: e.Message, Server: e.Status >= 500}
}

func errorf(status int, code, msg string, fields ...Field) *Error {
	return &Error{Status: status, Code: code, Message: msg, Fields: fields}
}

// fromProtocol is a handler's error as S3's.
func fromProtocol(e *protocol.Error) *Error {
	return &Error{Status: e.Status, Code: e.Code, Message: e.Message}
}

// The errors S3 answers, with AWS's messages (S3 API Reference, "Error
// responses", list of error codes).
func noSuchBucket(name string) *Error {
	return errorf(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist", Field{"BucketName", name})
}

func noSuchKey(key string) *Error {
	return errorf(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.", Field{"Key", key})
}

func accessDenied() *Error {
	return errorf(http.StatusForbidden, "AccessDenied", "Access Denied")
}

func invalidArgument(msg, name, value string) *Error {
	return errorf(http.StatusBadRequest, "InvalidArgument", msg, Field{"ArgumentName", name}, Field{"ArgumentValue", value})
}

func invalidRequest(msg string) *Error {
	return errorf(http.StatusBadRequest, "InvalidRequest", msg)
}

func malformedXML() *Error {
	return errorf(http.StatusBadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
}

func notImplemented(what string) *Error {
	return errorf(http.StatusNotImplemented, "NotImplemented", "A header you provided implies functionality that is not implemented",
		Field{"Header", what})
}

func methodNotAllowed(method, resourceType string) *Error {
	return errorf(http.StatusMethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.",
		Field{"Method", method}, Field{"ResourceType", resourceType})
}

func entityTooLarge(proposed int64) *Error {
	return errorf(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size",
		Field{"ProposedSize", strconv.FormatInt(proposed, 10)}, Field{"MaxSizeAllowed", strconv.Itoa(MaxObjectSize)})
}

func preconditionFailed(condition string) *Error {
	return errorf(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
		Field{"Condition", condition})
}

// fail answers an operation's error: an *Error with its fields, a policy
// that S3 refuses as MalformedPolicy, anything else as the handler does.
func fail(c *service.Call, err error) {
	if c.Answered() {
		return
	}
	var se *Error
	var mp *world.MalformedPolicyError
	switch {
	case errors.As(err, &se):
	case errors.As(err, &mp):
		se = errorf(http.StatusBadRequest, mp.Code, mp.Msg)
	default:
		var pe *protocol.Error
		if !errors.As(err, &pe) {
			c.Fail(err)
			return
		}
		se = fromProtocol(pe)
	}
	c.MarkAnswered()
	c.Event.ErrorCode, c.Event.ErrorMessage = se.Code, se.Message
	writeError(c, se)
}

// foreign maps the errors the handler answers in other words to S3's: a
// body over the limit, a fault of the simulator.
func foreign(e *protocol.Error) *Error {
	switch e.Code {
	case "RequestEntityTooLarge":
		return errorf(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size",
			Field{"MaxSizeAllowed", strconv.Itoa(MaxObjectSize)})
	case "InternalFailure":
		return errorf(http.StatusInternalServerError, "InternalError", "We encountered an internal error. Please try again.")
	}
	return fromProtocol(e)
}

// writeError writes S3's error document: <Error><Code/><Message/>, the
// error's own elements, <RequestId/><HostId/>, without a namespace. A
// HEAD request gets the status alone, as S3 answers.
func writeError(c *service.Call, e *Error) {
	h := c.W.Header()
	h.Set("Content-Type", "application/xml")
	setIDs(c)
	c.W.WriteHeader(e.Status)
	if c.R.Method == http.MethodHead {
		return
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString("<Error>")
	element(&b, "Code", e.Code)
	element(&b, "Message", e.Message)
	for _, f := range e.Fields {
		element(&b, f.Name, f.Value)
	}
	element(&b, "RequestId", c.RequestID)
	element(&b, "HostId", hostID(c.RequestID))
	b.WriteString("</Error>")
	_, _ = c.W.Write([]byte(b.String()))
}

func element(b *strings.Builder, name, value string) {
	b.WriteString("<" + name + ">")
	escapeText(b, value)
	b.WriteString("</" + name + ">")
}

// escapeText writes text as XML character data: &, < and > escaped,
// quotes as they are (S3's messages quote resources), and what XML 1.0
// cannot hold (control characters, invalid UTF-8) as U+FFFD.
func escapeText(b *strings.Builder, s string) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
}

// setIDs sets the request's IDs that S3 answers every call with.
func setIDs(c *service.Call) {
	h := c.W.Header()
	h.Set("X-Amz-Request-Id", c.RequestID)
	h.Set("X-Amz-Id-2", hostID(c.RequestID))
}

// hostID is the request's x-amz-id-2: S3's is an opaque token; this one
// is derived from the request ID, so that it costs no randomness.
func hostID(requestID string) string {
	sum := sha256.Sum256([]byte(requestID))
	return base64.StdEncoding.EncodeToString(sum[:])
}
