package main

import (
	"context"
	"time"

	"github.com/vividly-edu/vividly/telemetry"
)

// opsShutdownTimeout bounds the wait for scrapes and probes in flight when the
// ops server stops; they are quick.
const opsShutdownTimeout = 5 * time.Second

// opsServer serves /metrics, /health and /health/ready for a long-running
// command. A nil *opsServer (no address given) does nothing.
type opsServer struct {
	a      *app
	srv    *telemetry.Server
	health *telemetry.Health
}

// serveOps starts the ops server on addr, reporting Temporal and PostgreSQL as
// the dependencies readiness waits for; an empty addr serves nothing.
func (a *app) serveOps(addr string) (*opsServer, error) {
	if addr == "" {
		return nil, nil
	}
	health := telemetry.NewHealth(a.log,
		telemetry.Dependency{Name: "temporal", Pinger: telemetry.TemporalPinger(a.temporal)},
		telemetry.Dependency{Name: "postgres", Pinger: a.db},
	)
	srv, err := telemetry.Serve(addr, telemetry.NewMux(a.metrics, health), a.log)
	if err != nil {
		return nil, err
	}
	a.log.Info("serving metrics and health", "addr", srv.Addr(),
		"paths", []string{telemetry.PathMetrics, telemetry.PathHealth, telemetry.PathReady})
	return &opsServer{a: a, srv: srv, health: health}, nil
}

// Addr is where the server listens, or "" when there is none.
func (o *opsServer) Addr() string {
	if o == nil {
		return ""
	}
	return o.srv.Addr()
}

// Stopping turns readiness to 503 while the process drains; /health and
// /metrics keep answering until Close.
func (o *opsServer) Stopping() {
	if o != nil {
		o.health.Stopping()
	}
}

// Close stops the server once the requests in flight are answered.
func (o *opsServer) Close() {
	if o == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), opsShutdownTimeout)
	defer cancel()
	if err := o.srv.Shutdown(ctx); err != nil {
		o.a.log.Warn("ops server did not stop cleanly", "error", err)
	}
}

// interrupted is closed once ctx is done (SIGINT or SIGTERM), after calling
// first, for worker.Run: the worker then stops polling and drains.
func interrupted(ctx context.Context, first func()) <-chan any {
	ch := make(chan any)
	go func() {
		<-ctx.Done()
		first()
		close(ch)
	}()
	return ch
}
