package e2e

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/workflows"
)

// terminate stops a request's lesson from outside, as an operator would:
// the run ends at once, without writing a last status.
func terminate(t *testing.T, id string) {
	t.Helper()
	out, err := exec.Command(temporalBin, "workflow", "terminate", "--address", temporalAt,
		"--workflow-id", workflows.WorkflowID(id), "--reason", "stopped by the test").CombinedOutput()
	if err != nil {
		t.Fatalf("temporal workflow terminate: %v\n%s", err, out)
	}
}

// TestFailedRequestCanBeRetried: a request whose lesson was stopped can be
// started again under the same id, its history going on after the first
// run's; resubmitting it does the same, and a completed one is never started
// again.
func TestFailedRequestCanBeRetried(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	id := decode(t, s.vividly("submit", "help me with my homework", "--grade", "6", "--modality", "text", "--json")).RequestID
	first := s.waitFor(id, time.Minute, func(v view) bool { return v.Status == vividly.StatusClarificationNeeded })
	terminate(t, id)

	// The row still says clarification_needed; following it ends with the
	// lesson's own outcome instead of waiting for a status that never comes.
	v := decode(t, s.vividlyExit(1, "status", id, "--wait", "--json"))
	if v.Status != vividly.StatusFailed || !strings.Contains(v.Error, "same request id") {
		t.Fatalf("a stopped lesson followed: %s (%q), want failed saying how to start it again", v.Status, v.Error)
	}

	before := history(t, s, id)
	s.vividly("retry", id)
	// The second run's updates go after the first run's, so it asks again.
	deadline := time.Now().Add(time.Minute)
	for {
		h := history(t, s, id)
		last := h[len(h)-1]
		if len(h) > len(before) && last.Status == vividly.StatusClarificationNeeded && last.Seq > before[len(before)-1].Seq {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the retried request did not ask again; history %+v", h)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if again := s.status(id); again.Status != vividly.StatusClarificationNeeded || len(again.ClarifyingQuestions) == 0 ||
		len(again.ClarifyingQuestions) != len(first.ClarifyingQuestions) {
		t.Fatalf("the second run's question: %+v", again)
	}
	if out := s.vividly("clarify", id, "photosynthesis in biology class"); !strings.Contains(string(out), "answer taken") {
		t.Errorf("clarify said %q, want it to confirm the answer was taken", out)
	}
	done := s.waitFor(id, 2*time.Minute, func(v view) bool { return v.Status.Terminal() })
	if done.Status != vividly.StatusCompleted {
		t.Fatalf("the retried request ended %s (%s)", done.Status, done.Error)
	}
	// An answer to a lesson that is not waiting for one is refused, not
	// reported as sent.
	if out, err := s.try("clarify", id, "photosynthesis in biology class"); err == nil || !strings.Contains(string(out), "not waiting") {
		t.Errorf("clarify of a completed lesson: %v, %s", err, out)
	}
	if n := runs(t, id); n != 2 {
		t.Errorf("runs of the request: %d, want 2", n)
	}
	// Completed: neither retry nor resubmitting starts it again.
	if out, err := s.try("retry", id); err == nil {
		t.Errorf("retry of a completed request succeeded: %s", out)
	}
	if n := runs(t, id); n != 2 {
		t.Errorf("runs after retrying a completed request: %d, want 2", n)
	}
}

// TestWaitEndsWithoutARow: a lesson that ends before its request reaches the
// database (here, stopped while no worker runs) does not leave a follower
// waiting: it reports the lesson's own outcome.
func TestWaitEndsWithoutARow(t *testing.T) {
	s := newSystem(t)
	id := decode(t, s.vividly("submit", "What are fractions?", "--grade", "3", "--modality", "text", "--json")).RequestID
	terminate(t, id)
	start := time.Now()
	v := decode(t, s.vividlyExit(1, "status", id, "--wait", "--json"))
	if v.Status != vividly.StatusFailed || v.Error == "" {
		t.Fatalf("followed a stopped lesson with no row: %+v", v)
	}
	t.Logf("the wait ended after %s", time.Since(start).Round(time.Millisecond))
}

// runs counts the runs Temporal holds for a request.
func runs(t *testing.T, id string) int {
	return runsOn(t, temporalAt, id)
}

// runsOn is runs on the Temporal server at address.
func runsOn(t *testing.T, address, id string) int {
	t.Helper()
	var out []byte
	var err error
	for try := 0; try < 10; try++ {
		out, err = exec.Command(temporalBin, "workflow", "count", "--address", address,
			"--query", "WorkflowId = '"+workflows.WorkflowID(id)+"'").CombinedOutput()
		if err == nil || !strings.Contains(string(out), "rate limit") {
			break
		}
		time.Sleep(time.Second) // visibility queries are rate limited per namespace
	}
	if err != nil {
		t.Fatalf("temporal workflow count: %v\n%s", err, out)
	}
	var n int
	if _, err := fmt.Sscanf(strings.TrimSpace(string(out)), "Total: %d", &n); err != nil {
		t.Fatalf("cannot read the count: %v\n%s", err, out)
	}
	return n
}

// try runs the CLI and returns its output and error, whatever the exit.
func (s *system) try(args ...string) ([]byte, error) {
	cmd := exec.Command(vividlyBin, args...)
	cmd.Env = append(s.env(), s.extra...)
	return cmd.CombinedOutput()
}

// history reads the request's status history from the database.
func history(t *testing.T, s *system, id string) []vividly.StatusChange {
	t.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, s.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h, err := db.History(ctx, id)
	if err != nil || len(h) == 0 {
		t.Fatalf("history of %s: %v (%d entries)", id, err, len(h))
	}
	return h
}
