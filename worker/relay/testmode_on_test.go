//go:build relaytest

package relay

import "testing"

// TestTestUpstreamHonored: the test build sends to the loopback upstream,
// keeping the AWS host, and accepts no other upstream.
func TestTestUpstreamHonored(t *testing.T) {
	aws := &fakeAWS{}
	rl := newRelay(t, aws, func(c *Config) { c.TestUpstream = "http://127.0.0.1:4566" })
	serve(rl, request("POST", "/relay/sts.us-east-1.amazonaws.com/a%2Fb?x=1", ""))
	if len(aws.got) != 1 {
		t.Fatalf("%d upstream requests", len(aws.got))
	}
	got := aws.got[0]
	if got.URL.String() != "http://127.0.0.1:4566/a%2Fb?x=1" || got.Host != "sts.us-east-1.amazonaws.com" || got.Header.Get(TestHostHeader) != "sts.us-east-1.amazonaws.com" {
		t.Errorf("sent to %s, Host %q, %s %q", got.URL, got.Host, TestHostHeader, got.Header.Get(TestHostHeader))
	}
	for _, bad := range []string{"https://127.0.0.1:4566", "http://evil.test:4566", "http://10.0.0.1:4566", "http://localhost:4566", "http://u@127.0.0.1:1", "http://127.0.0.1:1/path", "::"} {
		if _, err := New(Config{Transport: aws, Limiter: allowAll, TestUpstream: bad}); err == nil {
			t.Errorf("test upstream %q accepted", bad)
		}
	}
	if _, err := New(Config{Transport: aws, Limiter: allowAll, TestUpstream: "http://[::1]:4566"}); err != nil {
		t.Errorf("IPv6 loopback refused: %v", err)
	}
}
