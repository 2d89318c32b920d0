package e2e

import (
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// TestDatabaseOutage: PostgreSQL is unreachable when a worker starts and
// while lessons arrive. The worker starts anyway; the lessons go through
// every stage that needs no database (all but the last notification), and
// once the database is back every request gets its row and completes: none
// failed, none lost, each history in order.
func TestDatabaseOutage(t *testing.T) {
	s := newSystem(t)
	u, err := url.Parse(s.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newDBProxy(t, u.Host)
	proxy.setUp(false)
	s.startWorkerWith("VIVIDLY_DATABASE_URL=" + proxy.url(s.dbURL))

	questions := []string{"How do volcanoes erupt?", "What are fractions?", "Why do we have seasons?", "Explain photosynthesis"}
	var ids []string
	for i := 0; i < 8; i++ {
		ids = append(ids, decode(t, s.vividly("submit", questions[i%len(questions)], "--grade", "6", "--modality", "text", "--json")).RequestID)
	}
	start := time.Now()
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = "'" + workflows.WorkflowID(id) + "'"
	}
	query := "WorkflowId IN (" + strings.Join(quoted, ",") + ") AND VividlyStage = 'notifying'"
	for {
		out, err := exec.Command(temporalBin, "workflow", "count", "--address", temporalAt, "--query", query).CombinedOutput()
		if err != nil {
			t.Fatalf("temporal workflow count: %v\n%s", err, out)
		}
		if strings.TrimSpace(string(out)) == "Total: 8" {
			break
		}
		if time.Since(start) > 2*time.Minute {
			t.Fatalf("with the database down, lessons did not reach their last stage: %s", out)
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Logf("with the database down, all 8 lessons reached their last stage in %s", time.Since(start).Round(time.Second))
	for _, id := range ids {
		if v := s.tryStatus(id); v != nil {
			t.Fatalf("request %s has a row although the worker could not reach the database: %+v", id, v)
		}
	}

	proxy.setUp(true)
	back := time.Now()
	for _, id := range ids {
		v := s.waitFor(id, 3*time.Minute, func(v view) bool { return v.Status.Terminal() })
		if v.Status != vividly.StatusCompleted {
			t.Errorf("request %s ended %s (%s)", id, v.Status, v.Error)
		}
		h := history(t, s, id)
		for i := 1; i < len(h); i++ {
			if h[i].Seq <= h[i-1].Seq || h[i].Status.Progress() < h[i-1].Status.Progress() {
				t.Errorf("request %s: history out of order: %+v", id, h)
				break
			}
		}
		if last := h[len(h)-1].Status; last != vividly.StatusCompleted {
			t.Errorf("request %s: history ends %s", id, last)
		}
	}
	t.Logf("after the database came back, all rows caught up in %s", time.Since(back).Round(time.Second))
}
