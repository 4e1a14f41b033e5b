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

// errAt makes the error at an offset of the file; the field's name in the
// message is worked out from the offset, only now that there is an error.
func (r *reader) errAt(off int32, code string, msg string) *Error {
	return r.errIn(off, off, code, msg)
}

// errIn is errAt naming the field that holds the offset at, for faults
// inside a policy, which are named by the policy's document; at < 0 names
// no field (a syntax error is about the text, not a field).
func (r *reader) errIn(off, at int32, code string, msg string) *Error {
	src := r.d.Src()
	p := ""
	if at >= 0 {
		p = jsonpos.PathAt(src, int(at))
	}
	if p != "" {
		msg = p + ": " + msg
	}
	return &Error{Off: int(off), Position: jsonpos.PositionOf(src, int(off)), Code: code, Msg: msg, Path: p}
}
