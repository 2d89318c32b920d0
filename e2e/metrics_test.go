package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// TestMetricsCountTerminalStatuses: after a handful of requests, the worker's
// /metrics shows a non-zero count for each terminal status that occurred, and
// /health/ready says Temporal and PostgreSQL are reachable.
func TestMetricsCountTerminalStatuses(t *testing.T) {
	s := newSystem(t)
	addr := fmt.Sprintf("127.0.0.1:%d", freePort())
	s.extra = []string{"VIVIDLY_HTTP_ADDR=" + addr}
	s.startWorker()

	s.vividly("submit", "What are fractions?", "--grade", "3", "--modality", "text", "--wait", "--json")
	s.vividly("submit", "what is the best pizza place near me", "--wait", "--json")
	id := decode(t, s.vividly("submit", "help me with my homework", "--modality", "text", "--json")).RequestID
	s.waitFor(id, time.Minute, func(v view) bool { return v.Status == vividly.StatusClarificationNeeded })
	if out, err := exec.Command(temporalBin, "workflow", "cancel", "--address", temporalAt,
		"--workflow-id", workflows.WorkflowID(id)).CombinedOutput(); err != nil {
		t.Fatalf("temporal workflow cancel: %v\n%s", err, out)
	}
	if v := s.waitFor(id, time.Minute, func(v view) bool { return v.Status.Terminal() }); v.Status != vividly.StatusCancelled {
		t.Fatalf("cancelled request ended %s", v.Status)
	}

	if code, body := get(t, "http://"+addr+"/health/ready"); code != http.StatusOK {
		t.Errorf("/health/ready = %d %s, want 200 with Temporal and PostgreSQL up", code, body)
	}
	for _, status := range []vividly.Status{vividly.StatusCompleted, vividly.StatusOutOfScope, vividly.StatusCancelled} {
		re := regexp.MustCompile(`(?m)^vividly_requests_terminal_total\{status="` + string(status) + `"\} ([0-9.e+]+)$`)
		var n float64
		deadline := time.Now().Add(10 * time.Second) // the registry is fed once a second
		for time.Now().Before(deadline) {
			_, body := get(t, "http://"+addr+"/metrics")
			if m := re.FindStringSubmatch(body); m != nil {
				n, _ = strconv.ParseFloat(m[1], 64)
				if n > 0 {
					break
				}
			}
			time.Sleep(200 * time.Millisecond)
		}
		if n < 1 {
			t.Errorf("/metrics shows no %s request", status)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
