//go:build workerd

package e2e

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// freePlanLimit is Cloudflare's cap on a Worker's size after gzip on the
// Workers Free plan ("3 MB"; 10 MB on paid plans).
const freePlanLimit = 3_000_000

// TestDeployBuildSize measures the deployment build (build/, made by
// `make worker`) as `wrangler deploy` would upload it, and checks it fits
// the free plan. With -v it reports raw and gzip sizes.
func TestDeployBuildSize(t *testing.T) {
	dir, _ := filepath.Abs("..")
	var raw, gz int
	for _, f := range []string{"app.wasm", "worker.mjs", "runtime.mjs", "wasm_exec.js"} {
		data, err := os.ReadFile(filepath.Join(dir, "build", f))
		if err != nil {
			t.Fatalf("%v (run `make worker`)", err)
		}
		g := gzipped(data)
		t.Logf("%-12s raw %8d  gzip %8d", f, len(data), g)
		raw, gz = raw+len(data), gz+g
	}
	t.Logf("%-12s raw %8d  gzip %8d", "total", raw, gz)

	// wrangler's own count of what it would upload.
	cmd := exec.Command(filepath.Join(dir, "..", "node_modules", ".bin", "wrangler"),
		"deploy", "--dry-run", "--env=", "--outdir", t.TempDir())
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "XDG_CONFIG_HOME="+t.TempDir(), "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("wrangler deploy --dry-run: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Total Upload: ([0-9.]+) KiB / gzip: ([0-9.]+) KiB`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no size in wrangler's output:\n%s", out)
	}
	upload, _ := strconv.ParseFloat(string(m[1]), 64)
	packed, _ := strconv.ParseFloat(string(m[2]), 64)
	t.Logf("wrangler: upload %.0f KiB, gzip %.0f KiB (free plan: %d bytes)", upload, packed, freePlanLimit)
	if packed*1024 > freePlanLimit || gz > freePlanLimit {
		t.Errorf("the Worker is %.0f KiB after gzip, over the free plan's %d bytes", packed, freePlanLimit)
	}
}

func gzipped(data []byte) int {
	var g bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return g.Len()
}
