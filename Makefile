# IAM Lab. `make test` runs every test; `make serve` builds and serves the lab.
GO      ?= go
PORT    ?= 8080
BIN     := bin

.PHONY: all build test test-go test-sim-js vet fuzz bench bench-sim pgo catalog clean site docs serve test-wasm test-e2e test-docs bench-web chromium worker worker-test-build worker-dev deploy test-worker

all: build

build:
	$(GO) build -o $(BIN)/iamlab ./cmd/iamlab

## test: every test of the project (what CI runs).
test: vet test-go test-sim-js test-wasm test-e2e test-docs test-worker

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

test-go: build
	$(GO) test ./...
	$(BIN)/iamlab test testdata/sample testdata/conformance

## fuzz: run every fuzz target of every package of both modules (the
## project's, then worker/'s) for FUZZTIME each (default 30s), through
## tools/fuzz: it fails when a target finds a failing input
## (kept in testdata/fuzz) or executed fewer than FUZZMINEXECS inputs, and
## prints the inputs each target executed. Minimizing one input is capped
## at FUZZMINIMIZETIME: Go's default (60s) is longer than the run, which
## then fuzzed a few inputs and passed. A run that Go 1.26's fuzz
## coordinator ends with "context deadline exceeded" and no failing input
## (go.dev/issue/75804, fixed in Go 1.27) is reported, not failed.
FUZZTIME ?= 30s
FUZZMINIMIZETIME ?= 3s
FUZZMINEXECS ?= 10000
fuzz:
	$(GO) build -o $(BIN)/fuzz ./tools/fuzz
	GO=$(GO) $(BIN)/fuzz -fuzztime $(FUZZTIME) -minimizetime $(FUZZMINIMIZETIME) -minexecs $(FUZZMINEXECS)
	cd worker && GO=$(GO) $(CURDIR)/$(BIN)/fuzz -fuzztime $(FUZZTIME) -minimizetime $(FUZZMINIMIZETIME) -minexecs $(FUZZMINEXECS)

## bench: the engine's speed over the sample scenarios.
bench: build
	$(BIN)/iamlab test --bench testdata/sample
	$(GO) test ./scenario ./policy ./internal/jsonpos ./lint -run '^$$' -bench . -benchmem

## bench-sim: the simulated AWS against moto_server under the same
## aws-sdk-go-v2 load (tools/simbench: 8 clients calling GetCallerIdentity,
## PutObject of 1 KiB, KMS Encrypt and AssumeRole), each server in its own
## process on loopback, SIMRUNS runs of SIMTIME each; throughput, p99
## latency and the server's CPU per request. Not part of `make test`.
SIMRUNS ?= 3
SIMTIME ?= 10s
MOTO    ?= moto_server
bench-sim: build
	$(GO) build -o $(BIN)/simbench ./tools/simbench
	$(BIN)/simbench -iamlab $(BIN)/iamlab -moto $(MOTO) -runs $(SIMRUNS) -duration $(SIMTIME)

## Profile-guided optimization: go build uses cmd/iamlab/default.pgo, a CPU
## profile of parsing and deciding the samples. Refresh it after changing
## the engine's hot paths.
pgo:
	$(GO) test ./scenario -run '^$$' -bench 'ParseEvaluate$$' -benchtime 10s -cpuprofile $(CURDIR)/cmd/iamlab/default.pgo -o $(CURDIR)/bin/scenario.test

## The playground (wasm module, page bundles, catalog files) in dist/.
NODE_DEPS := node_modules/.package-lock.json
$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## test-sim-js: the source document's flows against `iamlab serve --world
## seed` with the AWS SDK for JavaScript v3 (sim/e2e/, the clients pinned in
## package-lock.json): outcomes and the event log.
test-sim-js: build $(NODE_DEPS)
	node --test --test-concurrency=1 sim/e2e/

site: $(NODE_DEPS)
	$(GO) run ./tools/build -out dist
	$(GO) build -o $(BIN)/iamlab-serve ./tools/serve

## serve: build everything and serve the lab at http://127.0.0.1:$(PORT)/
## (the playground at /, the tutorials at /ja/ and /en/).
serve: docs
	$(BIN)/iamlab-serve -dir dist -addr 127.0.0.1:$(PORT)

