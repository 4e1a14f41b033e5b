// Package protocol reads and writes the wire protocols of the AWS services
// the lab simulates: Query (IAM, STS: form in, XML out), JSON 1.0/1.1
// (Cognito, KMS, ACM: X-Amz-Target, __type errors) and REST-XML (S3,
// Route 53). Decoders refuse bodies past named limits and malformed input
// with the error AWS gives, never a panic.
package protocol

import (
	"fmt"
	"net/http"
)

// Error is an AWS error answer: its code, message and HTTP status.
type Error struct {
	Status  int
	Code    string
	Message string
	// Server marks a fault of the service (Type Receiver), not of the caller.
	Server bool
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf makes a caller's error (status 400 unless given).
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// The errors every protocol answers.

// Validation is "ValidationError" (Query) with AWS's message.
func Validation(format string, args ...any) *Error {
	return Errorf(http.StatusBadRequest, "ValidationError", format, args...)
}

// MissingParameter is AWS's validation message for a required member.
func MissingParameter(code, member string) *Error {
	return Errorf(http.StatusBadRequest, code, "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", lowerFirst(member))
}

// Internal is a fault of the simulator itself.
func Internal(err error) *Error {
	return &Error{Status: http.StatusInternalServerError, Code: "InternalFailure", Message: err.Error(), Server: true}
}

// TooLarge answers a body over a named limit.
func TooLarge(limit int64) *Error {
	return Errorf(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "Request body is larger than the limit of %d bytes", limit)
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
