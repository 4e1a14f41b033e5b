package policy

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/jsonpos"
)

// Error is a policy that AWS would reject, with the position of the fault.
type Error struct {
	// Off is the byte offset of the fault in the policy's Src.
	Off int
	jsonpos.Position
	// Code is a stable identifier of the kind of fault, such as "json.syntax"
	// or "statement.effect".
	Code string
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

func newError(src string, off int32, code, msg string) *Error {
	return &Error{Off: int(off), Position: jsonpos.PositionOf(src, int(off)), Code: code, Msg: msg}
}
