package postgres_test

import (
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vividly-edu/vividly"
)

func TestRecordStatusRetriedWritesHistoryOnce(t *testing.T) {
	t.Parallel()
	db, dbURL := open(t)
	r := create(t, db)
	u := vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: vividly.StatusValidating, Stage: vividly.StatusValidating}}
	for range 3 {
		record(t, db, u)
	}
	conn := connect(t, dbURL)
	if n := count(t, conn, `SELECT count(*) FROM request_status_history WHERE seq = 1`); n != 1 {
		t.Errorf("history has %d rows for seq 1, want 1", n)
	}
	if h := history(t, db, r.ID); len(h) != 2 {
		t.Errorf("history = %+v, want creation and one update", h)
	}
	rec := get(t, db, r.ID)
	if rec.Status != vividly.StatusValidating || rec.Progress != vividly.StatusValidating.Progress() {
		t.Errorf("status %s progress %d, want validating %d", rec.Status, rec.Progress, vividly.StatusValidating.Progress())
	}
}

func TestRecordStatusStaleDoesNotRegress(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	record(t, db, vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: vividly.StatusValidating}})
	record(t, db, vividly.StatusUpdate{Seq: 3, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: vividly.StatusRetrieving, Stage: vividly.StatusRetrieving}})
	before := get(t, db, r.ID)

	// Seq 2 arrives late, twice.
	stale := vividly.StatusUpdate{Seq: 2, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: vividly.StatusUnderstanding, Error: "late"}}
	record(t, db, stale)
	record(t, db, stale)

	after := get(t, db, r.ID)
	if after.Status != vividly.StatusRetrieving || after.Progress != before.Progress || after.Error != "" || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("stale write moved the request: %s/%d/%q", after.Status, after.Progress, after.Error)
	}
	var got []vividly.Status
	for _, c := range history(t, db, r.ID) {
		got = append(got, c.Status)
	}
	want := []vividly.Status{vividly.StatusPending, vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history = %v, want %v (by seq, the stale entry once)", got, want)
	}
}

func TestRecordStatusRoundTrip(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	questions := []string{"Do you mean the colour of the sky by day?", "Or at sunset?"}
	result := &vividly.Result{
		Title: "Why the sky is blue", Topic: "Rayleigh scattering", Subject: "science",
		Script: "/lessons/s.md", Video: "/lessons/v.mp4", Captions: "/lessons/c.vtt",
		DurationS: 123.5, Degraded: true, FallbackStages: []vividly.Status{"narrate"},
		Message: "Your lesson is ready.",
	}
	steps := []struct {
		update vividly.StatusUpdate
		want   func(vividly.RequestRecord) bool
	}{
		{vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{Status: vividly.StatusClarificationNeeded, Stage: vividly.StatusUnderstanding, ClarifyingQuestions: questions}},
			func(rec vividly.RequestRecord) bool { return reflect.DeepEqual(rec.ClarifyingQuestions, questions) }},
		{vividly.StatusUpdate{Seq: 2, Snapshot: vividly.Snapshot{Status: vividly.StatusGeneratingAudio, Stage: vividly.StatusGeneratingAudio, Degraded: true}},
			func(rec vividly.RequestRecord) bool {
				// Answered questions are gone; degraded is set.
				return rec.Degraded && len(rec.ClarifyingQuestions) == 0
			}},
		{vividly.StatusUpdate{Seq: 3, Snapshot: vividly.Snapshot{Status: vividly.StatusFailed, Stage: vividly.StatusGeneratingVideo, Error: "render timed out"}},
			func(rec vividly.RequestRecord) bool {
				// A later update without Degraded does not clear it.
				return rec.Error == "render timed out" && rec.Stage == vividly.StatusGeneratingVideo && rec.Degraded
			}},
		{vividly.StatusUpdate{Seq: 4, Snapshot: vividly.Snapshot{Status: vividly.StatusCompleted, Stage: vividly.StatusNotifying, Result: result}},
			func(rec vividly.RequestRecord) bool {
				return reflect.DeepEqual(rec.Result, result) && rec.Error == "" && rec.Progress == 100
			}},
	}
	for _, s := range steps {
		s.update.RequestID = r.ID
		record(t, db, s.update)
		rec := get(t, db, r.ID)
		if rec.Status != s.update.Status || rec.Progress != s.update.Status.Progress() || !s.want(rec) {
			t.Errorf("after seq %d: record = %+v (result %+v)", s.update.Seq, rec, rec.Result)
		}
	}
	h := history(t, db, r.ID)
	if last := h[len(h)-1]; last.Seq != 4 || last.Status != vividly.StatusCompleted || last.Stage != vividly.StatusNotifying || last.At.IsZero() {
		t.Errorf("last history entry = %+v", last)
	}
}

