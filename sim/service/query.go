package service

import (
	"net/http"

	"github.com/iamlab/iamlab/sim/events"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/sigv4"
)

// QueryOp runs one operation of a Query service. It returns the result
// element's content (a struct with xml tags; nil for operations that
// return nothing) or an error to answer.
type QueryOp func(c *Call, p protocol.Params) (any, error)

// Query is a service of the Query protocol (IAM, STS): form parameters
// in, XML out.
type Query struct {
	SigningName string
	// XMLNS is the response namespace, e.g.
	// "https://sts.amazonaws.com/doc/2011-06-15/".
	XMLNS string
	// Version is the API version clients send ("2011-06-15").
	Version string
	Ops     map[string]QueryOp
	// UnsignedOps are answered without a signature.
	UnsignedOps map[string]bool
}

// Name implements Service.
func (q *Query) Name() string { return q.SigningName }

// Style implements Service.
func (q *Query) Style() sigv4.Style { return sigv4.QueryStyle }

// MaxBody implements Service.
func (q *Query) MaxBody() int64 { return protocol.MaxQueryBody }

// Operation implements Service: the Action parameter.
func (q *Query) Operation(r *http.Request, body []byte) (string, *protocol.Error) {
	p, err := protocol.ParseQuery(body, r.URL.RawQuery)
	if err != nil {
		return "", err.(*protocol.Error)
	}
	op := p.Get("Action")
	if op == "" {
		return "", protocol.Errorf(http.StatusBadRequest, "MissingAction", "Missing Action")
	}
	if _, ok := q.Ops[op]; !ok {
		return "", protocol.Errorf(http.StatusBadRequest, "InvalidAction", "Could not find operation %s for version %s", op, orDefault(p.Get("Version"), q.Version))
	}
	return op, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// Unsigned implements Service.
func (q *Query) Unsigned(op string) bool { return q.UnsignedOps[op] }

// Claims implements Service: an unsigned Query request whose Action is
// one of the service's unsigned operations.
func (q *Query) Claims(r *http.Request, body []byte) bool {
	if r.Header.Get("X-Amz-Target") != "" {
		return false
	}
	p, err := protocol.ParseQuery(body, r.URL.RawQuery)
	return err == nil && q.UnsignedOps[p.Get("Action")]
}

// Serve implements Service.
func (q *Query) Serve(c *Call) {
	p, perr := protocol.ParseQuery(c.Body, c.R.URL.RawQuery)
	if perr != nil {
		c.Fail(perr)
		return
	}
	c.Event.RequestParameters = queryParameters(p)
	res, err := q.Ops[c.Op](c, p)
	if err != nil {
		c.Fail(err)
		return
	}
	if c.answered {
		return
	}
	c.answered = true
	if err := protocol.WriteQueryResult(c.W, q.XMLNS, c.Op, c.RequestID, res); err != nil {
		c.Event.ErrorCode, c.Event.ErrorMessage = "InternalFailure", err.Error()
	}
}

// WriteError implements Service.
func (q *Query) WriteError(c *Call, e *protocol.Error) {
	protocol.WriteQueryError(c.W, q.XMLNS, c.RequestID, e)
}

// queryParameters are the call's parameters for the event, without
// Action, Version and secrets; names start lower case, as CloudTrail
// writes them.
func queryParameters(p protocol.Params) map[string]any {
	out := map[string]any{}
	for k, vs := range p.Values() {
		if k == "Action" || k == "Version" || events.Secret(k) || len(vs) == 0 {
			continue
		}
		out[lowerFirst(k)] = vs[0]
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
