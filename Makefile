# IAM Lab. `make test` runs every test; `make serve` builds and serves the lab.
GO      ?= go
PORT    ?= 8080
BIN     := bin

.PHONY: all build test test-go vet fuzz bench pgo catalog clean site docs serve test-wasm test-e2e test-docs bench-web chromium

all: build

build:
	$(GO) build -o $(BIN)/iamlab ./cmd/iamlab

## test: every test of the project (what CI runs).
test: vet test-go test-wasm test-e2e test-docs

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

test-go: build
	$(GO) test ./...
	$(BIN)/iamlab test testdata/sample testdata/conformance

## fuzz: run every fuzz target of every package for FUZZTIME each (default
## 30s), through tools/fuzz: it fails when a target finds a failing input
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
	GO=$(GO) $(GO) run ./tools/fuzz -fuzztime $(FUZZTIME) -minimizetime $(FUZZMINIMIZETIME) -minexecs $(FUZZMINEXECS)

## bench: the engine's speed over the sample scenarios.
bench: build
	$(BIN)/iamlab test --bench testdata/sample
	$(GO) test ./scenario ./policy ./internal/jsonpos ./lint -run '^$$' -bench . -benchmem

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
	$(BIN)/iamlab test site/examples

## test-e2e: the page in headless Chromium (installed if missing).
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { apt-get update && apt-get install -y chromium; }

test-e2e: site chromium
	node --test --test-concurrency=1 site/e2e/
	node site/e2e/bench.mjs

## bench-web: first-decision, edit-to-decision and per-scenario times in Chromium.
bench-web: site chromium
	node site/e2e/bench.mjs

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
	rm -rf $(BIN) dist

## catalog: regenerate the embedded AWS service catalog from the pinned npm packages.
catalog:
	npm ci
	$(GO) run ./tools/catalog -in node_modules -out catalog/embedded/data
