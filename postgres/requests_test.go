package postgres_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vividly-edu/vividly"
)

func TestCreateRequestTwiceKeepsOneRow(t *testing.T) {
	t.Parallel()
	db, dbURL := open(t)
	r := create(t, db)
	again := r
	again.Question = "Something else entirely"
	if err := db.CreateRequest(t.Context(), again); err != nil {
		t.Fatalf("second CreateRequest: %v", err)
	}
	conn := connect(t, dbURL)
	if n := count(t, conn, `SELECT count(*) FROM requests`); n != 1 {
		t.Errorf("requests has %d rows, want 1", n)
	}
	if n := count(t, conn, `SELECT count(*) FROM request_status_history`); n != 1 {
		t.Errorf("history has %d rows, want 1", n)
	}
	if got := get(t, db, r.ID).Question; got != r.Question {
		t.Errorf("second create changed the question to %q", got)
	}
}

func TestCreateRequestRoundTrip(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	tests := []struct {
		name   string
		change func(*vividly.Request)
	}{
		{"all fields", func(*vividly.Request) {}},
		{"optional fields empty", func(r *vividly.Request) {
			r.OrganizationID, r.Interest, r.CorrelationID = "", "", ""
			r.Modality, r.Grade = vividly.ModalityText, 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRequest()
			tt.change(&r)
			start := time.Now()
			if err := db.CreateRequest(t.Context(), r); err != nil {
				t.Fatalf("CreateRequest: %v", err)
			}
			rec := get(t, db, r.ID)
			if rec.Request != r {
				t.Errorf("request = %+v, want %+v", rec.Request, r)
			}
			if rec.Status != vividly.StatusPending || rec.Stage != vividly.StatusPending || rec.Progress != 0 {
				t.Errorf("status/stage/progress = %s/%s/%d, want pending/pending/0", rec.Status, rec.Stage, rec.Progress)
			}
			if rec.ClarifyingQuestions == nil || len(rec.ClarifyingQuestions) != 0 {
				t.Errorf("clarifying questions = %#v, want empty", rec.ClarifyingQuestions)
			}
			if rec.Result != nil || rec.Error != "" || rec.Degraded {
				t.Errorf("new request has result %v, error %q, degraded %v", rec.Result, rec.Error, rec.Degraded)
			}
			if rec.CreatedAt.Before(start.Add(-time.Minute)) || rec.UpdatedAt.Before(rec.CreatedAt) {
				t.Errorf("created %v, updated %v", rec.CreatedAt, rec.UpdatedAt)
			}
			h := history(t, db, r.ID)
			if len(h) != 1 || h[0].Seq != 0 || h[0].Status != vividly.StatusPending {
				t.Errorf("history = %+v, want one pending entry with seq 0", h)
			}
		})
	}
}

func TestCreateRequestRejectsInvalidWithoutEchoingIt(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := newRequest()
	r.Question = "my secret question " + strings.Repeat("x", vividly.MaxQuestionRunes)
	err := db.CreateRequest(t.Context(), r)
	var verr *vividly.ValidationError
	if !errors.As(err, &verr) || verr.Field != "question" {
		t.Fatalf("err = %v, want a ValidationError on question", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error echoes the student's question: %v", err)
	}
}

func TestUnknownRequestIsNotFound(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	for _, id := range []string{uuid.NewString(), "not-a-uuid", ""} {
		ops := map[string]error{}
		_, ops["GetRequest"] = db.GetRequest(t.Context(), id)
		_, ops["History"] = db.History(t.Context(), id)
		ops["RecordStatus"] = db.RecordStatus(t.Context(), vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{RequestID: id, Status: vividly.StatusValidating}})
		ops["Notify"] = db.Notify(t.Context(), vividly.Notification{RequestID: id, StudentID: uuid.NewString(), Status: vividly.StatusCompleted})
		for op, err := range ops {
			if !errors.Is(err, vividly.ErrNotFound) {
				t.Errorf("%s(%q): err = %v, want ErrNotFound", op, id, err)
			}
		}
	}
}

