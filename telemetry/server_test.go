package telemetry

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServerServesAndShutsDownCleanly(t *testing.T) {
	m, err := NewMetrics(MetricsOptions{ReportEvery: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	h := NewHealth(nil, Dependency{Name: "postgres", Pinger: &fakeDep{}})
	mux := NewMux(m, h)
	// A slow request in flight when shutdown starts must still be answered.
	started := make(chan struct{})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, _ *http.Request) {
		close(started)
		time.Sleep(100 * time.Millisecond)
		_, _ = io.WriteString(w, "done")
	})
	srv, err := Serve("127.0.0.1:0", mux, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + srv.Addr()

	for path, want := range map[string]string{PathHealth: `"status":"ok"`, PathReady: `"status":"ready"`, PathMetrics: "go_goroutines"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %s, body lacks %q", path, resp.Status, want)
		}
	}
	if resp, err := http.Post(base+PathHealth, "text/plain", nil); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST %s = %s, want 405", PathHealth, resp.Status)
		}
	}

	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		slow <- string(b)
	}()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if got := <-slow; got != "done" {
		t.Errorf("the request in flight got %q, want it answered", got)
	}
	if conn, err := net.DialTimeout("tcp", srv.Addr(), time.Second); err == nil {
		conn.Close()
		t.Error("the server still accepts connections after Shutdown")
	}
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("a second Shutdown: %v", err)
	}
}

func TestServerShutdownGivesUpAtTheDeadline(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	started := make(chan struct{})
	srv, err := Serve("127.0.0.1:0", http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		close(started)
		<-block
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		if resp, err := http.Get("http://" + srv.Addr()); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown with a stuck request = %v, want the deadline", err)
	}
}

func TestServeFailsOnABusyAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if srv, err := Serve(ln.Addr().String(), http.NewServeMux(), nil); err == nil {
		_ = srv.Shutdown(context.Background())
		t.Fatal("Serve on a busy address succeeded")
	}
}
