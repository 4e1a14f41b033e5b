package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// inlined are the packages compiled with inlining: the engine's hot paths
// (reading and deciding a scenario on every keystroke) and the runtime.
// Everything else in the module (the standard library, the catalog, the
// linter, api, the entry points) is compiled without it (-l), which keeps
// the module the page downloads within its size budget (1.2 MB brotli as
// served) at a cost in speed only where speed does not show.
var inlined = []string{"runtime", "github.com/iamlab/iamlab/internal/...", "github.com/iamlab/iamlab/policy",
	"github.com/iamlab/iamlab/authz", "github.com/iamlab/iamlab/scenario", "github.com/iamlab/iamlab/explain"}

// buildWasm compiles ./wasm to out/iamlab.wasm and copies the Go
// distribution's wasm_exec.js, which must match the compiler.
func buildWasm(out string) error {
	args := []string{"build", "-trimpath", "-ldflags=-s -w", "-gcflags=all=-l"}
	for _, p := range inlined {
		args = append(args, "-gcflags="+p+"=") // the last matching pattern wins
	}
	cmd := exec.Command("go", append(args, "-o", filepath.Join(out, "iamlab.wasm"), "./wasm")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return err
	}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return err
	}
	return copyFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"), filepath.Join(out, "wasm_exec.js"))
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
