package telemetry

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	tlog "go.temporal.io/sdk/log"
)

const question = "help me with my homework about my sick dog"

// testLogger logs at level into a buffer, with the workflow id scheme of
// workflows.WorkflowID.
func testLogger(level slog.Level) (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return NewLogger(&buf, LogOptions{
		Level:      level,
		WorkflowID: func(id string) string { return "content-" + id },
		RequestID:  func(wid string) (string, bool) { return strings.CutPrefix(wid, "content-") },
	}), &buf
}

// lines decodes the JSON lines logged.
func lines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for l := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

func TestStudentTextOnlyAtDebug(t *testing.T) {
	log, buf := testLogger(slog.LevelDebug)
	log.Info("request started", "question", question, "grade_level", 6)
	log.Debug("request content", "question", question)
	log.With("Interest", "my sick dog").Warn("odd interest")
	log.With("interest", "my sick dog").Debug("interest")
	log.Error("nested", slog.Group("request", "answer", "my sick dog", "grade", 6))
	log.WithGroup("g").With("question", question).Info("grouped")

	got := lines(t, buf)
	if len(got) != 6 {
		t.Fatalf("%d lines, want 6:\n%s", len(got), buf)
	}
	if got[0]["question"] != Redacted || got[0]["grade_level"] != float64(6) {
		t.Errorf("info line: %v", got[0])
	}
	if got[1]["question"] != question {
		t.Errorf("debug line lost the question: %v", got[1])
	}
	if got[2]["Interest"] != Redacted {
		t.Errorf("warn line with the interest from With: %v", got[2])
	}
	if got[3]["interest"] != "my sick dog" {
		t.Errorf("debug line with the interest from With: %v", got[3])
	}
	if r, _ := got[4]["request"].(map[string]any); r["answer"] != Redacted || r["grade"] != float64(6) {
		t.Errorf("error line with a group: %v", got[4])
	}
	if g, _ := got[5]["g"].(map[string]any); g["question"] != Redacted {
		t.Errorf("grouped line: %v", got[5])
	}
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if !strings.Contains(l, `"level":"DEBUG"`) && strings.Contains(l, "sick dog") {
			t.Errorf("student text above debug: %s", l)
		}
	}
}

func TestRequestAndWorkflowIDsTravelTogether(t *testing.T) {
	log, buf := testLogger(slog.LevelInfo)
	const id = "5c0e4f52-8f1e-4f4b-9d39-0a1b2c3d4e5f"

	log.With("request_id", id).Info("request started")                                                                      // our own line: gains workflow_id
	log.Info("start failed", "request_id", id)                                                                              // id on the record
	tlog.With(tlog.NewStructuredLogger(log), "WorkflowID", "content-"+id).Warn("Activity error.", "ActivityType", "Render") // the SDK's line: gains both
	log.Info("other", "WorkflowID", "loadtest-baseline-1")                                                                  // not a request's workflow
	log.Info("both", "request_id", id, "workflow_id", "content-"+id)
	log.Info("unrelated")

	got := lines(t, buf)
	for i := range 3 {
		if got[i]["request_id"] != id || got[i]["workflow_id"] != "content-"+id {
			t.Errorf("line %d lacks an id: %v", i, got[i])
		}
	}
	if got[3]["workflow_id"] != "loadtest-baseline-1" || got[3]["request_id"] != nil {
		t.Errorf("a workflow that is no request's: %v", got[3])
	}
	if n := strings.Count(strings.Split(buf.String(), "\n")[4], "workflow_id"); n != 1 {
		t.Errorf("workflow_id written %d times on a line that had it", n)
	}
	if got[5]["request_id"] != nil || got[5]["workflow_id"] != nil {
		t.Errorf("a line about no request got ids: %v", got[5])
	}
}
