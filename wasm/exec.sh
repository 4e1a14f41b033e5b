#!/usr/bin/env bash
# go test -exec wrapper for GOOS=js GOARCH=wasm: Go's wasm_exec_node.js
# under Node. The process is renamed because Go disables fetch when its
# name starts with "node"; a larger stack fits the test binary.
exec -a gojs node --stack-size=8192 "$(go env GOROOT)/lib/wasm/wasm_exec_node.js" "$@"
