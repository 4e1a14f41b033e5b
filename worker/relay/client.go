package relay

import (
	"errors"
	"net/http"
	"net/url"
)

// Transport is the client side of the relay: the one place where a
// request already signed for its AWS host is sent to the relay instead.
// An AWS SDK client whose HTTP client uses it signs for the real endpoint
// (https://sts.us-east-1.amazonaws.com/) as usual; RoundTrip then moves
// the request to Relay/relay/HOST/PATH?QUERY with every header unchanged,
// and the relay puts HOST back, so the signature still holds. Rewriting
// before signing would sign the relay's host and path instead.
type Transport struct {
	Relay *url.URL          // the Worker's origin
	Base  http.RoundTripper // nil: http.DefaultTransport
}

// RoundTrip sends the signed request req through the relay.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.Relay == nil {
		return nil, errors.New("relay: Transport.Relay is not set")
	}
	u, err := RelayURL(t.Relay, req.URL)
	if err != nil {
		if req.Body != nil {
			req.Body.Close() // RoundTrip must close the body, also on errors
		}
		return nil, err
	}
	out := req.Clone(req.Context())
	out.URL, out.Host = u, ""
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(out)
}
