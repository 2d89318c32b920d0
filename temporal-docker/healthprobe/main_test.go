package main

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestProbe(t *testing.T) {
	var ready atomic.Bool
	ready.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health/ready" || !ready.Load() {
			http.Error(w, "temporal unreachable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()

	if err := probe(srv.URL+"/health/ready", time.Second); err != nil {
		t.Errorf("ready server: %v", err)
	}
	ready.Store(false)
	if err := probe(srv.URL+"/health/ready", time.Second); err == nil {
		t.Error("a 503 answer passed the probe")
	}
	srv.Close()
	if err := probe(srv.URL+"/health/ready", time.Second); err == nil {
		t.Error("a closed server passed the probe")
	}
}
