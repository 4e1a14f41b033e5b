// Package service is what a simulated AWS service implements, and the
// call in flight that the handler gives it: who signed it, the world, the
// engine's authorization, the event record, and the answer in the
// service's protocol. Query and JSON services are declared as operation
// tables (Query, JSON); a REST service implements Service itself. GUIDE.md
// tells how to add a service.
package service

import (
	"errors"
	"net/http"

	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/events"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/sigv4"
	"github.com/iamlab/iamlab/sim/world"
)

// Service is one simulated AWS service.
type Service interface {
	// Name is the service's SigV4 signing name ("sts", "iam", "s3",
	// "kms", "cognito-idp"...): the handler routes signed calls by it.
	Name() string
	// Style is how the service words signature failures.
	Style() sigv4.Style
	// MaxBody bounds a request body.
	MaxBody() int64
	// Operation names the call's operation; it fails with the service's
	// error for an unknown one (InvalidAction, UnknownOperationException).
	Operation(r *http.Request, body []byte) (string, *protocol.Error)
	// Unsigned reports whether AWS answers the operation without a
	// signature (Cognito InitiateAuth, STS AssumeRoleWithWebIdentity,
	// anonymous S3 requests).
	Unsigned(op string) bool
	// Claims reports whether an unsigned request is for this service (by
	// X-Amz-Target, Action or path).
	Claims(r *http.Request, body []byte) bool
	// Serve runs the operation and answers it, with c.Reply or c.Fail.
	Serve(c *Call)
	// WriteError writes an error answer in the service's protocol.
	WriteError(c *Call, e *protocol.Error)
}

// Public is implemented by services that answer public GET requests that
// carry no signature and name no operation, such as Cognito's
// /{userPoolId}/.well-known/jwks.json. They read (and may update) the
// world they serve; they report whether they answered.
type Public interface {
	ServePublic(wd *world.World, w http.ResponseWriter, r *http.Request) bool
}

// Call is one API call in flight.
type Call struct {
	W    http.ResponseWriter
	R    *http.Request
	Body []byte
	// Trailers are an aws-chunked body's trailing headers.
	Trailers http.Header
	World    *world.World
	Service  Service
	Op       string
	// Env says who calls (Env.Principal is nil for an unsigned call),
	// from where, in which region, and when.
	Env       authorize.Env
	Auth      *sigv4.Auth // nil for an unsigned call
	RequestID string
	Event     *events.Event

	answered bool
}

// Authorize asks the engine whether the call may do req, in the view tx
// of the world, and records the decision in the event. A denial is
// returned as the error to answer.
func (c *Call) Authorize(tx *world.Tx, req *authorize.Request) (*authorize.Decision, error) {
	d, err := authorize.Decide(c.World, tx, &c.Env, req)
	if err != nil {
		return nil, protocol.Internal(err)
	}
	c.Event.Decisions = append(c.Event.Decisions, d)
	if !d.Allowed() {
		return d, c.Denied(d)
	}
	return d, nil
}

// Denied is the service's access denied error for a decision.
func (c *Call) Denied(d *authorize.Decision) *protocol.Error {
	switch c.Service.Style() {
	case sigv4.JSONStyle:
		return &protocol.Error{Status: http.StatusBadRequest, Code: "AccessDeniedException", Message: d.Message}
	}
	return &protocol.Error{Status: http.StatusForbidden, Code: "AccessDenied", Message: d.Message}
}

// Fail answers with an error: a *protocol.Error as it is, a
// world.MalformedPolicyError as the malformed policy error of the
// service's protocol, anything else as an internal failure.
func (c *Call) Fail(err error) {
	if c.answered {
		return
	}
	c.answered = true
	var pe *protocol.Error
	if !errors.As(err, &pe) || pe == nil {
		pe = protocol.Internal(errors.New("the operation failed without an error"))
		if err != nil && !errors.As(err, new(*protocol.Error)) {
			pe = protocol.Internal(err)
		}
	}
	c.Event.ErrorCode, c.Event.ErrorMessage = pe.Code, pe.Message
	c.Service.WriteError(c, pe)
}

// Answered reports whether the call has been answered.
func (c *Call) Answered() bool { return c.answered }

// MarkAnswered notes that a REST service wrote its answer itself.
func (c *Call) MarkAnswered() { c.answered = true }

// Account is the caller's account ("" for an anonymous call).
func (c *Call) Account() string {
	if c.Env.Principal == nil {
		return ""
	}
	return c.Env.Principal.Account
}
