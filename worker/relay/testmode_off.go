//go:build !relaytest

package relay

// testUpstreamHonored is false in every build but the one `make
// test-worker` makes with -tags relaytest: a deployed Worker ignores
// Config.TestUpstream whatever its variables say.
const testUpstreamHonored = false
