package scenario

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/policy"
)

// Error is a scenario that cannot be evaluated, with the position of the
// fault in the scenario file.
type Error struct {
	// Off is the byte offset in the scenario file.
	Off int
	jsonpos.Position
	// Code is a stable identifier of the kind of fault.
	Code string
	Msg  string
	// Path names the field, such as identityPolicies[0].document.
	Path string
	// Policy is set when the fault is inside a policy given as a string:
	// the error with its position in that policy's own text.
	Policy *policy.Error
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

func (r *reader) errAt(off int32, code string, at path, msg string) *Error {
	p := at.String()
	if p != "" {
		msg = p + ": " + msg
	}
	return &Error{Off: int(off), Position: jsonpos.PositionOf(r.d.Src(), int(off)), Code: code, Msg: msg, Path: p}
}
