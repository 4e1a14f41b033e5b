package relay

import (
	"fmt"
	"net"
	"net/url"
)

// TestHostHeader carries the AWS host to the test upstream: workerd's
// fetch sends the URL's host as Host, whatever the request says, so the
// test upstream puts this one back before it checks the signature. Only
// requests to a test upstream have it.
const TestHostHeader = "X-Iamlab-Test-Host"

// testUpstream reads Config.TestUpstream: empty, or, in a build that
// honors it, an http origin on the loopback interface. Even a test build
// that reached Cloudflare by mistake could only send requests to itself.
func testUpstream(s string) (*url.URL, error) {
	if s == "" || !testUpstreamHonored {
		return nil, nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("relay: test upstream %q is not an http origin", s)
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("relay: test upstream %q is not a loopback address", s)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}
