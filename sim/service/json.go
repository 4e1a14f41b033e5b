package service

import (
	"encoding/json"
	"net/http"

	"github.com/iamlab/iamlab/sim/events"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/sigv4"
)

// JSONOp runs one operation of a JSON service: decode the body with
// protocol.DecodeJSON, return the output value (marshalled as JSON) or an
// error to answer.
type JSONOp func(c *Call) (any, error)

// JSON is a service of the JSON 1.0/1.1 protocol (Cognito, KMS, ACM):
// POST / with X-Amz-Target: PREFIX.Operation.
type JSON struct {
	SigningName string
	// TargetPrefix is X-Amz-Target's prefix ("TrentService" for KMS).
	TargetPrefix string
	// Version is "1.0" or "1.1".
	Version     string
	Ops         map[string]JSONOp
	UnsignedOps map[string]bool
}

// Name implements Service.
func (j *JSON) Name() string { return j.SigningName }

// Style implements Service.
func (j *JSON) Style() sigv4.Style { return sigv4.JSONStyle }

// MaxBody implements Service.
func (j *JSON) MaxBody() int64 { return protocol.MaxJSONBody }

// Operation implements Service.
func (j *JSON) Operation(r *http.Request, body []byte) (string, *protocol.Error) {
	prefix, op, ok := protocol.Target(r.Header)
	if !ok || prefix != j.TargetPrefix {
		return "", protocol.Errorf(http.StatusBadRequest, "UnknownOperationException", "")
	}
	if _, ok := j.Ops[op]; !ok {
		return "", protocol.Errorf(http.StatusBadRequest, "UnknownOperationException", "")
	}
	return op, nil
}

// Unsigned implements Service.
func (j *JSON) Unsigned(op string) bool { return j.UnsignedOps[op] }

// Claims implements Service: an unsigned request whose X-Amz-Target has
// the service's prefix.
func (j *JSON) Claims(r *http.Request, _ []byte) bool {
	prefix, _, ok := protocol.Target(r.Header)
	return ok && prefix == j.TargetPrefix
}

// Serve implements Service.
func (j *JSON) Serve(c *Call) {
	c.Event.RequestParameters = jsonParameters(c.Body)
	res, err := j.Ops[c.Op](c)
	if err != nil {
		c.Fail(err)
		return
	}
	if c.answered {
		return
	}
	c.answered = true
	if res == nil {
		res = struct{}{}
	}
	if err := protocol.WriteJSON(c.W, j.Version, c.RequestID, res); err != nil {
		c.Event.ErrorCode, c.Event.ErrorMessage = "InternalFailure", err.Error()
	}
}

// WriteError implements Service.
func (j *JSON) WriteError(c *Call, e *protocol.Error) {
	protocol.WriteJSONError(c.W, j.Version, c.RequestID, e)
}

// jsonParameters are the body's top-level members without secrets.
func jsonParameters(body []byte) map[string]any {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return map[string]any{}
	}
	for k := range m {
		if events.Secret(k) {
			delete(m, k)
		}
	}
	return m
}
