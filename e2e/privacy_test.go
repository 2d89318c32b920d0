package e2e

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// studentWords are in the question, the interest and the answer of the
// lessons below, and nowhere in Vividly's own text.
var studentWords = []string{"xylophone", "grandmother", "quokka"}

// lessonWithStudentText makes a lesson whose question, interest and
// clarification answer carry studentWords, and returns its request id.
func lessonWithStudentText(t *testing.T, s *system) string {
	t.Helper()
	id := decode(t, s.vividly("submit", "help me with my homework, my grandmother says it is hard",
		"--grade", "6", "--interest", "xylophone music", "--modality", "text", "--json")).RequestID
	s.waitFor(id, time.Minute, func(v view) bool { return v.Status == vividly.StatusClarificationNeeded })
	s.vividly("clarify", id, "volcanoes, like the one near the quokka island")
	v := s.waitFor(id, 2*time.Minute, func(v view) bool { return v.Status.Terminal() })
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("lesson ended %s (%s)", v.Status, v.Error)
	}
	return id
}

// TestHistoryHoldsNoStudentText: what Temporal keeps of a lesson — inputs,
// results, the clarification signal, activity inputs and results — is
// ciphertext; with the codec server, an operator's CLI reads it decoded.
func TestHistoryHoldsNoStudentText(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	id := lessonWithStudentText(t, s)
	show := func(args ...string) string {
		out, err := exec.Command(temporalBin, append([]string{"workflow", "show", "--address", s.temporal,
			"--workflow-id", workflows.WorkflowID(id)}, args...)...).Output()
		if err != nil {
			t.Fatalf("workflow show %v: %v", args, err)
		}
		return string(out)
	}
	// As an operator reads it, and as JSON with every base64 value decoded:
	// payload data and metadata are base64 there.
	raw := show() + historyText(t, show("--output", "json"))
	for _, w := range studentWords {
		if strings.Contains(strings.ToLower(raw), w) {
			t.Errorf("the history holds the student's %q", w)
		}
	}
	if !strings.Contains(raw, "binary/encrypted") {
		t.Error("the history holds no encrypted payload")
	}
	decoded := historyText(t, show("--output", "json", "--codec-endpoint", codecAt))
	for _, w := range studentWords {
		if !strings.Contains(strings.ToLower(decoded), w) {
			t.Errorf("decoded through the codec server, the history does not show %q", w)
		}
	}
}

// historyText is every string of a JSON history, and each one's base64
// decoding where it has one.
func historyText(t *testing.T, js string) string {
	t.Helper()
	var doc any
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("history is not JSON: %v", err)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				b.WriteString(k + "\n")
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			b.WriteString(v + "\n")
			if d, err := base64.StdEncoding.DecodeString(v); err == nil {
				b.Write(d)
				b.WriteString("\n")
			}
		}
	}
	walk(doc)
	return b.String()
}

// TestForgetStudent: a school asks for a student's data to be deleted;
// `vividly forget --student` leaves nothing of them in PostgreSQL, the
// lesson store or Temporal (history and visibility), keeps another
// student's lessons, and finds nothing the second time.
func TestForgetStudent(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	const student, other = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"
	var mine []string
	for _, q := range []string{"What are fractions?", "Why do we have seasons?"} {
		v := decode(t, s.vividly("submit", q, "--student-id", student, "--modality", "text", "--wait", "--json"))
		if v.Status != vividly.StatusCompleted {
			t.Fatalf("lesson ended %s", v.Status)
		}
		mine = append(mine, v.RequestID)
	}
	theirs := decode(t, s.vividly("submit", "What is photosynthesis?", "--student-id", other, "--modality", "text", "--wait", "--json"))

	out := string(s.vividly("forget", "--student", student))
	if !strings.Contains(out, "forgot 2 request(s)") {
		t.Errorf("forget printed:\n%s", out)
	}
	for _, id := range mine {
		if v := s.tryStatus(id); v != nil {
			t.Errorf("request %s is still in PostgreSQL: %+v", id, v)
		}
		if files := findFiles(t, filepath.Join(s.dataDir, "lessons", "content", id), ""); len(files) > 0 {
			t.Errorf("request %s's files are still stored: %v", id, files)
		}
		// The server deletes asynchronously, through its task queues: within
		// seconds when idle, a minute or more on a busy machine.
		deadline := time.Now().Add(2 * time.Minute)
		for {
			visible := runsOn(t, s.temporal, id) > 0
			described := exec.Command(temporalBin, "workflow", "describe", "--address", s.temporal,
				"--workflow-id", workflows.WorkflowID(id)).Run() == nil
			if !visible && !described {
				t.Logf("request %s: gone from Temporal %s after forget", id, time.Since(deadline.Add(-2*time.Minute)).Round(100*time.Millisecond))
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("request %s's workflow is still in Temporal (visible %v, described %v); forget printed:\n%s", id, visible, described, out)
				break
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	if v := s.status(theirs.RequestID); v.Status != vividly.StatusCompleted || v.Result == nil {
		t.Errorf("the other student's lesson: %+v", v)
	} else if _, err := os.Stat(v.Result.Script); err != nil {
		t.Errorf("the other student's stored script went too: %v", err)
	}
	if again := string(s.vividly("forget", "--student", student)); !strings.Contains(again, "forgot 0 request(s)") {
		t.Errorf("forget a second time printed:\n%s", again)
	}
	s.vividlyExit(1, "forget", "--student", "not-a-uuid")
}

// TestRetentionForgetsOldLessons: with a retention period, workers keep a
// daily Temporal Schedule; when it fires, lessons older than the period are
// forgotten and newer ones kept.
func TestRetentionForgetsOldLessons(t *testing.T) {
	s := newSystem(t)
	s.startWorkerWith("VIVIDLY_RETENTION_DAYS=30")
	var ids []string
	for _, q := range []string{"What are fractions?", "Why do we have seasons?"} {
		v := decode(t, s.vividly("submit", q, "--modality", "text", "--wait", "--json"))
		if v.Status != vividly.StatusCompleted {
			t.Fatalf("lesson ended %s", v.Status)
		}
		ids = append(ids, v.RequestID)
	}
	old, recent := ids[0], ids[1]
	conn, err := pgx.Connect(t.Context(), s.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(t.Context())
	if _, err := conn.Exec(t.Context(), `UPDATE requests SET created_at = now() - interval '40 days' WHERE id = $1`, old); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(temporalBin, "schedule", "trigger", "--address", s.temporal,
		"--schedule-id", workflows.RetentionScheduleID).CombinedOutput(); err != nil {
		t.Fatalf("the retention schedule cannot be triggered (does it exist?): %v\n%s", err, out)
	}
	deadline := time.Now().Add(time.Minute)
	for s.tryStatus(old) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("the 40-day-old lesson %s is still there a minute after retention ran", old)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if v := s.tryStatus(recent); v == nil || v.Status != vividly.StatusCompleted {
		t.Errorf("the recent lesson went too: %+v", v)
	}
	if files := findFiles(t, filepath.Join(s.dataDir, "lessons", "content", old), ""); len(files) > 0 {
		t.Errorf("the old lesson's files are still stored: %v", files)
	}
	// A worker without a retention period removes the schedule.
	s.startWorker()
	deadline = time.Now().Add(30 * time.Second)
	for exec.Command(temporalBin, "schedule", "describe", "--address", s.temporal,
		"--schedule-id", workflows.RetentionScheduleID).Run() == nil {
		if time.Now().After(deadline) {
			t.Fatal("the retention schedule outlived a worker started without retention")
		}
		time.Sleep(500 * time.Millisecond)
	}
}
