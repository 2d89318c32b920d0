package pubsub

import (
	"context"
	"fmt"
	"net"
	"sync"

	"cloud.google.com/go/pubsub/v2/pstest"
)

// Server is an in-process Pub/Sub server: the client library's own fake,
// pstest. It keeps messages in memory only, so they are gone when it stops,
// and it speaks gRPC only (the official emulator also speaks REST).
type Server struct {
	// Addr is the host:port clients reach it at (set EmulatorHost or
	// PUBSUB_EMULATOR_HOST to it).
	Addr string

	srv  *pstest.Server
	once sync.Once
	err  error
}

// StartInProcess runs an in-process Pub/Sub server on addr (DefaultEmulatorAddr
// when empty) until ctx is done or Close is called.
func StartInProcess(ctx context.Context, addr string) (s *Server, err error) {
	if addr == "" {
		addr = DefaultEmulatorAddr
	}
	// pstest panics when it cannot listen; check first for a clear error, and
	// recover in case the port is taken in between.
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("in-process Pub/Sub on %s (is an emulator already running there?): %w", addr, err)
	}
	l.Close()
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("in-process Pub/Sub on %s: %v", addr, p)
		}
	}()
	srv := pstest.NewServerWithAddress(addr)
	s = &Server{Addr: srv.Addr, srv: srv}
	context.AfterFunc(ctx, func() { s.Close() })
	return s, nil
}

// Close stops the server; messages it held are gone. Calling it again does nothing.
func (s *Server) Close() error {
	s.once.Do(func() { s.err = s.srv.Close() })
	return s.err
}
