package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// open returns a store on a fresh database, and its URL for raw SQL.
func open(t *testing.T) (*postgres.DB, string) {
	t.Helper()
	dbURL := pgtest.NewDatabase(t)
	db, err := postgres.Open(t.Context(), dbURL)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(db.Close)
	return db, dbURL
}

// connect opens a plain connection, for checks the store's API does not offer.
func connect(t *testing.T, dbURL string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dbURL)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// count runs a SELECT count(*) query.
func count(t *testing.T, conn *pgx.Conn, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(t.Context(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// newRequest returns a valid request with fresh ids.
func newRequest() vividly.Request {
	return vividly.Request{
		ID:             uuid.NewString(),
		StudentID:      uuid.NewString(),
		OrganizationID: uuid.NewString(),
		Question:       "Why is the sky blue?",
		Grade:          7,
		Interest:       "skateboarding",
		Modality:       vividly.ModalityVideo,
		TargetDuration: 3 * time.Minute,
		CorrelationID:  "corr-1",
	}
}

// create stores a new request and returns it.
func create(t *testing.T, db *postgres.DB) vividly.Request {
	t.Helper()
	r := newRequest()
	if err := db.CreateRequest(t.Context(), r); err != nil {
		t.Fatalf("CreateRequest: %v", err)
	}
	return r
}

// get returns the stored record of id.
func get(t *testing.T, db *postgres.DB, id string) vividly.RequestRecord {
	t.Helper()
	rec, err := db.GetRequest(t.Context(), id)
	if err != nil {
		t.Fatalf("GetRequest: %v", err)
	}
	return rec
}

// history returns the stored history of id.
func history(t *testing.T, db *postgres.DB, id string) []vividly.StatusChange {
	t.Helper()
	h, err := db.History(t.Context(), id)
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	return h
}

// record applies u, failing the test on error.
func record(t *testing.T, db *postgres.DB, u vividly.StatusUpdate) {
	t.Helper()
	if err := db.RecordStatus(t.Context(), u); err != nil {
		t.Fatalf("RecordStatus(seq %d, %s): %v", u.Seq, u.Status, err)
	}
}
