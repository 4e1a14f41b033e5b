//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe called *.json is not read (nothing would ever write to it):
// it is listed as a failure and the run goes on.
func TestTestFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.json"), scenarioText("allowed"))
	pipe := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, operand := range []string{dir, pipe} {
		done := make(chan [3]any, 1)
		go func() {
			code, out, errs := runCLI(t, "", "test", operand)
			done <- [3]any{code, out, errs}
		}()
		select {
		case r := <-done:
			code, out := r[0].(int), r[1].(string)
			if code != exitFailed || !strings.Contains(out, "FAIL "+pipe+"\n  "+pipe+":1:1: not a regular file\n") {
				t.Errorf("test %s: exit %d, output:\n%s%s", operand, code, out, r[2])
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("test %s: still reading the named pipe after 10 s", operand)
		}
	}
}
