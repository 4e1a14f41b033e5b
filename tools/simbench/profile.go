package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/world"
)

// serveProfiled runs the simulated AWS of the seed world as `iamlab serve
// --world seed` does, in memory, writing a CPU profile of the server
// alone to file until SIGINT or SIGTERM: load it from another process
// with -endpoint, then `go tool pprof file`.
func serveProfiled(addr, file string) error {
	s, err := sim.New(sim.Config{File: world.SeedFile()})
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: s.Handler}
	go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()
	fmt.Printf("simulated AWS at http://%s (account %s), profiling into %s\n", ln.Addr(), s.World.MainAccount(), file)
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}