// TestEveryStatusIsStorable keeps the schema's status list in step with
// vividly.AllStatuses.
func TestEveryStatusIsStorable(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	for i, s := range vividly.AllStatuses {
		record(t, db, vividly.StatusUpdate{Seq: i + 1, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: s, Stage: s}})
		if rec := get(t, db, r.ID); rec.Status != s || rec.Stage != s || rec.Progress != s.Progress() {
			t.Errorf("stored %s/%s/%d, want %s/%s/%d", rec.Status, rec.Stage, rec.Progress, s, s, s.Progress())
		}
	}
}

func TestRecordStatusRejectsInvalidUpdates(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	tests := []struct {
		name string
		u    vividly.StatusUpdate
	}{
		{"unknown status", vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{Status: "bogus"}}},
		{"empty status", vividly.StatusUpdate{Seq: 1}},
		{"unknown stage", vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{Status: vividly.StatusFailed, Stage: "bogus"}}},
		{"seq 0", vividly.StatusUpdate{Seq: 0, Snapshot: vividly.Snapshot{Status: vividly.StatusValidating}}},
		{"negative seq", vividly.StatusUpdate{Seq: -1, Snapshot: vividly.Snapshot{Status: vividly.StatusValidating}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.u.RequestID = r.ID
			if err := db.RecordStatus(t.Context(), tt.u); err == nil {
				t.Error("RecordStatus accepted it")
			}
		})
	}
	if rec := get(t, db, r.ID); rec.Status != vividly.StatusPending {
		t.Errorf("rejected updates moved the request to %s", rec.Status)
	}
	if h := history(t, db, r.ID); len(h) != 1 {
		t.Errorf("rejected updates left history %+v", h)
	}
}

// TestSchemaConstraints checks the database itself refuses bad rows, whatever
// code writes them.
func TestSchemaConstraints(t *testing.T) {
	t.Parallel()
	db, dbURL := open(t)
	r := create(t, db)
	conn := connect(t, dbURL)
	tests := []struct {
		name string
		sql  string
		code string
	}{
		{"invalid request status", `UPDATE requests SET status = 'bogus' WHERE id = $1`, "23514"},
		{"invalid history status", `INSERT INTO request_status_history (request_id, seq, status, progress) VALUES ($1, 9, 'bogus', 0)`, "23514"},
		{"invalid notification status", `INSERT INTO notifications (request_id, status, student_id, message) VALUES ($1, 'bogus', $1, '')`, "23514"},
		{"grade above 12", `UPDATE requests SET grade_level = 13 WHERE id = $1`, "23514"},
		{"unknown modality", `UPDATE requests SET modality = 'audio' WHERE id = $1`, "23514"},
		{"history is append-only", `UPDATE request_status_history SET status = 'failed' WHERE request_id = $1`, "23001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := conn.Exec(t.Context(), tt.sql, r.ID)
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.Code != tt.code {
				t.Errorf("err = %v, want SQLSTATE %s", err, tt.code)
			}
		})
	}
}

