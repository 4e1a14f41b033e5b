package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestWorkerImports: the Worker's program (js/wasm) imports neither the
// engine nor the AWS SDK; the SDK is only this package's test tool.
func TestWorkerImports(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "github.com/iamlab/iamlab/worker")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list listed %d packages", len(deps))
	}
	for _, d := range deps {
		ours := strings.HasPrefix(d, "github.com/iamlab/iamlab/") && !strings.HasPrefix(d, "github.com/iamlab/iamlab/worker")
		if ours || strings.HasPrefix(d, "github.com/aws/") {
			t.Errorf("the Worker imports %s", d)
		}
	}
}