## test-wasm: the syscall/js bridge under Node, and the examples' decisions.
test-wasm: build
	GOOS=js GOARCH=wasm $(GO) test -exec $(CURDIR)/wasm/exec.sh ./wasm
	GOOS=js GOARCH=wasm $(GO) test -exec $(CURDIR)/wasm/exec.sh ./wasm/flows
	$(BIN)/iamlab test site/examples

## test-e2e: the page in headless Chromium (installed if missing).
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { apt-get update && apt-get install -y chromium; }

test-e2e: site chromium
	node --test --test-concurrency=1 site/e2e/
	node --test --test-concurrency=1 site/flows/e2e/
	node site/e2e/bench.mjs

## bench-web: first-decision, edit-to-decision and per-scenario times in Chromium.
bench-web: site chromium
	node site/e2e/bench.mjs
	node site/flows/e2e/bench.mjs

## docs: the tutorials (content/) rendered into dist/ja/ and dist/en/ next
## to the playground, indexed by Pagefind and checked (links, anchors,
## every example's stated answer). After `site`, which empties dist/.
docs: site
	$(GO) run ./tools/site -out dist

## test-docs: the tutorials in headless Chromium: an example runs on a page
## and its "Open in playground" link restores it in the playground.
test-docs: docs chromium
	node --test --test-concurrency=1 site/docs/e2e/

clean:
	rm -rf $(BIN) dist worker/build worker/build-test

## catalog: regenerate the embedded AWS service catalog from the pinned npm packages.
catalog:
	npm ci
	$(GO) run ./tools/catalog -in node_modules -out catalog/embedded/data

## The Cloudflare Worker (worker/, its own Go module): the site in dist/ as
## static assets and the relay at /relay/ (README, "The Worker").
WRANGLER     := $(CURDIR)/node_modules/.bin/wrangler
WRANGLER_ENV := WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
WORKER_ASSETS := $(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go
WORKER_WASM  := GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w'

## worker: the Worker as deployed, into worker/build/.
worker:
	cd worker && $(WORKER_ASSETS) -o build && $(WORKER_WASM) -o build/app.wasm .

## worker-test-build: the test Worker into worker/build-test/: built with
## -tags relaytest, the only build that honors RELAY_TEST_UPSTREAM.
worker-test-build:
	cd worker && $(WORKER_ASSETS) -o build-test && $(WORKER_WASM) -tags relaytest -o build-test/app.wasm .

## worker-dev: the site and the relay (to real AWS) under wrangler at
## http://127.0.0.1:8788/ (make worker-dev PORT=9000 for another port).
worker-dev: PORT = 8788
worker-dev: docs worker
	cd worker && $(WRANGLER_ENV) $(WRANGLER) dev --env= --ip 127.0.0.1 --port $(PORT)

## deploy: build and `wrangler deploy` to Cloudflare (needs a Cloudflare
## login: `npx wrangler login`, or CLOUDFLARE_API_TOKEN and
## CLOUDFLARE_ACCOUNT_ID). Not run in CI.
deploy: docs worker
	cd worker && $(WRANGLER) deploy --env=

## test-worker: the relay's native tests (both builds), then the Worker
## under wrangler/workerd against a local upstream: the site, signed SDK
## calls, SSRF refusals, CORS, the rate limit, logs, the deployment build's
## size, and per-request latency; then real mode in Chromium through the
## Worker to `iamlab serve` (worker/e2e/real.test.mjs).
test-worker: docs build worker worker-test-build chromium
	cd worker && $(GO) vet ./... && $(GO) vet -tags 'relaytest workerd' ./... && GOOS=js GOARCH=wasm $(GO) vet .
	cd worker && $(GO) test ./... && $(GO) test -tags relaytest ./relay
	cd worker && $(GO) test -tags workerd ./e2e -run Worker -bench Worker -benchtime 50x
	cd worker && $(GO) test -tags workerd ./e2e -run DeployBuildSize -v
	node --test --test-concurrency=1 worker/e2e/real.test.mjs
