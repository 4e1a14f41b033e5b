package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

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

func brotliSize(b []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }
