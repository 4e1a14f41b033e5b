// Package handler is the simulated AWS's one http.Handler: it verifies
// the SigV4 signature, routes the call to its service by the credential
// scope's service name (or, for unsigned calls, by X-Amz-Target, Action or
// path), records every call in the event log, and serves the log at
// GET /_iamlab/events. Transport runs the same handler in process, behind
// an SDK's http.Client.
//
// Nothing here starts goroutines, touches files or sleeps: the clock and
// randomness are the world's, so the handler also runs in the page's
// WebAssembly.
package handler

import (
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/events"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sigv4"
	"github.com/iamlab/iamlab/sim/world"
)

// EventsPath serves the event log.
const EventsPath = "/_iamlab/events"

// DefaultRegion is recorded for calls that name none (unsigned calls).
const DefaultRegion = "us-east-1"

// Handler answers the AWS wire protocols for a world.
type Handler struct {
	world    *world.World
	services []service.Service
	byName   map[string]service.Service
	verifier sigv4.Verifier
	log      events.Log
	mounts   []mount
}

// mount is a lab endpoint under /_iamlab/ that is no AWS call (the
// simulated SAML identity provider).
type mount struct {
	prefix string
	h      http.Handler
}

// Handle serves the paths under prefix (which starts with /_iamlab/) with
// h, before any AWS routing. Call it before serving.
func (h *Handler) Handle(prefix string, x http.Handler) {
	h.mounts = append(h.mounts, mount{prefix, x})
}

// New returns a handler for the world's services.
func New(w *world.World, services ...service.Service) *Handler {
	h := &Handler{world: w, services: services, byName: map[string]service.Service{}}
	for _, s := range services {
		h.byName[s.Name()] = s
	}
	return h
}

// Log is the event log.
func (h *Handler) Log() *events.Log { return &h.log }

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == EventsPath && r.Method == http.MethodGet {
		w.Header().Set("Content-Type", "application/x-ndjson")
		_, _ = h.log.WriteTo(w)
		return
	}
	for _, m := range h.mounts {
		if strings.HasPrefix(r.URL.Path, m.prefix) {
			m.h.ServeHTTP(w, r)
			return
		}
	}
	if r.Method == http.MethodGet && !sigv4.Signed(r) && h.public(w, r) {
		return
	}
	now := h.world.Now()
	c := &service.Call{W: w, R: r, World: h.world, RequestID: h.world.NewRequestID()}
	c.Env = authorize.Env{Now: now, SourceIP: sourceIP(r), Secure: r.TLS != nil,
		UserAgent: r.Header.Get("User-Agent"), Referer: r.Header.Get("Referer")}
	c.Event = &events.Event{EventVersion: "1.08", EventTime: now.UTC(), EventType: "AwsApiCall",
		RequestID: c.RequestID, EventID: h.world.NewRequestID(), SourceIPAddress: c.Env.SourceIP,
		UserAgent: c.Env.UserAgent, RequestParameters: map[string]any{}}
	defer h.log.Add(c.Event)
	h.serve(c)
	if !c.Answered() {
		c.Fail(protocol.Internal(errNoAnswer))
	}
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoAnswer = constError("the operation wrote no answer")

// serve authenticates and dispatches the call.
func (h *Handler) serve(c *service.Call) {
	r := c.R
	auth, fail := sigv4.Parse(r)
	svc := h.route(r, auth)
	if svc == nil {
		h.unknownService(c, auth)
		return
	}
	c.Service = svc
	c.Event.EventSource = eventSource(svc.Name())
	c.Env.Region = DefaultRegion
	if auth != nil {
		c.Env.Region = auth.Region
	}
	c.Event.AWSRegion = c.Env.Region
	if fail != nil {
		c.Fail(fail.Answer(svc.Style()))
		return
	}
	body, err := readBody(r, svc.MaxBody())
	if err != nil {
		c.Fail(protocol.Errorf(http.StatusBadRequest, "IncompleteBody", "The request body could not be read: %v", err))
		return
	}
	if int64(len(body)) > svc.MaxBody() {
		c.Fail(protocol.TooLarge(svc.MaxBody()))
		return
	}
	c.Body = body
	if auth == nil && !svc.Claims(r, body) {
		c.Fail(missingAuth(svc))
		return
	}
	op, perr := svc.Operation(r, body)
	if perr != nil {
		c.Fail(perr)
		return
	}
	c.Op, c.Event.EventName = op, op
	if auth == nil {
		if !svc.Unsigned(op) {
			c.Fail(missingAuth(svc))
			return
		}
		svc.Serve(c)
		return
	}
	if f := h.authenticate(c, auth); f != nil {
		c.Fail(f.Answer(svc.Style()))
		return
	}
	svc.Serve(c)
}

// readBody reads the request's body, up to one byte past limit: in one
// allocation of its length when the request tells it.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if n := r.ContentLength; n >= 0 && n <= limit {
		b := make([]byte, n, n+1)
		if _, err := io.ReadFull(r.Body, b); err != nil {
			return nil, err
		}
		// More than announced (only a handler called directly can be
		// given such a body): read on, to the limit.
		var one [1]byte
		switch _, err := io.ReadFull(r.Body, one[:]); err {
		case io.EOF:
			return b, nil
		case nil:
		default:
			return nil, err
		}
		more, err := io.ReadAll(io.LimitReader(r.Body, limit-n))
		return append(append(b, one[0]), more...), err
	}
	return io.ReadAll(io.LimitReader(r.Body, limit+1))
}

