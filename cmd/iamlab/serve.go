package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/boltstore"
	"github.com/iamlab/iamlab/sim/world"
)

// shutdownGrace bounds the wait for calls in flight at SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

// cmdServe runs the simulated AWS until SIGINT or SIGTERM.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, operands, err := flags(args, "addr", "state", "world")
	if err == nil {
		err = checkOptions(opts, "addr", "state", "world")
	}
	if err == nil && len(operands) > 0 {
		err = fmt.Errorf("serve takes no operands")
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab serve: %v\n", err)
		return exitInvalid
	}
	addr := opts["addr"]
	if addr == "" {
		addr = "127.0.0.1:4566"
	}
	cfg, err := serveConfig(opts)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab serve: %v\n", err)
		return exitInvalid
	}
	s, err := sim.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab serve: %v\n", err)
		return exitInvalid
	}
	defer s.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab serve: %v\n", err)
		return exitFailed
	}
	srv := &http.Server{Handler: s.Handler, ReadHeaderTimeout: 30 * time.Second}
	fmt.Fprintf(stdout, "simulated AWS at http://%s (account %s)\n", ln.Addr(), s.World.MainAccount())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "iamlab serve: %v\n", err)
		return exitFailed
	case <-ctx.Done():
	}
	// Stop accepting, finish the calls in flight; every change was
	// committed before its answer, so closing the store is all that is
	// left to persist.
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "iamlab serve: %v\n", err)
	}
	if err := s.Close(); err != nil {
		fmt.Fprintf(stderr, "iamlab serve: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// serveConfig reads --state and --world.
func serveConfig(opts map[string]string) (sim.Config, error) {
	var cfg sim.Config
	switch w := opts["world"]; w {
	case "":
	case "seed":
		cfg.File = world.SeedFile()
	default:
		b, err := os.ReadFile(w)
		if err != nil {
			return cfg, err
		}
		f, err := world.ParseFile(b)
		if err != nil {
			return cfg, fmt.Errorf("%s: %w", w, err)
		}
		cfg.File = f
	}
	if p := opts["state"]; p != "" {
		st, err := boltstore.Open(p)
		if err != nil {
			return cfg, err
		}
		cfg.Store = st
	}
	return cfg, nil
}
