package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// MaxAsset is the largest file a build may write. Cloudflare Workers static
// assets refuse any file over 25 MiB ("Asset too large", and wrangler then
// neither serves nor deploys the site); the flows module is the file that
// comes near it, and a quarter MiB is kept as margin for what the next
// change adds (real mode took three quarters of the MiB kept before).
const MaxAsset = 99 << 18 // 24.75 MiB

// checkAssetSizes fails on the first file under dir larger than limit,
// naming it, its size and the limit.
func checkAssetSizes(dir string, limit int64) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > limit {
			rel, _ := filepath.Rel(dir, path)
			return fmt.Errorf("%s is %d bytes (%.2f MiB), over the %d-byte (%.0f MiB) limit of one static asset",
				filepath.ToSlash(rel), info.Size(), float64(info.Size())/(1<<20), limit, float64(limit)/(1<<20))
		}
		return nil
	})
}

// reportSizes prints each file's size raw, gzip -9 and brotli -11: what a
// server compressing at its best would send.
func reportSizes(dir string, names []string) error {
	fmt.Printf("%-14s %10s %10s %10s\n", "file", "raw", "gzip", "brotli")
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		fmt.Printf("%-14s %10s %10s %10s\n", n, kb(len(b)), kb(gzipSize(b)), kb(brotliSize(b)))
	}
	return nil
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func brotliSize(b []byte) int { return len(brotliBest(b)) }

func brotliBest(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// precompressed are the files written beside themselves as NAME.br at
// brotli's best level, which tools/serve sends to browsers that take
// brotli: the module's size in the table is then the size served (the
// server's own on-the-fly level is a quicker, larger one).
var precompressed = []string{"iamlab.wasm"}

func precompress(dir string) error {
	for _, n := range precompressed {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, n+".br"), brotliBest(b), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }
