//go:build !relaytest

package relay

import "testing"

// TestTestUpstreamIgnored: a Worker built as for deployment (no relaytest
// tag) sends to AWS even when its variables name a test upstream.
func TestTestUpstreamIgnored(t *testing.T) {
	aws := &fakeAWS{}
	rl := newRelay(t, aws, func(c *Config) { c.TestUpstream = "http://127.0.0.1:4566" })
	serve(rl, request("POST", "/relay/sts.us-east-1.amazonaws.com/", ""))
	if len(aws.got) != 1 {
		t.Fatalf("%d upstream requests", len(aws.got))
	}
	if u := aws.got[0].URL.String(); u != "https://sts.us-east-1.amazonaws.com/" {
		t.Errorf("sent to %s, want AWS", u)
	}
	if v := aws.got[0].Header.Get(TestHostHeader); v != "" {
		t.Errorf("sent %s: %q", TestHostHeader, v)
	}
	// Not even a malformed value is looked at.
	if _, err := New(Config{Transport: aws, Limiter: allowAll, TestUpstream: "ftp://evil.test"}); err != nil {
		t.Errorf("New read the test upstream: %v", err)
	}
}