func TestRecordStatusConcurrentWritesEndAtNewest(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	const updates = 10
	var wg sync.WaitGroup
	// Every update is sent twice, all at once and in no order.
	for i := range 2 * updates {
		wg.Go(func() {
			seq := updates - i%updates
			u := vividly.StatusUpdate{Seq: seq, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: vividly.AllStatuses[seq]}}
			if err := db.RecordStatus(t.Context(), u); err != nil {
				t.Errorf("RecordStatus(seq %d): %v", seq, err)
			}
		})
	}
	wg.Wait()
	if rec := get(t, db, r.ID); rec.Status != vividly.AllStatuses[updates] {
		t.Errorf("status = %s, want %s (the newest)", rec.Status, vividly.AllStatuses[updates])
	}
	if h := history(t, db, r.ID); len(h) != updates+1 {
		t.Errorf("history has %d entries, want %d", len(h), updates+1)
	}
}

// Updates recorded together leave the request and its history as they would
// one after another: a stale one kept in the history only, the latest result
// kept when a later status carries none, degraded once set.
func TestRecordStatusesMatchesOneByOne(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx := t.Context()
	seq := func(id string) []vividly.StatusUpdate {
		at := func(n int, s vividly.Status, f func(*vividly.Snapshot)) vividly.StatusUpdate {
			u := vividly.StatusUpdate{Seq: n, Snapshot: vividly.Snapshot{RequestID: id, Status: s, Stage: s}}
			if f != nil {
				f(&u.Snapshot)
			}
			return u
		}
		return []vividly.StatusUpdate{
			at(1, vividly.StatusValidating, nil),
			at(3, vividly.StatusClarificationNeeded, func(s *vividly.Snapshot) { s.ClarifyingQuestions = []string{"Which topic?"} }),
			at(2, vividly.StatusUnderstanding, func(s *vividly.Snapshot) { s.Error = "late" }), // stale
			at(4, vividly.StatusGeneratingScript, func(s *vividly.Snapshot) { s.Degraded = true }),
			at(5, vividly.StatusNotifying, func(s *vividly.Snapshot) { s.Result = &vividly.Result{Title: "Fractions"} }),
			at(6, vividly.StatusCompleted, func(s *vividly.Snapshot) { s.Stage = vividly.StatusNotifying }),
		}
	}
	one, all := newRequest(), newRequest()
	for _, r := range []vividly.Request{one, all} {
		if err := db.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range seq(one.ID) {
		if err := db.RecordStatus(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RecordStatuses(ctx, seq(all.ID)); err != nil {
		t.Fatal(err)
	}
	// Again, as a retried write: nothing changes.
	if err := db.RecordStatuses(ctx, seq(all.ID)); err != nil {
		t.Fatal(err)
	}
	a, err := db.GetRequest(ctx, one.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.GetRequest(ctx, all.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != b.Status || a.Stage != b.Stage || a.Progress != b.Progress || a.Degraded != b.Degraded ||
		a.Error != b.Error || len(a.ClarifyingQuestions) != len(b.ClarifyingQuestions) ||
		a.Result == nil || b.Result == nil || a.Result.Title != b.Result.Title {
		t.Errorf("one by one: %+v\ntogether:   %+v", a.Snapshot, b.Snapshot)
	}
	if b.Status != vividly.StatusCompleted || !b.Degraded || b.Result == nil || b.Result.Title != "Fractions" {
		t.Errorf("together: %+v, want completed, degraded, with the result", b.Snapshot)
	}
	ha, _ := db.History(ctx, one.ID)
	hb, _ := db.History(ctx, all.ID)
	if len(ha) != len(hb) || len(hb) != 7 {
		t.Fatalf("histories of %d and %d entries, want 7 each", len(ha), len(hb))
	}
	for i := range ha {
		if ha[i].Seq != hb[i].Seq || ha[i].Status != hb[i].Status {
			t.Errorf("history %d: %+v and %+v", i, ha[i], hb[i])
		}
	}
	if err := db.RecordStatuses(ctx, []vividly.StatusUpdate{{Seq: 1, Snapshot: vividly.Snapshot{RequestID: newRequest().ID, Status: vividly.StatusValidating}}}); !errors.Is(err, vividly.ErrNotFound) {
		t.Errorf("statuses of an unknown request: %v, want ErrNotFound", err)
	}
}
