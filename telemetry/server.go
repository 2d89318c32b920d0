package telemetry

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Paths the server answers.
const (
	PathMetrics = "/metrics"
	PathHealth  = "/health"
	PathReady   = "/health/ready"
)

// Timeouts of the HTTP server: scrapes and probes are small and quick, so
// anything slow is a stuck or hostile client.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 16 << 10
)

// NewMux routes /metrics to m and /health, /health/ready to h.
func NewMux(m *Metrics, h *Health) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET "+PathMetrics, m.HTTPHandler())
	mux.HandleFunc("GET "+PathHealth, h.ServeLive)
	mux.HandleFunc("GET "+PathReady, h.ServeReady)
	return mux
}

// Server is the small HTTP server of /metrics and /health.
type Server struct {
	srv      *http.Server
	addr     string
	done     chan struct{} // closed when Serve has returned
	serveErr error         // what it returned
}

// Serve listens on addr (host:port; port 0 picks one) and serves handler in
// the background until Shutdown. It fails at once if addr cannot be bound.
func Serve(addr string, handler http.Handler, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("telemetry: listen on %s: %w", addr, err)
	}
	s := &Server{
		srv: &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: readHeaderTimeout,
			ReadTimeout:       readTimeout,
			WriteTimeout:      writeTimeout,
			IdleTimeout:       idleTimeout,
			MaxHeaderBytes:    maxHeaderBytes,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		addr: ln.Addr().String(),
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		s.serveErr = s.srv.Serve(ln)
	}()
	return s, nil
}

// Addr is the address the server listens on, with the port it got.
func (s *Server) Addr() string { return s.addr }

// Shutdown stops accepting, lets requests in flight finish until ctx is done,
// then closes what is left. It returns nil after a clean stop, and may be
// called again.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err != nil {
		_ = s.srv.Close()
	}
	<-s.done
	if !errors.Is(s.serveErr, http.ErrServerClosed) {
		err = errors.Join(err, s.serveErr)
	}
	if err != nil {
		return fmt.Errorf("telemetry: shut down the server on %s: %w", s.addr, err)
	}
	return nil
}
