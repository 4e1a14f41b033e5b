package relay

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	for _, c := range []struct {
		path, query string
		want        Target
	}{
		{"/relay/sts.amazonaws.com", "", Target{"sts.amazonaws.com", "/", ""}},
		{"/relay/sts.amazonaws.com/", "Action=GetCallerIdentity", Target{"sts.amazonaws.com", "/", "Action=GetCallerIdentity"}},
		{"/relay/s3.us-east-1.amazonaws.com/b/a%20b+c~d%2Fe", "x-id=GetObject&X-Amz-Signature=ab", Target{"s3.us-east-1.amazonaws.com", "/b/a%20b+c~d%2Fe", "x-id=GetObject&X-Amz-Signature=ab"}},
		{"/relay/route53.amazonaws.com/2013-04-01/hostedzone/Z1", "", Target{"route53.amazonaws.com", "/2013-04-01/hostedzone/Z1", ""}},
		{"/relay/s3.amazonaws.com//double", "", Target{"s3.amazonaws.com", "//double", ""}},
		{"/relay/s3.amazonaws.com/b/@evil.test", "", Target{"s3.amazonaws.com", "/b/@evil.test", ""}},
	} {
		got, err := ParseTarget(c.path, c.query)
		if err != nil || got != c.want {
			t.Errorf("ParseTarget(%q, %q) = %+v, %v; want %+v", c.path, c.query, got, err, c.want)
			continue
		}
		if u := got.URL(); u.Host != c.want.Host || u.EscapedPath() != c.want.Path || u.RawQuery != c.query || u.Scheme != "https" {
			t.Errorf("URL() = %s", u)
		}
	}
}

func TestParseTargetRefusals(t *testing.T) {
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/", http.StatusNotFound},
		{"/relay", http.StatusNotFound},
		{"/relayx/sts.amazonaws.com/", http.StatusNotFound},
		{"/relay/", http.StatusForbidden},
		{"/relay//sts.amazonaws.com/", http.StatusForbidden},
		{"/relay/evil.test/", http.StatusForbidden},
		{"/relay/sts.amazonaws.com%2F@evil.test/", http.StatusForbidden},
		{"/relay/sts.amazonaws.com%2f/", http.StatusForbidden},
		{"/relay/sts.amazonaws.com:443/", http.StatusForbidden},
		{"/relay/%5B::1%5D/", http.StatusForbidden},
		{"/relay/sts.amazonaws.com/a%zzb", http.StatusBadRequest},
		{"/relay/sts.amazonaws.com/a b", http.StatusBadRequest},
		{"/relay/sts.amazonaws.com/" + strings.Repeat("a", MaxURLLength), http.StatusRequestURITooLong},
	} {
		_, err := ParseTarget(c.path, "")
		var ref *Refusal
		if !errors.As(err, &ref) || ref.Status != c.status {
			t.Errorf("ParseTarget(%q) = %v, want a refusal with %d", c.path, err, c.status)
		}
	}
}

func TestRelayURL(t *testing.T) {
	base, _ := url.Parse("https://lab.example/ignored/path")
	for _, c := range []struct{ aws, want string }{
		{"https://sts.us-east-1.amazonaws.com/", "https://lab.example/relay/sts.us-east-1.amazonaws.com/"},
		{"https://sts.us-east-1.amazonaws.com", "https://lab.example/relay/sts.us-east-1.amazonaws.com/"},
		{"https://s3.us-east-1.amazonaws.com/b/a%20b+c%2Fd?x-id=GetObject", "https://lab.example/relay/s3.us-east-1.amazonaws.com/b/a%20b+c%2Fd?x-id=GetObject"},
	} {
		u, _ := url.Parse(c.aws)
		got, err := RelayURL(base, u)
		if err != nil || got.String() != c.want {
			t.Errorf("RelayURL(%s) = %v, %v; want %s", c.aws, got, err, c.want)
			continue
		}
		// The relay reads back exactly what was signed.
		path := u.EscapedPath()
		if path == "" {
			path = "/"
		}
		want := Target{Host: u.Host, Path: path, RawQuery: u.RawQuery}
		if back, err := ParseTarget(got.EscapedPath(), got.RawQuery); err != nil || back != want {
			t.Errorf("ParseTarget(RelayURL(%s)) = %+v, %v; want %+v", c.aws, back, err, want)
		}
	}
	for _, bad := range []string{
		"http://sts.amazonaws.com/",
		"https://sts.amazonaws.com:8443/",
		"https://user:pw@sts.amazonaws.com/",
		"https://evil.test/",
		"https://127.0.0.1/",
	} {
		u, _ := url.Parse(bad)
		if got, err := RelayURL(base, u); err == nil {
			t.Errorf("RelayURL(%s) = %s, want an error", bad, got)
		}
	}
}

// FuzzParseTarget: any path either is refused with a status, or names an
// allowed host and a path that RelayURL and ParseTarget carry through
// unchanged.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"/relay/sts.amazonaws.com/", "/relay/s3.amazonaws.com/b/a%20b", "/relay/evil.test%2F/", "/relay/sts.amazonaws.com/%zz", "/relay/[::1]/"} {
		f.Add(s, "a=b")
	}
	base := &url.URL{Scheme: "https", Host: "lab.example"}
	f.Fuzz(func(t *testing.T, path, query string) {
		tg, err := ParseTarget(path, query)
		if err != nil {
			var ref *Refusal
			if !errors.As(err, &ref) || ref.Status < 400 || ref.Status > 499 {
				t.Fatalf("ParseTarget(%q) = %v, want a 4xx refusal", path, err)
			}
			return
		}
		if !AllowedHost(tg.Host) || !strings.HasPrefix(tg.Path, "/") || tg.RawQuery != query {
			t.Fatalf("ParseTarget(%q) = %+v", path, tg)
		}
		u := tg.URL()
		if u.Host != tg.Host || u.EscapedPath() != tg.Path {
			t.Fatalf("URL() = %s for %+v", u, tg)
		}
		r, err := RelayURL(base, u)
		if err != nil {
			t.Fatalf("RelayURL(%s): %v", u, err)
		}
		again, err := ParseTarget(r.EscapedPath(), r.RawQuery)
		if err != nil || again != tg {
			t.Fatalf("round trip of %+v: %+v, %v", tg, again, err)
		}
	})
}
