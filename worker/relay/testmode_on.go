//go:build relaytest

package relay

// testUpstreamHonored: this build is the test Worker's (-tags relaytest),
// which `make test-worker` runs under wrangler against a local upstream.
const testUpstreamHonored = true