// TestBeginRunContinuesAnotherRunsHistory: a request's first run numbers its
// history from the start; a new run after another continues it; asking again
// for the same run gives the same base.
func TestBeginRunContinuesAnotherRunsHistory(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db, _ := open(t)
	r := create(t, db)

	begin := func(run string, want int, why string) {
		t.Helper()
		after, err := db.BeginRun(ctx, r.ID, run)
		if err != nil || after != want {
			t.Fatalf("BeginRun(%s) = %d, %v; want %d: %s", run, after, err, want, why)
		}
	}
	begin("run-1", 0, "the first run continues nothing")
	for seq, s := range []vividly.Status{vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusFailed} {
		record(t, db, vividly.StatusUpdate{Seq: seq + 1, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: s, Stage: vividly.StatusUnderstanding, Error: errorFor(s)}})
	}
	begin("run-1", 0, "the same run again keeps its base")
	begin("run-2", 3, "a new run follows the earlier run's last update")
	begin("run-2", 3, "and keeps that base when asked again")
	record(t, db, vividly.StatusUpdate{Seq: 4, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: vividly.StatusValidating, Stage: vividly.StatusValidating}})
	if rec := get(t, db, r.ID); rec.Status != vividly.StatusValidating || rec.Error != "" {
		t.Errorf("after the new run's first update: %s (%q), want validating with no error", rec.Status, rec.Error)
	}
	if _, err := db.BeginRun(ctx, uuid.NewString(), "run-1"); !errors.Is(err, vividly.ErrNotFound) {
		t.Errorf("BeginRun of an unknown request: %v, want ErrNotFound", err)
	}
}

// errorFor is the error a status update must carry: failed needs one.
func errorFor(s vividly.Status) string {
	if s == vividly.StatusFailed {
		return "understanding could not be finished"
	}
	return ""
}

// A student's requests are found by student, and deleting one leaves no
// row of it (status history and notifications go with it) and nothing of
// another student's.
func TestDeleteRequestLeavesNothingOfIt(t *testing.T) {
	t.Parallel()
	db, dbURL := open(t)
	mine, theirs := create(t, db), newRequest()
	theirs.ID, theirs.StudentID = "7e1f0c2a-3b4d-4e5f-8a6b-7c8d9e0f1a2b", "9c2e1d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f"
	if err := db.CreateRequest(t.Context(), theirs); err != nil {
		t.Fatal(err)
	}
	if err := db.Notify(t.Context(), vividly.Notification{RequestID: mine.ID, StudentID: mine.StudentID, Status: vividly.StatusCompleted, Message: "ready"}); err != nil {
		t.Fatal(err)
	}
	ids, err := db.RequestsOf(t.Context(), mine.StudentID)
	if err != nil || len(ids) != 1 || ids[0] != mine.ID {
		t.Fatalf("RequestsOf = %v, %v; want [%s]", ids, err, mine.ID)
	}
	for i, want := range []bool{true, false} { // the second time there is nothing to delete
		if deleted, err := db.DeleteRequest(t.Context(), mine.ID); err != nil || deleted != want {
			t.Fatalf("DeleteRequest #%d = %v, %v; want %v", i+1, deleted, err, want)
		}
	}
	conn := connect(t, dbURL)
	for table, column := range map[string]string{"requests": "id", "request_status_history": "request_id", "notifications": "request_id"} {
		if n := count(t, conn, `SELECT count(*) FROM `+table+` WHERE `+column+` = '`+mine.ID+`'`); n != 0 {
			t.Errorf("%s keeps %d rows of the deleted request", table, n)
		}
	}
	if ids, _ := db.RequestsOf(t.Context(), theirs.StudentID); len(ids) != 1 {
		t.Errorf("another student's requests: %v, want theirs kept", ids)
	}
}