// route finds the service: by the signing name of a signed call, else the
// first that claims the request (by X-Amz-Target or Action), else S3,
// whose path-style requests may be anonymous.
func (h *Handler) route(r *http.Request, auth *sigv4.Auth) service.Service {
	if auth != nil {
		return h.byName[auth.Service]
	}
	if r.Header.Get("Authorization") != "" {
		// A signature that does not parse: answer in the style of the
		// service its request looks like.
		if _, _, ok := protocol.Target(r.Header); ok {
			for _, s := range h.services {
				if s.Style() == sigv4.JSONStyle && s.Claims(r, nil) {
					return s
				}
			}
		}
	}
	if s := h.claim(r); s != nil {
		return s
	}
	if s := h.byName["s3"]; s != nil && r.Header.Get("X-Amz-Target") == "" && !isForm(r) {
		return s
	}
	// A Query request: the first Query service answers (it has the
	// protocol's words for what is wrong).
	for _, s := range h.services {
		if s.Style() == sigv4.QueryStyle {
			return s
		}
	}
	return nil
}

// claim asks the services whose claim needs no body (JSON targets) and,
// for a form in the URL, the Query services.
func (h *Handler) claim(r *http.Request) service.Service {
	for _, s := range h.services {
		if s.Style() == sigv4.JSONStyle && s.Claims(r, nil) {
			return s
		}
	}
	return nil
}

func isForm(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") ||
		r.URL.Query().Has("Action")
}

// authenticate looks the key up, verifies the signature and finds the
// principal.
func (h *Handler) authenticate(c *service.Call, auth *sigv4.Auth) *sigv4.Failure {
	var key sigv4.Key
	var known bool
	var p *world.Principal
	_ = h.world.View(func(tx *world.Tx) error {
		cred, ok := world.LookupKey(tx, auth.AccessKeyID)
		if !ok || !cred.Active {
			return nil
		}
		key, known = sigv4.Key{Secret: cred.Secret, Token: cred.Token, Expires: cred.Expires}, true
		p, _ = world.PrincipalOf(tx, auth.AccessKeyID)
		return nil
	})
	if !known || p == nil {
		return &sigv4.Failure{Kind: sigv4.UnknownKey, Detail: "unknown access key " + auth.AccessKeyID}
	}
	hash, f := sigv4.PayloadHash(c.R, auth, c.Body)
	if f != nil {
		return f
	}
	if f := h.verifier.Verify(c.R, auth, key, hash, c.Env.Now); f != nil {
		return f
	}
	if sigv4.Streaming(hash) {
		ch, f := sigv4.DecodeChunked(c.R, c.Body, auth, key, hash)
		if f != nil {
			return f
		}
		c.Body, c.Trailers = ch.Data, ch.Trailers
	}
	c.Auth, c.Env.Principal = auth, p
	c.Event.UserIdentity = identity(p)
	c.Event.RecipientAccountID = p.Account
	return nil
}

// identity is CloudTrail's userIdentity for a principal.
func identity(p *world.Principal) *events.UserIdentity {
	id := &events.UserIdentity{ARN: p.ARN, AccountID: p.Account, AccessKeyID: p.AccessKeyID, PrincipalID: p.UserID}
	switch {
	case p.Session != nil && p.Session.Kind == world.SessionAssumedRole:
		id.Type = "AssumedRole"
	case p.Session != nil && p.Session.Kind == world.SessionFederated:
		id.Type = "FederatedUser"
	case p.Root:
		id.Type = "Root"
	default:
		id.Type = "IAMUser"
		if p.User != nil {
			id.UserName = p.User.Name
		}
	}
	return id
}

func missingAuth(svc service.Service) *protocol.Error {
	if svc.Style() == sigv4.JSONStyle {
		return protocol.Errorf(http.StatusBadRequest, "MissingAuthenticationTokenException", "Missing Authentication Token")
	}
	return protocol.Errorf(http.StatusForbidden, "MissingAuthenticationToken", "Request is missing Authentication Token")
}

func (h *Handler) unknownService(c *service.Call, auth *sigv4.Auth) {
	name := "(none)"
	if auth != nil {
		name = auth.Service
	}
	c.Event.EventSource = eventSource(name)
	c.Event.ErrorCode = "UnknownService"
	c.Event.ErrorMessage = "The simulated AWS has no service " + name
	c.MarkAnswered()
	protocol.WriteQueryError(c.W, "", c.RequestID, protocol.Errorf(http.StatusBadRequest, "UnknownService", "%s", c.Event.ErrorMessage))
}

// public lets services answer public GETs (Cognito's JWKS); the JWKS path
// is answered 404 while no service serves it.
func (h *Handler) public(w http.ResponseWriter, r *http.Request) bool {
	for _, s := range h.services {
		if p, ok := s.(service.Public); ok && p.ServePublic(h.world, w, r) {
			return true
		}
	}
	if strings.HasSuffix(r.URL.Path, "/.well-known/jwks.json") && strings.Count(r.URL.Path, "/") == 3 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"message":"User pool does not exist."}`)
		return true
	}
	return false
}

func eventSource(name string) string { return name + ".amazonaws.com" }

func sourceIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
