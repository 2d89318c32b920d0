package telemetry

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"go.temporal.io/sdk/client"
)

// DefaultCheckTimeout bounds each dependency check of /health/ready.
const DefaultCheckTimeout = 2 * time.Second

// Pinger is a dependency readiness waits for; *postgres.DB is one.
type Pinger interface {
	Ping(ctx context.Context) error
}

// PingerFunc lets a function be a Pinger.
type PingerFunc func(ctx context.Context) error

// Ping calls f.
func (f PingerFunc) Ping(ctx context.Context) error { return f(ctx) }

// healthChecker is the part of client.Client that TemporalPinger needs.
type healthChecker interface {
	CheckHealth(ctx context.Context, req *client.CheckHealthRequest) (*client.CheckHealthResponse, error)
}

// TemporalPinger checks that the Temporal frontend answers, with CheckHealth.
func TemporalPinger(c healthChecker) Pinger {
	return PingerFunc(func(ctx context.Context) error {
		_, err := c.CheckHealth(ctx, &client.CheckHealthRequest{})
		return err
	})
}

// Dependency is a named Pinger, named as /health/ready reports it.
type Dependency struct {
	Name   string
	Pinger Pinger
}

// Health answers /health (the process is alive) and /health/ready (it can do
// its work: every dependency answers and it is not stopping).
type Health struct {
	deps    []Dependency
	timeout time.Duration
	log     *slog.Logger

	stopping atomic.Bool
	down     sync.Map // name → bool: last state, so that only changes are logged
}

// Names /health/ready reports besides the dependencies'.
const stoppingName = "stopping"

// NewHealth checks deps, each within DefaultCheckTimeout. log is told when a
// dependency goes down or comes back; nil discards.
func NewHealth(log *slog.Logger, deps ...Dependency) *Health {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Health{deps: deps, timeout: DefaultCheckTimeout, log: log}
}

// Stopping makes /health/ready answer 503 from now on: the process is
// shutting down and should get no new work, while /health stays 200 so that it
// is left to finish what it has.
func (h *Health) Stopping() { h.stopping.Store(true) }

// Report is the body of /health/ready.
type Report struct {
	Status string            `json:"status"`         // "ready" or "unavailable"
	Checks map[string]string `json:"checks"`         // dependency → "ok" or "down"
	Down   []string          `json:"down,omitempty"` // what is down, in dependency order; "stopping" when shutting down
}

// Check pings every dependency at once and reports.
func (h *Health) Check(ctx context.Context) Report {
	errs := make([]error, len(h.deps))
	var wg sync.WaitGroup
	for i, d := range h.deps {
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, h.timeout)
			defer cancel()
			errs[i] = d.Pinger.Ping(cctx)
		})
	}
	wg.Wait()
	rep := Report{Status: "ready", Checks: make(map[string]string, len(h.deps))}
	for i, d := range h.deps {
		rep.Checks[d.Name] = "ok"
		if errs[i] != nil {
			rep.Checks[d.Name] = "down"
			rep.Down = append(rep.Down, d.Name)
		}
		h.noteChange(d.Name, errs[i])
	}
	if h.stopping.Load() {
		rep.Down = append(rep.Down, stoppingName)
	}
	if len(rep.Down) > 0 {
		rep.Status = "unavailable"
	}
	return rep
}

// noteChange logs a dependency going down (with why) or coming back. The
// reason goes to the log, not to the HTTP body.
func (h *Health) noteChange(name string, err error) {
	down := err != nil
	was, seen := h.down.Swap(name, down)
	switch {
	case down && (!seen || !was.(bool)):
		h.log.Warn("dependency down: not ready", "dependency", name, "error", err)
	case !down && seen && was.(bool):
		h.log.Info("dependency back: ready", "dependency", name)
	}
}

// ServeLive answers /health: 200 while the process serves at all.
func (h *Health) ServeLive(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// ServeReady answers /health/ready: 200 with a Report when every dependency
// answers, else 503 with a Report naming what is down.
func (h *Health) ServeReady(w http.ResponseWriter, r *http.Request) {
	rep := h.Check(r.Context())
	code := http.StatusOK
	if len(rep.Down) > 0 {
		code = http.StatusServiceUnavailable
	}
	writeJSON(w, code, rep)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
