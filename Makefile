# IAM Lab. `make test` runs every test; `make serve` builds and serves the lab.
GO      ?= go
PORT    ?= 8080
BIN     := bin

.PHONY: all build test test-go vet fuzz bench catalog clean

all: build

build:
	$(GO) build -o $(BIN)/iamlab ./cmd/iamlab

## test: every test of the project (what CI runs).
test: vet test-go

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

test-go: build
	$(GO) test ./...
	$(BIN)/iamlab test testdata/sample testdata/conformance

## fuzz: run every fuzz target for FUZZTIME each (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./internal/jsonpos -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME)
	$(GO) test ./policy -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./policy -run '^$$' -fuzz FuzzARN -fuzztime $(FUZZTIME)
	$(GO) test ./policy -run '^$$' -fuzz FuzzCondition -fuzztime $(FUZZTIME)
	$(GO) test ./scenario -run '^$$' -fuzz FuzzScenario -fuzztime $(FUZZTIME)

## bench: the engine's speed over the sample scenarios.
bench: build
	$(BIN)/iamlab test --bench testdata/sample
	$(GO) test ./scenario ./policy -run '^$$' -bench . -benchmem

clean:
	rm -rf $(BIN)

## catalog: regenerate the embedded AWS service catalog from the pinned npm packages.
catalog:
	npm ci
	$(GO) run ./tools/catalog -in node_modules -out catalog/embedded/data
