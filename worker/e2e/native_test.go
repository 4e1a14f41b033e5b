package e2e

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/worker/relay"
)

// startNative serves the relay handler in this process, in front of the
// upstream over TLS. The relay's transport dials the upstream whatever
// the host, so requests keep their real AWS URL and Host, as on
// Cloudflare. headers says what happens to the request headers before the
// relay sees them.
func startNative(t *testing.T, headers headerMode) (target, string) {
	up := newUpstream()
	aws := httptest.NewTLSServer(up)
	t.Cleanup(aws.Close)
	roots := x509.NewCertPool()
	roots.AddCert(aws.Certificate())
	toUpstream := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", aws.Listener.Addr().String())
		},
		// httptest's certificate names example.com; the URL keeps the AWS host.
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: "example.com"},
	}
	t.Cleanup(toUpstream.CloseIdleConnections)
	rl, err := relay.New(relay.Config{
		Transport: toUpstream,
		Limiter:   relay.LimiterFunc(func(context.Context, string) (bool, error) { return true, nil }),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if headers != asSent {
			splitLikeSyumai(r.Header)
		}
		if headers == splitJoined {
			relay.JoinSplitValues(r.Header) // as the Worker's main does
		}
		rl.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return target{relay: u, origin: srv.URL, up: up}, u.Host
}

type headerMode int

const (
	asSent      headerMode = iota // natively
	splitJoined                   // as the Worker sees them: split by syumai/workers, joined back
	splitOnly                     // split, not joined back
)

// splitLikeSyumai does what github.com/syumai/workers v0.33.0 does to the
// headers of a request it hands to Go (internal/jshttp.ToHeader).
func splitLikeSyumai(h http.Header) {
	for k, vs := range h {
		var split []string
		for _, v := range vs {
			split = append(split, strings.Split(v, ",")...)
		}
		h[k] = split
	}
}

func TestSignedCallsNative(t *testing.T) {
	tg, _ := startNative(t, asSent)
	checkSignedCalls(t, tg)
}

// TestSignedCallsSplitHeaders: with the Worker's header conversion, the
// signatures hold only because the relay joins the values back.
func TestSignedCallsSplitHeaders(t *testing.T) {
	tg, _ := startNative(t, splitJoined)
	checkSignedCalls(t, tg)

	tg, _ = startNative(t, splitOnly)
	a := do(t, signedSTS(t, tg))
	if a.status != http.StatusForbidden || !strings.Contains(a.body, "SignatureDoesNotMatch") {
		t.Errorf("split headers, not joined: %d %q, want the upstream's 403 SignatureDoesNotMatch", a.status, a.body)
	}
}

func TestRefusalsNative(t *testing.T) {
	tg, addr := startNative(t, asSent)
	checkRefusals(t, tg, addr)
}

// TestSignedCallsThroughBackend: the upstream can hand requests to another
// AWS (later `iamlab serve`) with their Host unchanged; here a second
// instance of itself checks the signatures.
func TestSignedCallsThroughBackend(t *testing.T) {
	tg, _ := startNative(t, asSent)
	backend := newUpstream()
	srv := httptest.NewServer(backend)
	t.Cleanup(srv.Close)
	tg.up.backend, _ = url.Parse(srv.URL)
	checkSignedCalls(t, tg)
	if len(backend.requests()) == 0 {
		t.Fatal("the backend answered nothing")
	}
	for _, r := range backend.requests() {
		if !strings.HasSuffix(r.Host, ".amazonaws.com") {
			t.Errorf("the backend saw Host %q, want the AWS host", r.Host)
		}
	}
}
