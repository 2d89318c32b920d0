package postgres_test

import (
	"errors"
	"testing"

	"github.com/vividly-edu/vividly"
)

// TestSyncRunStoresARunAtOnce: one sync stores the request, the run's
// statuses after the request's creation and the student's notification; a
// retry changes nothing; a second run's statuses follow the first run's; and
// a sync with a part that cannot be stored stores none of it.
func TestSyncRunStoresARunAtOnce(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db, dbURL := open(t)
	conn := connect(t, dbURL)
	r := newRequest()
	update := func(seq int, s vividly.Status) vividly.StatusUpdate {
		return vividly.StatusUpdate{Seq: seq, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: s, Stage: s}}
	}
	done := update(3, vividly.StatusCompleted)
	done.Stage = vividly.StatusNotifying
	done.Result = &vividly.Result{Title: "Why the sky is blue", Message: "Your lesson is ready."}
	first := []vividly.StatusUpdate{update(1, vividly.StatusValidating), update(2, vividly.StatusNotifying), done}
	note := &vividly.Notification{RequestID: r.ID, StudentID: r.StudentID, Status: vividly.StatusCompleted, Message: "Your lesson is ready."}
	for range 2 { // a retried sync
		if err := db.SyncRun(ctx, r, "run-1", first, note); err != nil {
			t.Fatalf("SyncRun: %v", err)
		}
	}
	rec := get(t, db, r.ID)
	if rec.Status != vividly.StatusCompleted || rec.Result == nil || rec.Result.Title != "Why the sky is blue" {
		t.Errorf("request = %s, %+v; want completed with its result", rec.Status, rec.Result)
	}
	h, err := db.History(ctx, r.ID)
	if err != nil || len(h) != 4 || h[0].Status != vividly.StatusPending || h[3].Seq != 3 {
		t.Errorf("history = %+v (%v), want pending and the run's three", h, err)
	}
	if ns, err := db.Notifications(ctx, r.ID); err != nil || len(ns) != 1 {
		t.Errorf("notifications = %+v (%v), want one", ns, err)
	}
	// The first sync of a new request notes its run from the start of the
	// history, as BeginRun would.
	if n := count(t, conn, `SELECT count(*) FROM requests WHERE id = $1 AND run_id = 'run-1' AND run_base = 0 AND last_seq = 3`, r.ID); n != 1 {
		t.Error("the request's row does not name run-1 from seq 0 with its last update")
	}

	// A run after it (the first failed) numbers its statuses after it.
	if err := db.SyncRun(ctx, r, "run-2", []vividly.StatusUpdate{update(1, vividly.StatusValidating)}, nil); err != nil {
		t.Fatal(err)
	}
	if h, _ := db.History(ctx, r.ID); len(h) != 5 || h[4].Seq != 4 {
		t.Errorf("history after a second run = %+v, want its status at seq 4", h)
	}

	// A sync with a notification that cannot be stored (its student id is
	// not one) stores nothing else either.
	other := newRequest()
	bad := &vividly.Notification{RequestID: other.ID, StudentID: "not-a-student", Status: vividly.StatusCompleted}
	if err := db.SyncRun(ctx, other, "run-1", nil, bad); err == nil {
		t.Error("a sync with a bad notification was stored")
	}
	if n := count(t, conn, `SELECT count(*) FROM requests WHERE id = $1`, other.ID); n != 0 {
		t.Errorf("a failed sync stored the request (%d rows)", n)
	}

	// An invalid request is refused, with the field named.
	invalid := newRequest()
	invalid.Grade = 42
	var verr *vividly.ValidationError
	if err := db.SyncRun(ctx, invalid, "run-1", nil, nil); !errors.As(err, &verr) {
		t.Errorf("invalid request: %v, want a validation error", err)
	}
	if n := count(t, conn, `SELECT count(*) FROM requests WHERE id = $1`, invalid.ID); n != 0 {
		t.Error("an invalid request was stored")
	}
}
