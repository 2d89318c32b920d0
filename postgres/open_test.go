package postgres_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressly/goose/v3/lock"

	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// migrations is the number of files in migrations/; goose also records a row
// for version 0.
var migrations = func() int {
	files, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		panic(fmt.Sprintf("no migrations found: %v", err))
	}
	return len(files)
}()

func TestOpenMigratesAndReopenIsNoOp(t *testing.T) {
	t.Parallel()
	db, dbURL := open(t)
	conn := connect(t, dbURL)

	for _, table := range []string{"requests", "request_status_history", "notifications", "knowledge_sections", "lesson_cache"} {
		if n := count(t, conn, `SELECT count(*) FROM information_schema.tables WHERE table_name = $1`, table); n != 1 {
			t.Errorf("table %s: found %d, want 1", table, n)
		}
	}
	const versions = `SELECT count(*) FROM goose_db_version`
	before := count(t, conn, versions)
	if before != migrations+1 {
		t.Errorf("goose_db_version has %d rows, want %d", before, migrations+1)
	}
	db.Close()

	again, err := postgres.Open(t.Context(), dbURL)
	if err != nil {
		t.Fatalf("re-Open: %v", err)
	}
	defer again.Close()
	if after := count(t, conn, versions); after != before {
		t.Errorf("re-Open changed goose_db_version from %d to %d rows", before, after)
	}
	if err := again.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestOpenConcurrently(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		dbURL func(testing.TB) string
	}{
		{"empty database", pgtest.NewDatabase},
		{"missing database", pgtest.UnusedDatabase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dbURL := tt.dbURL(t)
			const processes = 4
			var (
				wg   sync.WaitGroup
				errs = make([]error, processes)
				dbs  = make([]*postgres.DB, processes)
			)
			for i := range processes {
				wg.Go(func() { dbs[i], errs[i] = postgres.Open(t.Context(), dbURL) })
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("Open #%d: %v", i, err)
					continue
				}
				dbs[i].Close()
			}
			conn := connect(t, dbURL)
			if n := count(t, conn, `SELECT count(*) FROM goose_db_version`); n != migrations+1 {
				t.Errorf("goose_db_version has %d rows, want %d", n, migrations+1)
			}
		})
	}
}

func TestOpenCreatesMissingDatabase(t *testing.T) {
	t.Parallel()
	dbURL := pgtest.UnusedDatabase(t)
	db, err := postgres.Open(t.Context(), dbURL)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	create(t, db)
}

func TestOpenBadURL(t *testing.T) {
	t.Parallel()
	if _, err := postgres.Open(t.Context(), "postgres://postgres:secret@127.0.0.1:1/x?sslmode=disable&connect_timeout=5"); err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	} else if strings.Contains(err.Error(), "secret") {
		t.Errorf("error reveals the password: %v", err)
	}
}

// TestOpenWaitsForTheMigrationLockOnlyToMigrate: a process that opens a
// database whose schema is current (every CLI command) starts at once,
// even while another process holds the migration lock, and what it opens
// works; one that finds the schema missing waits for the lock.
func TestOpenWaitsForTheMigrationLockOnlyToMigrate(t *testing.T) {
	db, dbURL := open(t) // created and migrated
	db.Close()
	conn := connect(t, dbURL)
	if _, err := conn.Exec(t.Context(), `SELECT pg_advisory_lock($1)`, lock.DefaultLockID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	again, err := postgres.Open(ctx, dbURL)
	if err != nil {
		t.Fatalf("Open while another process holds the migration lock: %v", err)
	}
	defer again.Close()
	r := newRequest()
	if err := again.CreateRequest(ctx, r); err != nil {
		t.Fatalf("CreateRequest: %v", err)
	}

	// A database not yet migrated still waits for the lock (an advisory
	// lock is a database's own): the schema is made by one process at a
	// time.
	fresh := pgtest.NewDatabase(t)
	if _, err := connect(t, fresh).Exec(t.Context(), `SELECT pg_advisory_lock($1)`, lock.DefaultLockID); err != nil {
		t.Fatal(err)
	}
	short, cancelShort := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancelShort()
	if early, err := postgres.Open(short, fresh); err == nil {
		early.Close()
		t.Error("a database not yet migrated was opened while another process held the migration lock")
	}
}
