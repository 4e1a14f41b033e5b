package samlidp

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// Handler answers the simulated IdPs' endpoints under Path:
//
//	GET  /_iamlab/saml/                   the IdPs, their users and endpoints (JSON)
//	GET  /_iamlab/saml/IDP/metadata       the IdP's metadata document
//	GET  /_iamlab/saml/IDP/sso?user=NAME  a signed SAML response for the user, base64
//	                                      (POST with a form works too)
//
// sso takes role (keep that role's pairs), audience, recipient, lifetime
// (seconds; negative for an expired assertion), sign (assertion, response,
// both, none) and format=xml (the document itself, to read). A lab IdP
// asks for no password: it stands for a company's directory after login.
func Handler(w *world.World) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		serve(w, rw, r)
	})
}

func serve(w *world.World, rw http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, Path)
	name, what, _ := strings.Cut(rest, "/")
	if r.Method != http.MethodGet && !(r.Method == http.MethodPost && what == "sso") {
		fail(rw, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed here")
		return
	}
	if rest == "" {
		list(w, rw, base(r))
		return
	}
	var p *IdP
	_ = w.View(func(tx *world.Tx) error {
		p, _ = Get(tx, name)
		return nil
	})
	if p == nil {
		fail(rw, http.StatusNotFound, "there is no simulated identity provider "+strconv.Quote(name))
		return
	}
	switch what {
	case "metadata":
		rw.Header().Set("Content-Type", "application/samlmetadata+xml")
		_, _ = rw.Write(p.Metadata(base(r)))
	case "sso":
		sso(w, p, rw, r)
	default:
		fail(rw, http.StatusNotFound, "the endpoints are "+Path+name+"/metadata and "+Path+name+"/sso")
	}
}

// MaxForm bounds an sso request's form body.
const MaxForm = 16 << 10

func sso(w *world.World, p *IdP, rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, MaxForm)
	if err := r.ParseForm(); err != nil {
		fail(rw, http.StatusBadRequest, err.Error())
		return
	}
	o, err := options(r)
	if err != nil {
		fail(rw, http.StatusBadRequest, err.Error())
		return
	}
	doc, err := p.Response(w, w.Now(), o)
	if err != nil {
		fail(rw, http.StatusBadRequest, err.Error())
		return
	}
	if r.Form.Get("format") == "xml" {
		rw.Header().Set("Content-Type", "application/xml")
		_, _ = rw.Write(doc)
		return
	}
	rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = rw.Write([]byte(base64.StdEncoding.EncodeToString(doc) + "\n"))
}

func options(r *http.Request) (Options, error) {
	f := r.Form
	o := Options{User: f.Get("user"), Role: f.Get("role"), Audience: f.Get("audience"), Recipient: f.Get("recipient")}
	if o.User == "" {
		return o, errorString("give the user: ?user=NAME")
	}
	if s := f.Get("lifetime"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n == 0 {
			return o, errorString("lifetime is a number of seconds other than 0")
		}
		o.Lifetime = time.Duration(n) * time.Second
	}
	switch f.Get("sign") {
	case "", "assertion":
	case "response":
		o.Signing = SignResponse
	case "both":
		o.Signing = SignBoth
	case "none":
		o.Signing = SignNone
	default:
		return o, errorString("sign is assertion, response, both or none")
	}
	return o, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

// listing is the answer of GET /_iamlab/saml/.
type listing struct {
	IdPs []idpListing `json:"idps"`
}

type idpListing struct {
	Name     string        `json:"name"`
	EntityID string        `json:"entityId"`
	Metadata string        `json:"metadata"`
	SSO      string        `json:"sso"`
	Users    []userListing `json:"users"`
}

type userListing struct {
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
}

func list(w *world.World, rw http.ResponseWriter, b string) {
	out := listing{IdPs: []idpListing{}}
	_ = w.View(func(tx *world.Tx) error {
		for _, p := range IdPs.List(tx, "") {
			l := idpListing{Name: p.Name, EntityID: p.EntityID, Metadata: b + Path + p.Name + "/metadata",
				SSO: b + Path + p.Name + "/sso", Users: []userListing{}}
			for _, u := range p.Users {
				l.Users = append(l.Users, userListing{Name: u.Name, Roles: append([]string{}, u.Roles...)})
			}
			out.IdPs = append(out.IdPs, l)
		}
		return nil
	})
	rw.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(rw)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}

// base is the simulator's URL as the request reached it.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if r.Host == "" {
		return DefaultBase
	}
	return scheme + "://" + r.Host
}

func fail(rw http.ResponseWriter, status int, msg string) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	_ = json.NewEncoder(rw).Encode(map[string]string{"message": msg})
}
