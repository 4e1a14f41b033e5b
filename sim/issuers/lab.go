package issuers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sigv4"
	"github.com/iamlab/iamlab/sim/world"
)

// The lab's simulated OpenID Connect identity providers. A closed world
// cannot reach Google or GitHub, so the lab plays the external IdP: it
// mints ID tokens for any https issuer URL not owned by Cognito, with
// keys it keeps for that issuer, and STS verifies them once the issuer
// is registered as an IAM OIDC provider, as AWS would after fetching the
// IdP's keys. Learners and tests mint over HTTP:
//
//	GET /_iamlab/oidc/token?sub=alice&aud=my-app[&iss=https://...][&ttl=3600][&claim.NAME=VALUE]
//	GET /_iamlab/oidc/.well-known/openid-configuration[?iss=...]
//	GET /_iamlab/oidc/jwks.json[?iss=...]
//
// and the discovery document and keys are also served to requests for
// the issuer's own host (https://oidc.iamlab.test/.well-known/...)
// through the in-process transport.
const (
	// LabIssuer is the issuer the lab mints for when none is named.
	LabIssuer = "https://oidc.iamlab.test"
	// LabPath prefixes the lab IdP's endpoints.
	LabPath = "/_iamlab/oidc/"
	// MaxLabTTL bounds a minted token's lifetime (seconds).
	MaxLabTTL = 86400
	// DefaultLabTTL is a minted token's lifetime when none is asked.
	DefaultLabTTL = 3600
	// MaxIssuerURL bounds an issuer URL ("the URL can contain up to 255
	// characters", IAM CreateOpenIDConnectProvider).
	MaxIssuerURL = 255
)

// CheckLabIssuer refuses issuers the lab may not mint for: not https, or
// owned by Cognito, whose tokens come only from the simulated Cognito.
func CheckLabIssuer(iss string) error {
	u, err := url.Parse(iss)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || len(iss) > MaxIssuerURL {
		return fmt.Errorf("the issuer must be an https URL of at most %d characters, such as %s", MaxIssuerURL, LabIssuer)
	}
	if iss == CognitoIdentity || strings.HasPrefix(u.Host, "cognito-idp.") {
		return fmt.Errorf("%s is Cognito's: sign in to the simulated Cognito for its tokens", iss)
	}
	return nil
}

// Mint makes an ID token of a lab issuer: iss, sub, aud, iat, exp and
// the extra claims. It must not be called inside World.Update.
func Mint(w *world.World, iss string, claims map[string]any, ttl time.Duration) (string, error) {
	if err := CheckLabIssuer(iss); err != nil {
		return "", err
	}
	is, err := Ensure(w, iss, 1, true)
	if err != nil {
		return "", err
	}
	now := w.Now().UTC()
	all := map[string]any{}
	for k, v := range claims {
		all[k] = v
	}
	all["iss"], all["iat"], all["exp"] = iss, now.Unix(), now.Add(ttl).Unix()
	if _, ok := all["auth_time"]; !ok {
		all["auth_time"] = now.Unix()
	}
	return is.Sign(0, all)
}

// Lab is the lab IdP's endpoints: a service only in that it answers
// public GETs (service.Public); it claims no API call.
type Lab struct{}

// Name implements service.Service.
func (Lab) Name() string { return "iamlab-oidc" }

// Style implements service.Service.
func (Lab) Style() sigv4.Style { return sigv4.JSONStyle }

// MaxBody implements service.Service.
func (Lab) MaxBody() int64 { return 0 }

// Operation implements service.Service: the lab IdP has no API.
func (Lab) Operation(*http.Request, []byte) (string, *protocol.Error) {
	return "", protocol.Errorf(http.StatusBadRequest, "UnknownOperationException", "")
}

// Unsigned implements service.Service.
func (Lab) Unsigned(string) bool { return false }

// Claims implements service.Service.
func (Lab) Claims(*http.Request, []byte) bool { return false }

// Serve implements service.Service.
func (Lab) Serve(c *service.Call) {
	c.Fail(protocol.Errorf(http.StatusBadRequest, "UnknownOperationException", ""))
}

// WriteError implements service.Service.
func (Lab) WriteError(c *service.Call, e *protocol.Error) {
	protocol.WriteJSONError(c.W, "1.1", c.RequestID, e)
}

// ServePublic implements service.Public.
func (Lab) ServePublic(wd *world.World, w http.ResponseWriter, r *http.Request) bool {
	q := r.URL.Query()
	iss := q.Get("iss")
	if iss == "" {
		iss = LabIssuer
	}
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, LabPath); ok {
		path = "/" + rest
	} else if strings.HasSuffix(LabIssuer, "//"+r.Host) {
		iss = LabIssuer // the issuer's own host, through the in-process transport
	} else {
		return false
	}
	switch path {
	case "/token":
		mint(wd, w, iss, q)
	case "/.well-known/openid-configuration":
		writeJSON(w, http.StatusOK, map[string]any{"issuer": iss, "jwks_uri": iss + "/.well-known/jwks.json",
			"id_token_signing_alg_values_supported": []string{"RS256"}, "response_types_supported": []string{"id_token"},
			"subject_types_supported": []string{"public"}})
	case "/jwks.json", "/.well-known/jwks.json":
		if err := CheckLabIssuer(iss); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return true
		}
		is, err := Ensure(wd, iss, 1, true)
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return true
		}
		writeJSON(w, http.StatusOK, is.JWKS())
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "the lab IdP serves token, .well-known/openid-configuration and jwks.json"})
	}
	return true
}

// mint answers GET /_iamlab/oidc/token with the token as plain text, so
// that $(curl -s .../token?sub=alice&aud=app) is the token.
func mint(wd *world.World, w http.ResponseWriter, iss string, q url.Values) {
	claims := map[string]any{}
	if q.Get("sub") == "" || q.Get("aud") == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "sub and aud are required"})
		return
	}
	for k, vs := range q {
		switch {
		case k == "sub" || k == "aud" || k == "azp" || k == "email":
			claims[k] = vs[0]
		case strings.HasPrefix(k, "claim."):
			claims[strings.TrimPrefix(k, "claim.")] = vs[0]
		}
	}
	ttl := DefaultLabTTL
	if s := q.Get("ttl"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLabTTL {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("ttl is seconds from 1 to %d", MaxLabTTL)})
			return
		}
		ttl = n
	}
	tok, err := Mint(wd, iss, claims, time.Duration(ttl)*time.Second)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(tok + "\n"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
