package telemetry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
)

// fakeDep is a dependency that answers or not, as the test says.
type fakeDep struct{ down atomic.Bool }

func (f *fakeDep) Ping(ctx context.Context) error {
	if f.down.Load() {
		return errors.New("connection refused")
	}
	return ctx.Err()
}

// fakeTemporal answers CheckHealth as the test says.
type fakeTemporal struct{ err error }

func (f fakeTemporal) CheckHealth(context.Context, *client.CheckHealthRequest) (*client.CheckHealthResponse, error) {
	return &client.CheckHealthResponse{}, f.err
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if ct := rec.Header().Get("Content-Type"); path != PathMetrics && ct != "application/json" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	return rec.Code, rec.Body.String()
}

func readReport(t *testing.T, body string) Report {
	t.Helper()
	var r Report
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	return r
}

func TestHealthReadyFollowsDependencies(t *testing.T) {
	temporal, pg := &fakeDep{}, &fakeDep{}
	var logged bytes.Buffer
	h := NewHealth(slog.New(slog.NewTextHandler(&logged, nil)),
		Dependency{Name: "temporal", Pinger: temporal}, Dependency{Name: "postgres", Pinger: pg})
	m, err := NewMetrics(MetricsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	mux := NewMux(m, h)

	for _, tc := range []struct {
		name                 string
		temporalDown, pgDown bool
		wantCode             int
		wantDown             []string
	}{
		{"both up", false, false, http.StatusOK, nil},
		{"postgres down", false, true, http.StatusServiceUnavailable, []string{"postgres"}},
		{"postgres still down", false, true, http.StatusServiceUnavailable, []string{"postgres"}},
		{"temporal down", true, false, http.StatusServiceUnavailable, []string{"temporal"}},
		{"both down", true, true, http.StatusServiceUnavailable, []string{"temporal", "postgres"}},
		{"both back", false, false, http.StatusOK, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			temporal.down.Store(tc.temporalDown)
			pg.down.Store(tc.pgDown)
			if code, body := get(t, mux, PathHealth); code != http.StatusOK || !strings.Contains(body, `"status":"ok"`) {
				t.Errorf("/health = %d %s, want 200 while the process runs", code, body)
			}
			code, body := get(t, mux, PathReady)
			if code != tc.wantCode {
				t.Errorf("/health/ready = %d, want %d; body %s", code, tc.wantCode, body)
			}
			rep := readReport(t, body)
			if !slices.Equal(rep.Down, tc.wantDown) {
				t.Errorf("down = %v, want %v", rep.Down, tc.wantDown)
			}
			wantStatus := map[bool]string{true: "ready", false: "unavailable"}[tc.wantDown == nil]
			if rep.Status != wantStatus || rep.Checks["temporal"] == "" || rep.Checks["postgres"] == "" {
				t.Errorf("report %+v", rep)
			}
			if strings.Contains(body, "connection refused") {
				t.Errorf("the body carries the error text: %s", body)
			}
		})
	}
	// Each change is logged once, with its reason, not each probe.
	if n := strings.Count(logged.String(), `dependency down: not ready" dependency=postgres`); n != 2 {
		t.Errorf("postgres going down logged %d times, want 2:\n%s", n, logged.String())
	}
	if !strings.Contains(logged.String(), "connection refused") {
		t.Errorf("the reason is not logged:\n%s", logged.String())
	}
}

func TestHealthReadyTimesOutAHangingDependency(t *testing.T) {
	hang := PingerFunc(func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
	h := NewHealth(nil, Dependency{Name: "temporal", Pinger: hang}, Dependency{Name: "postgres", Pinger: &fakeDep{}})
	h.timeout = 50 * time.Millisecond
	start := time.Now()
	code, body := get(t, http.HandlerFunc(h.ServeReady), PathReady)
	if code != http.StatusServiceUnavailable || !slices.Equal(readReport(t, body).Down, []string{"temporal"}) {
		t.Errorf("/health/ready = %d %s", code, body)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("a hanging dependency held the probe %s", took)
	}
}

func TestHealthReadyIsDownWhileStopping(t *testing.T) {
	h := NewHealth(nil, Dependency{Name: "postgres", Pinger: &fakeDep{}})
	if code, _ := get(t, http.HandlerFunc(h.ServeReady), PathReady); code != http.StatusOK {
		t.Fatalf("ready before stopping = %d", code)
	}
	h.Stopping()
	code, body := get(t, http.HandlerFunc(h.ServeReady), PathReady)
	if code != http.StatusServiceUnavailable || !slices.Equal(readReport(t, body).Down, []string{"stopping"}) {
		t.Errorf("ready while stopping = %d %s", code, body)
	}
	if code, _ := get(t, http.HandlerFunc(h.ServeLive), PathHealth); code != http.StatusOK {
		t.Errorf("/health while stopping = %d, want 200: the process is still finishing its work", code)
	}
}

func TestTemporalPinger(t *testing.T) {
	if err := TemporalPinger(fakeTemporal{}).Ping(context.Background()); err != nil {
		t.Errorf("healthy frontend: %v", err)
	}
	if err := TemporalPinger(fakeTemporal{err: errors.New("unavailable")}).Ping(context.Background()); err == nil {
		t.Error("unhealthy frontend reported healthy")
	}
}
